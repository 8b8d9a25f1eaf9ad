// add-cluster and lint --live run as `helm multirm ...` by the real Helm 3 and Helm 4 with the
// plugin installed into temporary Helm homes: Helm strips -n, --kube-context and --kubeconfig and
// hands them over as HELM_NAMESPACE, HELM_KUBECONTEXT and KUBECONFIG.
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
namespace lab2 = detgw::test::lab2;

namespace {

// A Helm with its own homes and the plugin installed from a copy of the files it needs (as
// tests/e2e-lab/helm_plugin_test.cpp does; the lab's bin dir is on PATH).
class HelmWithPlugin {
 public:
  explicit HelmWithPlugin(const std::string& helm) : helm_(helm) {
    const fs::path h = home_.path();
    const fs::path src = h / "src" / "multirm";
    fs::create_directories(src / "scripts");
    fs::copy_file(detgw::test::source_dir() / "plugin.yaml", src / "plugin.yaml");
    fs::copy_file(detgw::test::source_dir() / "scripts" / "install-helm-plugin",
                  src / "scripts" / "install-helm-plugin");
    env_ = {"HELM_CONFIG_HOME=" + (h / "config").string(),
            "HELM_CACHE_HOME=" + (h / "cache").string(),
            "HELM_DATA_HOME=" + (h / "data").string(),
            "HELM_PLUGINS=" + (h / "data" / "plugins").string(),
            std::string("DETGW_PREBUILT_HELM_MULTIRM=") + DETGW_HELM_MULTIRM,
            "NO_COLOR=1"};
    install_ = run({"plugin", "install", src.string()});
  }
  RunResult run(const std::vector<std::string>& args) const {
    std::vector<std::string> argv = {helm_};
    argv.insert(argv.end(), args.begin(), args.end());
    return detgw::test::run(argv, {}, env_);
  }
  const RunResult& install() const { return install_; }

 private:
  std::string helm_;
  TempDir home_;
  std::vector<std::string> env_;
  RunResult install_;
};

void onboard_through(const std::string& helm) {
  HelmWithPlugin h(helm);
  BOOST_REQUIRE_MESSAGE(h.install().exit_code == 0, h.install().err);
  TempDir dir;
  dir.write("values.yaml", "maxSlotsPerPod: 4\ninitialUserPassword: Passw0rd-lab\n");
  // A kubeconfig whose current context may not read Secrets: only --kube-context makes it work.
  auto viewer = detgw::test::run(
      {"kubectl", "--kubeconfig", lab2::kubeconfig(), "config", "view", "--raw", "--flatten"});
  BOOST_REQUIRE(viewer.exit_code == 0);
  const auto kubeconfig = dir.write("kubeconfig", viewer.out);
  auto switched = detgw::test::run(
      {"kubectl", "--kubeconfig", kubeconfig.string(), "config", "use-context", "lab1-viewer"});
  BOOST_REQUIRE(switched.exit_code == 0);
  const LabNamespace space(kRelease, helm);
  const std::string& ns = space.name();

  auto add = h.run({"multirm",
                    "add-cluster",
                    "east",
                    "-n",
                    ns,
                    "--cluster-kubeconfig",
                    lab2::kubeconfig(),
                    "--cluster-context",
                    kAdded,
                    "--pool",
                    "east",
                    "--max-slots-per-pod",
                    "2",
                    "--master-host",
                    "10.0.0.1",
                    "--master-port",
                    "8080",
                    "-f",
                    (dir.path() / "values.yaml").string(),
                    "--secret-out",
                    (dir.path() / "secret.yaml").string(),
                    "--values-out",
                    (dir.path() / "overlay.yaml").string()});
  BOOST_REQUIRE_MESSAGE(add.exit_code == 0, add.out + add.err);
  require_no_credential(add.out + add.err);
  // The Secret is for Helm's namespace.
  BOOST_TEST(read_file_text(dir.path() / "secret.yaml").find("namespace: " + ns) !=
             std::string::npos);
  auto applied = kubectl_in(kRelease, {"apply", "-f", (dir.path() / "secret.yaml").string()});
  BOOST_REQUIRE_MESSAGE(applied.exit_code == 0, applied.err);

  const std::vector<std::string> lint = {"multirm",
                                         "lint",
                                         "--live",
                                         "-f",
                                         (dir.path() / "values.yaml").string(),
                                         "-f",
                                         (dir.path() / "overlay.yaml").string(),
                                         "--kubeconfig",
                                         kubeconfig.string()};
  auto with = lint;
  with.insert(with.end(), {"-n", ns, "--kube-context", kRelease});
  auto ok = h.run(with);
  BOOST_TEST(ok.exit_code == 0, ok.out + ok.err);
  BOOST_TEST(ok.out.find("1 cluster checked live") != std::string::npos, ok.out);
  require_no_credential(ok.out + ok.err);

  // Another namespace: the Secret is not there.
  auto other_ns = lint;
  other_ns.insert(other_ns.end(), {"-n", "default", "--kube-context", kRelease});
  auto missing = h.run(other_ns);
  BOOST_TEST(missing.exit_code == 1, missing.out + missing.err);
  BOOST_TEST(missing.out.find("LIV060") != std::string::npos, missing.out);

  // Without --kube-context, the kubeconfig's current context (the viewer) may not read Secrets.
  auto no_context = lint;
  no_context.insert(no_context.end(), {"-n", ns});
  auto refused = h.run(no_context);
  BOOST_TEST(refused.exit_code == 4, refused.out + refused.err);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(helm_multirm_through_helm)

BOOST_AUTO_TEST_CASE(helm3_passes_namespace_and_context) { onboard_through("helm3"); }

BOOST_AUTO_TEST_CASE(helm4_passes_namespace_and_context) { onboard_through("helm4"); }

BOOST_AUTO_TEST_SUITE_END()
