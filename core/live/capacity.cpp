#include "core/live/capacity.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace detgw::live {
namespace {

const std::string kGatewayCrd = "gateways.gateway.networking.k8s.io";
const std::string kCrdPath = kube::resource_path("apiextensions.k8s.io", "v1",
                                                 "customresourcedefinitions", {}, kGatewayCrd);

std::string explain(const std::string& message, int n) {
  if (message.find("cost") != std::string::npos)
    return "the API server refuses " + std::to_string(n) +
           " listeners: the Gateway CRD's validation rules compare every listener with every "
           "other (unique names; unique port, protocol and hostname), so their estimated cost "
           "grows with the square of the cap and " +
           std::to_string(n) +
           " exceeds the server's budget. kubectl detgw capacity --probe finds the largest cap "
           "it accepts; past that, split listeners across Gateways";
  if (message.find("safe-upgrades") != std::string::npos ||
      message.find("ValidatingAdmissionPolicy") != std::string::npos)
    return "the Gateway API's safe-upgrades admission policy refuses changes to these CRDs";
  return {};
}

}  // namespace

kube::Result<CapacityInfo> read_capacity(kube::ApiClient& client) {
  CapacityInfo info;
  auto crd = client.get(kCrdPath);
  if (!crd) {
    if (!crd.error().not_found()) return crd.error();
    info.crd.name = kGatewayCrd;
  } else {
    info.crd = parse_crd(*crd);
  }
  auto policy = client.get(kube::resource_path("admissionregistration.k8s.io", "v1",
                                               "validatingadmissionpolicies", {},
                                               "safe-upgrades.gateway.networking.k8s.io"));
  if (policy)
    info.safe_upgrades_policy = true;
  else if (policy.error().not_found())
    info.safe_upgrades_policy = false;
  else if (!policy.error().forbidden())
    return policy.error();
  return info;
}

std::string max_listeners_patch(const Crd& crd, int n) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  auto path = [&](const char* op, const std::string& p) {
    w.Key("op");
    w.String(op);
    w.Key("path");
    w.String(p.c_str(), static_cast<rapidjson::SizeType>(p.size()));
  };
  w.StartArray();
  for (const auto& v : crd.versions) {
    if (!v.served) continue;
    const std::string version = "/spec/versions/" + std::to_string(v.index);
    w.StartObject();
    path("test", version + "/name");
    w.Key("value");
    w.String(v.name.c_str(), static_cast<rapidjson::SizeType>(v.name.size()));
    w.EndObject();
    for (const auto& [part, current] :
         {std::pair{"spec", v.spec_max_listeners}, std::pair{"status", v.status_max_listeners}}) {
      const std::string at = version + "/schema/openAPIV3Schema/properties/" + part +
                             "/properties/listeners/maxItems";
      if (current) {
        w.StartObject();
        path("test", at);
        w.Key("value");
        w.Int(*current);
        w.EndObject();
      }
      w.StartObject();
      path(current ? "replace" : "add", at);
      w.Key("value");
      w.Int(n);
      w.EndObject();
    }
  }
  w.EndArray();
  return std::string(buffer.GetString(), buffer.GetSize());
}

kube::Result<CapChange> change_max_listeners(kube::ApiClient& client, const Crd& crd, int n,
                                             bool dry_run) {
  auto r = client.json_patch(kCrdPath, max_listeners_patch(crd, n),
                             dry_run ? kube::DryRun::All : kube::DryRun::None);
  CapChange change;
  if (r) {
    change.accepted = true;
    return change;
  }
  // Invalid (422) and Forbidden by admission are answers about the cap; anything else is not.
  const auto& e = r.error();
  if (e.failure != kube::FailureKind::Status && !dry_run) {
    // Sent, never answered: one patch, so every cap was raised or none was.
    auto unanswered = e;
    unanswered.message +=
        "; the caps may or may not have been raised (all of them or none): kubectl detgw "
        "capacity shows them";
    return unanswered;
  }
  if (e.conflict() || e.failure != kube::FailureKind::Status ||
      !(e.is("Invalid") || (e.forbidden() && !explain(e.server_message, n).empty())))
    return e;
  change.refusal = e.server_message;
  change.explanation = explain(e.server_message, n);
  return change;
}

kube::Result<int> probe_max_listeners(kube::ApiClient& client, const Crd& crd, int limit) {
  const CrdVersion* v1 = crd.version("v1");
  int accepted = v1 && v1->spec_max_listeners ? *v1->spec_max_listeners : 1;
  int refused = limit + 1;
  // Double until refused, then halve the gap: O(log limit) dry runs.
  for (int n = std::max(accepted * 2, 2); n <= limit; n *= 2) {
    auto r = change_max_listeners(client, crd, n, true);
    if (!r) return r.error();
    if (!r->accepted) {
      refused = n;
      break;
    }
    accepted = n;
  }
  while (refused - accepted > 1) {
    const int mid = accepted + (refused - accepted) / 2;
    auto r = change_max_listeners(client, crd, mid, true);
    if (!r) return r.error();
    (r->accepted ? accepted : refused) = mid;
  }
  return accepted;
}

}  // namespace detgw::live
