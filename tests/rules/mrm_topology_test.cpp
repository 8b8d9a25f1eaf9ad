// MRM010-MRM017: which resource managers exist, their names, pools and slot limits, in master,
// Helm values and devcluster input.

#include <boost/test/unit_test.hpp>

#include "tests/rules/lint_fixture.hpp"

using detgw::report::Severity;
using detgw::test::expect_clean;
using detgw::test::expect_finding;
using detgw::test::kAdditionalRmBody;
using detgw::test::kMasterHostPort;
using detgw::test::kMasterRoot;
using detgw::test::kValuesHead;
using detgw::test::kWestValuesRm;
using detgw::test::lint_yaml;
using detgw::test::master_with_additional;
using detgw::test::values_with_additional;

BOOST_AUTO_TEST_SUITE(mrm_topology)

BOOST_AUTO_TEST_CASE(baseline_is_clean) {
  expect_clean(lint_yaml(master_with_additional(kAdditionalRmBody)));
}

// ---- MRM010 ------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(mrm010_missing_and_null_resource_manager) {
  auto run = lint_yaml(kMasterRoot + R"(additional_resource_managers:
  - resource_pools:
      - pool_name: west
  - resource_manager:
    resource_pools:
      - pool_name: north
)");
  auto found = run.with_code("MRM010");
  BOOST_REQUIRE_EQUAL(found.size(), 2u);
  expect_finding(found[0], Severity::Error, "additional_resource_managers[0]", 8, 5,
                 "additional_resource_managers[0] has no resource_manager: the master crashes");
  // An empty value points at its key, not at the next line.
  expect_finding(found[1], Severity::Error, "additional_resource_managers[1].resource_manager", 10,
                 5, "additional_resource_managers[1] has resource_manager: null");
}

BOOST_AUTO_TEST_CASE(mrm010_fixed) {
  expect_clean(lint_yaml(master_with_additional(kAdditionalRmBody)));
}

BOOST_AUTO_TEST_CASE(mrm010_values_null_entry) {
  auto run = lint_yaml(kValuesHead + "  - null\n");
  expect_finding(run.one("MRM010"), Severity::Error, "additional_resource_managers[0]", 3, 5,
                 "has no resource_manager");
}

// ---- MRM011 ------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(mrm011_agent_and_empty_block) {
  auto run = lint_yaml(kMasterRoot + R"(additional_resource_managers:
  - resource_manager:
      type: agent
      cluster_name: west
    resource_pools:
      - pool_name: west
  - resource_manager: {}
    resource_pools:
      - pool_name: north
)");
  auto found = run.with_code("MRM011");
  BOOST_REQUIRE_EQUAL(found.size(), 2u);
  expect_finding(found[0], Severity::Error, "additional_resource_managers[0].resource_manager.type",
                 9, 13, "must be of type kubernetes, not \"agent\"");
  BOOST_TEST(found[0].hint == "set type: kubernetes");
  expect_finding(found[1], Severity::Error, "additional_resource_managers[1].resource_manager", 13,
                 23, "an empty resource_manager is an agent RM");
}

BOOST_AUTO_TEST_CASE(mrm011_pbs_fails_at_resolve) {
  auto run = lint_yaml(master_with_additional("      type: pbs\n      cluster_name: west\n"));
  expect_finding(run.one("MRM011"), Severity::Error,
                 "additional_resource_managers[0].resource_manager.type", 9, 13,
                 "please specify an resource manager type");
}

