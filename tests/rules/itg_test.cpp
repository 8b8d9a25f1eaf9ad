// ITG001-ITG009: internal_task_gateway blocks in master, Helm values and devcluster input.

#include <algorithm>
#include <boost/test/unit_test.hpp>

#include "tests/rules/lint_fixture.hpp"

using detgw::report::Finding;
using detgw::report::Severity;
using detgw::test::count_with_prefix;
using detgw::test::expect_finding;
using detgw::test::kEastPool;
using detgw::test::kEastValuesRmBody;
using detgw::test::lint_yaml;
using detgw::test::values_with_additional;

namespace {

// A master config whose root RM has a gateway; `body` (4-space indented lines) starts at line 5.
std::string master(const std::string& body) {
  return "resource_manager:\n"
         "  type: kubernetes\n"
         "  max_slots_per_pod: 1\n"
         "  internal_task_gateway:\n" +
         body;
}

// A good gateway body: contour/projectcontour at 10.0.0.5, 40000-40063 (64 ports), lines 5-9.
const std::string kGood =
    "    gateway_name: contour\n"
    "    gateway_namespace: projectcontour\n"
    "    gateway_ip: 10.0.0.5\n"
    "    gateway_port_range_start: 40000\n"
    "    gateway_port_range_end: 40063\n";

const std::string kGw = "resource_manager.internal_task_gateway";

// Helm values with one additional RM (secret east/config) and its gateway body at line 11.
std::string values(const std::string& body) {
  return values_with_additional(kEastValuesRmBody + "      internal_task_gateway:\n" + body,
                                kEastPool);
}

// Indents a 4-space gateway body to the 8 spaces of an additional RM in values.
std::string deeper(const std::string& body) {
  std::string out;
  std::size_t start = 0;
  while (start < body.size()) {
    auto end = body.find('\n', start);
    out += "    " + body.substr(start, end - start + 1);
    start = end + 1;
  }
  return out;
}

// One additional RM entry for a values file: secret name/key and gateway name/ip/range.
std::string values_rm(const std::string& cluster, const std::string& secret,
                      const std::string& gateway, const std::string& ip, int start, int end) {
  return "  - resource_manager:\n"
         "      type: kubernetes\n"
         "      cluster_name: " +
         cluster +
         "\n"
         "      max_slots_per_pod: 1\n"
         "      kubeconfig_secret_name: " +
         secret +
         "\n"
         "      kubeconfig_secret_value: config\n"
         "      determined_master_host: 10.0.0.1\n"
         "      determined_master_port: 8080\n"
         "      internal_task_gateway:\n"
         "        gateway_name: " +
         gateway +
         "\n"
         "        gateway_namespace: projectcontour\n"
         "        gateway_ip: \"" +
         ip +
         "\"\n"
         "        gateway_port_range_start: " +
         std::to_string(start) +
         "\n"
         "        gateway_port_range_end: " +
         std::to_string(end) +
         "\n"
         "    resource_pools:\n"
         "      - pool_name: " +
         cluster + "-pool\n";
}

// A devcluster file whose master stage has the root gateway at $GATEWAY_IP (ip line 12).
const std::string kDevcluster = R"(stages:
  - db:
      name: db
  - master:
      config_file:
        resource_manager:
          type: kubernetes
          max_slots_per_pod: 1
          internal_task_gateway:
            gateway_name: contour
            gateway_namespace: projectcontour
            gateway_ip: $GATEWAY_IP
            gateway_port_range_start: 49152
            gateway_port_range_end: 49200
)";

const std::string kDevGw = "stages[1].master.config_file.resource_manager.internal_task_gateway";

}  // namespace

BOOST_AUTO_TEST_SUITE(rules_itg)

BOOST_AUTO_TEST_CASE(good_gateway_has_no_itg_finding_in_every_shape) {
  BOOST_TEST(count_with_prefix(lint_yaml(master(kGood)), "ITG") == 0u);
  BOOST_TEST(count_with_prefix(lint_yaml(values(deeper(kGood))), "ITG") == 0u);
  BOOST_TEST(count_with_prefix(lint_yaml(kDevcluster, "auto", {{"GATEWAY_IP", "192.168.49.2"}}),
                               "ITG") == 0u);
}

