// helm multirm lint --live against the real lab: the release is in lab1, the added cluster is
// lab2. Its Secret is made by add-cluster and applied with kubectl; then it is deleted, its
// cluster's API server stopped (SIGSTOP), its identity swapped for one that needs an exec plugin.
#include <signal.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <set>

#include "core/kube/kubeconfig.hpp"
#include "tests/common/test_support.hpp"
#include "tests/live-lab/lab_clusters.hpp"
#include "tests/live-lab/lab_gateway.hpp"

using detgw::test::RunResult;
using detgw::test::TempDir;
using namespace detgw::test::labs;
namespace fs = std::filesystem;
namespace lab2 = detgw::test::lab2;

namespace {

const std::string kValues =
    "maxSlotsPerPod: 4\n"
    "initialUserPassword: Passw0rd-lab\n";

// The Helm environment of `helm -n ns --kube-context lab1-admin`.
std::vector<std::string> helm_env(const std::string& ns) {
  return {"HELM_NAMESPACE=" + ns, "HELM_KUBECONTEXT=" + kRelease,
          "KUBECONFIG=" + lab2::kubeconfig()};
}

// add-cluster NAME for `context` into dir/NAME-*.yaml, the Secret applied in lab1's `ns`.
void add_and_apply(const TempDir& dir, const std::string& ns, const std::string& name,
                   const std::string& context, const std::string& values,
                   std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"add-cluster",
                                   name,
                                   "--cluster-kubeconfig",
                                   lab2::kubeconfig(),
                                   "--cluster-context",
                                   context,
                                   "--pool",
                                   name,
                                   "--max-slots-per-pod",
                                   "2",
                                   "--master-host",
                                   "10.0.0.1",
                                   "--master-port",
                                   "8080",
                                   "-f",
                                   values,
                                   "--secret-out",
                                   (dir.path() / (name + "-secret.yaml")).string(),
                                   "--values-out",
                                   (dir.path() / (name + "-values.yaml")).string()};
  args.insert(args.end(), extra.begin(), extra.end());
  auto r = helm_multirm(args, {"HELM_NAMESPACE=" + ns});
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.out + r.err);
  auto applied =
      kubectl_in(kRelease, {"apply", "-f", (dir.path() / (name + "-secret.yaml")).string()});
  BOOST_REQUIRE_MESSAGE(applied.exit_code == 0, applied.err);
}

struct Found {
  std::string code, severity, rm, message;
};

std::vector<Found> findings(const RunResult& r) {
  auto doc = lab2::parse(r.out);
  std::vector<Found> out;
  BOOST_REQUIRE_MESSAGE(doc.IsObject() && doc.HasMember("findings"), r.out + r.err);
  for (const auto& f : doc["findings"].GetArray())
    out.push_back({f["code"].GetString(), f["severity"].GetString(),
                   f.HasMember("rm") && f["rm"].IsString() ? f["rm"].GetString() : "",
                   f["message"].GetString()});
  return out;
}

bool has(const std::vector<Found>& found, const std::string& code, const std::string& rm) {
  for (const auto& f : found)
    if (f.code == code && f.rm == rm) return true;
  return false;
}

std::string describe(const std::vector<Found>& found) {
  std::string text;
  for (const auto& f : found)
    text += f.code + " " + f.severity + " [" + f.rm + "] " + f.message + "\n";
  return text;
}

RunResult lint_live(const TempDir& dir, const std::string& ns,
                    const std::vector<std::string>& files, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"lint", "--live", "-o",
                                   "json", "-f",     (dir.path() / "values.yaml").string()};
  for (const auto& f : files) args.insert(args.end(), {"-f", (dir.path() / f).string()});
  args.insert(args.end(), extra.begin(), extra.end());
  return helm_multirm(args, helm_env(ns));
}

