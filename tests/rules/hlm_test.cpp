// HLM001-HLM010: what the Determined chart does with the values before the master sees them.

#include <boost/test/unit_test.hpp>

#include "tests/rules/lint_fixture.hpp"

using detgw::report::Severity;
using detgw::test::count_with_prefix;
using detgw::test::expect_finding;
using detgw::test::kEastPool;
using detgw::test::kEastValuesRmBody;
using detgw::test::lint_yaml;
using detgw::test::values_with_additional;

namespace {

// Correct values with one additional RM (east); the resource_manager mapping starts at line 4
// (type), kubeconfig_secret_name is line 7, kubeconfig_secret_value line 8.
const std::string kGood = values_with_additional(kEastValuesRmBody, kEastPool);

// kGood with the line holding `line` replaced by `replacement` (which may be empty).
std::string good_with(const std::string& line, const std::string& replacement) {
  std::string out = kGood;
  auto at = out.find(line);
  BOOST_REQUIRE(at != std::string::npos);
  out.replace(at, line.size(), replacement);
  return out;
}

const std::string kRm = "additional_resource_managers[0].resource_manager";

}  // namespace

BOOST_AUTO_TEST_SUITE(rules_hlm)

BOOST_AUTO_TEST_CASE(good_values_have_no_hlm_finding) {
  auto run = lint_yaml(kGood);
  BOOST_TEST(count_with_prefix(run, "HLM") == 0u);
  BOOST_TEST(run.result.report.summary().errors == 0);
}

BOOST_AUTO_TEST_CASE(hlm_rules_do_not_apply_to_master_input) {
  // No kubeconfig_secret_*, no maxSlotsPerPod, a kubeconfig_path: all fine outside the chart.
  auto run = lint_yaml(R"(resource_manager:
  type: kubernetes
  max_slots_per_pod: 1
additional_resource_managers:
  - resource_manager:
      type: kubernetes
      cluster_name: east
      max_slots_per_pod: 1
      kubeconfig_path: /k/east
      determined_master_host: 10.0.0.1
      determined_master_port: 8080
    resource_pools:
      - pool_name: east
)");
  BOOST_TEST(run.result.report.inputs.at(0).shape == "master");
  BOOST_TEST(count_with_prefix(run, "HLM") == 0u);
}

// HLM001 / HLM002 -------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(hlm001_missing_secret_name_points_at_the_rm) {
  auto run = lint_yaml(good_with("      kubeconfig_secret_name: east-kubeconfig\n", ""));
  auto f = run.one("HLM001");
  expect_finding(f, Severity::Error, kRm + ".kubeconfig_secret_name", 4, 7,
                 "has no kubeconfig_secret_name");
  BOOST_TEST(f.message.find("resource_manager.kubeconfig_secret_name must be specified") !=
             std::string::npos);
  BOOST_TEST(f.rm == "east");
  BOOST_TEST(!run.has("HLM002"));
}

BOOST_AUTO_TEST_CASE(hlm001_empty_secret_name) {
  auto run = lint_yaml(
      good_with("kubeconfig_secret_name: east-kubeconfig", "kubeconfig_secret_name: \"\""));
  expect_finding(run.one("HLM001"), Severity::Error, kRm + ".kubeconfig_secret_name", 7, 31,
                 "has no kubeconfig_secret_name");
}

BOOST_AUTO_TEST_CASE(hlm002_missing_secret_value) {
  auto run = lint_yaml(good_with("      kubeconfig_secret_value: config\n", ""));
  auto f = run.one("HLM002");
  expect_finding(f, Severity::Error, kRm + ".kubeconfig_secret_value", 4, 7,
                 "has no kubeconfig_secret_value");
  BOOST_TEST(f.message.find("resource_manager.kubeconfig_secret_value must be specified") !=
             std::string::npos);
  BOOST_TEST(!run.has("HLM001"));
  BOOST_TEST(!run.has("HLM003"));
}

BOOST_AUTO_TEST_CASE(hlm002_null_secret_value) {
  auto run =
      lint_yaml(good_with("kubeconfig_secret_value: config", "kubeconfig_secret_value: null"));
  expect_finding(run.one("HLM002"), Severity::Error, kRm + ".kubeconfig_secret_value", 8, 32,
                 "has no kubeconfig_secret_value");
}

