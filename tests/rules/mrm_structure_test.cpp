// MRM001-MRM006: unknown keys, duplicate keys, value types, unset placeholders, RM blocks
// without a type — in master, Helm values and devcluster input — plus key case folding,
// merge keys and rule selection (--disable, --suppress).

#include <boost/test/unit_test.hpp>

#include "core/app/lint.hpp"
#include "tests/rules/lint_fixture.hpp"

using detgw::report::Severity;
using detgw::test::expect_clean;
using detgw::test::expect_finding;
using detgw::test::kAdditionalRmBody;
using detgw::test::kMasterHostPort;
using detgw::test::kMasterRoot;
using detgw::test::kWestValuesRm;
using detgw::test::lint_yaml;
using detgw::test::master_with_additional;
using detgw::test::values_with_additional;

namespace {

detgw::app::CommandResult lint_with(const std::string& yaml, detgw::app::RuleSelection selection) {
  static detgw::test::TempDir dir;
  static int counter = 0;
  detgw::app::LintOptions options;
  options.values_files = {dir.write("sel" + std::to_string(++counter) + ".yaml", yaml).string()};
  options.selection = std::move(selection);
  options.env = [](const std::string&) -> std::optional<std::string> { return std::nullopt; };
  return detgw::app::lint(options);
}

std::size_t count_code(const detgw::app::CommandResult& r, const std::string& code) {
  std::size_t n = 0;
  for (const auto& f : r.report.findings) n += f.code == code;
  return n;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(mrm_structure)

BOOST_AUTO_TEST_CASE(baseline_master_is_clean) {
  expect_clean(lint_yaml(master_with_additional(kAdditionalRmBody)));
}

// ---- MRM001 ------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(mrm001_typo_in_root_rm_master) {
  auto run = lint_yaml(R"(resource_manager:
  type: kubernetes
  cluster_name: east
  max_slots_per_pod: 1
  defualt_namespace: team
resource_pools:
  - pool_name: default
)");
  auto f = run.one("MRM001");
  expect_finding(f, Severity::Error, "resource_manager.defualt_namespace", 5, 3,
                 "unknown key \"defualt_namespace\" in the root RM (east) resource_manager");
  BOOST_TEST(f.message.find("json: unknown field") != std::string::npos);
  BOOST_TEST(f.hint == "did you mean \"default_namespace\"?");
  BOOST_TEST(f.rm == "east");
  BOOST_TEST(f.pointer == "/resource_manager/defualt_namespace");
  BOOST_TEST(run.result.exit_code == 1);
}

BOOST_AUTO_TEST_CASE(mrm001_fixed_root_rm_master) {
  expect_clean(lint_yaml(R"(resource_manager:
  type: kubernetes
  cluster_name: east
  max_slots_per_pod: 1
  default_namespace: team
resource_pools:
  - pool_name: default
)"));
}

BOOST_AUTO_TEST_CASE(mrm001_top_level_master_key) {
  auto run = lint_yaml(kMasterRoot + R"(additional_resource_manager:
  - resource_manager: {type: kubernetes}
)");
  auto f = run.one("MRM001");
  expect_finding(f, Severity::Error, "additional_resource_manager", 7, 1,
                 "unknown key \"additional_resource_manager\" in the master configuration");
  BOOST_TEST(f.hint == "did you mean \"additional_resource_managers\"?");
  BOOST_TEST(f.rm.empty());
}

BOOST_AUTO_TEST_CASE(mrm001_wrapper_key_values) {
  auto run = lint_yaml(R"(maxSlotsPerPod: 1
additional_resource_managers:
  - resource_manager:
      type: kubernetes
      cluster_name: west
      max_slots_per_pod: 1
      kubeconfig_secret_name: s
      kubeconfig_secret_value: config
      determined_master_host: h
      determined_master_port: 8080
    resource_pool:
      - pool_name: west
)");
  auto f = run.one("MRM001");
  expect_finding(f, Severity::Error, "additional_resource_managers[0].resource_pool", 11, 5,
                 "unknown key \"resource_pool\" in additional_resource_managers[0]");
  BOOST_TEST(f.hint == "did you mean \"resource_pools\"?");
  BOOST_TEST(f.rm == "west");
}

BOOST_AUTO_TEST_CASE(mrm001_fixed_wrapper_key_values) {
  expect_clean(lint_yaml(values_with_additional(kWestValuesRm + kMasterHostPort)));
}

BOOST_AUTO_TEST_CASE(mrm001_chart_keys_are_unknown_to_the_master) {
  // kubeconfig_secret_* belong to the chart: fine in values (above), unknown in master.yaml.
  auto run = lint_yaml(kMasterRoot + R"(additional_resource_managers:
  - resource_manager:
      type: kubernetes
      cluster_name: west
      max_slots_per_pod: 1
      kubeconfig_path: /k
      kubeconfig_secret_name: s
      determined_master_host: h
      determined_master_port: 8080
    resource_pools:
      - pool_name: west
)");
  expect_finding(run.one("MRM001"), Severity::Error,
                 "additional_resource_managers[0].resource_manager.kubeconfig_secret_name", 13, 7,
                 "unknown key \"kubeconfig_secret_name\" in the additional RM #0 (west)");
}

BOOST_AUTO_TEST_CASE(mrm001_agent_rm_has_its_own_keys) {
  auto bad = lint_yaml(R"(resource_manager:
  type: agent
  slot_type: cuda
)");
  expect_finding(bad.one("MRM001"), Severity::Error, "resource_manager.slot_type", 3, 3,
                 "unknown key \"slot_type\" in the root RM (default)");
  expect_clean(lint_yaml(R"(resource_manager:
  type: agent
  require_authentication: true
)"));
}

BOOST_AUTO_TEST_CASE(mrm001_devcluster_path_is_prefixed) {
  auto run = lint_yaml(R"(stages:
  - db:
      port: 5432
  - master:
      config_file:
        resource_manager:
          type: kubernetes
          max_slots_per_pod: 1
          master_service: $DOCKER_LOCALHOST
)");
  auto f = run.one("MRM001");
  expect_finding(f, Severity::Error, "stages[1].master.config_file.resource_manager.master_service",
                 9, 11, "unknown key \"master_service\"");
  BOOST_TEST(f.hint == "did you mean \"master_service_name\"?");
  BOOST_TEST(f.pointer == "/stages/1/master/config_file/resource_manager/master_service");
}

BOOST_AUTO_TEST_CASE(mrm001_fixed_devcluster) {
  expect_clean(lint_yaml(R"(stages:
  - db:
      port: 5432
  - master:
      config_file:
        resource_manager:
          type: kubernetes
          max_slots_per_pod: 1
          master_service_name: $DOCKER_LOCALHOST
)"));
}

// ---- key case folding ----------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(case_folding_top_level_and_root_rm_are_lower_cased) {
  // viper lower-cases every key reached from the top through maps: all of these are fine.
  expect_clean(lint_yaml(R"(Resource_Manager:
  Type: kubernetes
  Cluster_Name: east
  MAX_SLOTS_PER_POD: 1
Resource_Pools:
  - pool_name: default
)",
                         "master"));
}

BOOST_AUTO_TEST_CASE(case_folding_additional_rm_type_is_exact) {
  // Inside a list element viper does not lower-case; the union decoder compares exactly, so
  // `Type` is not `type`: the block has keys but no type (MRM006, not MRM001 per key).
  auto run = lint_yaml(kMasterRoot + R"(additional_resource_managers:
  - Resource_Manager:
      Type: kubernetes
      cluster_name: west
    resource_pools:
      - pool_name: west
)");
  auto f = run.one("MRM006");
  expect_finding(f, Severity::Error, "additional_resource_managers[0].Resource_Manager", 9, 7,
                 "has keys but no \"type\"");
  BOOST_TEST(f.message.find("json: unknown field \"Type\"") != std::string::npos);
  BOOST_TEST(!run.has("MRM001"));  // the wrapper key matches case-insensitively (encoding/json)
}

BOOST_AUTO_TEST_CASE(case_folding_additional_rm_key_is_exact) {
  auto run = lint_yaml(kMasterRoot + R"(additional_resource_managers:
  - resource_manager:
      type: kubernetes
      Cluster_Name: west
      max_slots_per_pod: 1
      kubeconfig_path: /k
      determined_master_host: h
      determined_master_port: 8080
    resource_pools:
      - pool_name: west
)");
  auto f = run.one("MRM001");
  expect_finding(f, Severity::Error,
                 "additional_resource_managers[0].resource_manager.Cluster_Name", 10, 7,
                 "unknown key \"Cluster_Name\"");
  BOOST_TEST(f.hint == "did you mean \"cluster_name\"?");
  BOOST_TEST(run.has("MRM012"));  // and the RM has no cluster_name as the master reads it
}

// ---- MRM002 ------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(mrm002_pool_key_master) {
  auto run = lint_yaml(R"(resource_manager:
  type: kubernetes
  max_slots_per_pod: 1
resource_pools:
  - pool_name: default
    kubernetes_namespace: team
)");
  auto f = run.one("MRM002");
  expect_finding(f, Severity::Warning, "resource_pools[0].kubernetes_namespace", 6, 5,
                 "unknown key \"kubernetes_namespace\" in a resource pool: the master ignores it "
                 "silently");
  BOOST_TEST(run.result.exit_code == 0);  // a warning alone does not fail the run
}

BOOST_AUTO_TEST_CASE(mrm002_fixed_pool_key_master) {
  expect_clean(lint_yaml(R"(resource_manager:
  type: kubernetes
  max_slots_per_pod: 1
resource_pools:
  - pool_name: default
    description: team
)"));
}

BOOST_AUTO_TEST_CASE(mrm002_nested_rm_object_values) {
  auto run = lint_yaml(R"(maxSlotsPerPod: 1
additional_resource_managers:
  - resource_manager:
      type: kubernetes
      cluster_name: west
      max_slots_per_pod: 1
      kubeconfig_secret_name: s
      kubeconfig_secret_value: config
      determined_master_host: h
      determined_master_port: 8080
      slot_resource_requests:
        cpus: 2
    resource_pools:
      - pool_name: west
        kubernetes_namespace: team
)");
  auto found = run.with_code("MRM002");
  BOOST_REQUIRE_EQUAL(found.size(), 2u);
  const auto& nested =
      found[0].path.find("slot_resource_requests") != std::string::npos ? found[0] : found[1];
  expect_finding(nested, Severity::Warning,
                 "additional_resource_managers[0].resource_manager.slot_resource_requests.cpus", 12,
                 9, "unknown key \"cpus\" in slot_resource_requests");
  BOOST_TEST(nested.hint == "did you mean \"cpu\"?");
  const auto& pool = &nested == &found[0] ? found[1] : found[0];
  expect_finding(pool, Severity::Warning,
                 "additional_resource_managers[0].resource_pools[0].kubernetes_namespace", 15, 9,
                 "in a resource pool");
}

BOOST_AUTO_TEST_CASE(mrm002_fixed_nested_rm_object_values) {
  auto run = lint_yaml(R"(maxSlotsPerPod: 1
additional_resource_managers:
  - resource_manager:
      type: kubernetes
      cluster_name: west
      max_slots_per_pod: 1
      kubeconfig_secret_name: s
      kubeconfig_secret_value: config
      determined_master_host: h
      determined_master_port: 8080
      slot_resource_requests:
        cpu: 2
    resource_pools:
      - pool_name: west
)");
  expect_clean(run);
}

BOOST_AUTO_TEST_CASE(mrm002_devcluster_fluent) {
  auto run = lint_yaml(R"(stages:
  - master:
      config_file:
        resource_manager:
          type: kubernetes
          max_slots_per_pod: 1
          fluent:
            imagee: fluent/fluent-bit
)");
  auto f = run.one("MRM002");
  expect_finding(f, Severity::Warning,
                 "stages[0].master.config_file.resource_manager.fluent.imagee", 8, 13,
                 "unknown key \"imagee\" in fluent");
  BOOST_TEST(f.hint == "did you mean \"image\"?");
  expect_clean(lint_yaml(R"(stages:
  - master:
      config_file:
        resource_manager:
          type: kubernetes
          max_slots_per_pod: 1
          fluent:
            image: fluent/fluent-bit
)"));
}

// ---- MRM003 ------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(mrm003_duplicate_key_master_last_wins) {
  // The master keeps the last cluster_name: "east", the root's name, so MRM013 fires too.
  auto run = lint_yaml(kMasterRoot + R"(additional_resource_managers:
  - resource_manager:
      type: kubernetes
      cluster_name: west
      cluster_name: east
      max_slots_per_pod: 1
      kubeconfig_path: /k
      determined_master_host: h
      determined_master_port: 8080
    resource_pools:
      - pool_name: west
)");
  auto f = run.one("MRM003");
  expect_finding(f, Severity::Error,
                 "additional_resource_managers[0].resource_manager.cluster_name", 11, 7,
                 "key \"cluster_name\" appears twice in this mapping (first at line 10)");
  BOOST_TEST(f.hint == "remove one of the two");
  auto dup = run.one("MRM013");
  BOOST_TEST(dup.location.line == 11);  // judged on the last value
  BOOST_TEST(dup.message.find("duplicate name: east") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(mrm003_duplicate_key_first_value_is_ignored) {
  // Reversed: the last value "west" is unique, so only MRM003 remains.
  auto run = lint_yaml(kMasterRoot + R"(additional_resource_managers:
  - resource_manager:
      type: kubernetes
      cluster_name: east
      cluster_name: west
      max_slots_per_pod: 1
      kubeconfig_path: /k
      determined_master_host: h
      determined_master_port: 8080
    resource_pools:
      - pool_name: west
)");
  BOOST_TEST(run.with_code("MRM003").size() == 1u);
  BOOST_TEST(!run.has("MRM013"));
  BOOST_TEST(run.result.report.findings.size() == 1u);
}

BOOST_AUTO_TEST_CASE(mrm003_case_folded_top_level_keys) {
  auto run = lint_yaml(kMasterRoot + "Resource_Pools:\n  - pool_name: other\n", "master");
  auto f = run.one("MRM003");
  expect_finding(f, Severity::Error, "Resource_Pools", 7, 1,
                 "keys \"resource_pools\" (line 5) and \"Resource_Pools\" are the same key for "
                 "the master");
}

BOOST_AUTO_TEST_CASE(mrm003_case_differs_inside_additional_rm_is_not_a_duplicate) {
  // No lower-casing inside list elements: `Cluster_Name` is a different (unknown) key.
  auto run = lint_yaml(kMasterRoot + R"(additional_resource_managers:
  - resource_manager:
      type: kubernetes
      cluster_name: west
      Cluster_Name: west
      max_slots_per_pod: 1
      kubeconfig_path: /k
      determined_master_host: h
      determined_master_port: 8080
    resource_pools:
      - pool_name: west
)");
  BOOST_TEST(!run.has("MRM003"));
  BOOST_TEST(run.has("MRM001"));
}

BOOST_AUTO_TEST_CASE(mrm003_values_and_devcluster) {
  auto values = lint_yaml(R"(maxSlotsPerPod: 1
maxSlotsPerPod: 2
)");
  expect_finding(values.one("MRM003"), Severity::Error, "maxSlotsPerPod", 2, 1,
                 "appears twice in this mapping (first at line 1)");
  expect_clean(lint_yaml("maxSlotsPerPod: 2\n"));

  auto dev = lint_yaml(R"(stages:
  - master:
      config_file:
        resource_manager:
          type: kubernetes
          max_slots_per_pod: 1
          max_slots_per_pod: 2
)");
  expect_finding(dev.one("MRM003"), Severity::Error,
                 "stages[0].master.config_file.resource_manager.max_slots_per_pod", 7, 11,
                 "appears twice");
}

BOOST_AUTO_TEST_CASE(mrm003_in_a_list_reached_twice_is_reported_once_at_its_first_path) {
  // The walk passes the aliased list twice; its items' paths carry the index.
  auto run = lint_yaml(R"(maxSlotsPerPod: 1
extra: &shared
  - name: a
  - name: b
    name: c
again: [*shared, *shared]
)");
  expect_finding(run.one("MRM003"), Severity::Error, "extra[1].name", 5, 5,
                 "key \"name\" appears twice in this mapping (first at line 4)");
}

// ---- merge keys and aliases -------------------------------------------------------------

BOOST_AUTO_TEST_CASE(merge_key_brings_in_the_anchors_values) {
  // The second RM inherits everything, including cluster_name "west": a duplicate name.
  auto run = lint_yaml(kMasterRoot + R"(additional_resource_managers:
  - resource_manager: &k8s
      type: kubernetes
      cluster_name: west
      max_slots_per_pod: 1
      kubeconfig_path: /k
      determined_master_host: h
      determined_master_port: 8080
    resource_pools:
      - pool_name: west
  - resource_manager:
      <<: *k8s
    resource_pools:
      - pool_name: north
)");
  auto f = run.one("MRM013");
  BOOST_TEST(f.path == "additional_resource_managers[1].resource_manager.cluster_name");
  BOOST_TEST(f.location.line == 10);  // where the inherited value is written
  BOOST_TEST(!run.has("MRM001"));     // `<<` is not an unknown key
  BOOST_TEST(!run.has("MRM006"));     // type comes from the anchor
}

BOOST_AUTO_TEST_CASE(merge_key_overridden_and_duplicates_in_anchor) {
  // An explicit key wins over the merged one; within the anchor the last duplicate wins.
  auto run = lint_yaml(kMasterRoot + R"(additional_resource_managers:
  - resource_manager: &k8s
      type: kubernetes
      cluster_name: north
      cluster_name: west
      max_slots_per_pod: 1
      kubeconfig_path: /k
      determined_master_host: h
      determined_master_port: 8080
    resource_pools:
      - pool_name: west
  - resource_manager:
      <<: *k8s
      cluster_name: north
    resource_pools:
      - pool_name: north
)");
  BOOST_TEST(run.with_code("MRM003").size() == 1u);  // reported once, in the anchor
  BOOST_TEST(!run.has("MRM013"));                    // west and north
  BOOST_TEST(run.result.report.findings.size() == 1u);
}

BOOST_AUTO_TEST_CASE(alias_pools_reused_are_duplicates) {
  auto run = lint_yaml(R"(resource_manager:
  type: kubernetes
  cluster_name: east
  max_slots_per_pod: 1
resource_pools: &pools
  - pool_name: default
additional_resource_managers:
  - resource_manager:
      type: kubernetes
      cluster_name: west
      max_slots_per_pod: 1
    resource_pools: *pools
)");
  auto f = run.one("MRM015");
  BOOST_TEST(f.path == "additional_resource_managers[0].resource_pools[0].pool_name");
  BOOST_TEST(f.message.find("\"default\" is already defined in the root RM (east)") !=
             std::string::npos);
}

// ---- MRM004 ------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(mrm004_quoted_port_master) {
  auto run = lint_yaml(kMasterRoot + R"(additional_resource_managers:
  - resource_manager:
      type: kubernetes
      cluster_name: west
      max_slots_per_pod: 1
      kubeconfig_path: /k
      determined_master_host: h
      determined_master_port: "8080"
    resource_pools:
      - pool_name: west
)");
  auto f = run.one("MRM004");
  expect_finding(f, Severity::Error,
                 "additional_resource_managers[0].resource_manager.determined_master_port", 14, 31,
                 "determined_master_port must be an integer, not a string (\"8080\")");
  BOOST_TEST(f.hint == "remove the quotes so it is a number");
}

BOOST_AUTO_TEST_CASE(mrm004_number_for_name_and_map_for_list) {
  auto run = lint_yaml(R"(resource_manager:
  type: kubernetes
  cluster_name: 123
  max_slots_per_pod: 1
resource_pools:
  pool_name: default
)");
  auto found = run.with_code("MRM004");
  BOOST_REQUIRE_EQUAL(found.size(), 2u);
  expect_finding(found[0], Severity::Error, "resource_manager.cluster_name", 3, 17,
                 "cluster_name must be a string, not an integer (\"123\")");
  BOOST_TEST(found[0].hint == "quote it so it is a string: \"123\"");
  expect_finding(found[1], Severity::Error, "resource_pools", 6, 3,
                 "resource_pools must be a list, not a map");
}

BOOST_AUTO_TEST_CASE(mrm004_substituted_value_stays_a_string_devcluster) {
  auto run = lint_yaml(R"(stages:
  - master:
      config_file:
        resource_manager:
          type: kubernetes
          max_slots_per_pod: 1
          determined_master_host: $DOCKER_LOCALHOST
          determined_master_port: $PORT
)",
                       "devcluster", {{"PORT", "8080"}});
  auto f = run.one("MRM004");
  expect_finding(f, Severity::Error,
                 "stages[0].master.config_file.resource_manager.determined_master_port", 8, 35,
                 "determined_master_port must be an integer, not a string (\"8080\")");
  expect_clean(lint_yaml(R"(stages:
  - master:
      config_file:
        resource_manager:
          type: kubernetes
          max_slots_per_pod: 1
          determined_master_host: $DOCKER_LOCALHOST
          determined_master_port: 8080
)",
                         "devcluster", {{"PORT", "8080"}}));
}

BOOST_AUTO_TEST_CASE(mrm004_values_additional_rm) {
  auto run = lint_yaml(R"(maxSlotsPerPod: 1
additional_resource_managers:
  - resource_manager:
      type: kubernetes
      cluster_name: west
      max_slots_per_pod: [1]
      kubeconfig_secret_name: s
      kubeconfig_secret_value: config
      determined_master_host: h
      determined_master_port: 8080
    resource_pools:
      - pool_name: west
)");
  expect_finding(run.one("MRM004"), Severity::Error,
                 "additional_resource_managers[0].resource_manager.max_slots_per_pod", 6, 26,
                 "max_slots_per_pod must be an integer, not a list");
}

// ---- MRM005 ------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(mrm005_unset_variable_devcluster) {
  const std::string dev = R"(stages:
  - master:
      config_file:
        resource_manager:
          type: kubernetes
          max_slots_per_pod: 1
          internal_task_gateway:
            gateway_name: contour
            gateway_namespace: projectcontour
            gateway_ip: ${GATEWAY_IP}
            gateway_port_range_start: 49152
            gateway_port_range_end: 49200
)";
  auto run = lint_yaml(dev, "devcluster");
  auto f = run.one("MRM005");
  expect_finding(f, Severity::Warning,
                 "stages[0].master.config_file.resource_manager.internal_task_gateway.gateway_ip",
                 10, 25,
                 "$GATEWAY_IP is not set in the environment, so the value stays \"${GATEWAY_IP}\"");
  BOOST_TEST(f.hint == "export GATEWAY_IP before running devcluster");
  BOOST_TEST(run.result.report.findings.size() == 1u);  // the gateway_ip checks skip it
  expect_clean(lint_yaml(dev, "devcluster", {{"GATEWAY_IP", "10.0.0.5"}}));
}

