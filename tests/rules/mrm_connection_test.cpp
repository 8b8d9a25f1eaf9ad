// MRM018-MRM026: how tasks reach the master, deprecated and removed keys, enum values, and
// where keys sit, in master, Helm values and devcluster input.

#include <boost/test/unit_test.hpp>

#include "tests/rules/lint_fixture.hpp"

using detgw::report::Severity;
using detgw::test::expect_clean;
using detgw::test::expect_finding;
using detgw::test::kMasterHostPort;
using detgw::test::kMasterRoot;
using detgw::test::kWestValuesRm;
using detgw::test::lint_yaml;
using detgw::test::master_with_additional;
using detgw::test::values_with_additional;

BOOST_AUTO_TEST_SUITE(mrm_connection)

// ---- MRM018 ------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(mrm018_values_every_additional_rm_has_its_own_kubeconfig) {
  auto run = lint_yaml(values_with_additional(kWestValuesRm));
  auto f = run.one("MRM018");
  expect_finding(f, Severity::Error, "additional_resource_managers[0].resource_manager", 4, 7,
                 "does not set determined_master_host and determined_master_port");
  BOOST_TEST(f.message.find("failed to get master service") != std::string::npos);
  BOOST_TEST(f.rm == "west");
}

BOOST_AUTO_TEST_CASE(mrm018_fixed_values) {
  expect_clean(lint_yaml(values_with_additional(kWestValuesRm + kMasterHostPort)));
}

