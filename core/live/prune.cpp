#include "core/live/prune.hpp"

#include "core/live/json_fields.hpp"
#include "core/live/read_snapshot.hpp"

namespace detgw::live {
namespace {

kube::ApiError refusal(std::string message, int http_code, std::string reason) {
  kube::ApiError e;
  e.kind = ErrorKind::Cluster;
  e.message = std::move(message);
  e.http_code = http_code;
  e.reason = std::move(reason);
  return e;
}

// A write whose answer never came (connection reset, API server gone, timeout) may have been
// applied or not: say so, and how to finish.
kube::ApiError unanswered(kube::ApiError e) {
  if (e.failure != kube::FailureKind::Status)
    e.message +=
        "; the last removal may or may not have been applied: run the prune again, it starts from "
        "what the cluster has now";
  return e;
}

std::string seconds_text(std::chrono::milliseconds d) {
  const auto ms = d.count();
  std::string text = std::to_string(ms / 1000);
  if (ms % 1000 != 0) {
    // Appended piece by piece: `"." + std::to_string(n)` trips GCC 12's false -Wrestrict.
    text += '.';
    text += std::to_string(ms % 1000 / 100);
  }
  return text + "s";
}

struct Observation {
  GatewaySnapshot snapshot;
  std::vector<PruneItem> leaks;
  std::set<std::string> running;
};

kube::Result<Observation> observe(kube::ApiClient& client, const ObjectRef& gateway) {
  // Running allocations first: a task that starts between the two reads then shows as running
  // or as complete, never as a leak.
  auto running = running_allocations(client);
  if (!running) return running.error();
  SnapshotRequest request;
  request.gateway = gateway;
  auto snapshot = read_gateway_snapshot(client, request);
  if (!snapshot) return snapshot.error();
  if (!snapshot->gateway)
    return refusal("Gateway " + gateway.text() + " not found", 404, "NotFound");
  if (!snapshot->routes_listed || !snapshot->services_listed)
    return refusal("cannot tell leaks from live tasks: " +
                       (snapshot->notes.empty() ? std::string("TCPRoutes or Services not listed")
                                                : snapshot->notes.front()),
                   403, "Forbidden");
  Observation o{std::move(*snapshot), {}, std::move(*running)};
  o.leaks = leak_candidates(o.snapshot, build_listener_table(o.snapshot), o.running);
  return o;
}

std::string object_path(const PruneItem& item) {
  const auto slash = item.name.find('/');
  const std::string ns = item.name.substr(0, slash), name = item.name.substr(slash + 1);
  if (item.kind == PruneItem::Kind::TcpRoute)
    return kube::resource_path(std::string(kGatewayGroup), "v1alpha2", "tcproutes", ns, name);
  return kube::resource_path("", "v1", "services", ns, name);
}

}  // namespace

kube::Result<std::set<std::string>> running_allocations(kube::ApiClient& client) {
  std::set<std::string> running;
  kube::ListOptions options;
  options.limit = 0;
  options.label_selector = std::string(kAllocationLabel);
  for (const char* path : {"/apis/batch/v1/jobs", "/api/v1/pods"}) {
    auto list = client.list(path, options);
    if (!list) return list.error();
    if (const auto* items = detail::array_at(list->list, {"items"}))
      for (const auto& item : items->GetArray())
        running.insert(detail::string_at(item, {"metadata", "labels", kAllocationLabel}));
  }
  return running;
}

kube::Result<PruneOutcome> prune_gateway(kube::ApiClient& client, const PruneRequest& request) {
  PruneOutcome outcome;
  auto first = observe(client, request.gateway);
  if (!first) return first.error();
  outcome.running = first->running;
  if (first->leaks.empty()) return outcome;

  Observation latest = std::move(*first);
  if (request.grace.count() > 0) {
    if (request.progress)
      request.progress("waiting " + seconds_text(request.grace) + " (--grace) to tell " + std::to_string(latest.leaks.size()) +
                       " possible leaks from starting tasks");
    request.sleep(request.grace);
    auto second = observe(client, request.gateway);
    if (!second) return second.error();
    outcome.leaks = confirmed(latest.leaks, second->leaks);
    outcome.running = second->running;
    latest = std::move(*second);
  } else {
    outcome.leaks = latest.leaks;
  }
  if (outcome.leaks.empty() || !request.confirm || !request.confirm(outcome.leaks)) return outcome;
  outcome.applied = true;

  // Services, then TCPRoutes, then the Gateway: each step removes what marks an allocation as
  // leaked only after what hangs off it is gone, so a run cut short anywhere (connection lost,
  // API server gone) leaves what a rerun still finds. Only the very objects observed (uid).
  for (const auto kind : {PruneItem::Kind::Service, PruneItem::Kind::TcpRoute})
    for (const auto& item : outcome.leaks) {
      if (item.kind != kind) continue;
      auto removed = client.remove_uid(object_path(item), item.uid);
      if (removed || removed.error().not_found())
        outcome.removed.push_back(item);
      else if (removed.error().conflict())
        outcome.skipped.push_back(item);
      else
        return unanswered(removed.error());
    }

  // The Gateway: one guarded patch (all of it or nothing), re-planned on the Gateway as it is
  // after each conflict.
  const std::string gateway_path =
      kube::resource_path(std::string(kGatewayGroup), "v1", "gateways",
                          request.gateway.namespace_, request.gateway.name);
  Gateway gateway = *latest.snapshot.gateway;
  std::vector<PruneItem> planned;
  for (int attempt = 0; attempt < request.max_attempts; ++attempt) {
    planned.clear();
    const std::string patch = gateway_prune_patch(gateway, outcome.leaks, planned);
    if (patch.empty()) break;
    auto patched = client.json_patch(gateway_path, patch);
    if (patched) {
      outcome.removed.insert(outcome.removed.end(), planned.begin(), planned.end());
      planned.clear();
      break;
    }
    if (!patched.error().conflict()) return unanswered(patched.error());
    ++outcome.conflicts;
    auto again = client.get(gateway_path);
    if (!again) return again.error();
    gateway = parse_gateway(*again);
    planned.clear();
  }

  std::set<std::string> done;
  for (const auto& item : outcome.removed) done.insert(item.key());
  for (const auto& item : outcome.leaks)
    if ((item.kind == PruneItem::Kind::Listener || item.kind == PruneItem::Kind::Annotation) &&
        !done.count(item.key()))
      outcome.skipped.push_back(item);
  return outcome;
}

}  // namespace detgw::live
