// Differential test of `helm multirm render` against the real Determined 0.38.1 chart: for every
// case that real `helm template` (3 and 4, from the lab) renders, the resource-manager keys of
// our rendered master.yaml are the same YAML data as the chart's (both parsed; key order,
// quoting and duplicates resolved as the master reads them); where the chart refuses, `lint`
// reports an error. Runs when ../shared and the lab's helm binaries are present.
#include <boost/test/unit_test.hpp>
#include <utility>

#include "core/app/lint.hpp"
#include "core/app/render.hpp"
#include "core/values/merge.hpp"
#include "core/yaml/arena.hpp"
#include "core/yaml/loader.hpp"
#include "tests/common/test_support.hpp"
#include "tests/render/helm_bins.hpp"

namespace fs = std::filesystem;
using detgw::test::TempDir;
using detgw::values::SetKind;

namespace {

struct Case {
  std::string name;
  std::string values;                                  // one -f file
  std::vector<std::pair<SetKind, std::string>> flags;  // after the password's --set
  std::string release = "release-name";
  std::string namespace_ = {};  // "" = not given (helm's and our default: "default")
};

const std::string kRm = R"(  - resource_manager:
      type: kubernetes
      cluster_name: east
      max_slots_per_pod: 1
      kubeconfig_secret_name: east-kubeconfig
      kubeconfig_secret_value: config
      determined_master_host: 10.0.0.1
      determined_master_port: 8080
    resource_pools:
      - pool_name: east
)";

std::string example(const std::string& name) {
  return detgw::test::read_file_text(detgw::test::source_dir() / "examples" / name);
}