BOOST_AUTO_TEST_CASE(mrm018_master_one_of_two_is_overridden) {
  auto run = lint_yaml(master_with_additional(R"(      type: kubernetes
      cluster_name: west
      max_slots_per_pod: 1
      kubeconfig_path: /k
      determined_master_host: h
)"));
  auto f = run.one("MRM018");
  expect_finding(f, Severity::Error, "additional_resource_managers[0].resource_manager", 9, 7,
                 "does not set determined_master_port");
  BOOST_TEST(f.message.find("setting only one of the two is silently overridden") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(mrm018_master_own_cluster_is_a_warning) {
  // No kubeconfig_path: the RM talks to the master's own cluster, where the lookup works.
  auto run = lint_yaml(master_with_additional(R"(      type: kubernetes
      cluster_name: west
      max_slots_per_pod: 1
)"));
  auto f = run.one("MRM018");
  expect_finding(f, Severity::Warning, "additional_resource_managers[0].resource_manager", 9, 7,
                 "tasks then reach the master through its Service found in this cluster");
  BOOST_TEST(run.result.exit_code == 0);
}

BOOST_AUTO_TEST_CASE(mrm018_root_is_never_reported_devcluster) {
  auto run = lint_yaml(R"(stages:
  - master:
      config_file:
        resource_manager:
          type: kubernetes
          max_slots_per_pod: 1
          kubeconfig_path: /k
        additional_resource_managers:
          - resource_manager:
              type: kubernetes
              cluster_name: additionalrm
              max_slots_per_pod: 1
              kubeconfig_path: $KUBE
            resource_pools:
              - pool_name: additional_pool
)",
                       "devcluster", {{"KUBE", "/k2"}});
  expect_finding(run.one("MRM018"), Severity::Error,
                 "stages[0].master.config_file.additional_resource_managers[0].resource_manager",
                 10, 15, "additional RM #0 (additionalrm) does not set");
  expect_clean(lint_yaml(R"(stages:
  - master:
      config_file:
        resource_manager:
          type: kubernetes
          max_slots_per_pod: 1
          kubeconfig_path: /k
        additional_resource_managers:
          - resource_manager:
              type: kubernetes
              cluster_name: additionalrm
              max_slots_per_pod: 1
              kubeconfig_path: $KUBE
              determined_master_host: $DOCKER_LOCALHOST
              determined_master_port: 8080
            resource_pools:
              - pool_name: additional_pool
)",
                         "devcluster", {{"KUBE", "/k2"}}));
}

// ---- MRM019 ------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(mrm019_master_and_values) {
  auto master = lint_yaml(R"(resource_manager:
  type: kubernetes
  max_slots_per_pod: 1
  determined_master_scheme: tcp
)");
  auto f = master.one("MRM019");
  expect_finding(f, Severity::Warning, "resource_manager.determined_master_scheme", 4, 29,
                 "determined_master_scheme is \"tcp\"");
  BOOST_TEST(f.hint == "use http or https");

  auto values =
      lint_yaml("maxSlotsPerPod: 1\ndeterminedMasterHost: h\ndeterminedMasterScheme: ftp\n");
  expect_finding(values.one("MRM019"), Severity::Warning, "determinedMasterScheme", 3, 25,
                 "determinedMasterScheme is \"ftp\"");
}

BOOST_AUTO_TEST_CASE(mrm019_fixed) {
  expect_clean(lint_yaml(R"(resource_manager:
  type: kubernetes
  max_slots_per_pod: 1
  determined_master_scheme: https
)"));
  expect_clean(
      lint_yaml("maxSlotsPerPod: 1\ndeterminedMasterHost: h\ndeterminedMasterScheme: http\n"));
}

BOOST_AUTO_TEST_CASE(mrm019_devcluster_substituted) {
  const std::string dev = R"(stages:
  - master:
      config_file:
        resource_manager:
          type: kubernetes
          max_slots_per_pod: 1
          determined_master_scheme: $SCHEME
)";
  auto run = lint_yaml(dev, "devcluster", {{"SCHEME", "grpc"}});
  expect_finding(run.one("MRM019"), Severity::Warning,
                 "stages[0].master.config_file.resource_manager.determined_master_scheme", 7, 37,
                 "is \"grpc\"");
  expect_clean(lint_yaml(dev, "devcluster", {{"SCHEME", "http"}}));
}

// ---- MRM020 ------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(mrm020_additional_rm_is_an_error) {
  auto run = lint_yaml(master_with_additional(R"(      type: kubernetes
      cluster_name: west
      max_slots_per_pod: 1
      determined_master_ip: 10.0.0.1
      determined_master_port: 8080
)"));
  auto f = run.one("MRM020");
  expect_finding(f, Severity::Error,
                 "additional_resource_managers[0].resource_manager.determined_master_ip", 12, 7,
                 "determined_master_ip is not accepted on an additional RM");
  BOOST_TEST(f.hint == "rename it to determined_master_host");
  BOOST_TEST(!run.has("MRM001"));  // not reported twice
}

BOOST_AUTO_TEST_CASE(mrm020_root_is_info) {
  auto run = lint_yaml(R"(resource_manager:
  type: kubernetes
  max_slots_per_pod: 1
  determined_master_ip: 10.0.0.1
)");
  expect_finding(run.one("MRM020"), Severity::Info, "resource_manager.determined_master_ip", 4, 3,
                 "the master renames it for the root RM only");
  BOOST_TEST(run.result.exit_code == 0);
}

BOOST_AUTO_TEST_CASE(mrm020_fixed_values) {
  auto bad =
      lint_yaml(values_with_additional(kWestValuesRm + "      determined_master_ip: 10.0.0.1\n"
                                                       "      determined_master_port: 8080\n"));
  expect_finding(bad.one("MRM020"), Severity::Error,
                 "additional_resource_managers[0].resource_manager.determined_master_ip", 9, 7,
                 "not accepted on an additional RM");
  expect_clean(
      lint_yaml(values_with_additional(kWestValuesRm + "      determined_master_host: 10.0.0.1\n"
                                                       "      determined_master_port: 8080\n")));
}

// ---- MRM021 ------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(mrm021_name_on_root_and_additional) {
  auto run = lint_yaml(R"(resource_manager:
  type: kubernetes
  name: east
  cluster_name: east
  max_slots_per_pod: 1
additional_resource_managers:
  - resource_manager:
      type: kubernetes
      name: west
      max_slots_per_pod: 1
    resource_pools:
      - pool_name: west
)");
  auto found = run.with_code("MRM021");
  BOOST_REQUIRE_EQUAL(found.size(), 2u);
  expect_finding(
      found[0], Severity::Warning, "resource_manager.name", 3, 3,
      "name is deprecated on a resource manager, and ignored because cluster_name is set");
  BOOST_TEST(found[0].hint == "use cluster_name instead");
  expect_finding(found[1], Severity::Warning,
                 "additional_resource_managers[0].resource_manager.name", 9, 7,
                 "an additional RM needs cluster_name (MRM012)");
  BOOST_TEST(run.has("MRM012"));
}

