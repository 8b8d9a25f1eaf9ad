#include "core/live/gateway_snapshot.hpp"

#include <charconv>

#include "core/live/json_fields.hpp"

namespace detgw::live {

using detail::array_at;
using detail::bool_at;
using detail::int_at;
using detail::member;
using detail::port_at;
using detail::string_at;

namespace {

std::vector<Condition> parse_conditions(const rapidjson::Value& object,
                                        std::initializer_list<std::string_view> path) {
  std::vector<Condition> out;
  const auto* list = array_at(object, path);
  if (!list) return out;
  for (const auto& c : list->GetArray()) {
    Condition condition{string_at(c, {"type"}), string_at(c, {"status"}), string_at(c, {"reason"}),
                        string_at(c, {"message"}), int_at(c, {"observedGeneration"})};
    if (!condition.type.empty()) out.push_back(std::move(condition));
  }
  return out;
}

ObjectRef object_ref(const rapidjson::Value& object) {
  return {string_at(object, {"metadata", "namespace"}), string_at(object, {"metadata", "name"})};
}

std::optional<int> parse_port_text(std::string_view text) {
  int port = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
  if (ec != std::errc() || end != text.data() + text.size() || port < 1 || port > 65535)
    return std::nullopt;
  return port;
}

RouteParentRef parse_parent_ref(const rapidjson::Value& ref, const std::string& route_namespace) {
  RouteParentRef parent;
  parent.gateway.name = string_at(ref, {"name"});
  parent.gateway.namespace_ = string_at(ref, {"namespace"});
  if (parent.gateway.namespace_.empty()) parent.gateway.namespace_ = route_namespace;
  parent.section_name = string_at(ref, {"sectionName"});
  parent.port = port_at(ref, {"port"});
  return parent;
}

// A parentRef that names a Gateway (group and kind default to the Gateway API's Gateway).
bool names_a_gateway(const rapidjson::Value& ref) {
  const auto* group = member(ref, {"group"});
  const auto* kind = member(ref, {"kind"});
  const bool group_ok = !group || (group->IsString() && group->GetString() == kGatewayGroup);
  const bool kind_ok =
      !kind || (kind->IsString() && std::string_view(kind->GetString()) == "Gateway");
  return group_ok && kind_ok;
}

}  // namespace

ConditionState condition_state(const std::vector<Condition>& conditions, std::string_view type,
                               std::optional<std::int64_t> generation) {
  const Condition* c = find_condition(conditions, type);
  if (!c) return ConditionState::Unknown;
  if (generation && c->observed_generation && *c->observed_generation != *generation)
    return ConditionState::Unknown;
  if (c->status == "True") return ConditionState::True;
  if (c->status == "False") return ConditionState::False;
  return ConditionState::Unknown;
}

const Condition* find_condition(const std::vector<Condition>& conditions, std::string_view type) {
  for (const auto& c : conditions)
    if (c.type == type) return &c;
  return nullptr;
}

const ListenerStatus* Gateway::status_of(std::string_view listener) const {
  for (const auto& s : listener_status)
    if (s.name == listener) return &s;
  return nullptr;
}

const CrdVersion* Crd::version(std::string_view version_name) const {
  for (const auto& v : versions)
    if (v.name == version_name) return &v;
  return nullptr;
}

bool Crd::serves(std::string_view version_name) const {
  const auto* v = version(version_name);
  return present && v && v->served;
}

std::string AccessCheck::text() const {
  std::string what = verb + " " + resource + (group.empty() ? "" : "." + group);
  return what + (namespace_.empty() ? " (all namespaces)" : " in " + namespace_);
}

Gateway parse_gateway(const rapidjson::Value& object) {
  Gateway gw;
  gw.ref = object_ref(object);
  gw.generation = int_at(object, {"metadata", "generation"});
  gw.resource_version = string_at(object, {"metadata", "resourceVersion"});
  gw.class_name = string_at(object, {"spec", "gatewayClassName"});
  if (const auto* listeners = array_at(object, {"spec", "listeners"})) {
    std::size_t index = 0;
    for (const auto& l : listeners->GetArray()) {
      gw.listeners.push_back({string_at(l, {"name"}), port_at(l, {"port"}).value_or(0),
                              string_at(l, {"protocol"}), index++});
    }
  }
  if (const auto* annotations = member(object, {"metadata", "annotations"});
      annotations && annotations->IsObject()) {
    for (const auto& a : annotations->GetObject()) {
      std::string_view key(a.name.GetString(), a.name.GetStringLength());
      if (!key.starts_with(kPortAnnotationPrefix) || !a.value.IsString()) continue;
      if (auto port = parse_port_text(key.substr(kPortAnnotationPrefix.size())))
        gw.port_owners[*port] = a.value.GetString();
    }
  }
  if (const auto* addresses = array_at(object, {"status", "addresses"})) {
    for (const auto& a : addresses->GetArray()) {
      std::string value = string_at(a, {"value"});
      if (!value.empty()) gw.addresses.push_back(std::move(value));
    }
  }
  gw.conditions = parse_conditions(object, {"status", "conditions"});
  if (const auto* statuses = array_at(object, {"status", "listeners"})) {
    for (const auto& s : statuses->GetArray()) {
      ListenerStatus status;
      status.name = string_at(s, {"name"});
      status.attached_routes = static_cast<int>(int_at(s, {"attachedRoutes"}).value_or(0));
      status.conditions = parse_conditions(s, {"conditions"});
      gw.listener_status.push_back(std::move(status));
    }
  }
  return gw;
}

TcpRoute parse_tcproute(const rapidjson::Value& object) {
  TcpRoute route;
  route.ref = object_ref(object);
  route.uid = string_at(object, {"metadata", "uid"});
  route.generation = int_at(object, {"metadata", "generation"});
  route.allocation = string_at(object, {"metadata", "labels", kAllocationLabel});
  route.job = string_at(object, {"metadata", "annotations", "determined.ai/job-name"});
  if (const auto* parents = array_at(object, {"spec", "parentRefs"})) {
    for (const auto& p : parents->GetArray())
      if (names_a_gateway(p)) route.parents.push_back(parse_parent_ref(p, route.ref.namespace_));
  }
  if (const auto* rules = array_at(object, {"spec", "rules"})) {
    for (const auto& rule : rules->GetArray()) {
      const auto* backends = array_at(rule, {"backendRefs"});
      if (!backends) continue;
      for (const auto& b : backends->GetArray()) {
        BackendRef backend;
        backend.kind = string_at(b, {"kind"});
        if (backend.kind.empty()) backend.kind = "Service";
        backend.service.name = string_at(b, {"name"});
        backend.service.namespace_ = string_at(b, {"namespace"});
        if (backend.service.namespace_.empty()) backend.service.namespace_ = route.ref.namespace_;
        backend.port = port_at(b, {"port"});
        route.backends.push_back(std::move(backend));
      }
    }
  }
  if (const auto* parents = array_at(object, {"status", "parents"})) {
    for (const auto& p : parents->GetArray()) {
      const auto* ref = member(p, {"parentRef"});
      if (!ref || !names_a_gateway(*ref)) continue;
      route.parent_status.push_back({parse_parent_ref(*ref, route.ref.namespace_),
                                     string_at(p, {"controllerName"}),
                                     parse_conditions(p, {"conditions"})});
    }
  }
  return route;
}

Service parse_service(const rapidjson::Value& object) {
  Service service;
  service.ref = object_ref(object);
  service.uid = string_at(object, {"metadata", "uid"});
  service.allocation = string_at(object, {"metadata", "labels", kAllocationLabel});
  if (const auto* ports = array_at(object, {"spec", "ports"})) {
    for (const auto& p : ports->GetArray())
      if (auto port = port_at(p, {"port"})) service.ports.push_back(*port);
  }
  return service;
}

Crd parse_crd(const rapidjson::Value& object) {
  Crd crd;
  crd.present = true;
  crd.name = string_at(object, {"metadata", "name"});
  crd.bundle_version =
      string_at(object, {"metadata", "annotations", "gateway.networking.k8s.io/bundle-version"});
  crd.channel = string_at(object, {"metadata", "annotations", "gateway.networking.k8s.io/channel"});
  if (const auto* versions = array_at(object, {"spec", "versions"})) {
    for (const auto& v : versions->GetArray()) {
      CrdVersion version;
      version.name = string_at(v, {"name"});
      version.index = crd.versions.size();
      version.served = bool_at(v, {"served"});
      version.storage = bool_at(v, {"storage"});
      version.deprecated = bool_at(v, {"deprecated"});
      const auto* props = member(v, {"schema", "openAPIV3Schema", "properties"});
      if (props) {
        auto cap = [&](std::string_view part) -> std::optional<int> {
          auto n = int_at(*props, {part, "properties", "listeners", "maxItems"});
          if (!n || *n < 0 || *n > 1'000'000) return std::nullopt;
          return static_cast<int>(*n);
        };
        version.spec_max_listeners = cap("spec");
        version.status_max_listeners = cap("status");
      }
      crd.versions.push_back(std::move(version));
    }
  }
  return crd;
}

GatewayClass parse_gateway_class(const rapidjson::Value& object) {
  GatewayClass gc;
  gc.present = true;
  gc.name = string_at(object, {"metadata", "name"});
  gc.controller = string_at(object, {"spec", "controllerName"});
  gc.generation = int_at(object, {"metadata", "generation"});
  gc.conditions = parse_conditions(object, {"status", "conditions"});
  return gc;
}

bool looks_like_determined_gateway(const Gateway& gateway) {
  if (!gateway.port_owners.empty()) return true;
  for (const auto& l : gateway.listeners)
    if (l.name.starts_with("det-")) return true;
  return false;
}

}  // namespace detgw::live
