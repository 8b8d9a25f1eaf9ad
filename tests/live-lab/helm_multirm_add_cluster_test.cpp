// helm multirm add-cluster against the real lab: lab2 is added to a release in lab1. The Secret it
// writes is applied with kubectl in lab1, and the kubeconfig read back from it must authenticate
// to lab2 — with the context's own certificate, or as the ServiceAccount it created there.
#include <sys/stat.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "tests/common/test_support.hpp"
#include "tests/live-lab/lab_clusters.hpp"
#include "tests/live-lab/lab_gateway.hpp"

using detgw::test::read_file_text;
using detgw::test::RunResult;
using detgw::test::TempDir;
using namespace detgw::test::labs;
namespace fs = std::filesystem;

namespace {

int mode_of(const fs::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return -1;
  return static_cast<int>(st.st_mode & 0777);
}

std::vector<std::string> add_args(const TempDir& dir, const std::string& name) {
  return {"add-cluster",
          name,
          "--cluster-kubeconfig",
          detgw::test::lab2::kubeconfig(),
          "--cluster-context",
          kAdded,
          "--pool",
          name + "-pool",
          "--max-slots-per-pod",
          "4",
          "--default-namespace",
          "default",
          "--master-host",
          "10.0.0.1",
          "--master-port",
          "8080",
          "-f",
          (dir.path() / "values.yaml").string(),
          "--secret-out",
          (dir.path() / "secret.yaml").string(),
          "--values-out",
          (dir.path() / "overlay.yaml").string()};
}

// Applies the Secret in lab1's `ns`; the kubeconfig read back from it, as a file.
fs::path apply_and_read_back(const TempDir& dir, const std::string& ns, const std::string& name) {
  auto applied = kubectl_in(kRelease, {"apply", "-f", (dir.path() / "secret.yaml").string()});
  BOOST_REQUIRE_MESSAGE(applied.exit_code == 0, applied.err);
  const std::string kubeconfig = secret_data(kRelease, ns, name + "-kubeconfig", "config");
  BOOST_REQUIRE(!kubeconfig.empty());
  return dir.write("from-secret.kubeconfig", kubeconfig);
}

RunResult kubectl_with(const fs::path& kubeconfig, std::vector<std::string> args) {
  std::vector<std::string> argv = {"kubectl", "--kubeconfig", kubeconfig.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return detgw::test::run(argv);
}

std::string whoami(const fs::path& kubeconfig) {
  return kubectl_with(kubeconfig, {"auth", "whoami", "-o", "jsonpath={.status.userInfo.username}"})
      .out;
}

// Removes what --service-account created in lab2, whatever the test's outcome.
struct ServiceAccountCleanup {
  std::string name, cluster_role;
  ~ServiceAccountCleanup() {
    kubectl_in(kAdded, {"delete", "serviceaccount", "-n", "default", name, "--ignore-not-found"});
    kubectl_in(kAdded, {"delete", "clusterrolebinding", cluster_role, "--ignore-not-found"});
    kubectl_in(kAdded, {"delete", "clusterrole", cluster_role, "--ignore-not-found"});
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(helm_multirm_add_cluster)

BOOST_AUTO_TEST_CASE(context_credentials_go_into_a_secret_that_authenticates_to_the_cluster) {
  TempDir dir;
  dir.write("values.yaml", base_values());
  const LabNamespace space(kRelease, "addc");
  const std::string& ns = space.name();
  auto r = helm_multirm(add_args(dir, "east"), {"HELM_NAMESPACE=" + ns});
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.out + r.err);
  require_no_credential(r.out + r.err);
  BOOST_TEST(r.out.find("secret.yaml") != std::string::npos);
  BOOST_TEST(mode_of(dir.path() / "secret.yaml") == 0600);
  BOOST_TEST(mode_of(dir.path() / "overlay.yaml") == 0600);

  // The overlay carries the existing RM and the new one, and lints clean with the values.
  const std::string overlay = read_file_text(dir.path() / "overlay.yaml");
  BOOST_TEST(overlay.find("west") != std::string::npos);
  BOOST_TEST(overlay.find("east-pool") != std::string::npos);
  BOOST_TEST(overlay.find("kubeconfig_secret_name: \"east-kubeconfig\"") != std::string::npos);
  auto lint = helm_multirm({"lint", "-f", (dir.path() / "values.yaml").string(), "-f",
                            (dir.path() / "overlay.yaml").string()});
  BOOST_TEST(lint.exit_code == 0, lint.out + lint.err);
  BOOST_TEST(lint.out.find("3 resource managers") != std::string::npos, lint.out);

  const auto kubeconfig = apply_and_read_back(dir, ns, "east");
  const std::string text = read_file_text(kubeconfig);
  // Just that context, flattened: one context, certificate data embedded, no other user.
  BOOST_TEST(text.find("current-context: lab2-admin") != std::string::npos);
  BOOST_TEST(text.find("lab1") == std::string::npos);
  BOOST_TEST(text.find("client-key-data") != std::string::npos);
  BOOST_TEST(text.find("token") == std::string::npos);
  auto nodes = kubectl_with(kubeconfig, {"get", "namespace", "default", "-o", "name"});
  BOOST_TEST(nodes.exit_code == 0, nodes.err);
  BOOST_TEST(whoami(kubeconfig) == "admin");
  // It is lab2 it reaches: the server of lab2.
  BOOST_TEST(text.find(lab_env("LAB2_SERVER")) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(service_account_is_created_with_the_masters_rbac_and_its_token_used) {
  TempDir dir;
  dir.write("values.yaml", base_values());
  const LabNamespace space(kRelease, "addsa");
  const std::string& ns = space.name();
  const std::string sa = "det-master-" + std::to_string(::getpid());
  ServiceAccountCleanup cleanup{sa, "determined-master-north"};
  auto args = add_args(dir, "north");
  args.insert(args.end(), {"--service-account", sa, "--gateway", "projectcontour/contour",
                           "--gateway-ip", "127.0.0.1", "--port-range", "41000-41010"});
  auto r = helm_multirm(args, {"HELM_NAMESPACE=" + ns});
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.out + r.err);

  const auto kubeconfig = apply_and_read_back(dir, ns, "north");
  const std::string text = read_file_text(kubeconfig);
  // The token is a credential: it never shows in the output.
  const auto token_at = text.find("token: ");
  BOOST_REQUIRE(token_at != std::string::npos);
  const std::string token = text.substr(token_at + 7, text.find('\n', token_at) - token_at - 7);
  require_no_credential(r.out + r.err, {token});
  BOOST_TEST(text.find("client-key-data") == std::string::npos);

  BOOST_TEST(whoami(kubeconfig) == "system:serviceaccount:default:" + sa);
  auto can = [&](std::vector<std::string> what) {
    std::vector<std::string> args = {"auth", "can-i"};
    args.insert(args.end(), what.begin(), what.end());
    return kubectl_with(kubeconfig, args).out;
  };
  BOOST_TEST(can({"create", "pods", "-n", "default"}) == "yes\n");
  BOOST_TEST(can({"watch", "jobs.batch", "-n", "default"}) == "yes\n");
  BOOST_TEST(can({"delete", "services", "-n", "default"}) == "yes\n");
  BOOST_TEST(can({"update", "gateways.gateway.networking.k8s.io", "-n", "projectcontour"}) ==
             "yes\n");
  BOOST_TEST(can({"create", "tcproutes.gateway.networking.k8s.io", "-n", "default"}) == "yes\n");
  // Nothing beyond what the master needs.
  BOOST_TEST(can({"delete", "gateways.gateway.networking.k8s.io", "-n", "projectcontour"}) ==
             "no\n");
  BOOST_TEST(can({"get", "secrets", "-n", "default"}) == "no\n");
}

BOOST_AUTO_TEST_CASE(exec_credentials_are_refused_without_allow_exec) {
  TempDir dir;
  dir.write("values.yaml", base_values());
  const std::string server = lab_env("LAB2_SERVER");
  BOOST_REQUIRE(!server.empty());
  dir.write("exec.kubeconfig",
            "apiVersion: v1\nkind: Config\ncurrent-context: exec\n"
            "clusters: [{name: lab2, cluster: {server: '" +
                server +
                "', insecure-skip-tls-verify: true}}]\n"
                "contexts: [{name: exec, context: {cluster: lab2, user: exec}}]\n"
                "users: [{name: exec, user: {exec: {apiVersion: client.authentication.k8s.io/v1, "
                "command: lab-credential-helper, interactiveMode: Never}}}]\n");
  auto args = add_args(dir, "south");
  args[3] = (dir.path() / "exec.kubeconfig").string();
  args[5] = "exec";
  auto refused = helm_multirm(args, {"HELM_NAMESPACE=default"});
  BOOST_TEST(refused.exit_code == 2, refused.out + refused.err);
  BOOST_TEST(refused.err.find("lab-credential-helper") != std::string::npos, refused.err);
  BOOST_TEST(refused.err.find("--service-account") != std::string::npos);
  BOOST_TEST(!fs::exists(dir.path() / "secret.yaml"));
  BOOST_TEST(!fs::exists(dir.path() / "overlay.yaml"));

  args.push_back("--allow-exec");
  auto allowed = helm_multirm(args, {"HELM_NAMESPACE=default"});
  BOOST_TEST(allowed.exit_code == 0, allowed.out + allowed.err);
  BOOST_TEST(fs::exists(dir.path() / "secret.yaml"));
}

BOOST_AUTO_TEST_CASE(an_overlay_with_errors_is_not_written) {
  TempDir dir;
  dir.write("values.yaml", base_values());
  auto args = add_args(dir, "west");  // west already exists: replaced, so no duplicate name
  // Without the master's address the RM fails at startup (MRM018); a pool name already in use.
  args.erase(args.begin() + 12, args.begin() + 16);
  args[7] = "default";
  auto r = helm_multirm(args, {"HELM_NAMESPACE=default"});
  BOOST_TEST(r.exit_code == 1, r.out + r.err);
  BOOST_TEST(r.err.find("MRM018") != std::string::npos, r.err);
  BOOST_TEST(r.err.find("MRM015") != std::string::npos, r.err);
  BOOST_TEST(r.out.find("not written") != std::string::npos, r.out);
  BOOST_TEST(!fs::exists(dir.path() / "secret.yaml"));
  BOOST_TEST(!fs::exists(dir.path() / "overlay.yaml"));
  require_no_credential(r.out + r.err);
}

BOOST_AUTO_TEST_SUITE_END()
