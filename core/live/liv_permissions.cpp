// LIV050: may the master's identity do what the gateway feature does? The chart's ClusterRole
// grants nothing on gateway.networking.k8s.io and only get/list on Services, so a Helm install
// in the Gateway's own cluster lacks these unless the administrator adds them.

#include "core/live/live_check.hpp"

namespace detgw::live {
namespace {

void master_permissions(const LiveModel& m, CheckSink& sink) {
  if (!m.snapshot.master_access) return sink.skip("run with --pre or --as-master SUBJECT");
  const std::string who =
      m.snapshot.master_subject.empty() ? "your identity" : m.snapshot.master_subject;
  int allowed = 0;
  for (const auto& check : *m.snapshot.master_access) {
    if (check.allowed) {
      ++allowed;
      continue;
    }
    sink.report(who + " cannot " + check.text() + ": the master needs it to expose tasks" +
                    (check.reason.empty() ? "" : " (" + check.reason + ")"),
                "allow " + check.verb + " on " + check.resource +
                    (check.group.empty() ? "" : "." + check.group) + " in a Role in " +
                    (check.namespace_.empty() ? "that namespace" : check.namespace_) +
                    " bound to the master's identity (kubectl create role, kubectl create "
                    "rolebinding)");
  }
  sink.note(std::to_string(allowed) + " of " + std::to_string(m.snapshot.master_access->size()) +
            " permissions of " + who);
}

constexpr LiveCheck kChecks[] = {
    {"LIV050", Severity::Error, "Permissions of the master",
     "the master's identity may manage Gateways, TCPRoutes and Services", master_permissions, true},
};

}  // namespace

std::span<const LiveCheck> permission_checks() { return kChecks; }

}  // namespace detgw::live
