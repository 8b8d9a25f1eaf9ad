// The join behind `kubectl detgw status`: states of listeners, annotations and routes.
#include "core/live/listener_table.hpp"

#include <boost/test/unit_test.hpp>

#include "core/live/port_range.hpp"
#include "tests/live/manifests.hpp"

using detgw::live::ListenerState;

namespace detgw::live {
std::ostream& operator<<(std::ostream& out, ListenerState state) { return out << to_string(state); }
}  // namespace detgw::live

namespace {

const std::string kGateway = R"(apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: contour
  namespace: projectcontour
  generation: 3
  annotations:
    determined.ai/det-gateway-port-40000: alloc-a
    determined.ai/det-gateway-port-40001: alloc-b
    determined.ai/det-gateway-port-40009: alloc-gone
    determined.ai/det-gateway-port-notaport: alloc-x
spec:
  gatewayClassName: contour
  listeners:
  - {name: tcp, port: 52335, protocol: TCP}
  - {name: det-40000, port: 40000, protocol: TCP}
  - {name: det-40001, port: 40001, protocol: TCP}
  - {name: det-40002, port: 40002, protocol: TCP}
status:
  listeners:
  - name: det-40001
    attachedRoutes: 0
    conditions:
    - {type: Accepted, status: "False", reason: PortUnavailable, observedGeneration: 3}
---
apiVersion: gateway.networking.k8s.io/v1alpha2
kind: TCPRoute
metadata: {name: job-a-0, namespace: default, labels: {determined: alloc-a}}
spec:
  parentRefs: [{namespace: projectcontour, name: contour, port: 40000, sectionName: det-40000}]
  rules: [{backendRefs: [{name: job-a-0, port: 8080}]}]
---
apiVersion: gateway.networking.k8s.io/v1alpha2
kind: TCPRoute
metadata: {name: job-c-0, namespace: default, labels: {determined: alloc-c}}
spec:
  parentRefs: [{namespace: projectcontour, name: contour, port: 40005, sectionName: det-40005}]
  rules: [{backendRefs: [{name: job-c-0, port: 8080}]}]
)";

const detgw::live::ListenerRow* row_for(const detgw::live::ListenerTable& t, int port) {
  for (const auto& row : t.rows)
    if (row.port == port) return &row;
  return nullptr;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(listener_table)

BOOST_AUTO_TEST_CASE(every_listener_annotation_and_route_gets_its_state) {
  const auto snapshot = detgw::test::snapshot_from_manifests(kGateway);
  const auto t = detgw::live::build_listener_table(snapshot);
  BOOST_REQUIRE(row_for(t, 40000));
  BOOST_TEST(row_for(t, 40000)->owner == "alloc-a");
  BOOST_TEST(row_for(t, 40000)->backend == "default/job-a-0:8080");
  BOOST_TEST((row_for(t, 40000)->backend_exists == false));  // no Service in the manifests
  BOOST_TEST(row_for(t, 40000)->state == ListenerState::Ok);
  BOOST_TEST(row_for(t, 40001)->state == ListenerState::Conflict);  // PortUnavailable
  BOOST_TEST(row_for(t, 40002)->state == ListenerState::Orphan);    // det-* without annotation
  BOOST_TEST(row_for(t, 40002)->owner == "foreign");
  BOOST_TEST(row_for(t, 40005)->state == ListenerState::DanglingRoute);
  BOOST_TEST(row_for(t, 40005)->owner == "alloc-c");
  BOOST_TEST(row_for(t, 40009)->state == ListenerState::Orphan);  // annotation without listener
  BOOST_TEST(row_for(t, 40009)->listener.empty());
  BOOST_TEST(row_for(t, 52335)->state == ListenerState::Foreign);
  BOOST_TEST(t.rows.size() == 6u);  // the annotation without a numeric port is not Determined's
  BOOST_TEST(t.summary.listeners == 4);
  BOOST_TEST(t.summary.determined == 2);
  BOOST_TEST(t.summary.foreign == 2);
  BOOST_TEST((t.summary.spec_cap == 64));
  BOOST_TEST(*t.summary.headroom() == 60);
  BOOST_TEST(t.summary.problems == 4);
}

BOOST_AUTO_TEST_CASE(a_stale_condition_is_unknown_not_a_conflict) {
  std::string stale = kGateway;
  stale.replace(stale.find("observedGeneration: 3"), 21, "observedGeneration: 2");
  const auto snapshot = detgw::test::snapshot_from_manifests(stale);
  const auto t = detgw::live::build_listener_table(snapshot);
  BOOST_TEST(row_for(t, 40001)->state == ListenerState::NoRoute);
}

BOOST_AUTO_TEST_CASE(a_route_of_another_allocation_is_a_conflict) {
  std::string other = kGateway;
  other.replace(other.find("labels: {determined: alloc-a}"), 29, "labels: {determined: alloc-z}");
  const auto t = detgw::live::build_listener_table(detgw::test::snapshot_from_manifests(other));
  BOOST_TEST(row_for(t, 40000)->state == ListenerState::Conflict);
  BOOST_TEST(detgw::test::has_code(detgw::test::check_manifests(other), "LIV040"));
}

BOOST_AUTO_TEST_CASE(fields_of_the_wrong_type_read_as_absent) {
  const auto snapshot = detgw::test::snapshot_from_manifests(R"(kind: Gateway
metadata: {name: [1], namespace: 7, annotations: {determined.ai/det-gateway-port-99999: x}}
spec:
  listeners:
  - {name: {a: b}, port: "40000"}
  - 17
  - {name: det-1, port: 70000}
status: {addresses: [{value: 5}], listeners: "nope", conditions: [null, {status: "True"}]}
)");
  BOOST_REQUIRE(snapshot.gateway);
  const auto& gw = *snapshot.gateway;
  BOOST_TEST(gw.ref.name.empty());
  BOOST_TEST(gw.listeners.size() == 3u);
  BOOST_TEST(gw.listeners[0].port == 0);  // a quoted port is not a port
  BOOST_TEST(gw.listeners[2].port == 0);  // out of range
  BOOST_TEST(gw.port_owners.empty());     // port 99999 does not exist
  BOOST_TEST(gw.addresses.empty());
  BOOST_TEST(gw.conditions.empty());            // a condition needs a type
  detgw::live::build_listener_table(snapshot);  // and the join copes
}

BOOST_AUTO_TEST_CASE(suggested_range_avoids_used_ports_and_contour_pairs) {
  using detgw::live::suggest_port_range;
  auto r = suggest_port_range({32768, 32770, 52335}, 60);
  BOOST_REQUIRE(r);
  BOOST_TEST(r->start == 32771);
  BOOST_TEST(r->end == 32830);
  BOOST_TEST(!suggest_port_range({}, 1));                    // start < end needs two ports
  BOOST_TEST(!suggest_port_range({}, 40000, false, 32768));  // larger than what is left
  auto high = suggest_port_range({}, 1100, true, 57000);
  BOOST_REQUIRE(high);
  BOOST_TEST((high->end - 1023 < 57536 || high->start > 58558 ||
              high->end - high->start < 1023));  // no p, p+1023 pair inside
  auto plain = suggest_port_range({}, 1100, false, 57000);
  BOOST_TEST(plain->start == 57000);
}

BOOST_AUTO_TEST_SUITE_END()
