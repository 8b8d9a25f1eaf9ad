// `helm multirm render`: the rendered RM keys, the pool table, the lint of the rendered document
// (findings point into it), HLM004 for the duplicate kubeconfig_path the chart creates.
#include <boost/test/unit_test.hpp>

#include "core/app/render.hpp"
#include "tests/common/test_support.hpp"

using detgw::test::run;
using detgw::test::TempDir;

namespace {

const std::string kBinary = DETGW_HELM_MULTIRM;

const std::string kWithPath = R"(maxSlotsPerPod: 1
additional_resource_managers:
  - resource_manager:
      type: kubernetes
      cluster_name: east
      max_slots_per_pod: 1
      kubeconfig_path: /mine
      kubeconfig_secret_name: s
      kubeconfig_secret_value: config
      determined_master_host: h
      determined_master_port: 8080
    resource_pools: [{pool_name: east-pool}]
)";

detgw::app::RenderResult render_text(const std::string& values) {
  TempDir dir;
  detgw::app::RenderOptions options;
  options.values_files = {dir.write("values.yaml", values).string()};
  options.env = [](const std::string&) -> std::optional<std::string> { return std::nullopt; };
  return detgw::app::render(options);
}

std::size_t count(const detgw::app::RenderResult& r, const std::string& code) {
  std::size_t n = 0;
  for (const auto& f : r.report.findings)
    if (f.code == code) ++n;
  return n;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(render_command)

BOOST_AUTO_TEST_CASE(the_charts_duplicate_kubeconfig_path_is_hlm004_once) {
  auto r = render_text(kWithPath);
  BOOST_TEST(count(r, "HLM004") == 1u);
  BOOST_TEST(count(r, "MRM003") == 0u);
  for (const auto& f : r.report.findings)
    if (f.code == "HLM004") {
      BOOST_TEST(f.location.file == detgw::app::kRenderedFile);
      BOOST_TEST(f.path == "additional_resource_managers[0].resource_manager.kubeconfig_path");
      // The chart's own kubeconfig_path, the last line of the RM's map in the rendered text.
      BOOST_TEST(r.rendered.find("kubeconfig_path: /mount/determined/secrets/0/config") !=
                 std::string::npos);
      BOOST_TEST(f.location.line > 0);
    }
  BOOST_TEST(r.exit_code == 0);
}

BOOST_AUTO_TEST_CASE(findings_point_into_the_rendered_document) {
  // Two RMs named east: MRM013 in the rendered config.
  auto r = render_text("maxSlotsPerPod: 1\nresourceManager:\n  clusterName: east\n" +
                       kWithPath.substr(kWithPath.find("additional")));
  bool found = false;
  for (const auto& f : r.report.findings)
    if (f.code == "MRM013") {
      found = true;
      BOOST_TEST(f.location.file == detgw::app::kRenderedFile);
    }
  BOOST_TEST(found);
  BOOST_TEST(r.exit_code == 1);
}

BOOST_AUTO_TEST_CASE(pools_are_placed_local_or_remote) {
  auto r = render_text(kWithPath);
  BOOST_REQUIRE_EQUAL(r.pools.size(), 2u);
  BOOST_TEST(r.pools[0].pool == "default");
  BOOST_TEST(r.pools[0].cluster == "default");
  BOOST_TEST(r.pools[0].local);
  BOOST_TEST(r.pools[1].pool == "east-pool");
  BOOST_TEST(r.pools[1].cluster == "east");
  BOOST_TEST(!r.pools[1].local);
}

BOOST_AUTO_TEST_CASE(a_value_the_chart_requires_is_reported_not_rendered) {
  auto r = render_text("resourcePools: [{pool_name: a}]\n");
  BOOST_TEST(r.rendered.empty());
  BOOST_TEST(count(r, "HLM005") == 1u);
  BOOST_TEST(count(r, "HLM011") == 0u);  // render is no install
  BOOST_TEST(r.exit_code == 1);
}

BOOST_AUTO_TEST_CASE(the_binary_prints_config_table_and_findings) {
  TempDir dir;
  auto values = dir.write("v.yaml", kWithPath);
  auto text = run({kBinary, "render", "-f", values.string(), "--release", "det"}, {},
                  {"HELM_NAMESPACE=determined"});
  BOOST_TEST(text.exit_code == 0, text.err);
  BOOST_TEST(text.out.find("default_namespace: \"determined\"") != std::string::npos, text.out);
  BOOST_TEST(text.out.find("master_service_name: determined-master-service-det") !=
             std::string::npos);
  BOOST_TEST(text.out.find("east-pool  east     Remote") != std::string::npos, text.out);
  BOOST_TEST(text.out.find("warning HLM004") != std::string::npos);
  auto json = run({kBinary, "render", "-f", values.string(), "-o", "json"});
  BOOST_TEST(json.exit_code == 0);
  BOOST_TEST(json.out.rfind("{", 0) == 0u, json.out);  // only the report
  BOOST_TEST(json.out.find("\"HLM004\"") != std::string::npos);
  auto master = dir.write("m.yaml", "resource_manager:\n  type: kubernetes\n");
  BOOST_TEST(run({kBinary, "render", "-f", master.string()}).exit_code == 2);
}

BOOST_AUTO_TEST_SUITE_END()
