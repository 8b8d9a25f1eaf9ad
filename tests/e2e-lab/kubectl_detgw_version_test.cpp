// kubectl-detgw version against the lab: what the flags resolved to, the stamped server
// version, exit 4 for an unreachable server, and no credential in any output.
#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "tests/common/test_support.hpp"

using detgw::test::run;

namespace {

const std::string kBinary = DETGW_KUBECTL_DETGW;

std::string lab_kubeconfig() {
  const char* dir = std::getenv("DETGW_LAB_RUN_DIR");
  BOOST_REQUIRE_MESSAGE(dir && *dir, "DETGW_LAB_RUN_DIR is not set: start a lab with tests/lab/up");
  return std::string(dir) + "/kubeconfig";
}

// The viewer's static token, read from the kubeconfig so the test can look for leaks.
std::string viewer_token(const std::string& kubeconfig) {
  std::ifstream in(kubeconfig);
  std::string line;
  bool in_viewer = false;
  while (std::getline(in, line)) {
    if (line.find("name: lab1-viewer") != std::string::npos) in_viewer = true;
    auto pos = line.find("token: ");
    if (in_viewer && pos != std::string::npos) return line.substr(pos + 7);
  }
  return {};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(kubectl_detgw_version)

BOOST_AUTO_TEST_CASE(reports_context_and_stamped_server_version) {
  const auto kubeconfig = lab_kubeconfig();
  auto r = run(
      {kBinary, "version", "--kubeconfig", kubeconfig, "--context", "lab2-admin", "-o", "json"});
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(r.out.find("\"context\": \"lab2-admin\"") != std::string::npos, r.out);
  BOOST_TEST(r.out.find("\"serverVersion\": \"v1.34.") != std::string::npos, r.out);
  BOOST_TEST(r.out.find("\"server\": \"https://127.0.0.1:") != std::string::npos, r.out);
}

BOOST_AUTO_TEST_CASE(never_prints_the_token) {
  const auto kubeconfig = lab_kubeconfig();
  const auto token = viewer_token(kubeconfig);
  BOOST_REQUIRE(!token.empty());
  for (const char* level : {"0", "6", "8", "10"}) {
    auto r = run(
        {kBinary, "version", "--kubeconfig", kubeconfig, "--context", "lab1-viewer", "-v", level});
    BOOST_TEST_CONTEXT("-v " << level) {
      BOOST_TEST(r.exit_code == 0, r.err);
      BOOST_TEST(r.out.find("Server Version: v1.34.") != std::string::npos);
      BOOST_TEST(r.out.find(token) == std::string::npos);
      BOOST_TEST(r.err.find(token) == std::string::npos);
    }
  }
  auto verbose =
      run({kBinary, "version", "--kubeconfig", kubeconfig, "--context", "lab1-viewer", "-v", "8"});
  BOOST_TEST(verbose.err.find("/version") != std::string::npos);  // the log is not empty
}

BOOST_AUTO_TEST_CASE(unreachable_server_exits_4_and_still_reports_the_client) {
  const auto kubeconfig = lab_kubeconfig();
  auto r = run({kBinary, "version", "--kubeconfig", kubeconfig, "--server", "https://127.0.0.1:1",
                "--insecure-skip-tls-verify", "--request-timeout", "5s"});
  BOOST_TEST(r.exit_code == 4, r.out << r.err);
  BOOST_TEST(r.out.find("Client Version: ") != std::string::npos);
  BOOST_TEST(
      r.err.find("The connection to the server 127.0.0.1:1 was refused") != std::string::npos,
      r.err);
}

BOOST_AUTO_TEST_CASE(unknown_context_is_not_a_cluster_error) {
  auto r = run({kBinary, "version", "--kubeconfig", lab_kubeconfig(), "--context", "nope"});
  BOOST_TEST(r.exit_code != 0);
  BOOST_TEST(r.exit_code != 4);
  BOOST_TEST(r.err.find("nope") != std::string::npos, r.err);
}

BOOST_AUTO_TEST_SUITE_END()