BOOST_AUTO_TEST_CASE(mrm011_fixed_and_root_may_be_agent) {
  expect_clean(lint_yaml(R"(resource_manager:
  type: agent
additional_resource_managers:
  - resource_manager:
      type: kubernetes
      cluster_name: west
      max_slots_per_pod: 1
      kubeconfig_path: /k
      determined_master_host: h
      determined_master_port: 8080
    resource_pools:
      - pool_name: west
)"));
}

BOOST_AUTO_TEST_CASE(mrm011_devcluster) {
  auto run = lint_yaml(R"(stages:
  - master:
      config_file:
        resource_manager:
          type: kubernetes
          max_slots_per_pod: 1
        additional_resource_managers:
          - resource_manager:
              type: slurm
              cluster_name: hpc
            resource_pools:
              - pool_name: hpc
)");
  expect_finding(
      run.one("MRM011"), Severity::Error,
      "stages[0].master.config_file.additional_resource_managers[0].resource_manager.type", 9, 21,
      "additional_resource_managers only supports resource managers of type: kubernetes");
}

// ---- MRM012 ------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(mrm012_no_cluster_name_master) {
  auto run = lint_yaml(master_with_additional(R"(      type: kubernetes
      max_slots_per_pod: 1
      kubeconfig_path: /k
      determined_master_host: h
      determined_master_port: 8080
)"));
  auto f = run.one("MRM012");
  expect_finding(f, Severity::Error,
                 "additional_resource_managers[0].resource_manager.cluster_name", 9, 7,
                 "the additional RM #0 has no cluster_name");
  BOOST_TEST(f.message.find("cluster_name is required") != std::string::npos);
  BOOST_TEST(f.hint.find("add cluster_name") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(mrm012_empty_cluster_name_values) {
  auto run = lint_yaml(kValuesHead + R"(  - resource_manager:
      type: kubernetes
      cluster_name: ""
      max_slots_per_pod: 1
      kubeconfig_secret_name: s
      kubeconfig_secret_value: config
      determined_master_host: h
      determined_master_port: 8080
    resource_pools:
      - pool_name: west
)");
  expect_finding(run.one("MRM012"), Severity::Error,
                 "additional_resource_managers[0].resource_manager.cluster_name", 5, 21,
                 "has no cluster_name");
}

BOOST_AUTO_TEST_CASE(mrm012_fixed_values) {
  expect_clean(lint_yaml(values_with_additional(kWestValuesRm + kMasterHostPort)));
}

BOOST_AUTO_TEST_CASE(mrm012_unset_placeholder_is_skipped_devcluster) {
  auto run = lint_yaml(R"(stages:
  - master:
      config_file:
        resource_manager:
          type: kubernetes
          max_slots_per_pod: 1
        additional_resource_managers:
          - resource_manager:
              type: kubernetes
              cluster_name: $RM2
              max_slots_per_pod: 1
            resource_pools:
              - pool_name: b
)");
  BOOST_TEST(!run.has("MRM012"));
  BOOST_TEST(run.has("MRM005"));
}

// ---- MRM013 ------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(mrm013_duplicate_with_implicit_default) {
  // The root has no name: it is "default".
  auto run = lint_yaml(R"(resource_manager:
  type: kubernetes
  max_slots_per_pod: 1
additional_resource_managers:
  - resource_manager:
      type: kubernetes
      cluster_name: default
      max_slots_per_pod: 1
    resource_pools:
      - pool_name: west
)");
  auto f = run.one("MRM013");
  expect_finding(f, Severity::Error,
                 "additional_resource_managers[0].resource_manager.cluster_name", 7, 21,
                 "same cluster name as the root RM (default), whose name defaults to \"default\"");
  BOOST_TEST(f.message.find("resource manager has a duplicate name: default") != std::string::npos);
  BOOST_TEST(f.rm == "default");
}

BOOST_AUTO_TEST_CASE(mrm013_root_name_fallback_counts) {
  auto run = lint_yaml(R"(resource_manager:
  type: kubernetes
  name: west
  max_slots_per_pod: 1
additional_resource_managers:
  - resource_manager:
      type: kubernetes
      cluster_name: west
      max_slots_per_pod: 1
    resource_pools:
      - pool_name: west
)");
  expect_finding(run.one("MRM013"), Severity::Error,
                 "additional_resource_managers[0].resource_manager.cluster_name", 8, 21,
                 "same cluster name as the root RM (west)");
}

BOOST_AUTO_TEST_CASE(mrm013_fixed) {
  expect_clean(lint_yaml(master_with_additional(kAdditionalRmBody)));
}

BOOST_AUTO_TEST_CASE(mrm013_values_and_devcluster) {
  auto values = lint_yaml(R"(maxSlotsPerPod: 1
resourceManager:
  clusterName: west
additional_resource_managers:
  - resource_manager:
      type: kubernetes
      cluster_name: west
      max_slots_per_pod: 1
      kubeconfig_secret_name: s
      kubeconfig_secret_value: config
      determined_master_host: h
      determined_master_port: 8080
    resource_pools:
      - pool_name: w
)");
  expect_finding(values.one("MRM013"), Severity::Error,
                 "additional_resource_managers[0].resource_manager.cluster_name", 7, 21,
                 "duplicate name: west");

  auto dev = lint_yaml(R"(stages:
  - master:
      config_file:
        resource_manager:
          type: kubernetes
          cluster_name: $NAME
          max_slots_per_pod: 1
        additional_resource_managers:
          - resource_manager:
              type: kubernetes
              cluster_name: west
              max_slots_per_pod: 1
            resource_pools:
              - pool_name: w
)",
                       "devcluster", {{"NAME", "west"}});
  expect_finding(dev.one("MRM013"), Severity::Error,
                 "stages[0].master.config_file.additional_resource_managers[0].resource_manager."
                 "cluster_name",
                 11, 29, "same cluster name as the root RM (west)");
}

BOOST_AUTO_TEST_CASE(mrm013_unset_placeholders_are_not_compared) {
  auto run = lint_yaml(R"(stages:
  - master:
      config_file:
        resource_manager:
          type: kubernetes
          max_slots_per_pod: 1
        additional_resource_managers:
          - resource_manager:
              type: kubernetes
              cluster_name: $X
              max_slots_per_pod: 1
            resource_pools: [{pool_name: a}]
          - resource_manager:
              type: kubernetes
              cluster_name: $X
              max_slots_per_pod: 1
            resource_pools: [{pool_name: b}]
)");
  BOOST_TEST(!run.has("MRM013"));
  BOOST_TEST(run.with_code("MRM005").size() == 2u);
}

// ---- MRM014 ------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(mrm014_additional_missing_null_and_empty) {
  auto run = lint_yaml(kMasterRoot + R"(additional_resource_managers:
  - resource_manager:
      type: kubernetes
      cluster_name: a
      max_slots_per_pod: 1
  - resource_manager:
      type: kubernetes
      cluster_name: b
      max_slots_per_pod: 1
    resource_pools:
  - resource_manager:
      type: kubernetes
      cluster_name: c
      max_slots_per_pod: 1
    resource_pools: []
)");
  auto found = run.with_code("MRM014");
  BOOST_REQUIRE_EQUAL(found.size(), 3u);
  expect_finding(found[0], Severity::Error, "additional_resource_managers[0].resource_pools", 8, 5,
                 "the additional RM #0 (a) has no resource pools");
  BOOST_TEST(found[0].message.find("you must specify at least one resource pool") !=
             std::string::npos);
  expect_finding(found[1], Severity::Error, "additional_resource_managers[1].resource_pools", 16, 5,
                 "additional RM #1 (b) has no resource pools");
  expect_finding(found[2], Severity::Error, "additional_resource_managers[2].resource_pools", 21,
                 21, "additional RM #2 (c) has no resource pools");
}

