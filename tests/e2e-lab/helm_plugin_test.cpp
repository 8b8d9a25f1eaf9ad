// The Helm plugin (plugin.yaml + scripts/install-helm-plugin) installed into real Helm 3 and
// Helm 4 with isolated HELM_* homes, then run as `helm multirm ...`.
//
// Helm behaviours pinned here (helm 3.19.5, helm 4.3.1):
//  - Helm 4 installs a local directory as a symlink in "development mode" without --verify
//    (no --verify=false needed), but into $HELM_DATA_HOME/plugins even when HELM_PLUGINS points
//    elsewhere, while it loads plugins from HELM_PLUGINS (helm/helm#32646). So HELM_PLUGINS is
//    set to $HELM_DATA_HOME/plugins for both versions.
//  - Both propagate the plugin's exit status (1 for findings, 3 for unreadable input) and add
//    `Error: plugin "multirm" exited with error` on stderr for any non-zero status.
//  - `helm plugin list`: Helm 3 prints NAME VERSION DESCRIPTION; Helm 4 NAME VERSION TYPE
//    APIVERSION PROVENANCE SOURCE, with `cli/v1` and `legacy` for this apiVersion-less file.
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/common/test_support.hpp"

using detgw::test::run;
using detgw::test::RunResult;
using detgw::test::TempDir;

namespace {

namespace fs = std::filesystem;

const fs::path& lab_bin() {
  static const fs::path bin = [] {
    auto r = run({(detgw::test::source_dir() / "tests" / "lab" / "build").string(), "--print-bin"});
    std::string out = r.out;
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    return fs::path(out);
  }();
  return bin;
}

std::string example(const std::string& name) {
  return (detgw::test::source_dir() / "examples" / name).string();
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// A Helm with its own homes and the plugin installed from a copy of the files it needs.
class HelmWithPlugin {
 public:
  explicit HelmWithPlugin(const std::string& helm) : helm_((lab_bin() / helm).string()) {
    const fs::path h = home_.path();
    const fs::path src = h / "src" / "multirm";  // the basename names the plugin dir
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
  fs::path plugin_dir() const { return home_.path() / "data" / "plugins" / "multirm"; }

 private:
  std::string helm_;
  TempDir home_;
  std::vector<std::string> env_;
  RunResult install_;
};

void check_plugin(const std::string& helm) {
  BOOST_TEST_CONTEXT(helm) {
    HelmWithPlugin h(helm);
    BOOST_TEST_INFO("install stderr: " << h.install().err);
    BOOST_REQUIRE(h.install().exit_code == 0);
    BOOST_TEST(contains(h.install().out, "Installed plugin: multirm"));
    BOOST_TEST(contains(h.install().err, "multirm: using prebuilt"));  // the install hook ran
    BOOST_TEST(fs::exists(h.plugin_dir() / "bin" / "helm-multirm"));

    auto list = h.run({"plugin", "list"});
    BOOST_TEST(list.exit_code == 0);
    bool listed = false;
    for (std::size_t pos = 0; pos < list.out.size();) {
      auto end = list.out.find('\n', pos);
      if (end == std::string::npos) end = list.out.size();
      const std::string line = list.out.substr(pos, end - pos);
      if (line.starts_with("multirm") && contains(line, "0.1.0")) listed = true;
      pos = end + 1;
    }
    BOOST_TEST_INFO("plugin list: " << list.out);
    BOOST_TEST(listed);
    if (helm == "helm4") BOOST_TEST(contains(list.out, "legacy"));

    auto clean = h.run({"multirm", "lint", "-f", example("values-multicluster.yaml")});
    BOOST_TEST_INFO("stderr: " << clean.err);
    BOOST_TEST(clean.exit_code == 0);
    BOOST_TEST(contains(clean.out, "✔ no problems found in"));
    BOOST_TEST(contains(clean.out, "(3 resource managers, 4 pools, 2 gateways)"));

    auto mistakes = h.run({"multirm", "lint", "-f", example("values-mistakes.yaml")});
    BOOST_TEST(mistakes.exit_code == 1);  // the plugin's own status, propagated
    BOOST_TEST(contains(mistakes.out, "MRM012"));
    BOOST_TEST(contains(mistakes.err, "Error: plugin \"multirm\" exited with error"));

    auto unreadable = h.run({"multirm", "lint", "-f", "/nonexistent/values.yaml"});
    BOOST_TEST(unreadable.exit_code == 3);

    auto help = h.run({"multirm", "lint", "--help"});
    BOOST_TEST(help.exit_code == 0);
    BOOST_TEST(contains(help.out, "Usage: helm multirm lint"));
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(helm_plugin)

BOOST_AUTO_TEST_CASE(plugin_yaml_installs_and_runs_on_helm3) { check_plugin("helm3"); }

BOOST_AUTO_TEST_CASE(plugin_yaml_installs_and_runs_on_helm4) { check_plugin("helm4"); }

BOOST_AUTO_TEST_SUITE_END()
