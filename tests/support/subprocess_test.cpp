// The one runner for child programs (helm template, exec credential plugins): deadline, output
// cap, descriptors, environment.
#include "core/support/subprocess.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "tests/common/test_support.hpp"

using namespace detgw::support;
using namespace std::chrono_literals;

namespace {

ProcessResult sh(const std::string& script, std::chrono::milliseconds timeout = 60s,
                 const std::vector<std::string>& env = {}) {
  ProcessLimits limits;
  limits.timeout = timeout;
  return run_process({"/bin/sh", "-c", script}, env, limits);
}

// Whether `pid` is gone or a zombie, waiting for the kill to land (the kernel delivers SIGKILL
// asynchronously); gives up after a minute so a failure cannot hang the suite.
bool dies(pid_t pid) {
  for (int i = 0; i < 6000; ++i) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text;
    if (!std::getline(stat, text)) return true;
    const auto close = text.rfind(')');
    if (close != std::string::npos && close + 2 < text.size() && text[close + 2] == 'Z')
      return true;
    std::this_thread::sleep_for(10ms);
  }
  return false;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(support_subprocess)

BOOST_AUTO_TEST_CASE(captures_stdout_stderr_and_the_exit_code) {
  auto r = sh("echo out; echo err >&2; exit 7");
  BOOST_TEST(r.started);
  BOOST_TEST(r.out == "out\n");
  BOOST_TEST(r.err == "err\n");
  BOOST_TEST(r.exit_code == 7);
  BOOST_TEST(!r.timed_out);
  auto missing = run_process({"/nonexistent/detgw-program"});
  BOOST_TEST(!missing.started);
  BOOST_TEST(missing.error == "cannot run /nonexistent/detgw-program: No such file or directory");
}

BOOST_AUTO_TEST_CASE(a_timeout_kills_the_program_and_what_it_started) {
  detgw::test::TempDir dir;
  const std::string child = (dir.path() / "child").string();
  auto r = sh("sleep 60 & echo $! > " + child + "; wait", 200ms);
  BOOST_TEST(r.timed_out);
  BOOST_TEST(r.exit_code == 128 + SIGKILL);
  const pid_t grandchild = std::atoi(detgw::test::read_file_text(child).c_str());
  BOOST_REQUIRE(grandchild > 0);
  BOOST_TEST(dies(grandchild));
}

BOOST_AUTO_TEST_CASE(a_program_that_closes_its_output_is_still_bound_by_the_deadline) {
  auto r = sh("exec >&- 2>&-; sleep 60", 200ms);
  BOOST_TEST(r.timed_out);
  BOOST_TEST(r.exit_code == 128 + SIGKILL);
}

BOOST_AUTO_TEST_CASE(output_is_capped) {
  ProcessLimits limits;
  limits.max_output = 1u << 16;
  auto r =
      run_process({"/bin/sh", "-c", "while :; do echo yyyyyyyyyyyyyyyyyyyyyyy; done"}, {}, limits);
  BOOST_TEST(r.truncated);
  BOOST_TEST(r.out.size() > limits.max_output);
  BOOST_TEST(r.out.size() < 2 * limits.max_output);
}

BOOST_AUTO_TEST_CASE(only_stdin_stdout_and_stderr_are_inherited) {
  // A descriptor this process opened without O_CLOEXEC, as a library might.
  const int leaked = open("/dev/null", O_RDONLY);
  BOOST_REQUIRE(leaked >= 0);
  BOOST_REQUIRE(dup2(leaked, 100) == 100);
  // The shell lists its own descriptors (`; true` keeps it from exec'ing ls).
  auto r = sh("ls /proc/$$/fd; true");
  close(leaked);
  close(100);
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out == "0\n1\n2\n");
}

BOOST_AUTO_TEST_CASE(extra_environment_overrides_the_inherited_one) {
  setenv("DETGW_SUBPROCESS_TEST", "inherited", 1);
  auto r = sh("printf %s \"$DETGW_SUBPROCESS_TEST\"; env | grep -c ^DETGW_SUBPROCESS_TEST=", 60s,
              {"DETGW_SUBPROCESS_TEST=first", "DETGW_SUBPROCESS_TEST=last"});
  BOOST_TEST(r.out == "last1\n");
  auto plain = sh("printf %s \"$DETGW_SUBPROCESS_TEST\"");
  BOOST_TEST(plain.out == "inherited");
  unsetenv("DETGW_SUBPROCESS_TEST");
}

BOOST_AUTO_TEST_CASE(find_executable_takes_executable_files_only) {
  detgw::test::TempDir dir;
  std::filesystem::create_directories(dir.path() / "a" / "tool");  // a directory, not a program
  auto b = dir.write("tool", "#!/bin/sh\n");
  std::filesystem::create_directories(dir.path() / "b");
  std::filesystem::rename(b, dir.path() / "b" / "tool");
  std::filesystem::permissions(dir.path() / "b" / "tool", std::filesystem::perms::owner_all);
  const std::string path = (dir.path() / "a").string() + ":" + (dir.path() / "b").string();
  BOOST_TEST(find_executable("tool", path) == (dir.path() / "b" / "tool").string());
  BOOST_TEST(find_executable((dir.path() / "a" / "tool").string(), path).empty());
  BOOST_TEST(find_executable("no-such-tool", path).empty());
}

BOOST_AUTO_TEST_SUITE_END()