BOOST_AUTO_TEST_CASE(mrm014_root_explicit_empty_list) {
  auto run = lint_yaml(R"(resource_manager:
  type: kubernetes
  max_slots_per_pod: 1
resource_pools: []
)");
  auto f = run.one("MRM014");
  expect_finding(f, Severity::Error, "resource_pools", 4, 17,
                 "the root RM (default) has no resource pools");
  BOOST_TEST(f.hint.find("remove the empty list") != std::string::npos);
  // Absent or null: the implicit pool "default".
  expect_clean(lint_yaml("resource_manager:\n  type: kubernetes\n  max_slots_per_pod: 1\n"));
  expect_clean(lint_yaml(
      "resource_manager:\n  type: kubernetes\n  max_slots_per_pod: 1\nresource_pools: null\n"));
}

BOOST_AUTO_TEST_CASE(mrm014_values) {
  auto run = lint_yaml(kValuesHead + R"(  - resource_manager:
      type: kubernetes
      cluster_name: west
      max_slots_per_pod: 1
      kubeconfig_secret_name: s
      kubeconfig_secret_value: config
      determined_master_host: h
      determined_master_port: 8080
)");
  expect_finding(run.one("MRM014"), Severity::Error,
                 "additional_resource_managers[0].resource_pools", 3, 5,
                 "additional RM #0 (west) has no resource pools");
}

