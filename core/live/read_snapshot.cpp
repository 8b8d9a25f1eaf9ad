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
kube::Result<std::optional<Crd>> crd_from(const kube::Result<kube::Json>& answer,
                                          const std::string& name, GatewaySnapshot& s) {
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

// GETs that go out together; a path several Gateways need is read once.
class Round {
 public:
  std::size_t add(std::string path) {
    for (std::size_t i = 0; i < paths_.size(); ++i)
      if (paths_[i] == path) return i;
    paths_.push_back(std::move(path));
    return paths_.size() - 1;
  }
  void run(kube::ApiClient& client) {
    if (paths_.empty()) return;
    std::vector<std::pair<kube::ApiClient*, std::string>> reads;
    for (const auto& path : paths_) reads.emplace_back(&client, path);
    answers_ = kube::ApiClient::get_all(reads);
  }
  const kube::Result<kube::Json>& operator[](std::size_t i) const { return answers_[i]; }

 private:
  std::vector<std::string> paths_;
  std::vector<kube::Result<kube::Json>> answers_;
};

// Where one Gateway's answers are in the rounds.
struct Reads {
  std::size_t gateway_crd = 0, gateway = 0, routes = 0, services = 0;
  std::optional<std::size_t> tcproute_crd;
  std::optional<std::size_t> routes_v1, gateway_class;  // second round
};

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

std::vector<kube::Result<GatewaySnapshot>> read_gateway_snapshots(
    kube::ApiClient& client, const std::vector<SnapshotRequest>& requests) {
  const std::string gateway_crd_name = "gateways." + kGroup;
  const std::string tcproute_crd_name = "tcproutes." + kGroup;
  const std::size_t n = requests.size();
  std::vector<GatewaySnapshot> snapshots(n);
  std::vector<std::optional<kube::ApiError>> failed(n);
  std::vector<Reads> reads(n);

  // The first round, everything independent: CRDs, the Gateways, every TCPRoute (at v1alpha2,
  // the version Determined 0.38 writes), every Service labelled `determined`.
  Round first;
  for (std::size_t i = 0; i < n; ++i) {
    const auto& request = requests[i];
    reads[i].gateway_crd = first.add(crd_path(gateway_crd_name));
    reads[i].gateway = first.add(kube::resource_path(
        kGroup, "v1", "gateways", request.gateway.namespace_, request.gateway.name));
    reads[i].routes = first.add(tcproutes_path("v1alpha2"));
    reads[i].services =
        first.add("/api/v1/services?labelSelector=" + std::string(kAllocationLabel));
    if (request.tcproute_crd) reads[i].tcproute_crd = first.add(crd_path(tcproute_crd_name));
  }
  first.run(client);

  Round second;
  for (std::size_t i = 0; i < n; ++i) {
    const auto& request = requests[i];
    auto& s = snapshots[i];
    const auto& r = reads[i];
    s.gateway_ref = request.gateway;
    s.expected = request.expected;
    // A connection, TLS or authentication failure shows on every answer: report the first one.
    std::vector<std::size_t> own = {r.gateway_crd, r.gateway, r.routes, r.services};
    if (r.tcproute_crd) own.push_back(*r.tcproute_crd);
    for (auto k : own)
      if (!failed[i] && !first[k] && !tolerable(first[k].error())) failed[i] = first[k].error();
    if (failed[i]) continue;

    auto gateway_crd = crd_from(first[r.gateway_crd], gateway_crd_name, s);
    s.gateway_crd = std::move(*gateway_crd);
    if (r.tcproute_crd)
      s.tcproute_crd = std::move(*crd_from(first[*r.tcproute_crd], tcproute_crd_name, s));
    const auto& gateway = first[r.gateway];
    if (gateway) {
      s.gateway = parse_gateway(*gateway);
    } else if (*tolerable(gateway.error()) == Missing::Forbidden) {
      failed[i] = gateway.error();  // the one object every live command needs
      continue;
    }
    // Standard-channel v1.6 serves TCPRoute only as v1: the routes are then listed at v1.
    if (!first[r.routes] && first[r.routes].error().not_found())
      reads[i].routes_v1 = second.add(tcproutes_path("v1"));
    if (request.gateway_class && s.gateway && !s.gateway->class_name.empty())
      reads[i].gateway_class = second.add(
          kube::resource_path(kGroup, "v1", "gatewayclasses", {}, s.gateway->class_name));
  }
  second.run(client);

  for (std::size_t i = 0; i < n; ++i) {
    if (failed[i]) continue;
    auto& s = snapshots[i];
    const auto& r = reads[i];
    const auto& routes = r.routes_v1 ? second[*r.routes_v1] : first[r.routes];
    if (routes) {
      s.routes = parse_items<TcpRoute>(*routes, parse_tcproute);
      s.routes_listed = true;
      s.tcproute_version = r.routes_v1 ? "v1" : "v1alpha2";
    } else if (!tolerable(routes.error())) {
      failed[i] = routes.error();
      continue;
    } else {
      s.notes.push_back("cannot list TCPRoutes: " + routes.error().describe());
    }

    const auto& services = first[r.services];
    if (services) {
      s.services = parse_items<Service>(*services, parse_service);
      s.services_listed = true;
    } else {
      s.notes.push_back("cannot list Services: " + services.error().describe());
    }

    if (r.gateway_class) {
      const auto& gc = second[*r.gateway_class];
      if (gc) {
        s.gateway_class = parse_gateway_class(*gc);
      } else if (auto missing = tolerable(gc.error()); missing == Missing::NotFound) {
        s.gateway_class = GatewayClass{};
        s.gateway_class->name = s.gateway->class_name;
      } else if (missing == Missing::Forbidden) {
        s.notes.push_back("cannot read GatewayClass: " + gc.error().describe());
      } else {
        failed[i] = gc.error();
      }
    }
  }

  // The master's permissions: every question about every Gateway in one round.
  std::vector<kube::Subject> subjects(n);
  std::vector<kube::AccessQuestion> questions;
  std::vector<std::pair<std::size_t, std::size_t>> asked;  // (snapshot, check) of each question
  for (std::size_t i = 0; i < n; ++i) {
    const auto& request = requests[i];
    if (failed[i] || !request.master_access) continue;
    snapshots[i].master_subject = request.master_subject;
    const std::string sa_prefix = "system:serviceaccount:";
    if (request.master_subject.starts_with(sa_prefix)) {
      const std::string rest = request.master_subject.substr(sa_prefix.size());
      const auto colon = rest.find(':');
      subjects[i] = kube::service_account_subject(
          rest.substr(0, colon), colon == std::string::npos ? "" : rest.substr(colon + 1));
    } else {
      subjects[i].user = request.master_subject;
    }
    snapshots[i].master_access =
        master_gateway_permissions(request.gateway.namespace_, request.task_namespace);
    // "" asks about the caller's own identity (SelfSubjectAccessReview).
    const kube::Subject* who = request.master_subject.empty() ? nullptr : &subjects[i];
    const auto& checks = *snapshots[i].master_access;
    for (std::size_t c = 0; c < checks.size(); ++c) {
      questions.push_back(
          {who,
           {checks[c].verb, checks[c].group, checks[c].resource, {}, checks[c].namespace_, {}}});
      asked.emplace_back(i, c);
    }
  }
  auto decisions = kube::review_all(client, questions);
  for (std::size_t q = 0; q < decisions.size(); ++q) {
    const auto [i, c] = asked[q];
    if (failed[i]) continue;  // an earlier question of this Gateway failed: that is its error
    auto& check = (*snapshots[i].master_access)[c];
    if (!decisions[q]) {
      failed[i] = decisions[q].error();
      continue;
    }
    check.allowed = decisions[q]->allowed;
    check.reason = decisions[q]->reason;
  }

  std::vector<kube::Result<GatewaySnapshot>> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (failed[i])
      out.emplace_back(std::move(*failed[i]));
    else
      out.emplace_back(std::move(snapshots[i]));
  }
  return out;
}

kube::Result<GatewaySnapshot> read_gateway_snapshot(kube::ApiClient& client,
                                                    const SnapshotRequest& request) {
  return std::move(read_gateway_snapshots(client, {request}).front());
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