BOOST_AUTO_TEST_CASE(mrm005_docker_localhost_is_always_set) {
  auto run = lint_yaml(R"(stages:
  - master:
      config_file:
        resource_manager:
          type: kubernetes
          max_slots_per_pod: 1
          determined_master_host: $DOCKER_LOCALHOST
          determined_master_port: 8080
)");
  BOOST_TEST(!run.has("MRM005"));
}

BOOST_AUTO_TEST_CASE(mrm005_not_in_master_or_values_input) {
  // Only devcluster expands variables; in master.yaml `$X` is a literal string.
  auto run = lint_yaml(R"(resource_manager:
  type: kubernetes
  cluster_name: $X
  max_slots_per_pod: 1
)");
  BOOST_TEST(!run.has("MRM005"));
}

// ---- MRM006 ------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(mrm006_root_rm_without_type_master) {
  auto run = lint_yaml(R"(resource_manager:
  cluster_name: east
  max_slots_per_pod: 1
resource_pools:
  - pool_name: default
)");
  auto f = run.one("MRM006");
  expect_finding(f, Severity::Error, "resource_manager", 2, 3,
                 "the root RM (east) resource_manager has keys but no \"type\"");
  BOOST_TEST(f.message.find("json: unknown field \"cluster_name\"") != std::string::npos);
  BOOST_TEST(f.hint == "add type: kubernetes");
  BOOST_TEST(!run.has("MRM001"));  // not repeated for each key
  BOOST_TEST(run.result.report.findings.size() == 1u);
}

