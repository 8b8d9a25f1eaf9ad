#include <boost/test/unit_test.hpp>

#include "tests/rules/lint_fixture.hpp"

using detgw::test::lint_yaml;

BOOST_AUTO_TEST_SUITE(rules_smoke)

BOOST_AUTO_TEST_CASE(mrm012_additional_rm_with_name_only) {
  auto run = lint_yaml(R"(resource_manager:
  type: kubernetes
  max_slots_per_pod: 1
additional_resource_managers:
  - resource_manager:
      type: kubernetes
      name: extra
      max_slots_per_pod: 1
      kubeconfig_path: /k
      determined_master_host: h
      determined_master_port: 8080
    resource_pools:
      - pool_name: extra
)");
  auto f = run.one("MRM012");
  BOOST_TEST(f.message.find("has no cluster_name") != std::string::npos);
  BOOST_TEST(f.path == "additional_resource_managers[0].resource_manager.cluster_name");
  BOOST_TEST(f.location.line == 6);  // the resource_manager mapping that lacks the key
  BOOST_TEST(f.hint.find("rename name: extra to cluster_name: extra") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(mrm004_quoted_max_slots_renders_as_a_number) {
  // The chart prints maxSlotsPerPod unquoted into master.yaml: "4" becomes 4.
  BOOST_TEST(!lint_yaml("maxSlotsPerPod: \"4\"\n").has("MRM004"));
  auto run = lint_yaml("maxSlotsPerPod: [4]\n");
  auto f = run.one("MRM004");
  BOOST_TEST(f.path == "maxSlotsPerPod");
  BOOST_TEST(f.message.find("must be an integer, not a list") != std::string::npos);
  BOOST_TEST(f.location.line == 1);
  BOOST_TEST(f.location.column == 17);
}

BOOST_AUTO_TEST_SUITE_END()
