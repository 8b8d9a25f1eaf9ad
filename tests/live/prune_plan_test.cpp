// What prune may remove, decided on observations: never a foreign listener, never a running
// allocation, only what two observations agree on; Gateway writes guarded by tests.
#include "core/live/prune_plan.hpp"

#include <boost/test/unit_test.hpp>

#include "core/live/capacity.hpp"
#include "tests/live/manifests.hpp"

namespace {

using detgw::live::PruneItem;

const std::string kLeaky = R"(kind: Gateway
metadata:
  name: contour
  namespace: projectcontour
  annotations:
    determined.ai/det-gateway-port-40000: live
    determined.ai/det-gateway-port-40001: leaked
    determined.ai/det-gateway-port-40002: starting
    determined.ai/det-gateway-port-40009: gone
spec:
  listeners:
  - {name: tcp, port: 52335}
  - {name: det-40000, port: 40000}
  - {name: det-40001, port: 40001}
  - {name: det-40002, port: 40002}
  - {name: det-40003, port: 40003}
---
kind: TCPRoute
metadata: {name: r-live, namespace: default, uid: u1, labels: {determined: live}}
spec:
  parentRefs: [{namespace: projectcontour, name: contour, sectionName: det-40000}]
  rules: [{backendRefs: [{name: s-live, port: 8080}]}]
---
kind: TCPRoute
metadata: {name: r-dangling, namespace: default, uid: u2, labels: {determined: dangling}}
spec:
  parentRefs: [{namespace: projectcontour, name: contour, sectionName: det-40005, port: 40005}]
  rules: [{backendRefs: [{name: s-dangling, port: 8080}]}]
---
kind: Service
metadata: {name: s-leaked, namespace: default, uid: u3, labels: {determined: leaked}}
---
kind: Service
metadata: {name: s-live, namespace: default, uid: u4, labels: {determined: live}}
)";

std::vector<PruneItem> candidates(const std::set<std::string>& running) {
  const auto snapshot = detgw::test::snapshot_from_manifests(kLeaky);
  return detgw::live::leak_candidates(snapshot, detgw::live::build_listener_table(snapshot),
                                      running);
}

std::set<std::string> texts(const std::vector<PruneItem>& items) {
  std::set<std::string> out;
  for (const auto& i : items) out.insert(i.text());
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(prune_plan)

BOOST_AUTO_TEST_CASE(leaks_are_determineds_and_not_running) {
  const auto found = texts(candidates({"starting"}));
  const std::set<std::string> expected = {
      "listener det-40001 (port 40001, allocation leaked)",
      "annotation determined.ai/det-gateway-port-40001 (allocation leaked)",
      "Service default/s-leaked (allocation leaked)",
      "annotation determined.ai/det-gateway-port-40009 (allocation gone)",
      "TCPRoute default/r-dangling (allocation dangling)",
  };
  BOOST_TEST((found == expected));  // not: live, starting (running), det-40003 (no annotation)
  const auto without_job = texts(candidates({}));
  BOOST_TEST(without_job.count("listener det-40002 (port 40002, allocation starting)") == 1u);
}

BOOST_AUTO_TEST_CASE(only_what_both_observations_show) {
  auto first = candidates({});
  auto second = candidates({"leaked"});  // its Job appeared meanwhile
  auto both = detgw::live::confirmed(first, second);
  for (const auto& item : both) BOOST_TEST(item.allocation != "leaked");
  BOOST_TEST(both.size() == second.size());
}

BOOST_AUTO_TEST_CASE(the_gateway_patch_tests_every_value_it_removes) {
  const auto snapshot = detgw::test::snapshot_from_manifests(kLeaky);
  auto items = candidates({"starting"});
  std::vector<PruneItem> removed;
  const auto patch = detgw::live::gateway_prune_patch(*snapshot.gateway, items, removed);
  BOOST_TEST(removed.size() == 3u);  // listener 40001, its annotation, the annotation of 40009
  BOOST_TEST(patch.find(R"({"op":"test","path":"/spec/listeners/2/name","value":"det-40001"})") !=
                 std::string::npos,
             patch);
  BOOST_TEST(patch.find(R"({"op":"test","path":"/spec/listeners/2/port","value":40001})") !=
                 std::string::npos,
             patch);
  BOOST_TEST(patch.find(R"({"op":"remove","path":"/spec/listeners/2"})") != std::string::npos);
  BOOST_TEST(
      patch.find(
          R"({"op":"test","path":"/metadata/annotations/determined.ai~1det-gateway-port-40009","value":"gone"})") !=
          std::string::npos,
      patch);

  // The port was given to another allocation after it was observed: left alone.
  auto reused = *snapshot.gateway;
  reused.port_owners[40001] = "someone-else";
  removed.clear();
  const auto second = detgw::live::gateway_prune_patch(reused, items, removed);
  for (const auto& item : removed) BOOST_TEST(item.allocation != "leaked");
  BOOST_TEST(second.find("det-40001") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_cap_patch_sets_spec_and_status_of_every_served_version) {
  const auto snapshot = detgw::test::snapshot_from_manifests(kLeaky);
  const auto patch = detgw::live::max_listeners_patch(*snapshot.gateway_crd, 128);
  for (const char* version : {"0", "1"})
    for (const char* part : {"spec", "status"}) {
      const std::string at = std::string("/spec/versions/") + version +
                             "/schema/openAPIV3Schema/properties/" + part +
                             "/properties/listeners/maxItems";
      BOOST_TEST(
          patch.find(R"({"op":"test","path":")" + at + R"(","value":64})") != std::string::npos,
          at);
      BOOST_TEST(
          patch.find(R"({"op":"replace","path":")" + at + R"(","value":128})") != std::string::npos,
          at);
    }
}

BOOST_AUTO_TEST_SUITE_END()