BOOST_AUTO_TEST_CASE(mrm021_fixed) {
  expect_clean(lint_yaml(R"(resource_manager:
  type: kubernetes
  cluster_name: east
  max_slots_per_pod: 1
)"));
}

BOOST_AUTO_TEST_CASE(mrm021_values_and_devcluster) {
  auto values =
      lint_yaml(values_with_additional(kWestValuesRm + "      name: west\n" + kMasterHostPort));
  expect_finding(values.one("MRM021"), Severity::Warning,
                 "additional_resource_managers[0].resource_manager.name", 9, 7,
                 "ignored because cluster_name is set");
  auto dev = lint_yaml(R"(stages:
  - master:
      config_file:
        resource_manager:
          type: kubernetes
          name: default
          max_slots_per_pod: 1
)");
  expect_finding(dev.one("MRM021"), Severity::Warning,
                 "stages[0].master.config_file.resource_manager.name", 6, 11, "name is deprecated");
}

// ---- MRM022 ------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(mrm022_namespace_removed) {
  auto run = lint_yaml(R"(resource_manager:
  type: kubernetes
  max_slots_per_pod: 1
  namespace: team
)");
  auto f = run.one("MRM022");
  expect_finding(f, Severity::Error, "resource_manager.namespace", 4, 3,
                 "namespace was removed in Determined 0.35");
  BOOST_TEST(f.hint == "rename it to default_namespace");
  BOOST_TEST(!run.has("MRM001"));
  expect_clean(lint_yaml(R"(resource_manager:
  type: kubernetes
  max_slots_per_pod: 1
  default_namespace: team
)"));
}

BOOST_AUTO_TEST_CASE(mrm022_case_folding) {
  // Root: viper lower-cases `Namespace`; an additional RM compares exactly (then it is MRM001).
  auto root = lint_yaml(R"(resource_manager:
  type: kubernetes
  max_slots_per_pod: 1
  Namespace: team
)");
  expect_finding(root.one("MRM022"), Severity::Error, "resource_manager.Namespace", 4, 3,
                 "namespace was removed");
  auto extra = lint_yaml(master_with_additional(R"(      type: kubernetes
      cluster_name: west
      max_slots_per_pod: 1
      Namespace: team
)"));
  BOOST_TEST(!extra.has("MRM022"));
  BOOST_TEST(extra.one("MRM001").path ==
             "additional_resource_managers[0].resource_manager.Namespace");
}

BOOST_AUTO_TEST_CASE(mrm022_values_and_devcluster) {
  auto values = lint_yaml(
      values_with_additional(kWestValuesRm + "      namespace: team\n" + kMasterHostPort));
  expect_finding(values.one("MRM022"), Severity::Error,
                 "additional_resource_managers[0].resource_manager.namespace", 9, 7,
                 "namespace was removed");
  auto dev = lint_yaml(R"(stages:
  - master:
      config_file:
        resource_manager:
          type: kubernetes
          max_slots_per_pod: 1
          namespace: $NS
)",
                       "devcluster", {{"NS", "team"}});
  expect_finding(dev.one("MRM022"), Severity::Error,
                 "stages[0].master.config_file.resource_manager.namespace", 7, 11,
                 "namespace was removed");
}

// ---- MRM023 ------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(mrm023_root_default_pools) {
  auto run = lint_yaml(R"(resource_manager:
  type: kubernetes
  max_slots_per_pod: 1
  default_compute_resource_pool: gpu
resource_pools:
  - pool_name: cpu
)");
  auto found = run.with_code("MRM023");
  BOOST_REQUIRE_EQUAL(found.size(), 2u);
  expect_finding(found[0], Severity::Warning, "resource_manager.default_compute_resource_pool", 4,
                 34, "the root RM's default compute pool \"gpu\" is not among its pools");
  expect_finding(found[1], Severity::Warning, "resource_pools", 6, 3,
                 "default aux pool \"default\" (the default when default_aux_resource_pool is not "
                 "set) is not among its pools");
}