BOOST_AUTO_TEST_CASE(mrm006_fixed_and_empty_block) {
  expect_clean(lint_yaml(R"(resource_manager:
  type: kubernetes
  cluster_name: east
  max_slots_per_pod: 1
resource_pools:
  - pool_name: default
)"));
  // `resource_manager: {}` is the agent RM, not MRM006.
  expect_clean(lint_yaml("resource_manager: {}\n"));
}

BOOST_AUTO_TEST_CASE(mrm006_values_and_devcluster) {
  auto values = lint_yaml(R"(maxSlotsPerPod: 1
additional_resource_managers:
  - resource_manager:
      cluster_name: west
      max_slots_per_pod: 1
      kubeconfig_secret_name: s
      kubeconfig_secret_value: config
    resource_pools:
      - pool_name: west
)");
  expect_finding(values.one("MRM006"), Severity::Error,
                 "additional_resource_managers[0].resource_manager", 4, 7,
                 "additional RM #0 (west) resource_manager has keys but no \"type\"");

  auto dev = lint_yaml(R"(stages:
  - master:
      config_file:
        resource_manager:
          TYPE: kubernetes
          max_slots_per_pod: 1
        additional_resource_managers:
          - resource_manager:
              TYPE: kubernetes
              cluster_name: west
              max_slots_per_pod: 1
            resource_pools:
              - pool_name: west
)");
  // The root's TYPE is lower-cased by viper; the additional RM's is not.
  expect_finding(dev.one("MRM006"), Severity::Error,
                 "stages[0].master.config_file.additional_resource_managers[0].resource_manager", 9,
                 15, "has keys but no \"type\"");
}

// ---- rule selection ------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(selection_disable_turns_a_rule_off) {
  const std::string input = R"(resource_manager:
  type: kubernetes
  max_slots_per_pod: 1
  defualt_namespace: a
resource_pools:
  - pool_name: default
    kubernetes_namespace: a
)";
  auto all = lint_with(input, {});
  BOOST_TEST(count_code(all, "MRM001") == 1u);
  BOOST_TEST(count_code(all, "MRM002") == 1u);
  BOOST_TEST(all.exit_code == 1);

  detgw::app::RuleSelection disable;
  disable.disabled = {"MRM001"};
  auto off = lint_with(input, disable);
  BOOST_TEST(count_code(off, "MRM001") == 0u);
  BOOST_TEST(count_code(off, "MRM002") == 1u);
  BOOST_TEST(off.exit_code == 0);  // only a warning remains
}

