// The pure parts of onboarding: the overlay and Secret add-cluster writes, the master's RBAC, and
// the cluster checks LIV060-LIV064 over what lint --live read (tested end to end on the lab in
// tests/live-lab/helm_multirm_*_test.cpp).
#include <algorithm>
#include <boost/test/unit_test.hpp>

#include "core/kube/base64.hpp"
#include "core/onboard/cluster_probe.hpp"
#include "core/onboard/master_rbac.hpp"
#include "core/onboard/overlay.hpp"
#include "core/yaml/loader.hpp"

using namespace detgw;

namespace {

onboard::NewCluster east() {
  onboard::NewCluster c;
  c.name = "east";
  c.pools = {"east-gpu"};
  c.max_slots_per_pod = 4;
  c.master_host = "10.0.0.1";
  c.master_port = 8080;
  c.secret_name = "east-kubeconfig";
  return c;
}

const yaml::Node* list_of(const yaml::Document& doc) {
  return doc.root->find("additional_resource_managers");
}

std::vector<std::string> codes(const std::vector<report::Finding>& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings) out.push_back(f.code);
  return out;
}

bool has(const std::vector<std::string>& list, const std::string& code) {
  return std::find(list.begin(), list.end(), code) != list.end();
}

onboard::ClusterProbe probe() {
  onboard::ClusterProbe p;
  p.target.rm = "east";
  p.target.secret_name = "east-kubeconfig";
  p.target.secret_key = "config";
  p.target.default_namespace = "default";
  p.secret.release_namespace = "det";
  p.secret.found = true;
  p.secret.has_key = true;
  p.secret.keys = {"config"};
  p.reached = true;
  p.namespace_exists = true;
  return p;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(onboard_overlay)

BOOST_AUTO_TEST_CASE(the_overlay_keeps_existing_entries_and_replaces_one_of_the_same_name) {
  auto values = yaml::load_text(
      "additional_resource_managers:\n"
      "  - resource_manager: {type: kubernetes, cluster_name: west, determined_master_host: "
      "'10.0.0.2', determined_master_port: 8080}\n"
      "    resource_pools: [{pool_name: west}]\n"
      "  - resource_manager: {type: kubernetes, cluster_name: east}\n",
      "values.yaml");
  BOOST_REQUIRE(values.ok());
  auto overlay = yaml::load_text(onboard::values_overlay(list_of(*values), east()), "overlay");
  BOOST_REQUIRE(overlay.ok());
  const auto* list = list_of(*overlay);
  BOOST_REQUIRE(list && list->is_sequence());
  BOOST_REQUIRE_EQUAL(list->items.size(), 2u);
  const auto* west = list->items[0]->find("resource_manager");
  BOOST_TEST(west->find("cluster_name")->text == "west");
  // A quoted string stays a string.
  BOOST_TEST(west->find("determined_master_host")->tag == "!");
  const auto* rm = list->items[1]->find("resource_manager");
  BOOST_TEST(rm->find("cluster_name")->text == "east");
  BOOST_TEST(rm->find("max_slots_per_pod")->text == "4");
  BOOST_TEST(rm->find("kubeconfig_secret_value")->text == "config");
  BOOST_TEST(list->items[1]->find("resource_pools")->items[0]->find("pool_name")->text ==
             "east-gpu");
}

BOOST_AUTO_TEST_CASE(without_existing_values_the_overlay_has_the_new_entry_alone) {
  auto c = east();
  c.gateway = onboard::GatewaySpec{"projectcontour", "contour", "10.0.0.9", 40000, 40063};
  auto overlay = yaml::load_text(onboard::values_overlay(nullptr, c), "overlay");
  BOOST_REQUIRE(overlay.ok());
  const auto* list = list_of(*overlay);
  BOOST_REQUIRE_EQUAL(list->items.size(), 1u);
  const auto* gw = list->items[0]->find("resource_manager")->find("internal_task_gateway");
  BOOST_REQUIRE(gw);
  BOOST_TEST(gw->find("gateway_namespace")->text == "projectcontour");
  BOOST_TEST(gw->find("gateway_port_range_end")->text == "40063");
}

BOOST_AUTO_TEST_CASE(the_secret_holds_the_kubeconfig_under_its_key) {
  auto secret = yaml::load_text(
      onboard::secret_manifest("east-kubeconfig", "det", "config", "apiVersion: v1\n"), "secret");
  BOOST_REQUIRE(secret.ok());
  BOOST_TEST(secret->root->find("kind")->text == "Secret");
  BOOST_TEST(secret->root->find("metadata")->find("namespace")->text == "det");
  const auto* data = secret->root->find("data")->find("config");
  BOOST_REQUIRE(data);
  BOOST_TEST(kube::base64_decode(data->text).value_or("") == "apiVersion: v1\n");
}

BOOST_AUTO_TEST_CASE(the_master_rbac_is_the_chart_clusterrole_plus_the_gateway_verbs) {
  auto plain = onboard::merged_policy_rules(false);
  auto gateway = onboard::merged_policy_rules(true);
  auto verbs = [](const std::vector<onboard::PolicyRule>& rules, const std::string& resource) {
    for (const auto& r : rules)
      if (r.resource == resource) return r.verbs;
    return std::vector<std::string>{};
  };
  BOOST_TEST(verbs(plain, "services") == (std::vector<std::string>{"get", "list"}));
  BOOST_TEST(verbs(gateway, "services") ==
             (std::vector<std::string>{"get", "list", "create", "delete"}));
  BOOST_TEST(verbs(plain, "gateways").empty());
  BOOST_TEST(verbs(gateway, "gateways") == (std::vector<std::string>{"get", "update"}));
  BOOST_TEST(verbs(gateway, "jobs") ==
             (std::vector<std::string>{"create", "get", "list", "delete", "watch"}));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(onboard_cluster_checks)

BOOST_AUTO_TEST_CASE(a_cluster_that_is_fine_has_no_finding) {
  auto p = probe();
  p.access = {{"create", "", "pods", "default", true, {}}};
  BOOST_TEST(onboard::cluster_findings(p).empty());
}

BOOST_AUTO_TEST_CASE(liv060_for_a_missing_secret_or_key) {
  auto p = probe();
  p.secret.found = false;
  p.secret.has_key = false;
  p.reached = false;
  auto found = onboard::cluster_findings(p);
  BOOST_TEST(codes(found) == (std::vector<std::string>{"LIV060"}));
  BOOST_TEST(found[0].rm == "east");
  p.secret.found = true;
  p.secret.keys = {"kubeconfig"};
  found = onboard::cluster_findings(p);
  BOOST_REQUIRE_EQUAL(found.size(), 1u);
  BOOST_TEST(found[0].hint.find("kubeconfig") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(liv061_for_a_kubeconfig_that_does_not_parse_or_answer) {
  auto p = probe();
  p.parse_error = "yaml: line 1";
  BOOST_TEST(has(codes(onboard::cluster_findings(p)), "LIV061"));
  p = probe();
  p.reached = false;
  p.connect_error = "context deadline exceeded";
  p.server = "https://127.0.0.1:6443";
  auto found = onboard::cluster_findings(p);
  BOOST_TEST(codes(found) == (std::vector<std::string>{"LIV061"}));
  BOOST_TEST(found[0].message.find("https://127.0.0.1:6443") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(liv062_liv063_liv064) {
  auto p = probe();
  p.namespace_exists = false;
  p.access = {{"create", "", "pods", "default", false, {}},
              {"watch", "batch", "jobs", "default", false, {}},
              {"list", "", "pods", "default", true, {}}};
  p.helper = "exec plugin \"aws\"";
  auto found = onboard::cluster_findings(p);
  const auto c = codes(found);
  BOOST_TEST(has(c, "LIV062"));
  BOOST_TEST(has(c, "LIV063"));
  BOOST_TEST(has(c, "LIV064"));
  for (const auto& f : found) {
    if (f.code == "LIV063") {
      BOOST_TEST(f.message.find("create pods") != std::string::npos, f.message);
      BOOST_TEST(f.message.find("list pods") == std::string::npos, f.message);
    }
    if (f.code == "LIV064") BOOST_TEST((f.severity == report::Severity::Warning));
  }
}

BOOST_AUTO_TEST_SUITE_END()