// ---- MRM015 ------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(mrm015_within_and_across_rms) {
  auto run = lint_yaml(master_with_additional(
      kAdditionalRmBody,
      "      - pool_name: west\n      - pool_name: west\n      - pool_name: default\n"));
  auto found = run.with_code("MRM015");
  BOOST_REQUIRE_EQUAL(found.size(), 2u);
  expect_finding(found[0], Severity::Error,
                 "additional_resource_managers[0].resource_pools[1].pool_name", 17, 20,
                 "resource pool \"west\" is already defined in the same resource manager");
  expect_finding(found[1], Severity::Error,
                 "additional_resource_managers[0].resource_pools[2].pool_name", 18, 20,
                 "resource pool \"default\" is already defined in the root RM (east)");
}

BOOST_AUTO_TEST_CASE(mrm015_implicit_default_pool) {
  auto run = lint_yaml(R"(resource_manager:
  type: kubernetes
  max_slots_per_pod: 1
additional_resource_managers:
  - resource_manager:
      type: kubernetes
      cluster_name: west
      max_slots_per_pod: 1
    resource_pools:
      - pool_name: default
)");
  expect_finding(run.one("MRM015"), Severity::Error,
                 "additional_resource_managers[0].resource_pools[0].pool_name", 10, 20,
                 "in the root RM (default) (its implicit pool \"default\")");
}

BOOST_AUTO_TEST_CASE(mrm015_fixed) {
  expect_clean(lint_yaml(master_with_additional(
      kAdditionalRmBody, "      - pool_name: west\n      - pool_name: west2\n")));
}

BOOST_AUTO_TEST_CASE(mrm015_values_chart_default_pool) {
  // The chart's resourcePools default is [{pool_name: default}].
  auto run = lint_yaml(kValuesHead + R"(  - resource_manager:
      type: kubernetes
      cluster_name: west
      max_slots_per_pod: 1
      kubeconfig_secret_name: s
      kubeconfig_secret_value: config
      determined_master_host: h
      determined_master_port: 8080
    resource_pools:
      - pool_name: default
)");
  expect_finding(run.one("MRM015"), Severity::Error,
                 "additional_resource_managers[0].resource_pools[0].pool_name", 12, 20,
                 "\"default\" is already defined in the root RM (default)");
}

// ---- MRM016 ------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(mrm016_empty_null_and_missing_pool_name) {
  auto run = lint_yaml(R"(resource_manager:
  type: kubernetes
  max_slots_per_pod: 1
resource_pools:
  - pool_name: ""
  - pool_name:
  - description: no name
)");
  auto found = run.with_code("MRM016");
  BOOST_REQUIRE_EQUAL(found.size(), 3u);
  expect_finding(found[0], Severity::Error, "resource_pools[0].pool_name", 5, 16,
                 "a resource pool has an empty pool_name");
  BOOST_TEST(found[0].message.find("resource pool name cannot be empty") != std::string::npos);
  expect_finding(found[1], Severity::Error, "resource_pools[1].pool_name", 6, 5,
                 "empty pool_name");  // the key of the empty value
  expect_finding(found[2], Severity::Error, "resource_pools[2].pool_name", 7, 5,
                 "empty pool_name");  // the pool mapping that lacks the key
}

BOOST_AUTO_TEST_CASE(mrm016_fixed) {
  auto run = lint_yaml(R"(resource_manager:
  type: kubernetes
  max_slots_per_pod: 1
  default_compute_resource_pool: a
  default_aux_resource_pool: a
resource_pools:
  - pool_name: a
  - pool_name: b
)");
  expect_clean(run);
}