BOOST_AUTO_TEST_CASE(mrm023_fixed) {
  expect_clean(lint_yaml(R"(resource_manager:
  type: kubernetes
  max_slots_per_pod: 1
  default_compute_resource_pool: gpu
  default_aux_resource_pool: cpu
resource_pools:
  - pool_name: cpu
  - pool_name: gpu
)"));
  expect_clean(lint_yaml(R"(resource_manager:
  type: kubernetes
  max_slots_per_pod: 1
  no_default_resource_pools: true
resource_pools:
  - pool_name: cpu
)"));
}

BOOST_AUTO_TEST_CASE(mrm023_additional_rm_is_info_values) {
  auto run = lint_yaml(values_with_additional(
      kWestValuesRm + "      default_compute_resource_pool: west\n" + kMasterHostPort));
  expect_finding(run.one("MRM023"), Severity::Info,
                 "additional_resource_managers[0].resource_manager.default_compute_resource_pool",
                 9, 38, "has no effect on an additional RM");
  auto root = lint_yaml("maxSlotsPerPod: 1\ndefaultComputeResourcePool: nope\n");
  expect_finding(root.one("MRM023"), Severity::Warning, "defaultComputeResourcePool", 2, 29,
                 "default compute pool \"nope\" is not among its pools");
}

BOOST_AUTO_TEST_CASE(mrm023_devcluster) {
  const std::string dev = R"(stages:
  - master:
      config_file:
        resource_manager:
          type: kubernetes
          max_slots_per_pod: 1
          default_aux_resource_pool: $AUX
)";
  auto run = lint_yaml(dev, "devcluster", {{"AUX", "aux"}});
  expect_finding(run.one("MRM023"), Severity::Warning,
                 "stages[0].master.config_file.resource_manager.default_aux_resource_pool", 7, 38,
                 "default aux pool \"aux\"");
  expect_clean(lint_yaml(dev, "devcluster", {{"AUX", "default"}}));
}

// ---- MRM024 ------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(mrm024_slot_type_and_scheduler) {
  auto run = lint_yaml(R"(resource_manager:
  type: kubernetes
  max_slots_per_pod: 1
  slot_type: gpux
  default_scheduler: priority
)");
  auto found = run.with_code("MRM024");
  BOOST_REQUIRE_EQUAL(found.size(), 2u);
  expect_finding(found[0], Severity::Error, "resource_manager.slot_type", 4, 14,
                 "slot_type \"gpux\" is not valid");
  BOOST_TEST(found[0].message.find("slot_type must be cuda, cpu, or rocm") != std::string::npos);
  expect_finding(found[1], Severity::Error, "resource_manager.default_scheduler", 5, 22,
                 "the priority scheduler was deprecated");
}

BOOST_AUTO_TEST_CASE(mrm024_fixed) {
  expect_clean(lint_yaml(R"(resource_manager:
  type: kubernetes
  max_slots_per_pod: 1
  slot_type: gpu
  default_scheduler: coscheduler
)"));
  expect_clean(lint_yaml(R"(resource_manager:
  type: kubernetes
  max_slots_per_pod: 1
  slot_type: rocm
  default_scheduler: ""
)"));
}

BOOST_AUTO_TEST_CASE(mrm024_values_and_devcluster) {
  auto values = lint_yaml("maxSlotsPerPod: 1\nslotType: tpu\n");
  expect_finding(values.one("MRM024"), Severity::Error, "slotType", 2, 11,
                 "slotType \"tpu\" is not valid");
  auto dev = lint_yaml(R"(stages:
  - master:
      config_file:
        resource_manager:
          type: kubernetes
          max_slots_per_pod: 1
          default_scheduler: $SCHED
)",
                       "devcluster", {{"SCHED", "preemption"}});
  expect_finding(dev.one("MRM024"), Severity::Error,
                 "stages[0].master.config_file.resource_manager.default_scheduler", 7, 30,
                 "scheduler not available");
  auto type = lint_yaml("resource_manager:\n  type: kube\n");
  expect_finding(type.one("MRM024"), Severity::Error, "resource_manager.type", 2, 9,
                 "unexpected type: kube");
}

// ---- MRM025 ------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(mrm025_pools_nested_in_rm) {
  auto run = lint_yaml(kMasterRoot + R"(additional_resource_managers:
  - resource_manager:
      type: kubernetes
      cluster_name: west
      max_slots_per_pod: 1
      resource_pools:
        - pool_name: west
)");
  auto f = run.one("MRM025");
  expect_finding(f, Severity::Error,
                 "additional_resource_managers[0].resource_manager.resource_pools", 12, 7,
                 "resource_pools is nested inside resource_manager");
  BOOST_TEST(f.hint == "move resource_pools out one level, beside resource_manager");
  BOOST_TEST(!run.has("MRM001"));
}

