// LIV020-LIV023: the Gateway itself, its GatewayClass, its conditions and its addresses.

#include <algorithm>

#include "core/live/live_check.hpp"

namespace detgw::live {
namespace {

std::string why(const Condition* c) {
  if (!c) return {};
  std::string text = c->reason;
  if (!c->message.empty()) text += (text.empty() ? "" : ": ") + c->message;
  return text.empty() ? std::string() : " (" + text + ")";
}

void gateway_exists(const LiveModel& m, CheckSink& sink) {
  if (m.snapshot.gateway) return sink.note("class " + m.snapshot.gateway->class_name);
  sink.report("Gateway " + m.snapshot.gateway_ref.text() +
                  " does not exist: the master fails at startup (getting gateway for proxy ports)",
              "create it (kubectl detgw config prints the values block for an existing one), or "
              "correct gateway_name and gateway_namespace");
}

void gateway_class(const LiveModel& m, CheckSink& sink) {
  if (!m.snapshot.gateway) return sink.skip("no Gateway");
  if (!m.snapshot.gateway_class) return sink.unknown("the GatewayClass could not be read");
  const GatewayClass& gc = *m.snapshot.gateway_class;
  const std::string object = "gatewayclass/" + m.snapshot.gateway->class_name;
  if (!gc.present)
    return sink.report(Severity::Error,
                       "GatewayClass " + m.snapshot.gateway->class_name +
                           " of the Gateway does not exist: no controller programs the Gateway",
                       "create the GatewayClass of the controller that should serve the Gateway",
                       object);
  switch (condition_state(gc.conditions, "Accepted", gc.generation)) {
    case ConditionState::False:
      return sink.report("GatewayClass " + gc.name + " is not Accepted" +
                             why(find_condition(gc.conditions, "Accepted")),
                         "check the controller " + gc.controller + " and its logs", object);
    case ConditionState::Unknown:
      return sink.unknown(gc.controller +
                          "; no current Accepted condition: some controllers, "
                          "e.g. Contour without its provisioner, never write one");
    case ConditionState::True:
      return sink.note(gc.controller);
  }
}

void gateway_conditions(const LiveModel& m, CheckSink& sink) {
  if (!m.snapshot.gateway) return sink.skip("no Gateway");
  const Gateway& gw = *m.snapshot.gateway;
  int unknown = 0;
  for (const char* type : {"Accepted", "Programmed"}) {
    switch (condition_state(gw.conditions, type, gw.generation)) {
      case ConditionState::False:
        sink.report("the Gateway is not " + std::string(type) +
                        why(find_condition(gw.conditions, type)) +
                        ": its listeners do not carry traffic",
                    "kubectl describe gateway -n " + gw.ref.namespace_ + " " + gw.ref.name +
                        ", and the controller's logs",
                    {}, "status.conditions");
        break;
      case ConditionState::Unknown:
        ++unknown;
        break;
      case ConditionState::True:
        break;
    }
  }
  if (unknown > 0) sink.unknown("no current Accepted/Programmed condition from the controller");
}

void gateway_address(const LiveModel& m, CheckSink& sink) {
  if (!m.snapshot.gateway) return sink.skip("no Gateway");
  const Gateway& gw = *m.snapshot.gateway;
  const auto& ip = m.snapshot.expected.ip;
  if (gw.addresses.empty())
    return sink.report("the Gateway has no address in status.addresses" +
                           (ip ? ", so gateway_ip " + *ip + " cannot be checked" : std::string()) +
                           ": the controller has not exposed it (no load balancer?)",
                       "check the controller's Service of type LoadBalancer, or the address it is "
                       "configured to publish",
                       {}, "status.addresses");
  std::string addresses;
  for (const auto& a : gw.addresses) addresses += (addresses.empty() ? "" : ", ") + a;
  if (!ip) return sink.note(addresses + "; give --values to compare gateway_ip");
  if (std::find(gw.addresses.begin(), gw.addresses.end(), *ip) == gw.addresses.end())
    return sink.report("gateway_ip " + *ip + " (" + m.snapshot.expected.source +
                           ") is not among the Gateway's addresses (" + addresses +
                           "): the master proxies tasks to an address the Gateway does not serve",
                       "set gateway_ip to " + gw.addresses.front(), {}, "status.addresses");
  sink.note(addresses);
}

constexpr LiveCheck kChecks[] = {
    {"LIV020", Severity::Error, "Gateway", "the Gateway exists", gateway_exists},
    {"LIV021", Severity::Warning, "Gateway", "its GatewayClass exists and is Accepted",
     gateway_class},
    {"LIV022", Severity::Error, "Gateway", "the Gateway is Accepted and Programmed",
     gateway_conditions},
    {"LIV023", Severity::Warning, "Gateway", "gateway_ip is among status.addresses",
     gateway_address},
};

}  // namespace

std::span<const LiveCheck> gateway_checks() { return kChecks; }

}  // namespace detgw::live
