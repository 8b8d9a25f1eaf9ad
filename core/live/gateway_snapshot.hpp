#pragma once
// What one Gateway looks like on a live cluster, read once: the Gateway API CRDs, the
// GatewayClass, the Gateway (listeners, Determined's ownership annotations, status), every
// TCPRoute and every `determined`-labelled Service. Built from API JSON by the parse_* functions,
// which accept anything a server may send: a field of the wrong type reads as absent.

#include <rapidjson/document.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace detgw::live {

// `determined.ai/det-gateway-port-<port>: <allocation>` on the Gateway: Determined's record of
// the listeners it added.
inline constexpr std::string_view kPortAnnotationPrefix = "determined.ai/det-gateway-port-";
// The label the master puts on a task's Services, TCPRoutes, Jobs and Pods: `determined=<alloc>`.
inline constexpr std::string_view kAllocationLabel = "determined";
inline constexpr std::string_view kGatewayGroup = "gateway.networking.k8s.io";
inline constexpr std::string_view kContourController = "projectcontour.io/gateway-controller";

struct ObjectRef {
  std::string namespace_;
  std::string name;
  std::string text() const { return namespace_.empty() ? name : namespace_ + "/" + name; }
  bool operator==(const ObjectRef&) const = default;
  auto operator<=>(const ObjectRef&) const = default;
};

struct Condition {
  std::string type;
  std::string status;  // True, False, Unknown
  std::string reason;
  std::string message;
  std::optional<std::int64_t> observed_generation;
};

// A condition as Gateway API conformance reads it: it counts only when its observedGeneration
// is the object's generation; missing or stale is Unknown, never an error by itself.
enum class ConditionState { True, False, Unknown };
ConditionState condition_state(const std::vector<Condition>& conditions, std::string_view type,
                               std::optional<std::int64_t> generation);
const Condition* find_condition(const std::vector<Condition>& conditions, std::string_view type);

struct ListenerStatus {
  std::string name;
  int attached_routes = 0;
  std::vector<Condition> conditions;
};

struct GatewayListener {
  std::string name;
  int port = 0;  // 0 when the server sent no valid port
  std::string protocol;
  std::size_t index = 0;  // in spec.listeners
};

struct Gateway {
  ObjectRef ref;
  std::optional<std::int64_t> generation;
  std::string resource_version;
  std::string class_name;
  std::vector<GatewayListener> listeners;
  std::map<int, std::string> port_owners;  // from the port annotations: port -> allocation
  std::vector<std::string> addresses;      // status.addresses[].value
  std::vector<Condition> conditions;
  std::vector<ListenerStatus> listener_status;

  const ListenerStatus* status_of(std::string_view listener) const;
};

struct RouteParentRef {
  ObjectRef gateway;  // namespace defaulted to the route's
  std::string section_name;
  std::optional<int> port;
};

struct BackendRef {
  std::string kind;  // "Service" unless given
  ObjectRef service;
  std::optional<int> port;
};

struct RouteParentStatus {
  RouteParentRef parent;
  std::string controller;
  std::vector<Condition> conditions;
};

struct TcpRoute {
  ObjectRef ref;
  std::string uid;
  std::optional<std::int64_t> generation;
  std::string allocation;  // the `determined` label, "" when absent
  std::string job;         // the `determined.ai/job-name` annotation
  std::vector<RouteParentRef> parents;
  std::vector<BackendRef> backends;
  std::vector<RouteParentStatus> parent_status;
};

struct Service {
  ObjectRef ref;
  std::string uid;
  std::string allocation;
  std::vector<int> ports;
};

struct CrdVersion {
  std::string name;
  std::size_t index = 0;  // in spec.versions
  bool served = false;
  bool storage = false;
  bool deprecated = false;
  std::optional<int> spec_max_listeners;    // spec.listeners.maxItems
  std::optional<int> status_max_listeners;  // status.listeners.maxItems
};

struct Crd {
  bool present = false;
  std::string name;
  std::string bundle_version;  // gateway.networking.k8s.io/bundle-version
  std::string channel;         // gateway.networking.k8s.io/channel
  std::vector<CrdVersion> versions;

  const CrdVersion* version(std::string_view name) const;
  bool serves(std::string_view version_name) const;
};

struct GatewayClass {
  bool present = false;
  std::string name;
  std::string controller;
  std::optional<std::int64_t> generation;
  std::vector<Condition> conditions;
};

// One permission the master's identity needs, and the server's answer.
struct AccessCheck {
  std::string verb;
  std::string group;
  std::string resource;
  std::string namespace_;
  bool allowed = false;
  std::string reason;
  std::string text() const;  // "update gateways.gateway.networking.k8s.io in projectcontour"
};

// What the configuration says the Gateway should offer (from --values), when known.
struct ExpectedGateway {
  std::string source;  // "values.yaml (RM east)"
  std::optional<std::string> ip;
  std::optional<int> range_start;
  std::optional<int> range_end;
  std::string task_namespace;  // where the master creates Services and TCPRoutes
};

// Everything read about one Gateway. What could not be read is absent, with a note saying why.
struct GatewaySnapshot {
  ObjectRef gateway_ref;
  std::optional<std::string> server_version;
  std::optional<Crd> gateway_crd;   // nullopt: not read (forbidden, or not asked)
  std::optional<Crd> tcproute_crd;  // nullopt: not read
  std::optional<Gateway> gateway;   // nullopt: it does not exist
  std::optional<GatewayClass> gateway_class;
  std::string tcproute_version;  // the version routes were listed at ("" = not listed)
  std::vector<TcpRoute> routes;
  bool routes_listed = false;
  std::vector<Service> services;
  bool services_listed = false;
  std::optional<std::vector<AccessCheck>> master_access;  // doctor --pre / --as-master
  std::string master_subject;                             // "" = the caller's own identity
  ExpectedGateway expected;
  std::vector<std::string> notes;  // what could not be read, for the report
};

// Parsers of API objects. Each takes one object as the API returns it.
Gateway parse_gateway(const rapidjson::Value& object);
TcpRoute parse_tcproute(const rapidjson::Value& object);
Service parse_service(const rapidjson::Value& object);
Crd parse_crd(const rapidjson::Value& object);
GatewayClass parse_gateway_class(const rapidjson::Value& object);

// True when a Gateway carries Determined's port annotations or `det-*` listeners.
bool looks_like_determined_gateway(const Gateway& gateway);

}  // namespace detgw::live
