// What `-f PATH` can name besides a file: each refused thing is named for what it is, and the
// pipe that `-f <(…)` gives is read like standard input.
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstring>
#include <string>

#include "core/yaml/loader.hpp"
#include "core/yaml/scalar.hpp"
#include "tests/common/test_support.hpp"

using namespace detgw;

namespace {

std::string message_for(const std::string& path) {
  auto text = yaml::read_file(path, 1u << 20);
  BOOST_REQUIRE_MESSAGE(!text.ok(), path << " was read");
  BOOST_TEST((text.error().kind == ErrorKind::Input));
  BOOST_TEST(text.error().where.file == path);
  return text.error().message;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(yaml_read_file)

BOOST_AUTO_TEST_CASE(a_directory_is_named_not_measured) {
  test::TempDir dir;
  const auto message = message_for(dir.path().string());
  BOOST_TEST(message == "is a directory, not a file");
}

BOOST_AUTO_TEST_CASE(a_missing_file_says_so) {
  test::TempDir dir;
  BOOST_TEST(message_for((dir.path() / "nope.yaml").string()) ==
             "cannot read file: No such file or directory");
}

BOOST_AUTO_TEST_CASE(a_named_fifo_is_refused_without_blocking) {
  // No writer ever opens it: opening it for reading would wait forever.
  test::TempDir dir;
  const auto fifo = (dir.path() / "values.fifo").string();
  BOOST_REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const auto message = message_for(fifo);
  BOOST_TEST(message.find("is a named pipe (FIFO)") != std::string::npos, message);
  BOOST_TEST(message.find("-f - < " + fifo) != std::string::npos, message);
}

BOOST_AUTO_TEST_CASE(a_socket_is_named) {
  test::TempDir dir;
  const auto path = (dir.path() / "s.sock").string();
  const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  BOOST_REQUIRE(fd >= 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, path.c_str(), sizeof address.sun_path - 1);
  BOOST_REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  BOOST_TEST(message_for(path) == "is a socket, not a file");
  ::close(fd);
}

BOOST_AUTO_TEST_CASE(an_anonymous_pipe_through_dev_fd_is_read_like_stdin) {
  // What `-f <(printf …)` passes: /dev/fd/N, the read end of a pipe whose writer has written.
  int fds[2];
  BOOST_REQUIRE(::pipe(fds) == 0);
  const std::string content = "maxSlotsPerPod: 4\n";
  BOOST_REQUIRE(::write(fds[1], content.data(), content.size()) ==
                static_cast<ssize_t>(content.size()));
  ::close(fds[1]);
  const auto path = "/dev/fd/" + std::to_string(fds[0]);
  auto doc = yaml::load_file(path);
  ::close(fds[0]);
  BOOST_REQUIRE_MESSAGE(doc.ok(), (doc.ok() ? std::string() : doc.error().describe()));
  BOOST_TEST(doc->file == path);
  BOOST_TEST(doc->root->find("maxSlotsPerPod")->text == "4");
}

BOOST_AUTO_TEST_CASE(a_pipe_is_bounded_like_stdin) {
  int fds[2];
  BOOST_REQUIRE(::pipe(fds) == 0);
  const std::string content(100, '#');
  BOOST_REQUIRE(::write(fds[1], content.data(), content.size()) == 100);
  ::close(fds[1]);
  const auto path = "/proc/self/fd/" + std::to_string(fds[0]);
  auto text = yaml::read_file(path, 10);
  ::close(fds[0]);
  BOOST_REQUIRE(!text.ok());
  BOOST_TEST(text.error().message == "pipe is larger than the 10 bytes limit for an input file");
}

BOOST_AUTO_TEST_CASE(dev_null_is_empty_values_as_in_helm) {
  auto doc = yaml::load_file("/dev/null");
  BOOST_REQUIRE_MESSAGE(doc.ok(), (doc.ok() ? std::string() : doc.error().describe()));
  BOOST_TEST(doc->root->is_null());
}

BOOST_AUTO_TEST_CASE(a_regular_file_over_the_limit_gives_its_size) {
  test::TempDir dir;
  const auto path = dir.write("big.yaml", std::string(2u << 20, '#')).string();
  auto text = yaml::read_file(path, 1u << 20);
  BOOST_REQUIRE(!text.ok());
  BOOST_TEST(text.error().message ==
             "file is 2.0 MiB, larger than the 1.0 MiB limit for an input file");
}

BOOST_AUTO_TEST_SUITE_END()

// yaml.v2 integer resolution, with the same int64 bounds as --set's typing (core/support/go_int).
BOOST_AUTO_TEST_SUITE(yaml_int_resolution)

BOOST_AUTO_TEST_CASE(int64_bounds_and_go_prefixes) {
  const auto type_of = [](const std::string& text) {
    return yaml::resolve(*yaml::make_scalar(text, {})).type;
  };
  const auto int_of = [](const std::string& text) {
    return yaml::resolve(*yaml::make_scalar(text, {})).integer;
  };
  BOOST_TEST((type_of("9223372036854775807") == yaml::ScalarType::Int));
  BOOST_TEST(int_of("9223372036854775807") == INT64_MAX);
  BOOST_TEST((type_of("-9223372036854775808") == yaml::ScalarType::Int));
  BOOST_TEST(int_of("-9223372036854775808") == INT64_MIN);
  // Past int64 yaml.v2 tries a float.
  BOOST_TEST((type_of("9223372036854775808") == yaml::ScalarType::Float));
  BOOST_TEST((type_of("37000000000000000000") == yaml::ScalarType::Float));
  BOOST_TEST(int_of("+0x7fffffffffffffff") == INT64_MAX);
  BOOST_TEST(int_of("-0x8000000000000000") == INT64_MIN);
  BOOST_TEST((type_of("0x8000000000000000") != yaml::ScalarType::Int));
  BOOST_TEST(int_of("0b101") == 5);
  BOOST_TEST(int_of("0o17") == 15);
  BOOST_TEST(int_of("017") == 15);
  BOOST_TEST(int_of("1_000") == 1000);
  BOOST_TEST((type_of("0x-1") == yaml::ScalarType::String));
  BOOST_TEST((type_of("09") != yaml::ScalarType::Int));
}

// Most scalars are words, refused as numbers at their first character; underscores, which
// yaml.v2 removes first, may stand before the sign and the first digit.
BOOST_AUTO_TEST_CASE(underscores_signs_and_words) {
  const auto resolved = [](const std::string& text) {
    return yaml::resolve(*yaml::make_scalar(text, {}));
  };
  BOOST_TEST(resolved("_-_1").integer == -1);
  BOOST_TEST(resolved("+_1_0").integer == 10);
  BOOST_TEST((resolved("-").type == yaml::ScalarType::String));
  BOOST_TEST((resolved("_").type == yaml::ScalarType::String));
  BOOST_TEST((resolved("determined.example.com").type == yaml::ScalarType::String));
  BOOST_TEST((resolved("e3").type == yaml::ScalarType::String));
  BOOST_TEST((resolved("1e3").type == yaml::ScalarType::Float));
  BOOST_TEST(resolved("1_0.5_0").number == 10.5);
  BOOST_TEST(resolved("-_2.5").number == -2.5);
}

BOOST_AUTO_TEST_SUITE_END()