const std::vector<Case>& corpus() {
  static const std::vector<Case> cases = {
      {"example values-multicluster", example("values-multicluster.yaml"), {}},
      {"example values-mistakes", example("values-mistakes.yaml"), {}},
      {"chart defaults and slots", "maxSlotsPerPod: 1\n", {}},
      {"maxSlotsPerPod missing (HLM005)", "resourcePools: [{pool_name: a}]\n", {}},
      {"one additional RM", "maxSlotsPerPod: 1\nadditional_resource_managers:\n" + kRm, {}},
      {"two additional RMs, second without pools",
       "maxSlotsPerPod: 2\nadditional_resource_managers:\n" + kRm +
           "  - resource_manager:\n      type: kubernetes\n      cluster_name: west\n"
           "      kubeconfig_secret_name: w\n      kubeconfig_secret_value: kc.yaml\n",
       {}},
      {"no kubeconfig_secret_name (HLM001)",
       "maxSlotsPerPod: 1\nadditional_resource_managers:\n  - resource_manager:\n"
       "      cluster_name: a\n      kubeconfig_secret_value: config\n    resource_pools: []\n",
       {}},
      {"no kubeconfig_secret_value (HLM002)",
       "maxSlotsPerPod: 1\nadditional_resource_managers:\n  - resource_manager:\n"
       "      cluster_name: a\n      kubeconfig_secret_name: s\n",
       {}},
      {"kubeconfig_secret_value with a slash (HLM003)",
       "maxSlotsPerPod: 1\nadditional_resource_managers:\n  - resource_manager:\n"
       "      type: kubernetes\n      cluster_name: a\n      kubeconfig_secret_name: s\n"
       "      kubeconfig_secret_value: dir/config\n    resource_pools: [{pool_name: p}]\n",
       {}},
      {"kubeconfig_path in values (HLM004)",
       "maxSlotsPerPod: 1\nadditional_resource_managers:\n  - resource_manager:\n"
       "      type: kubernetes\n      cluster_name: a\n      kubeconfig_path: /mine\n"
       "      kubeconfig_secret_name: s\n      kubeconfig_secret_value: config\n"
       "    resource_pools: [{pool_name: p}]\n",
       {}},
      {"internal_task_gateway at the top (HLM006)",
       "maxSlotsPerPod: 1\ninternal_task_gateway:\n  gateway_name: g\n",
       {}},
      {"unknown top-level key (HLM007)", "maxSlotsPerPod: 1\naddtional_resource_manager: []\n", {}},
      {"defaultScheduler priority (HLM008)", "maxSlotsPerPod: 1\ndefaultScheduler: priority\n", {}},
      {"defaultScheduler coscheduler with spaces",
       "maxSlotsPerPod: 1\ndefaultScheduler: \" coscheduler \"\n",
       {}},
      {"port and scheme without host (HLM009)",
       "maxSlotsPerPod: 1\ndeterminedMasterPort: 8443\ndeterminedMasterScheme: https\n",
       {}},
      {"host with port and scheme",
       "maxSlotsPerPod: 1\ndeterminedMasterHost: det.example.com\ndeterminedMasterPort: 8443\n"
       "determinedMasterScheme: https\n",
       {}},
      {"host, tlsSecret, masterPort",
       "maxSlotsPerPod: 1\ndeterminedMasterHost: 10.1.2.3\n"
       "tlsSecret: tls\nmasterPort: 9090\n",
       {}},
      {"slotType cpu without requests (HLM010)", "maxSlotsPerPod: 1\nslotType: cpu\n", {}},
      {"slotType cpu with requests",
       "maxSlotsPerPod: 1\nslotType: cpu\nslotResourceRequests:\n  cpu: 2.5\n",
       {}},
      {"slotType gpu is dropped", "maxSlotsPerPod: 1\nslotType: gpu\n", {}},
      {"cluster name, namespace, default pools",
       "maxSlotsPerPod: 8\nresourceManager:\n  clusterName: central\n"
       "  defaultNamespace: det\ndefaultComputeResourcePool: gpu\ndefaultAuxResourcePool: cpu\n"
       "resourcePools:\n  - pool_name: gpu\n  - pool_name: cpu\n    description: CPU only\n",
       {}},
      {"numeric-looking strings",
       "maxSlotsPerPod: \"4\"\nresourceManager:\n  clusterName: \"123\"\n",
       {}},
      {"fluent", "maxSlotsPerPod: 1\nfluent:\n  image: fluent/fluent-bit:1.9\n  port: 24224\n", {}},
      {"empty resourcePools", "maxSlotsPerPod: 1\nresourcePools: []\n", {}},
      {"RM with gateway and nested requests",
       "maxSlotsPerPod: 1\nadditional_resource_managers:\n  - resource_manager:\n"
       "      type: kubernetes\n      cluster_name: gw\n      max_slots_per_pod: 2\n"
       "      slot_type: cpu\n      slot_resource_requests: {cpu: 4}\n"
       "      kubeconfig_secret_name: s\n      kubeconfig_secret_value: config\n"
       "      internal_task_gateway:\n        gateway_name: contour\n"
       "        gateway_namespace: projectcontour\n        gateway_ip: \"203.0.113.1\"\n"
       "        gateway_port_range_start: 40000\n        gateway_port_range_end: 40010\n"
       "    resource_pools:\n      - pool_name: gw\n        task_container_defaults:\n"
       "          kubernetes: {max_slots_per_pod: 2}\n",
       {}},
      {"RMs from --set",
       "maxSlotsPerPod: 1\n",
       {{SetKind::Set,
         "additional_resource_managers[0].resource_manager.type=kubernetes,"
         "additional_resource_managers[0].resource_manager.cluster_name=s1,"
         "additional_resource_managers[0].resource_manager.kubeconfig_secret_name=k,"
         "additional_resource_managers[0].resource_manager.kubeconfig_secret_value=config,"
         "additional_resource_managers[0].resource_pools[0].pool_name=s1"}}},
      {"--set-json RM",
       "maxSlotsPerPod: 1\n",
       {{SetKind::SetJson,
         R"(additional_resource_managers=[{"resource_manager":{"type":"kubernetes",)"
         R"("cluster_name":"j","max_slots_per_pod":1,"kubeconfig_secret_name":"k",)"
         R"("kubeconfig_secret_value":"config"},"resource_pools":[{"pool_name":"j"}]}])"}}},
      {"release and namespace",
       "maxSlotsPerPod: 1\nadditional_resource_managers:\n" + kRm,
       {},
       "det",
       "determined"},
      {"null deletes the chart's pools", "maxSlotsPerPod: 1\nresourcePools: null\n", {}},
  };
  return cases;
}