// ITG001 ----------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(itg001_empty_gateway_name) {
  auto run = lint_yaml(master(R"(    gateway_name: ""
    gateway_namespace: projectcontour
    gateway_ip: 10.0.0.5
    gateway_port_range_start: 40000
    gateway_port_range_end: 40063
)"));
  auto f = run.one("ITG001");
  expect_finding(f, Severity::Error, kGw + ".gateway_name", 5, 19, "gateway_name is empty");
  BOOST_TEST(f.message.find("invalid gateway_name") != std::string::npos);
  BOOST_TEST(f.pointer == "/resource_manager/internal_task_gateway/gateway_name");
}

BOOST_AUTO_TEST_CASE(itg001_missing_namespace_points_at_the_gateway_block) {
  auto run = lint_yaml(master(R"(    gateway_name: contour
    gateway_ip: 10.0.0.5
    gateway_port_range_start: 40000
    gateway_port_range_end: 40063
)"));
  auto f = run.one("ITG001");
  expect_finding(f, Severity::Error, kGw + ".gateway_namespace", 5, 5,
                 "gateway_namespace is empty");
}

BOOST_AUTO_TEST_CASE(itg001_too_long_and_regex_miss) {
  const std::string long_name(64, 'a');
  auto run = lint_yaml(master("    gateway_name: " + long_name + R"(
    gateway_namespace: -projectcontour
    gateway_ip: 10.0.0.5
    gateway_port_range_start: 40000
    gateway_port_range_end: 40063
)"));
  auto found = run.with_code("ITG001");
  BOOST_REQUIRE_EQUAL(found.size(), 2u);
  expect_finding(found[0], Severity::Error, kGw + ".gateway_name", 5, 19,
                 "is 64 characters long (at most 63)");
  expect_finding(found[1], Severity::Error, kGw + ".gateway_namespace", 6, 24,
                 "does not match ^[a-zA-Z0-9]");
  BOOST_TEST(!run.has("ITG002"));  // the master's own check reports it first
}

BOOST_AUTO_TEST_CASE(itg001_fixed_63_characters_pass) {
  auto run = lint_yaml(master("    gateway_name: " + std::string(63, 'a') + R"(
    gateway_namespace: projectcontour
    gateway_ip: 10.0.0.5
    gateway_port_range_start: 40000
    gateway_port_range_end: 40063
)"));
  BOOST_TEST(!run.has("ITG001"));
  BOOST_TEST(!run.has("ITG002"));
}

BOOST_AUTO_TEST_CASE(itg001_additional_rm_in_values) {
  auto run = lint_yaml(values(R"(        gateway_name: ""
        gateway_namespace: projectcontour
        gateway_ip: 10.0.0.5
        gateway_port_range_start: 40000
        gateway_port_range_end: 40063
)"));
  auto f = run.one("ITG001");
  expect_finding(
      f, Severity::Error,
      "additional_resource_managers[0].resource_manager.internal_task_gateway.gateway_name", 12, 23,
      "gateway_name is empty");
  BOOST_TEST(f.rm == "east");
}

// ITG002 ----------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(itg002_upper_case_name_and_dotted_namespace) {
  auto run = lint_yaml(master(R"(    gateway_name: Contour_GW
    gateway_namespace: project.contour
    gateway_ip: 10.0.0.5
    gateway_port_range_start: 40000
    gateway_port_range_end: 40063
)"));
  BOOST_TEST(!run.has("ITG001"));
  auto found = run.with_code("ITG002");
  BOOST_REQUIRE_EQUAL(found.size(), 2u);
  expect_finding(
      found[0], Severity::Error, kGw + ".gateway_name", 5, 19,
      "\"Contour_GW\" passes the master's check but is not a valid Kubernetes object name");
  expect_finding(found[1], Severity::Error, kGw + ".gateway_namespace", 6, 24,
                 "\"project.contour\" passes the master's check but is not a valid namespace");
}

BOOST_AUTO_TEST_CASE(itg002_fixed_dotted_name_is_a_valid_object_name) {
  auto run = lint_yaml(master(R"(    gateway_name: contour.gw
    gateway_namespace: project-contour
    gateway_ip: 10.0.0.5
    gateway_port_range_start: 40000
    gateway_port_range_end: 40063
)"));
  BOOST_TEST(!run.has("ITG002"));
  BOOST_TEST(!run.has("ITG001"));
}

// ITG003 ----------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(itg003_empty_ip_is_an_error) {
  auto run = lint_yaml(master(R"(    gateway_name: contour
    gateway_namespace: projectcontour
    gateway_ip: ""
    gateway_port_range_start: 40000
    gateway_port_range_end: 40063
)"));
  auto f = run.one("ITG003");
  expect_finding(f, Severity::Error, kGw + ".gateway_ip", 7, 17, "gateway_ip is empty");
  BOOST_TEST(f.message.find("invalid gateway_ip: must be non-empty") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(itg003_missing_ip_points_at_the_gateway_block) {
  auto run = lint_yaml(master(R"(    gateway_name: contour
    gateway_namespace: projectcontour
)"));
  auto f = run.one("ITG003");
  expect_finding(f, Severity::Error, kGw + ".gateway_ip", 5, 5, "gateway_ip is empty");
}

BOOST_AUTO_TEST_CASE(itg003_address_with_port_or_scheme_is_a_warning) {
  for (const std::string ip : {"10.0.0.5:8080", "http://gw.example.com", "gw example"}) {
    auto run = lint_yaml(master(R"(    gateway_name: contour
    gateway_namespace: projectcontour
    gateway_ip: ")" + ip + R"("
    gateway_port_range_start: 40000
    gateway_port_range_end: 40063
)"));
    auto f = run.one("ITG003");
    expect_finding(f, Severity::Warning, kGw + ".gateway_ip", 7, 17,
                   "gateway_ip \"" + ip + "\" is neither an IP address nor a host name");
  }
}

BOOST_AUTO_TEST_CASE(itg003_fixed_ipv4_ipv6_and_host_names_pass) {
  for (const std::string ip : {"10.0.0.5", "fd00::5", "gw.example.com", "GW.Example.com."}) {
    auto run = lint_yaml(master(R"(    gateway_name: contour
    gateway_namespace: projectcontour
    gateway_ip: ")" + ip + R"("
    gateway_port_range_start: 40000
    gateway_port_range_end: 40063
)"));
    BOOST_TEST(!run.has("ITG003"), ip);
  }
}

BOOST_AUTO_TEST_CASE(itg003_devcluster_variable_set_empty_unset_skipped) {
  auto empty = lint_yaml(kDevcluster, "auto", {{"GATEWAY_IP", ""}});
  expect_finding(empty.one("ITG003"), Severity::Error, kDevGw + ".gateway_ip", 12, 25,
                 "gateway_ip is empty");
  // Unset: MRM005 reports the placeholder and ITG003 skips the value.
  auto unset = lint_yaml(kDevcluster, "auto");
  BOOST_TEST(unset.has("MRM005"));
  BOOST_TEST(!unset.has("ITG003"));
  BOOST_TEST(!lint_yaml(kDevcluster, "auto", {{"GATEWAY_IP", "192.168.49.2"}}).has("ITG003"));
}

// ITG004 ----------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(itg004_ports_outside_1025_65535) {
  auto run = lint_yaml(master(R"(    gateway_name: contour
    gateway_namespace: projectcontour
    gateway_ip: 10.0.0.5
    gateway_port_range_start: 80
    gateway_port_range_end: 70000
)"));
  auto found = run.with_code("ITG004");
  BOOST_REQUIRE_EQUAL(found.size(), 2u);
  expect_finding(found[0], Severity::Error, kGw + ".gateway_port_range_start", 8, 31,
                 "gateway_port_range_start 80 is outside 1025-65535");
  expect_finding(found[1], Severity::Error, kGw + ".gateway_port_range_end", 9, 29,
                 "gateway_port_range_end 70000 is outside 1025-65535");
}

BOOST_AUTO_TEST_CASE(itg004_fixed_bounds_1025_and_65535_pass) {
  auto run = lint_yaml(master(R"(    gateway_name: contour
    gateway_namespace: projectcontour
    gateway_ip: 10.0.0.5
    gateway_port_range_start: 1025
    gateway_port_range_end: 65535
)"));
  BOOST_TEST(!run.has("ITG004"));
  BOOST_TEST(!run.has("ITG005"));
}

// ITG005 ----------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(itg005_equal_bounds_are_rejected) {
  auto run = lint_yaml(master(R"(    gateway_name: contour
    gateway_namespace: projectcontour
    gateway_ip: 10.0.0.5
    gateway_port_range_start: 40000
    gateway_port_range_end: 40000
)"));
  auto f = run.one("ITG005");
  expect_finding(f, Severity::Error, kGw + ".gateway_port_range_start", 8, 31,
                 "gateway_port_range_start (40000) is not below gateway_port_range_end (40000)");
  BOOST_TEST(f.message.find("equal bounds included") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(itg005_start_above_the_default_end) {
  // Only the start is set: the end keeps its default 65535, and 65535 is not below it.
  auto run = lint_yaml(master(R"(    gateway_name: contour
    gateway_namespace: projectcontour
    gateway_ip: 10.0.0.5
    gateway_port_range_start: 65535
)"));
  expect_finding(run.one("ITG005"), Severity::Error, kGw + ".gateway_port_range_start", 8, 31,
                 "(65535) is not below gateway_port_range_end (65535)");
}

BOOST_AUTO_TEST_CASE(itg005_fixed_start_one_below_end) {
  auto run = lint_yaml(master(R"(    gateway_name: contour
    gateway_namespace: projectcontour
    gateway_ip: 10.0.0.5
    gateway_port_range_start: 40000
    gateway_port_range_end: 40001
)"));
  BOOST_TEST(!run.has("ITG005"));
}

// ITG006 ----------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(itg006_typo_keeps_the_default_range) {
  auto run = lint_yaml(master(R"(    gateway_name: contour
    gateway_namespace: projectcontour
    gateway_ip: 10.0.0.5
    gateway_port_start: 40000
)"));
  auto f = run.one("ITG006");
  expect_finding(f, Severity::Error, kGw + ".gateway_port_start", 8, 5,
                 "unknown key \"gateway_port_start\" in internal_task_gateway");
  BOOST_TEST(f.message.find("stays at its default 32768-65535") != std::string::npos);
  BOOST_TEST(f.hint.find("gateway_port_range_start") != std::string::npos);
  // The master keeps 32768-65535, far more ports than the Gateway's 64 listeners.
  BOOST_TEST(run.has("ITG007"));
}

BOOST_AUTO_TEST_CASE(itg006_typo_with_an_unreadable_bound_does_not_invent_a_range) {
  auto run = lint_yaml(master(R"(    gateway_name: contour
    gateway_namespace: projectcontour
    gateway_ip: 10.0.0.5
    gateway_port_range_end: forty
    gateway_port_begin: 40000
)"));
  auto f = run.one("ITG006");
  expect_finding(f, Severity::Error, kGw + ".gateway_port_begin", 9, 5,
                 "unknown key \"gateway_port_begin\"");
  BOOST_TEST(f.message.find("default") == std::string::npos, f.message);
}

BOOST_AUTO_TEST_CASE(itg006_typo_in_values_additional_rm) {
  auto run = lint_yaml(values(R"(        gateway_name: contour
        gateway_namespace: projectcontour
        gateway_ip: 10.0.0.5
        gateway_port_start: 40000
        gateway_port_range_end: 40063
)"));
  auto f = run.one("ITG006");
  expect_finding(
      f, Severity::Error,
      "additional_resource_managers[0].resource_manager.internal_task_gateway.gateway_port_start",
      15, 9, "unknown key \"gateway_port_start\"");
  BOOST_TEST(f.rm == "east");
}

BOOST_AUTO_TEST_CASE(itg006_fixed_keys_match_case_insensitively) {
  // encoding/json matches the gateway's fields without regard to case.
  auto run = lint_yaml(values(R"(        Gateway_Name: contour
        gateway_namespace: projectcontour
        gateway_ip: 10.0.0.5
        gateway_port_range_start: 40000
        gateway_port_range_end: 40063
)"));
  BOOST_TEST(!run.has("ITG006"));
  BOOST_TEST(!run.has("ITG001"));
}

// ITG007 ----------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(itg007_default_range_is_larger_than_64_listeners) {
  auto run = lint_yaml(master(R"(    gateway_name: contour
    gateway_namespace: projectcontour
    gateway_ip: 10.0.0.5
)"));
  auto f = run.one("ITG007");
  expect_finding(f, Severity::Info, kGw, 5, 5,
                 "the port range 32768-65535 holds 32768 ports but the Gateway takes at most 64 "
                 "listeners");
}

BOOST_AUTO_TEST_CASE(itg007_follows_max_listeners) {
  const std::string body = R"(    gateway_name: contour
    gateway_namespace: projectcontour
    gateway_ip: 10.0.0.5
    gateway_port_range_start: 40000
    gateway_port_range_end: 40100
)";  // 101 ports
  auto over = lint_yaml(master(body), "auto", {}, 100);
  expect_finding(over.one("ITG007"), Severity::Info, kGw + ".gateway_port_range_start", 8, 31,
                 "holds 101 ports but the Gateway takes at most 100 listeners");
  BOOST_TEST(lint_yaml(master(body), "auto", {}, 64).has("ITG007"));
  BOOST_TEST(!lint_yaml(master(body), "auto", {}, 101).has("ITG007"));
  BOOST_TEST(!lint_yaml(master(kGood)).has("ITG007"));  // exactly 64 ports
}

// ITG008 ----------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(itg008_both_in_the_masters_own_cluster) {
  auto run = lint_yaml(R"(resource_manager:
  type: kubernetes
  max_slots_per_pod: 1
  internal_task_gateway:
    gateway_name: contour
    gateway_namespace: projectcontour
    gateway_ip: 10.0.0.5
    gateway_port_range_start: 40000
    gateway_port_range_end: 40031
additional_resource_managers:
  - resource_manager:
      type: kubernetes
      cluster_name: second
      max_slots_per_pod: 1
      internal_task_gateway:
        gateway_name: contour
        gateway_namespace: projectcontour
        gateway_ip: 10.0.0.6
        gateway_port_range_start: 40032
        gateway_port_range_end: 40063
    resource_pools:
      - pool_name: second
)");
  auto f = run.one("ITG008");
  expect_finding(f, Severity::Error,
                 "additional_resource_managers[0].resource_manager.internal_task_gateway", 16, 9,
                 "use the same Gateway projectcontour/contour in the master's own cluster");
  BOOST_TEST(f.message.find("a restarting master frees listeners") != std::string::npos);
  BOOST_TEST(f.rm == "second");
}

BOOST_AUTO_TEST_CASE(itg008_same_kubeconfig_path) {
  const std::string tmpl = R"(resource_manager:
  type: kubernetes
  max_slots_per_pod: 1
additional_resource_managers:
  - resource_manager:
      type: kubernetes
      cluster_name: a
      max_slots_per_pod: 1
      kubeconfig_path: /k/east
      determined_master_host: 10.0.0.1
      determined_master_port: 8080
      internal_task_gateway: {gateway_name: contour, gateway_namespace: projectcontour, gateway_ip: 10.0.0.5, gateway_port_range_start: 40000, gateway_port_range_end: 40031}
    resource_pools:
      - pool_name: a
  - resource_manager:
      type: kubernetes
      cluster_name: b
      max_slots_per_pod: 1
      kubeconfig_path: PATH
      determined_master_host: 10.0.0.1
      determined_master_port: 8080
      internal_task_gateway: {gateway_name: contour, gateway_namespace: projectcontour, gateway_ip: 10.0.0.6, gateway_port_range_start: 40032, gateway_port_range_end: 40063}
    resource_pools:
      - pool_name: b
)";
  auto with_path = [&](const std::string& p) {
    std::string yaml = tmpl;
    yaml.replace(yaml.find("PATH"), 4, p);
    return lint_yaml(yaml);
  };
  auto same = with_path("/k/east");
  expect_finding(same.one("ITG008"), Severity::Error,
                 "additional_resource_managers[1].resource_manager.internal_task_gateway", 22, 30,
                 "in the cluster of kubeconfig /k/east");
  // Fixed: another kubeconfig, another address.
  auto other = with_path("/k/west");
  BOOST_TEST(!other.has("ITG008"));
  BOOST_TEST(!other.has("ITG009"));
}

BOOST_AUTO_TEST_CASE(itg008_same_kubeconfig_secret_and_key_in_values) {
  auto run = lint_yaml("maxSlotsPerPod: 1\nadditional_resource_managers:\n" +
                       values_rm("a", "east-kubeconfig", "contour", "10.0.0.5", 40000, 40031) +
                       values_rm("b", "east-kubeconfig", "contour", "10.0.0.6", 40032, 40063));
  auto f = run.one("ITG008");
  expect_finding(f, Severity::Error,
                 "additional_resource_managers[1].resource_manager.internal_task_gateway", 28, 9,
                 "in the cluster of kubeconfig Secret east-kubeconfig/config");
  BOOST_TEST(f.message.find("additional RM #1 (b) and the additional RM #0 (a)") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(itg008_same_address_ipv4_and_mapped_ipv6) {
  auto run =
      lint_yaml("maxSlotsPerPod: 1\nadditional_resource_managers:\n" +
                values_rm("a", "east-kubeconfig", "contour", "10.0.0.5", 40000, 40031) +
                values_rm("b", "west-kubeconfig", "contour", "::ffff:10.0.0.5", 40032, 40063));
  expect_finding(run.one("ITG008"), Severity::Error,
                 "additional_resource_managers[1].resource_manager.internal_task_gateway", 28, 9,
                 "use the same Gateway projectcontour/contour at ::ffff:10.0.0.5");
  BOOST_TEST(!run.has("ITG009"));  // one Gateway: ITG008's business
}

BOOST_AUTO_TEST_CASE(itg008_same_host_name_in_another_case) {
  auto run =
      lint_yaml("maxSlotsPerPod: 1\nadditional_resource_managers:\n" +
                values_rm("a", "east-kubeconfig", "contour", "GW.Example.com", 40000, 40031) +
                values_rm("b", "west-kubeconfig", "contour", "gw.example.com.", 40032, 40063));
  expect_finding(run.one("ITG008"), Severity::Error,
                 "additional_resource_managers[1].resource_manager.internal_task_gateway", 28, 9,
                 "at gw.example.com.");
}

BOOST_AUTO_TEST_CASE(itg008_fixed_same_name_in_different_clusters_at_different_addresses) {
  auto run = lint_yaml("maxSlotsPerPod: 1\nadditional_resource_managers:\n" +
                       values_rm("a", "east-kubeconfig", "contour", "10.0.0.5", 40000, 40031) +
                       values_rm("b", "west-kubeconfig", "contour", "10.0.0.6", 40000, 40031));
  BOOST_TEST(!run.has("ITG008"));
  BOOST_TEST(!run.has("ITG009"));
  BOOST_TEST(count_with_prefix(run, "ITG") == 0u);
}

BOOST_AUTO_TEST_CASE(itg008_devcluster_same_address_from_one_variable) {
  const std::string yaml = R"(stages:
  - master:
      config_file:
        resource_manager:
          type: kubernetes
          cluster_name: defaultrm
          max_slots_per_pod: 1
          kubeconfig_path: /tmp/defaultrm-kubeconf
          determined_master_host: $DOCKER_LOCALHOST
          determined_master_port: 8080
          internal_task_gateway: {gateway_name: contour, gateway_namespace: projectcontour, gateway_ip: $GATEWAY_IP, gateway_port_range_start: 49152, gateway_port_range_end: 49183}
        additional_resource_managers:
          - resource_manager:
              type: kubernetes
              cluster_name: additionalrm
              max_slots_per_pod: 1
              kubeconfig_path: /tmp/additionalrm-kubeconf
              determined_master_host: $DOCKER_LOCALHOST
              determined_master_port: 8080
              internal_task_gateway: {gateway_name: contour, gateway_namespace: projectcontour, gateway_ip: $GATEWAY_IP, gateway_port_range_start: 49184, gateway_port_range_end: 49215}
            resource_pools:
              - pool_name: additional_pool
)";
  auto set = lint_yaml(yaml, "auto", {{"GATEWAY_IP", "192.168.49.2"}});
  expect_finding(set.one("ITG008"), Severity::Error,
                 "stages[0].master.config_file.additional_resource_managers[0].resource_manager."
                 "internal_task_gateway",
                 20, 38, "at 192.168.49.2");
  // Unset: the address is unknown, and the kubeconfigs differ.
  BOOST_TEST(!lint_yaml(yaml, "auto").has("ITG008"));
}

// ITG009 ----------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(itg009_overlapping_ranges_at_one_address) {
  auto run = lint_yaml("maxSlotsPerPod: 1\nadditional_resource_managers:\n" +
                       values_rm("a", "east-kubeconfig", "gw-a", "10.0.0.5", 40000, 40040) +
                       values_rm("b", "west-kubeconfig", "gw-b", "10.0.0.5", 40030, 40060));
  auto f = run.one("ITG009");
  expect_finding(f, Severity::Warning,
                 "additional_resource_managers[1].resource_manager.internal_task_gateway", 28, 9,
                 "share the address 10.0.0.5 and their port ranges overlap on 40030-40040");
  BOOST_TEST(!run.has("ITG008"));
}

BOOST_AUTO_TEST_CASE(itg009_mapped_ipv6_is_the_same_address) {
  auto run = lint_yaml("maxSlotsPerPod: 1\nadditional_resource_managers:\n" +
                       values_rm("a", "east-kubeconfig", "gw-a", "::ffff:10.0.0.5", 40000, 40040) +
                       values_rm("b", "west-kubeconfig", "gw-b", "10.0.0.5", 40040, 40060));
  expect_finding(run.one("ITG009"), Severity::Warning,
                 "additional_resource_managers[1].resource_manager.internal_task_gateway", 28, 9,
                 "overlap on 40040-40040");
}

BOOST_AUTO_TEST_CASE(itg009_fixed_disjoint_ranges_or_different_addresses) {
  auto disjoint = lint_yaml("maxSlotsPerPod: 1\nadditional_resource_managers:\n" +
                            values_rm("a", "east-kubeconfig", "gw-a", "10.0.0.5", 40000, 40029) +
                            values_rm("b", "west-kubeconfig", "gw-b", "10.0.0.5", 40030, 40060));
  BOOST_TEST(!disjoint.has("ITG009"));
  auto apart = lint_yaml("maxSlotsPerPod: 1\nadditional_resource_managers:\n" +
                         values_rm("a", "east-kubeconfig", "gw-a", "10.0.0.5", 40000, 40040) +
                         values_rm("b", "west-kubeconfig", "gw-b", "10.0.0.6", 40030, 40060));
  BOOST_TEST(!apart.has("ITG009"));
  BOOST_TEST(count_with_prefix(apart, "ITG") == 0u);
}

// Scope and silencing ----------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(itg_rules_skip_a_gateway_on_an_agent_rm) {
  // The agent RM has no internal_task_gateway: the master rejects the key (MRM001), and no
  // gateway exists to check.
  auto run = lint_yaml(R"(resource_manager:
  type: agent
  internal_task_gateway:
    gateway_ip: ""
)");
  BOOST_TEST(count_with_prefix(run, "ITG") == 0u);
}

BOOST_AUTO_TEST_CASE(itg_disable_and_suppress) {
  const std::string yaml = master(R"(    gateway_name: contour
    gateway_namespace: projectcontour
    gateway_ip: ""
)");
  auto file = lint_yaml(yaml).file;
  detgw::app::LintOptions options;
  options.values_files = {file};
  auto before = detgw::app::lint(options).report.findings;
  BOOST_TEST(std::count_if(before.begin(), before.end(),
                           [](const Finding& f) { return f.code == "ITG003"; }) == 1);
  options.selection.disabled = {"ITG003", "ITG007"};
  for (const auto& f : detgw::app::lint(options).report.findings)
    BOOST_TEST((f.code != "ITG003" && f.code != "ITG007"), f.code);
  options.selection.disabled.clear();
  options.selection.suppressed = {"ITG003=" + kGw + ".gateway_ip", "ITG007=" + kGw};
  auto result = detgw::app::lint(options);
  for (const auto& f : result.report.findings)
    BOOST_TEST((f.code != "ITG003" && f.code != "ITG007"), f.code);
}

BOOST_AUTO_TEST_SUITE_END()