BOOST_AUTO_TEST_CASE(mrm016_values_and_devcluster) {
  auto values = lint_yaml("maxSlotsPerPod: 1\nresourcePools:\n  - pool_name: \"\"\n");
  expect_finding(values.one("MRM016"), Severity::Error, "resourcePools[0].pool_name", 3, 16,
                 "empty pool_name");
  auto dev = lint_yaml(R"(stages:
  - master:
      config_file:
        resource_manager:
          type: kubernetes
          max_slots_per_pod: 1
        resource_pools:
          - pool_name: $POOL
)",
                       "devcluster", {{"POOL", ""}});
  expect_finding(dev.one("MRM016"), Severity::Error,
                 "stages[0].master.config_file.resource_pools[0].pool_name", 8, 24,
                 "empty pool_name");
}

// ---- MRM017 ------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(mrm017_multi_rm_each_needs_its_own) {
  auto run = lint_yaml(R"(resource_manager:
  type: kubernetes
  cluster_name: east
task_container_defaults:
  kubernetes:
    max_slots_per_pod: 2
additional_resource_managers:
  - resource_manager:
      type: kubernetes
      cluster_name: west
      max_slots_per_pod: 1
    resource_pools:
      - pool_name: west
)");
  auto f = run.one("MRM017");
  expect_finding(f, Severity::Error, "resource_manager.max_slots_per_pod", 2, 3,
                 "the root RM (east) has no max_slots_per_pod");
  BOOST_TEST(f.message.find("task_container_defaults.kubernetes.max_slots_per_pod is ignored") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(mrm017_single_rm_exactly_one) {
  auto neither = lint_yaml("resource_manager:\n  type: kubernetes\n");
  expect_finding(neither.one("MRM017"), Severity::Error, "resource_manager", 2, 3,
                 "neither resource_manager.max_slots_per_pod nor");
  auto both = lint_yaml(R"(resource_manager:
  type: kubernetes
  max_slots_per_pod: 1
task_container_defaults:
  kubernetes:
    max_slots_per_pod: 2
)");
  expect_finding(both.one("MRM017"), Severity::Error, "resource_manager.max_slots_per_pod", 3, 22,
                 "both resource_manager.max_slots_per_pod and");
  // Either one alone is fine.
  expect_clean(lint_yaml(R"(resource_manager:
  type: kubernetes
task_container_defaults:
  kubernetes:
    max_slots_per_pod: 2
)"));
  expect_clean(lint_yaml("resource_manager:\n  type: kubernetes\n  max_slots_per_pod: 0\n"));
}

BOOST_AUTO_TEST_CASE(mrm017_negative_values_and_devcluster) {
  auto values = lint_yaml("maxSlotsPerPod: -2\n");
  auto f = values.one("MRM017");
  expect_finding(f, Severity::Error, "maxSlotsPerPod", 1, 17, "maxSlotsPerPod is -2");
  BOOST_TEST(f.message.find("max_slots_per_pod must be >= 0") != std::string::npos);
  expect_clean(lint_yaml("maxSlotsPerPod: 2\n"));

  auto dev = lint_yaml(R"(stages:
  - master:
      config_file:
        resource_manager:
          type: kubernetes
          max_slots_per_pod: 1
        additional_resource_managers:
          - resource_manager:
              type: kubernetes
              cluster_name: west
            resource_pools:
              - pool_name: west
)");
  expect_finding(dev.one("MRM017"), Severity::Error,
                 "stages[0].master.config_file.additional_resource_managers[0].resource_manager."
                 "max_slots_per_pod",
                 9, 15, "the additional RM #0 (west) has no max_slots_per_pod");
}

BOOST_AUTO_TEST_CASE(mrm017_agent_rms_count_but_need_none) {
  // Two RMs in total (agent root + k8s): the kubernetes one must set its own.
  auto run = lint_yaml(R"(resource_manager:
  type: agent
additional_resource_managers:
  - resource_manager:
      type: kubernetes
      cluster_name: west
    resource_pools:
      - pool_name: west
)");
  BOOST_TEST(run.one("MRM017").path ==
             "additional_resource_managers[0].resource_manager.max_slots_per_pod");
}

BOOST_AUTO_TEST_SUITE_END()