// HLM003 ----------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(hlm003_not_a_secret_key) {
  const std::pair<std::string, std::string> cases[] = {
      {"\"my config\"", "contains \" \", which a Secret key cannot"},
      {"\"..\"", "is \"..\""},
      {"east/config", "contains \"/\""},
      {"\"" + std::string(254, 'a') + "\"", "is longer than 253 characters"},
      {"\"apiVersion: v1\"", "contains kubeconfig content"},
  };
  for (const auto& [value, problem] : cases) {
    auto run = lint_yaml(
        good_with("kubeconfig_secret_value: config", "kubeconfig_secret_value: " + value));
    auto f = run.one("HLM003");
    expect_finding(f, Severity::Error, kRm + ".kubeconfig_secret_value", 8, 32,
                   "kubeconfig_secret_value " + problem);
    BOOST_TEST(f.message.find("not the kubeconfig itself") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(hlm003_pasted_kubeconfig) {
  auto run = lint_yaml(good_with("      kubeconfig_secret_value: config\n",
                                 "      kubeconfig_secret_value: |\n"
                                 "        apiVersion: v1\n"
                                 "        kind: Config\n"));
  expect_finding(run.one("HLM003"), Severity::Error, kRm + ".kubeconfig_secret_value", 8, 32,
                 "kubeconfig_secret_value spans several lines");
}

BOOST_AUTO_TEST_CASE(hlm003_fixed_keys_pass) {
  for (const std::string value : {"config", "east.kubeconfig", "east_kube-config.yaml"}) {
    auto run = lint_yaml(
        good_with("kubeconfig_secret_value: config", "kubeconfig_secret_value: " + value));
    BOOST_TEST(!run.has("HLM003"), value);
  }
}

// HLM004 ----------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(hlm004_kubeconfig_path_is_overridden) {
  auto run = lint_yaml(good_with("      kubeconfig_secret_value: config\n",
                                 "      kubeconfig_secret_value: config\n"
                                 "      kubeconfig_path: /home/me/.kube/east\n"));
  auto f = run.one("HLM004");
  expect_finding(f, Severity::Warning, kRm + ".kubeconfig_path", 9, 7,
                 "the chart sets its own (/mount/determined/secrets/0/<kubeconfig_secret_value>)");
}

BOOST_AUTO_TEST_CASE(hlm004_fixed_without_kubeconfig_path) {
  BOOST_TEST(!lint_yaml(kGood).has("HLM004"));
}

// HLM005 ----------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(hlm005_missing_max_slots_per_pod_points_at_the_chart_default) {
  auto run = lint_yaml(good_with("maxSlotsPerPod: 1\n", ""));
  auto f = run.one("HLM005");
  BOOST_TEST(std::string(detgw::report::to_string(f.severity)) == "error");
  BOOST_TEST(f.path == "maxSlotsPerPod");
  BOOST_TEST(f.location.file == "<chart defaults>");
  BOOST_TEST(f.location.line > 0);
  BOOST_TEST(f.message.find("A valid Values.maxSlotsPerPod entry is required!") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(hlm005_empty_max_slots_per_pod_in_the_values_file) {
  auto run = lint_yaml(good_with("maxSlotsPerPod: 1", "maxSlotsPerPod: \"\""));
  auto f = run.one("HLM005");
  expect_finding(f, Severity::Error, "maxSlotsPerPod", 1, 17, "maxSlotsPerPod is not set");
  BOOST_TEST(f.location.file == run.file);
}

BOOST_AUTO_TEST_CASE(hlm005_fixed_zero_is_set) {
  // The template's `required` fails only on nil or "".
  BOOST_TEST(!lint_yaml(good_with("maxSlotsPerPod: 1", "maxSlotsPerPod: 0")).has("HLM005"));
  BOOST_TEST(!lint_yaml(kGood).has("HLM005"));
}

// HLM006 ----------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(hlm006_gateway_for_the_primary_rm) {
  auto run = lint_yaml(R"(maxSlotsPerPod: 1
internal_task_gateway:
  gateway_name: contour
resourceManager:
  clusterName: main
  internal_task_gateway:
    gateway_name: contour
)");
  auto found = run.with_code("HLM006");
  BOOST_REQUIRE_EQUAL(found.size(), 2u);
  expect_finding(
      found[0], Severity::Warning, "internal_task_gateway", 2, 1,
      "internal_task_gateway at the top of the values: the chart has no place for a gateway");
  expect_finding(found[1], Severity::Warning, "resourceManager.internal_task_gateway", 6, 3,
                 "resourceManager.internal_task_gateway: the chart has no place for a gateway");
  BOOST_TEST(!run.has("HLM007"));  // not reported twice
}

BOOST_AUTO_TEST_CASE(hlm006_fixed_gateway_on_an_additional_rm) {
  auto run = lint_yaml(good_with("      determined_master_port: 8080\n",
                                 "      determined_master_port: 8080\n"
                                 "      internal_task_gateway:\n"
                                 "        gateway_name: contour\n"
                                 "        gateway_namespace: projectcontour\n"
                                 "        gateway_ip: 10.0.0.5\n"
                                 "        gateway_port_range_start: 40000\n"
                                 "        gateway_port_range_end: 40063\n"));
  BOOST_TEST(!run.has("HLM006"));
  BOOST_TEST(count_with_prefix(run, "HLM") == 0u);
}

// HLM007 ----------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(hlm007_unknown_top_level_key_with_suggestion) {
  auto run = lint_yaml(R"(maxSlotsPerPod: 1
addtional_resource_manager:
  - resource_manager:
      type: kubernetes
)");
  auto f = run.one("HLM007");
  expect_finding(f, Severity::Warning, "addtional_resource_manager", 2, 1,
                 "unknown values key \"addtional_resource_manager\"");
  BOOST_TEST(f.hint == "did you mean \"additional_resource_managers\"?");
}

