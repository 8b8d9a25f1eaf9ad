// LIV040-LIV044: do Determined's ownership annotations, the listeners, the TCPRoutes and the
// Services tell one story? What the master leaves behind when it crashes shows up here.

#include "core/live/live_check.hpp"

namespace detgw::live {
namespace {

std::string port_text(const ListenerRow& row) {
  return row.port ? std::to_string(*row.port) : std::string("?");
}

const std::string kPruneHint =
    "if no task of that allocation runs, kubectl detgw prune removes what it left behind";

void annotations_match_listeners(const LiveModel& m, CheckSink& sink) {
  if (!m.snapshot.gateway) return sink.skip("no Gateway");
  for (const auto& row : m.table.rows) {
    if (row.state == ListenerState::Orphan && row.listener.empty())
      sink.report(
          "port annotation for " + port_text(row) + " (allocation " + row.owner +
              ") has no listener",
          kPruneHint, {},
          "metadata.annotations[\"" + std::string(kPortAnnotationPrefix) + port_text(row) + "\"]");
    else if (row.state == ListenerState::Orphan)
      sink.report("listener " + row.listener + " has no " + std::string(kPortAnnotationPrefix) +
                      port_text(row) +
                      " annotation: the master will never free it (it skips ports it did not add)",
                  "remove the listener by hand if no task uses it");
    else if (row.state == ListenerState::Conflict && row.detail.starts_with("its TCPRoute"))
      sink.report("listener " + row.listener + " is annotated for allocation " + row.owner +
                      " but " + row.detail,
                  "one of the two allocations leaked; check which one still runs");
  }
}

void listeners_have_routes(const LiveModel& m, CheckSink& sink) {
  if (!m.snapshot.gateway) return sink.skip("no Gateway");
  if (!m.snapshot.routes_listed) return sink.unknown("TCPRoutes could not be listed");
  for (const auto& row : m.table.rows)
    if (row.state == ListenerState::NoRoute)
      sink.report("Determined's listener " + row.listener + " (allocation " + row.owner +
                      ") has no TCPRoute: a task that is starting, or a leak",
                  kPruneHint);
}

void routes_have_listeners(const LiveModel& m, CheckSink& sink) {
  if (!m.snapshot.gateway) return sink.skip("no Gateway");
  if (!m.snapshot.routes_listed) return sink.unknown("TCPRoutes could not be listed");
  for (const auto& row : m.table.rows)
    if (row.state == ListenerState::DanglingRoute && row.owner != "foreign")
      sink.report("TCPRoute " + row.routes.front() + " (allocation " + row.owner +
                      ") points at listener " +
                      (row.listener.empty() ? "port " + port_text(row) : row.listener) +
                      ", which does not exist",
                  kPruneHint, "tcproute/" + row.routes.front(), "spec.parentRefs");
}

void routes_have_services(const LiveModel& m, CheckSink& sink) {
  if (!m.snapshot.gateway) return sink.skip("no Gateway");
  if (!m.snapshot.services_listed) return sink.unknown("Services could not be listed");
  for (const auto& row : m.table.rows)
    if (row.backend_exists == false)
      sink.report("TCPRoute " + row.routes.front() + " sends traffic to Service " + row.backend +
                      ", which does not exist",
                  kPruneHint, "tcproute/" + row.routes.front(), "spec.rules[0].backendRefs[0]");
}

void routes_accepted(const LiveModel& m, CheckSink& sink) {
  if (!m.snapshot.gateway) return sink.skip("no Gateway");
  if (!m.snapshot.routes_listed) return sink.unknown("TCPRoutes could not be listed");
  const ObjectRef& gw = m.snapshot.gateway->ref;
  for (const auto& route : m.snapshot.routes) {
    for (const auto& status : route.parent_status) {
      if (status.parent.gateway != gw) continue;
      std::string problem;
      for (const char* type : {"Accepted", "ResolvedRefs"}) {
        if (condition_state(status.conditions, type, route.generation) != ConditionState::False)
          continue;
        const auto* c = find_condition(status.conditions, type);
        problem += (problem.empty() ? "not " : ", not ") + std::string(type) + " (" + c->reason +
                   (c->message.empty() ? "" : ": " + c->message) + ")";
      }
      if (!problem.empty())
        sink.report("TCPRoute " + route.ref.text() + " is " + problem,
                    "kubectl describe tcproute -n " + route.ref.namespace_ + " " + route.ref.name,
                    "tcproute/" + route.ref.text(), "status.parents");
    }
  }
}

constexpr LiveCheck kChecks[] = {
    {"LIV040", Severity::Warning, "Listeners, routes and services",
     "ownership annotations match the listeners", annotations_match_listeners},
    {"LIV041", Severity::Warning, "Listeners, routes and services",
     "every Determined listener has a TCPRoute", listeners_have_routes},
    {"LIV042", Severity::Warning, "Listeners, routes and services",
     "every Determined TCPRoute has its listener", routes_have_listeners},
    {"LIV043", Severity::Warning, "Listeners, routes and services",
     "every TCPRoute's backend Service exists", routes_have_services},
    {"LIV044", Severity::Warning, "Listeners, routes and services",
     "every TCPRoute is Accepted with resolved references", routes_accepted},
};

}  // namespace

std::span<const LiveCheck> consistency_checks() { return kChecks; }

}  // namespace detgw::live