BOOST_AUTO_TEST_CASE(selection_suppress_exact_path_and_subtree) {
  const std::string input = R"(resource_manager:
  type: kubernetes
  max_slots_per_pod: 1
  defualt_namespace: a
  master_service: b
)";
  detgw::app::RuleSelection one;
  one.suppressed = {"MRM001=resource_manager.defualt_namespace"};
  auto r1 = lint_with(input, one);
  BOOST_REQUIRE_EQUAL(count_code(r1, "MRM001"), 1u);
  for (const auto& f : r1.report.findings)
    if (f.code == "MRM001") BOOST_TEST(f.path == "resource_manager.master_service");

  detgw::app::RuleSelection below;
  below.suppressed = {"MRM001=resource_manager.*"};
  auto r2 = lint_with(input, below);
  BOOST_TEST(count_code(r2, "MRM001") == 0u);
  BOOST_TEST(r2.exit_code == 0);

  detgw::app::RuleSelection other_code;
  other_code.suppressed = {"MRM002=resource_manager.*"};
  BOOST_TEST(count_code(lint_with(input, other_code), "MRM001") == 2u);
}

BOOST_AUTO_TEST_CASE(selection_unknown_code_is_a_usage_error) {
  detgw::app::RuleSelection bad;
  bad.disabled = {"MRM099"};
  auto r = lint_with("resource_manager: {}\n", bad);
  BOOST_TEST(r.exit_code == 2);
}

BOOST_AUTO_TEST_SUITE_END()