// An empty key is a key: its path is [""] and its pointer "/", not the document itself.
BOOST_AUTO_TEST_CASE(hlm007_empty_key_has_a_path_of_its_own) {
  auto run = lint_yaml("maxSlotsPerPod: 1\n'': x\n");
  auto f = run.one("HLM007");
  expect_finding(f, Severity::Warning, "[\"\"]", 2, 1, "unknown values key \"\"");
  BOOST_TEST(f.pointer == "/");
}

BOOST_AUTO_TEST_CASE(hlm007_fixed_chart_keys_including_commented_ones) {
  auto run = lint_yaml(R"(maxSlotsPerPod: 1
masterPort: 8080
slotType: gpu
defaultScheduler: coscheduler
additional_resource_managers: []
)");
  BOOST_TEST(!run.has("HLM007"));
}

// HLM008 ----------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(hlm008_scheduler_other_than_coscheduler_is_dropped) {
  auto run = lint_yaml("maxSlotsPerPod: 1\ndefaultScheduler: priority\n");
  expect_finding(run.one("HLM008"), Severity::Warning, "defaultScheduler", 2, 19,
                 "defaultScheduler \"priority\" is dropped by the chart");
}

BOOST_AUTO_TEST_CASE(hlm008_fixed_coscheduler_even_with_spaces) {
  BOOST_TEST(!lint_yaml("maxSlotsPerPod: 1\ndefaultScheduler: coscheduler\n").has("HLM008"));
  BOOST_TEST(!lint_yaml("maxSlotsPerPod: 1\ndefaultScheduler: \" coscheduler \"\n").has("HLM008"));
  BOOST_TEST(!lint_yaml("maxSlotsPerPod: 1\n").has("HLM008"));
}

// HLM009 ----------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(hlm009_port_and_scheme_without_host) {
  auto run = lint_yaml(R"(maxSlotsPerPod: 1
determinedMasterPort: 8443
determinedMasterScheme: https
)");
  auto found = run.with_code("HLM009");
  BOOST_REQUIRE_EQUAL(found.size(), 2u);
  expect_finding(found[0], Severity::Warning, "determinedMasterPort", 2, 23,
                 "determinedMasterPort is set without determinedMasterHost");
  expect_finding(found[1], Severity::Warning, "determinedMasterScheme", 3, 25,
                 "determinedMasterScheme is set without determinedMasterHost");
}

BOOST_AUTO_TEST_CASE(hlm009_empty_host_counts_as_unset) {
  // `if .Values.determinedMasterHost` is false for "": the chart drops the port too.
  auto run = lint_yaml(R"(maxSlotsPerPod: 1
determinedMasterHost: ""
determinedMasterPort: 8443
)");
  expect_finding(run.one("HLM009"), Severity::Warning, "determinedMasterPort", 3, 23,
                 "determinedMasterPort is set without determinedMasterHost");
}

BOOST_AUTO_TEST_CASE(hlm009_fixed_with_host) {
  auto run = lint_yaml(R"(maxSlotsPerPod: 1
determinedMasterHost: det.example.com
determinedMasterPort: 8443
determinedMasterScheme: https
)");
  BOOST_TEST(!run.has("HLM009"));
}

// HLM010 ----------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(hlm010_cpu_slots_without_cpu_request) {
  auto run = lint_yaml("maxSlotsPerPod: 1\nslotType: cpu\n");
  expect_finding(run.one("HLM010"), Severity::Error, "slotType", 2, 11,
                 "slotType is cpu but slotResourceRequests.cpu is not a number above 0");
}

BOOST_AUTO_TEST_CASE(hlm010_cpu_request_zero) {
  auto run = lint_yaml("maxSlotsPerPod: 1\nslotType: cpu\nslotResourceRequests:\n  cpu: 0\n");
  expect_finding(run.one("HLM010"), Severity::Error, "slotResourceRequests.cpu", 4, 8,
                 "slot_resource_requests.cpu must be > 0");
}

BOOST_AUTO_TEST_CASE(hlm010_fixed_cpu_request_above_zero) {
  auto run = lint_yaml("maxSlotsPerPod: 1\nslotType: cpu\nslotResourceRequests:\n  cpu: 2\n");
  BOOST_TEST(!run.has("HLM010"));
  BOOST_TEST(!lint_yaml("maxSlotsPerPod: 1\nslotType: gpu\n").has("HLM010"));
}

BOOST_AUTO_TEST_SUITE_END()
