// LIV030-LIV034: how many more tasks the Gateway can proxy, and what stands in their way.

#include <algorithm>
#include <set>

#include "core/live/live_check.hpp"

namespace detgw::live {
namespace {

std::string listener_path(const GatewayListener& l) {
  return "spec.listeners[" + std::to_string(l.index) + "]";
}

std::string range_text(const ExpectedGateway& e) {
  return std::to_string(*e.range_start) + "-" + std::to_string(*e.range_end);
}

bool has_range(const ExpectedGateway& e) { return e.range_start && e.range_end; }

void listener_capacity(const LiveModel& m, CheckSink& sink) {
  if (!m.snapshot.gateway) return sink.skip("no Gateway");
  const auto& s = m.table.summary;
  if (!s.spec_cap) return sink.unknown(std::to_string(s.listeners) + " listeners; cap unknown");
  const std::string used = std::to_string(s.listeners) + "/" + std::to_string(*s.spec_cap);
  const std::string hint =
      "free leaked listeners (kubectl detgw prune), or raise the cap (kubectl detgw capacity "
      "--set-max-listeners N)";
  if (s.listeners >= *s.spec_cap)
    sink.report(Severity::Error,
                used +
                    " listeners: the Gateway is full, so the API server rejects the master's "
                    "next update and new proxied tasks fail",
                hint, {}, "spec.listeners");
  else if (s.listeners * 10 >= *s.spec_cap * 9)
    sink.report(used + " listeners: the Gateway is at 90% or more of its cap", hint, {},
                "spec.listeners");
  sink.note(used + " listeners");
}

void foreign_in_range(const LiveModel& m, CheckSink& sink) {
  if (!m.snapshot.gateway) return sink.skip("no Gateway");
  const auto& e = m.snapshot.expected;
  if (!has_range(e)) return sink.skip("no port range; give --values");
  for (const auto& l : m.snapshot.gateway->listeners) {
    if (m.snapshot.gateway->port_owners.count(l.port) || l.port < *e.range_start ||
        l.port > *e.range_end)
      continue;
    sink.report("listener " + l.name + " (port " + std::to_string(l.port) +
                    ") was not added by Determined but occupies a port of its range " +
                    range_text(e) + ", and a slot of the listener cap",
                "move it out of the range, or leave it: the master skips ports in use", {},
                listener_path(l));
  }
}

void listener_conditions(const LiveModel& m, CheckSink& sink) {
  if (!m.snapshot.gateway) return sink.skip("no Gateway");
  const Gateway& gw = *m.snapshot.gateway;
  if (gw.listener_status.empty()) return sink.unknown("no listener status from the controller");
  for (const auto& l : gw.listeners) {
    const auto* status = gw.status_of(l.name);
    if (!status) continue;
    std::string problem;
    for (const char* type : {"Accepted", "Programmed"}) {
      if (condition_state(status->conditions, type, gw.generation) == ConditionState::False) {
        const auto* c = find_condition(status->conditions, type);
        problem += (problem.empty() ? "not " : ", not ") + std::string(type) + " (" + c->reason +
                   (c->message.empty() ? "" : ": " + c->message) + ")";
      }
    }
    if (condition_state(status->conditions, "Conflicted", gw.generation) == ConditionState::True)
      problem += (problem.empty() ? "" : ", ") + std::string("Conflicted (") +
                 find_condition(status->conditions, "Conflicted")->reason + ")";
    if (!problem.empty())
      sink.report("listener " + l.name + " (port " + std::to_string(l.port) + ") is " + problem +
                      ": a task behind it cannot be reached",
                  "kubectl describe gateway -n " + gw.ref.namespace_ + " " + gw.ref.name, {},
                  listener_path(l));
  }
}

void free_ports(const LiveModel& m, CheckSink& sink) {
  if (!m.snapshot.gateway) return sink.skip("no Gateway");
  const auto& e = m.snapshot.expected;
  if (!has_range(e) || !m.table.summary.free_in_range)
    return sink.skip("no port range; give --values");
  const int free = *m.table.summary.free_in_range;
  const int size = *e.range_end - *e.range_start + 1;
  const std::string hint =
      "widen gateway_port_range_start..gateway_port_range_end, or free leaked listeners "
      "(kubectl detgw prune)";
  if (free == 0)
    sink.report(Severity::Error,
                "no free port left in " + range_text(e) +
                    ": the master fails allocations with \"not enough free ports in range " +
                    range_text(e) + "\"",
                hint);
  else if (free < 5 || free * 10 < size)
    sink.report(
        std::to_string(free) + " of " + std::to_string(size) + " ports free in " + range_text(e),
        hint);
  sink.note(std::to_string(free) + " of " + std::to_string(size) + " ports free");
}

// Contour gives each listener the Envoy port p + 8000, wrapped past 65535 and moved above 1023:
// p and p + 1023 collide for p in 57536..58558, and the later listener gets PortUnavailable.
void contour_collisions(const LiveModel& m, CheckSink& sink) {
  if (!m.snapshot.gateway) return sink.skip("no Gateway");
  const auto& gc = m.snapshot.gateway_class;
  if (!gc || !gc->present) return sink.skip("the GatewayClass is unknown");
  if (gc->controller != kContourController) return sink.skip("not a Contour Gateway");
  std::set<int> ports;
  for (const auto& l : m.snapshot.gateway->listeners) ports.insert(l.port);
  for (int p : ports) {
    if (p < 57536 || p > 58558 || !ports.count(p + 1023)) continue;
    sink.report("ports " + std::to_string(p) + " and " + std::to_string(p + 1023) +
                    " map to the same Envoy port in Contour (" +
                    std::to_string(p + 8000 - 65535 + 1023) +
                    "): the later listener is refused with PortUnavailable",
                "keep Determined's port range out of 57536-59581", {}, "spec.listeners");
  }
}

constexpr LiveCheck kChecks[] = {
    {"LIV030", Severity::Warning, "Capacity", "listeners are below the cap", listener_capacity},
    {"LIV031", Severity::Info, "Capacity", "no foreign listener inside Determined's port range",
     foreign_in_range},
    {"LIV032", Severity::Error, "Capacity", "every listener is Accepted and Programmed",
     listener_conditions},
    {"LIV033", Severity::Warning, "Capacity", "free ports are left in the port range", free_ports},
    {"LIV034", Severity::Warning, "Capacity", "no two listeners share a Contour Envoy port",
     contour_collisions},
};

}  // namespace

std::span<const LiveCheck> capacity_checks() { return kChecks; }

}  // namespace detgw::live
