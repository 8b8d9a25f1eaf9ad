// Credential faults against the real API server (no proxy): an exec credential plugin whose
// credential is already expired or refused (401, then the plugin runs again), and a kubeconfig
// that trusts the wrong CA. Exit 4 with a clear message, and never a credential in the output.

#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "tests/faults/fault_lab.hpp"

namespace detgw::test::faults {
namespace {

// A TokenRequest token of a ServiceAccount bound to cluster-admin in the fault lab.
const std::string& admin_token() {
  static const std::string token = [] {
    kubectl({"create", "serviceaccount", "faults-exec", "-n", "default"});
    kubectl({"create", "clusterrolebinding", "faults-exec", "--clusterrole=cluster-admin",
             "--serviceaccount=default:faults-exec"});
    auto r = kubectl({"create", "token", "faults-exec", "-n", "default", "--duration=1h"});
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    return r.out.substr(0, r.out.find('\n'));
  }();
  return token;
}

const std::string kBadToken = "faults-refused-token-0123456789abcdef";

// An exec plugin that answers its first `bad_runs` runs with a refused token expired in 2020,
// later runs with the good token; it counts its runs in dir/runs.
std::string exec_kubeconfig(const TempDir& dir, int bad_runs) {
  dir.write("good", admin_token());
  const auto plugin = dir.write("plugin.sh",
                                "#!/bin/sh\n"
                                "d=$(dirname \"$0\")\n"
                                "n=$(($(cat \"$d/runs\" 2>/dev/null || echo 0) + 1))\n"
                                "echo $n >\"$d/runs\"\n"
                                "if [ $n -le " +
                                    std::to_string(bad_runs) + " ]; then t=" + kBadToken +
                                    " e=2020-01-01T00:00:00Z\n"
                                    "else t=$(cat \"$d/good\") e=2099-01-01T00:00:00Z; fi\n"
                                    "printf '{\"apiVersion\":\"client.authentication.k8s.io/"
                                    "v1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"%s\","
                                    "\"expirationTimestamp\":\"%s\"}}' \"$t\" \"$e\"\n");
  std::filesystem::permissions(plugin, std::filesystem::perms::owner_all);
  return write_kubeconfig(dir, "https://127.0.0.1:" + std::to_string(lab().apiserver_port),
                          lab().pki + "/ca.crt",
                          "    exec:\n"
                          "      apiVersion: client.authentication.k8s.io/v1\n"
                          "      command: " +
                              plugin.string() +
                              "\n"
                              "      interactiveMode: Never\n");
}

int runs(const TempDir& dir) { return std::stoi(read_file_text(dir.path() / "runs")); }

}  // namespace

BOOST_AUTO_TEST_SUITE(credential_faults)

BOOST_AUTO_TEST_CASE(an_expired_exec_credential_is_fetched_again) {
  TempDir dir;
  const auto kubeconfig = exec_kubeconfig(dir, 1);
  auto r = detgw({"status", "--gateway", kGateway, "-v=9"}, kubeconfig);
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(runs(dir) >= 2);
  require_no_credential(r.out + r.err, {admin_token(), kBadToken});
}

BOOST_AUTO_TEST_CASE(a_refused_exec_credential_is_fetched_once_more_then_exit_4) {
  TempDir dir;
  const auto kubeconfig = exec_kubeconfig(dir, 1000);
  auto r = detgw({"status", "--gateway", kGateway, "-v=9"}, kubeconfig);
  BOOST_TEST(r.exit_code == 4);
  BOOST_TEST(r.err.find("Unauthorized") != std::string::npos, r.err);
  BOOST_TEST(runs(dir) >= 2);  // the 401 made it run again
  require_no_credential(r.out + r.err, {admin_token(), kBadToken});
}

BOOST_AUTO_TEST_CASE(a_wrong_ca_is_exit_4_with_a_tls_message_and_no_secret) {
  TempDir dir;
  // The lab's admin key and certificate, but the test CA instead of the lab's.
  const auto kubeconfig = write_kubeconfig(
      dir, "https://127.0.0.1:" + std::to_string(lab().apiserver_port), lab().test_ca,
      "    client-certificate: " + lab().pki + "/admin.crt\n    client-key: " + lab().pki +
          "/admin.key\n");
  for (const std::string command : {"status", "doctor", "prune", "capacity"}) {
    std::vector<std::string> args = {command, "-v=9"};
    if (command != "capacity") args.insert(args.end(), {"--gateway", kGateway});
    auto r = detgw(args, kubeconfig);
    BOOST_TEST(r.exit_code == 4, command + ": " + r.err);
    BOOST_TEST(r.err.find("certificate signed by unknown authority") != std::string::npos,
               command + ": " + r.err);
    require_no_credential(r.out + r.err);
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace detgw::test::faults