// Resumes a stopped process whatever happens in the test.
struct Resume {
  pid_t pid;
  ~Resume() { ::kill(pid, SIGCONT); }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(helm_multirm_lint_live)

BOOST_AUTO_TEST_CASE(an_added_cluster_passes_and_a_deleted_secret_is_liv060) {
  TempDir dir;
  dir.write("values.yaml", kValues);
  const LabNamespace space(kRelease, "live");
  const std::string& ns = space.name();
  add_and_apply(dir, ns, "east", kAdded, (dir.path() / "values.yaml").string());

  auto r = lint_live(dir, ns, {"east-values.yaml"});
  const auto found = findings(r);
  BOOST_TEST(r.exit_code == 0, describe(found) + r.err);
  for (const auto& f : found) BOOST_TEST(f.code.rfind("LIV", 0) != 0, describe(found));
  BOOST_TEST(r.out.find("cluster of RM east") != std::string::npos, r.out);
  require_no_credential(r.out + r.err);

  // The kubeconfig inside the Secret authenticates to lab2.
  dir.write("from-secret", secret_data(kRelease, ns, "east-kubeconfig", "config"));
  auto who = detgw::test::run({"kubectl", "--kubeconfig", (dir.path() / "from-secret").string(),
                               "auth", "whoami", "-o", "jsonpath={.status.userInfo.username}"});
  BOOST_TEST(who.out == "admin", who.err);

  auto deleted = kubectl_in(kRelease, {"delete", "secret", "-n", ns, "east-kubeconfig"});
  BOOST_REQUIRE_MESSAGE(deleted.exit_code == 0, deleted.err);
  auto after = lint_live(dir, ns, {"east-values.yaml"});
  const auto found_after = findings(after);
  BOOST_TEST(after.exit_code == 1, describe(found_after) + after.err);
  BOOST_TEST(has(found_after, "LIV060", "east"), describe(found_after));
}

BOOST_AUTO_TEST_CASE(a_hung_cluster_is_liv061_while_the_other_is_still_checked) {
  TempDir dir;
  dir.write("values.yaml", kValues);
  const LabNamespace space(kRelease, "hung");
  const std::string& ns = space.name();
  // east is lab2; home is lab1 itself with a default_namespace that does not exist (LIV062 shows
  // that it was checked).
  add_and_apply(dir, ns, "east", kAdded, (dir.path() / "values.yaml").string());
  add_and_apply(dir, ns, "home", kRelease, (dir.path() / "east-values.yaml").string(),
                {"--default-namespace", "no-such-namespace-" + std::to_string(::getpid())});

  const pid_t apiserver = std::stoi(lab_env("LAB2_APISERVER_PID"));
  BOOST_REQUIRE(apiserver > 1);
  {
    Resume resume{apiserver};
    BOOST_REQUIRE(::kill(apiserver, SIGSTOP) == 0);
    auto r = lint_live(dir, ns, {"home-values.yaml"}, {"--timeout", "3s"});
    const auto found = findings(r);
    BOOST_TEST(r.exit_code == 1, describe(found) + r.err);
    BOOST_TEST(has(found, "LIV061", "east"), describe(found));
    BOOST_TEST(!has(found, "LIV061", "home"), describe(found));
    BOOST_TEST(has(found, "LIV062", "home"), describe(found));
    require_no_credential(r.out + r.err);
  }
  // Running again, lab2 answers.
  auto r = lint_live(dir, ns, {"home-values.yaml"});
  const auto found = findings(r);
  BOOST_TEST(!has(found, "LIV061", "east"), describe(found));
  BOOST_TEST(has(found, "LIV062", "home"), describe(found));
}

BOOST_AUTO_TEST_CASE(an_exec_plugin_is_liv064_and_an_identity_without_rbac_liv063) {
  TempDir dir;
  dir.write("values.yaml", kValues);
  const LabNamespace space(kRelease, "exec");
  const std::string& ns = space.name();
  // The helper hands out lab2's viewer token: it authenticates and may do nothing.
  auto lab = detgw::kube::load_kubeconfig_file(lab2::kubeconfig());
  BOOST_REQUIRE(lab.ok());
  const std::string token = lab->users.at(lab->contexts.at("lab2-viewer").user).token;
  const auto helper = dir.write(
      "lab-helper",
      "#!/bin/sh\nprintf '%s' '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":"
      "\"ExecCredential\",\"status\":{\"token\":\"" +
          token + "\"}}'\n");
  fs::permissions(helper, fs::perms::owner_all);
  const std::string server = lab_env("LAB2_SERVER");
  dir.write("exec.kubeconfig",
            "apiVersion: v1\nkind: Config\ncurrent-context: exec\n"
            "clusters: [{name: lab2, cluster: {server: '" +
                server +
                "', insecure-skip-tls-verify: true}}]\n"
                "contexts: [{name: exec, context: {cluster: lab2, user: exec}}]\n"
                "users: [{name: exec, user: {exec: {apiVersion: client.authentication.k8s.io/v1, "
                "command: '" +
                helper.string() + "', interactiveMode: Never}}}]\n");
  auto r = helm_multirm(
      {"add-cluster", "viewer", "--cluster-kubeconfig", (dir.path() / "exec.kubeconfig").string(),
       "--allow-exec", "--pool", "viewer", "--max-slots-per-pod", "1", "--master-host", "10.0.0.1",
       "--master-port", "8080", "-f", (dir.path() / "values.yaml").string(), "--secret-out",
       (dir.path() / "s.yaml").string(), "--values-out", (dir.path() / "v.yaml").string()},
      {"HELM_NAMESPACE=" + ns});
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.out + r.err);
  auto applied = kubectl_in(kRelease, {"apply", "-f", (dir.path() / "s.yaml").string()});
  BOOST_REQUIRE_MESSAGE(applied.exit_code == 0, applied.err);

  auto live = lint_live(dir, ns, {"v.yaml"});
  const auto found = findings(live);
  BOOST_TEST(live.exit_code == 1, describe(found) + live.err);
  BOOST_TEST(has(found, "LIV064", "viewer"), describe(found));
  BOOST_TEST(has(found, "LIV063", "viewer"), describe(found));
  BOOST_TEST(!has(found, "LIV061", "viewer"), describe(found));
  require_no_credential(live.out + live.err, {token});
}

BOOST_AUTO_TEST_CASE(the_release_cluster_unreachable_is_exit_4) {
  TempDir dir;
  dir.write("values.yaml", kValues);
  auto env = helm_env("default");
  env.push_back("HELM_KUBEAPISERVER=https://127.0.0.1:1");
  auto r = helm_multirm({"lint", "--live", "-f", (dir.path() / "values.yaml").string()}, env);
  BOOST_TEST(r.exit_code == 4, r.out + r.err);
  BOOST_TEST(r.err.find("release cluster") != std::string::npos, r.err);
}

BOOST_AUTO_TEST_SUITE_END()