// The RM keys of a master.yaml text, as canonical JSON ("error: ..." when it does not parse).
std::string rm_keys(const std::string& master_yaml) {
  auto doc = detgw::yaml::load_text(master_yaml, "master.yaml");
  if (!doc) return "error: " + doc.error().describe();
  if (!doc->root->is_mapping()) return "error: not a mapping";
  std::vector<detgw::yaml::Entry> picked;
  for (const auto& e : doc->root->entries)
    if (e.key == "resource_manager" || e.key == "additional_resource_managers" ||
        e.key == "resource_pools")
      picked.push_back(e);
  auto arena = std::make_shared<detgw::yaml::Arena>();
  arena->keep(doc->root);
  const auto* root = arena->mapping(picked, doc->root->location, doc->root->tag);
  return detgw::values::to_canonical_json(detgw::yaml::share(arena, root));
}

// helm template of the chart's master-config Secret: the master.yaml text, or "error: ...".
std::string chart_master_yaml(const fs::path& helm, const fs::path& chart, const Case& c,
                              const std::string& file, const TempDir& home) {
  std::vector<std::string> argv = {helm.string(), "template",
                                   c.release,     chart.string(),
                                   "--show-only", "templates/master-config.yaml",
                                   "-f",          file,
                                   "--set",       "initialUserPassword=Abcdefg1"};
  for (const auto& [kind, expression] : c.flags) {
    argv.push_back(detgw::values::flag_name(kind));
    argv.push_back(expression);
  }
  if (!c.namespace_.empty()) {
    argv.emplace_back("--namespace");
    argv.push_back(c.namespace_);
  }
  const std::string h = home.path().string();
  auto r = detgw::test::run(argv, {},
                            {"HELM_CONFIG_HOME=" + h + "/config", "HELM_CACHE_HOME=" + h + "/cache",
                             "HELM_DATA_HOME=" + h + "/data"});
  if (r.exit_code != 0) return "error: " + r.err;
  auto doc = detgw::yaml::load_text(r.out, "secret.yaml");
  if (!doc) return "error: secret: " + doc.error().describe();
  const auto* data = doc->root->find("stringData");
  const auto* master = data ? data->find("master.yaml") : nullptr;
  if (!master) return "error: no stringData.master.yaml in " + r.out;
  return std::string(master->text);
}

template <typename Options>
void set_inputs(Options& options, const Case& c, const std::string& file) {
  options.values_files = {file};
  int index = 0;
  options.set_flags.push_back({SetKind::Set, "initialUserPassword=Abcdefg1", ++index});
  for (const auto& [kind, expression] : c.flags)
    options.set_flags.push_back({kind, expression, ++index});
  options.env = [](const std::string&) -> std::optional<std::string> { return std::nullopt; };
}

}  // namespace

BOOST_AUTO_TEST_SUITE(render_differential)

BOOST_AUTO_TEST_CASE(render_matches_the_real_chart) {
  auto chart = detgw::test::determined_chart();
  if (!chart || detgw::test::lab_helms().empty()) {
    BOOST_TEST_MESSAGE("skipped deliberately: needs ../shared and the lab's helm binaries");
    BOOST_TEST((!chart || detgw::test::lab_helms().empty()));
    return;
  }
  TempDir home;
  int rendered = 0, refused = 0;
  for (const Case& c : corpus()) {
    BOOST_TEST_CONTEXT(c.name) {
      TempDir dir;
      const std::string file = dir.write("values.yaml", c.values).string();
      detgw::app::RenderOptions render_options;
      set_inputs(render_options, c, file);
      render_options.release.release = c.release;
      if (!c.namespace_.empty()) render_options.release.namespace_ = c.namespace_;
      const auto ours = detgw::app::render(render_options);
      for (const auto& helm : detgw::test::lab_helms()) {
        BOOST_TEST_CONTEXT(helm.filename()) {
          const std::string theirs = chart_master_yaml(helm, *chart, c, file, home);
          if (theirs.rfind("error: ", 0) == 0) {
            ++refused;
            detgw::app::LintOptions lint_options;
            set_inputs(lint_options, c, file);
            const auto lint = detgw::app::lint(lint_options);
            BOOST_TEST(lint.report.summary().errors > 0, "the chart refuses: " << theirs);
            BOOST_TEST(ours.rendered.empty(), "the chart refuses: " << theirs);
            continue;
          }
          ++rendered;
          BOOST_TEST(rm_keys(ours.rendered) == rm_keys(theirs), "ours:\n"
                                                                    << ours.rendered
                                                                    << "\nthe chart's:\n"
                                                                    << theirs);
        }
      }
    }
  }
  BOOST_TEST(rendered >= 40);
  BOOST_TEST(refused >= 4);
}

BOOST_AUTO_TEST_SUITE_END()
