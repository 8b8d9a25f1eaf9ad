#include "core/live/read_snapshot.hpp"

#include "core/kube/access_review.hpp"
#include "core/kube/discovery.hpp"
#include "core/live/json_fields.hpp"

namespace detgw::live {
namespace {

const std::string kGroup(kGatewayGroup);

std::string crd_path(const std::string& name) {
  return kube::resource_path("apiextensions.k8s.io", "v1", "customresourcedefinitions", {}, name);
}

// An absent object is an answer; so is one this identity may not read, where the command can go
// on without it (the note says what is missing). Anything else fails the command.
enum class Missing { NotFound, Forbidden };
std::optional<Missing> tolerable(const kube::ApiError& e) {
  if (e.failure != kube::FailureKind::Status) return std::nullopt;
  if (e.not_found()) return Missing::NotFound;
  if (e.forbidden()) return Missing::Forbidden;
  return std::nullopt;
}

template <typename T, typename Parse>
std::vector<T> parse_items(const kube::Json& list, Parse parse) {
  std::vector<T> out;
  if (const auto* items = detail::array_at(list, {"items"}))
    for (const auto& item : items->GetArray()) out.push_back(parse(item));
  return out;
}

// Reads a CRD: nullopt when forbidden (noted), `present == false` when it does not exist.
kube::Result<std::optional<Crd>> crd_from(kube::Result<kube::Json>& answer, const std::string& name,
                                          GatewaySnapshot& s) {
  if (answer) return std::optional<Crd>(parse_crd(*answer));
  auto missing = tolerable(answer.error());
  if (!missing) return answer.error();
  if (*missing == Missing::NotFound) {
    Crd crd;
    crd.name = name;
    return std::optional<Crd>(crd);
  }
  s.notes.push_back("cannot read CRD " + name + ": " + answer.error().describe());
  return std::optional<Crd>();
}

std::string tcproutes_path(const std::string& version) {
  return kube::resource_path(kGroup, version, "tcproutes");
}

}  // namespace

std::vector<AccessCheck> master_gateway_permissions(const std::string& gateway_namespace,
                                                    const std::string& task_namespace) {
  std::vector<AccessCheck> checks;
  for (const char* verb : {"get", "update"})
    checks.push_back({verb, kGroup, "gateways", gateway_namespace, false, {}});
  for (const char* verb : {"create", "list", "delete"})
    checks.push_back({verb, kGroup, "tcproutes", task_namespace, false, {}});
  for (const char* verb : {"create", "list", "delete"})
    checks.push_back({verb, "", "services", task_namespace, false, {}});
  return checks;
}

kube::Result<GatewaySnapshot> read_gateway_snapshot(kube::ApiClient& client,
                                                    const SnapshotRequest& request) {
  GatewaySnapshot s;
  s.gateway_ref = request.gateway;
  s.expected = request.expected;

  const std::string gateway_crd_name = "gateways." + kGroup;
  const std::string tcproute_crd_name = "tcproutes." + kGroup;
  // The independent reads, at once: CRDs, the Gateway, every TCPRoute (at v1alpha2, the version
  // Determined 0.38 writes), every Service labelled `determined`.
  std::vector<std::pair<kube::ApiClient*, std::string>> reads = {
      {&client, crd_path(gateway_crd_name)},
      {&client, kube::resource_path(kGroup, "v1", "gateways", request.gateway.namespace_,
                                    request.gateway.name)},
      {&client, tcproutes_path("v1alpha2")},
      {&client, "/api/v1/services?labelSelector=" + std::string(kAllocationLabel)},
  };
  if (request.tcproute_crd) reads.push_back({&client, crd_path(tcproute_crd_name)});
  auto answers = kube::ApiClient::get_all(reads);

  // A connection, TLS or authentication failure shows on every answer: report the first one.
  for (auto& a : answers)
    if (!a && !tolerable(a.error())) return a.error();

  auto gateway_crd = crd_from(answers[0], gateway_crd_name, s);
  if (!gateway_crd) return gateway_crd.error();
  s.gateway_crd = std::move(*gateway_crd);
  if (request.tcproute_crd) {
    auto tcproute_crd = crd_from(answers[4], tcproute_crd_name, s);
    if (!tcproute_crd) return tcproute_crd.error();
    s.tcproute_crd = std::move(*tcproute_crd);
  }

  auto& gateway = answers[1];
  if (gateway) {
    s.gateway = parse_gateway(*gateway);
  } else if (*tolerable(gateway.error()) == Missing::Forbidden) {
    return gateway.error();  // the one object every live command needs
  }

  // Standard-channel v1.6 serves TCPRoute only as v1: the routes are then listed at v1.
  auto routes = std::move(answers[2]);
  std::string routes_version = "v1alpha2";
  if (!routes && routes.error().not_found()) {
    routes_version = "v1";
    routes = client.get(tcproutes_path(routes_version));
    if (!routes && !tolerable(routes.error())) return routes.error();
  }
  if (routes) {
    s.routes = parse_items<TcpRoute>(*routes, parse_tcproute);
    s.routes_listed = true;
    s.tcproute_version = routes_version;
  } else {
    s.notes.push_back("cannot list TCPRoutes: " + routes.error().describe());
  }

  auto& services = answers[3];
  if (services) {
    s.services = parse_items<Service>(*services, parse_service);
    s.services_listed = true;
  } else {
    s.notes.push_back("cannot list Services: " + services.error().describe());
  }

  if (request.gateway_class && s.gateway && !s.gateway->class_name.empty()) {
    auto gc =
        client.get(kube::resource_path(kGroup, "v1", "gatewayclasses", {}, s.gateway->class_name));
    if (gc) {
      s.gateway_class = parse_gateway_class(*gc);
    } else if (auto missing = tolerable(gc.error()); missing == Missing::NotFound) {
      s.gateway_class = GatewayClass{};
      s.gateway_class->name = s.gateway->class_name;
    } else if (missing == Missing::Forbidden) {
      s.notes.push_back("cannot read GatewayClass: " + gc.error().describe());
    } else {
      return gc.error();
    }
  }

  if (request.master_access) {
    s.master_subject = request.master_subject;
    kube::Subject subject;
    const std::string sa_prefix = "system:serviceaccount:";
    if (request.master_subject.starts_with(sa_prefix)) {
      const std::string rest = request.master_subject.substr(sa_prefix.size());
      const auto colon = rest.find(':');
      subject = kube::service_account_subject(
          rest.substr(0, colon), colon == std::string::npos ? "" : rest.substr(colon + 1));
    } else {
      subject.user = request.master_subject;
    }
    auto checks = master_gateway_permissions(request.gateway.namespace_, request.task_namespace);
    for (auto& check : checks) {
      kube::ResourceAttributes what{check.verb, check.group,      check.resource,
                                    {},         check.namespace_, {}};
      auto decision = request.master_subject.empty() ? kube::can_i(client, what)
                                                     : kube::can_subject(client, subject, what);
      if (!decision) return decision.error();
      check.allowed = decision->allowed;
      check.reason = decision->reason;
    }
    s.master_access = std::move(checks);
  }
  return s;
}

kube::Result<std::vector<Gateway>> find_determined_gateways(kube::ApiClient& client,
                                                            const std::string& namespace_) {
  kube::ListOptions everything;
  everything.limit = 0;
  auto list = client.list(kube::resource_path(kGroup, "v1", "gateways", namespace_), everything);
  if (!list) return list.error();
  std::vector<Gateway> found;
  for (auto& gw : parse_items<Gateway>(list->list, parse_gateway))
    if (looks_like_determined_gateway(gw)) found.push_back(std::move(gw));
  return found;
}

}  // namespace detgw::live
