// Running an exec credential plugin: its deadline, descriptors, environment and output bounds.
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cerrno>
#include <cstdlib>

#include "core/kube/auth_exec.hpp"
#include "tests/common/test_support.hpp"
#include "tests/kube/kube_test_util.hpp"

using namespace detgw;
using namespace detgw::kube;
using namespace std::chrono_literals;

namespace {

const std::string kCredential =
    R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"tok-abcdef"}})";

// The plugin is `/bin/sh -c SCRIPT`, so no script file is open in it.
RestConfig shell_plugin(const std::string& script) {
  RestConfig r;
  r.server = "https://127.0.0.1:6443";
  ExecConfig e;
  e.api_version = "client.authentication.k8s.io/v1";
  e.command = "/bin/sh";
  e.args = {"-c", script};
  e.interactive_mode = "Never";
  r.exec = e;
  return r;
}

Result<ExecCredential> run(const RestConfig& config) {
  clear_exec_credential_cache();
  return ExecAuthenticator(config, Logger{}).credential();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(kube_exec_plugin)

BOOST_AUTO_TEST_CASE(a_plugin_that_hangs_is_stopped_at_the_timeout) {
  detgw::test::TempDir dir;
  const std::string pid_file = (dir.path() / "pid").string();
  RestConfig config = shell_plugin("echo $$ > " + pid_file + "; exec sleep 60");
  config.exec_timeout = 200ms;
  auto r = run(config);
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(r.error().message ==
             "getting credentials: exec: executable /bin/sh did not finish within 200ms and was "
             "stopped");
  BOOST_TEST((r.error().kind == ErrorKind::Cluster));
  // Killed and reaped: the pid no longer exists.
  const pid_t pid = std::atoi(detgw::test::read_file_text(pid_file).c_str());
  BOOST_REQUIRE(pid > 0);
  BOOST_TEST(kill(pid, 0) == -1);
  BOOST_TEST(errno == ESRCH);
}

BOOST_AUTO_TEST_CASE(a_plugin_inherits_no_descriptor_but_stdin_stdout_stderr) {
  detgw::test::TempDir dir;
  const int leaked = open("/dev/null", O_RDONLY);  // no O_CLOEXEC, as a library might open it
  BOOST_REQUIRE(leaked >= 0);
  // Perl lists its own descriptors: 0-2 and 3, the directory it reads (an inherited descriptor
  // would take 3 and push the directory to 4). A shell would add descriptors of its own.
  const std::string fds = (dir.path() / "fds").string();
  RestConfig config = shell_plugin("");
  config.exec->command = "perl";
  config.exec->args = {
      "-e",
      R"(opendir(my $d, "/proc/self/fd") or die; my @fds = sort { $a <=> $b } grep { /^\d+$/ } readdir $d; open(my $o, ">", $ARGV[0]) or die; print $o "@fds"; close $o; print $ARGV[1])",
      fds, kCredential};
  auto r = run(config);
  close(leaked);
  KUBE_REQUIRE_OK(r);
  BOOST_TEST(detgw::test::read_file_text(fds) == "0 1 2 3");
}

BOOST_AUTO_TEST_CASE(the_kubeconfig_env_overrides_an_inherited_variable) {
  setenv("DETGW_PLUGIN_REGION", "inherited", 1);
  setenv("DETGW_PLUGIN_KEPT", "kept", 1);
  detgw::test::TempDir dir;
  const std::string seen = (dir.path() / "seen").string();
  RestConfig config =
      shell_plugin("printf '%s %s' \"$DETGW_PLUGIN_REGION\" \"$DETGW_PLUGIN_KEPT\" > " + seen +
                   "; printf '%s' '" + kCredential + "'");
  config.exec->env = {{"DETGW_PLUGIN_REGION", "from-kubeconfig"}};
  auto r = run(config);
  unsetenv("DETGW_PLUGIN_REGION");
  unsetenv("DETGW_PLUGIN_KEPT");
  KUBE_REQUIRE_OK(r);
  BOOST_TEST(detgw::test::read_file_text(seen) == "from-kubeconfig kept");
}

BOOST_AUTO_TEST_CASE(a_million_brackets_from_a_plugin_are_an_error_not_a_crash) {
  detgw::test::TempDir dir;
  dir.write("deep", std::string(1'000'000, '['));
  auto r = run(shell_plugin("cat " + (dir.path() / "deep").string()));
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(r.error().message ==
             "getting credentials: decoding stdout: the exec plugin's output nests deeper than "
             "1000 levels");
  // Closed brackets too (valid JSON, just deep).
  dir.write("deep", std::string(1'000'000, '[') + std::string(1'000'000, ']'));
  auto closed = run(shell_plugin("cat " + (dir.path() / "deep").string()));
  BOOST_REQUIRE(!closed.ok());
  BOOST_TEST(closed.error().message.find("nests deeper than 1000 levels") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_plugin_that_prints_without_end_is_stopped) {
  auto r =
      run(shell_plugin("while :; do echo xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx; done"));
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(r.error().message ==
             "getting credentials: exec: executable /bin/sh printed more than 4 MiB, which is no "
             "ExecCredential");
}

BOOST_AUTO_TEST_SUITE_END()