BOOST_AUTO_TEST_CASE(mrm025_fixed) {
  auto run = lint_yaml(kMasterRoot + R"(additional_resource_managers:
  - resource_manager:
      type: kubernetes
      cluster_name: west
      max_slots_per_pod: 1
    resource_pools:
      - pool_name: west
)");
  BOOST_TEST(!run.has("MRM025"));
  BOOST_TEST(!run.has("MRM014"));
}

BOOST_AUTO_TEST_CASE(mrm025_root_values_and_devcluster) {
  auto root = lint_yaml(R"(resource_manager:
  type: kubernetes
  max_slots_per_pod: 1
  resource_pools:
    - pool_name: a
)");
  expect_finding(root.one("MRM025"), Severity::Error, "resource_manager.resource_pools", 4, 3,
                 "nested inside resource_manager");
  auto values = lint_yaml(values_with_additional(kWestValuesRm + "      resource_pools: []\n"));
  expect_finding(values.one("MRM025"), Severity::Error,
                 "additional_resource_managers[0].resource_manager.resource_pools", 9, 7,
                 "nested inside resource_manager");
  auto dev = lint_yaml(R"(stages:
  - master:
      config_file:
        resource_manager:
          type: kubernetes
          max_slots_per_pod: 1
          resource_pools: []
)");
  expect_finding(dev.one("MRM025"), Severity::Error,
                 "stages[0].master.config_file.resource_manager.resource_pools", 7, 11,
                 "nested inside resource_manager");
}

// ---- MRM026 ------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(mrm026_cpu_slots_without_requests) {
  auto missing = lint_yaml(R"(resource_manager:
  type: kubernetes
  max_slots_per_pod: 1
  slot_type: cpu
)");
  auto f = missing.one("MRM026");
  // No slot_resource_requests at all: the finding points at the slot_type that needs it.
  expect_finding(f, Severity::Error, "resource_manager.slot_type", 4, 14,
                 "slot_type is cpu but slot_resource_requests.cpu is not set");
  BOOST_TEST(f.message.find("slot_resource_requests.cpu must be > 0") != std::string::npos);
  auto zero = lint_yaml(R"(resource_manager:
  type: kubernetes
  max_slots_per_pod: 1
  slot_type: cpu
  slot_resource_requests:
    cpu: 0
)");
  expect_finding(zero.one("MRM026"), Severity::Error, "resource_manager.slot_resource_requests.cpu",
                 6, 10, "slot_resource_requests.cpu is 0");
}

BOOST_AUTO_TEST_CASE(mrm026_fixed) {
  expect_clean(lint_yaml(R"(resource_manager:
  type: kubernetes
  max_slots_per_pod: 1
  slot_type: cpu
  slot_resource_requests:
    cpu: 0.5
)"));
}

BOOST_AUTO_TEST_CASE(mrm026_values_additional_and_devcluster) {
  auto values =
      lint_yaml(values_with_additional(kWestValuesRm + "      slot_type: cpu\n" + kMasterHostPort));
  expect_finding(values.one("MRM026"), Severity::Error,
                 "additional_resource_managers[0].resource_manager.slot_type", 9, 18,
                 "slot_resource_requests.cpu is not set");
  // The chart's own slotType is HLM010, not MRM026.
  BOOST_TEST(!lint_yaml("maxSlotsPerPod: 1\nslotType: cpu\n").has("MRM026"));
  auto dev = lint_yaml(R"(stages:
  - master:
      config_file:
        resource_manager:
          type: kubernetes
          max_slots_per_pod: 1
          slot_type: cpu
          slot_resource_requests: {cpu: -1}
)");
  expect_finding(dev.one("MRM026"), Severity::Error,
                 "stages[0].master.config_file.resource_manager.slot_resource_requests.cpu", 8, 41,
                 "slot_resource_requests.cpu is -1");
}

BOOST_AUTO_TEST_SUITE_END()
