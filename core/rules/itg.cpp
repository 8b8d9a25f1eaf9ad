// ITG001-ITG009: internal_task_gateway blocks, alone and against each other.

#include <algorithm>
#include <functional>
#include <unordered_map>

#include "core/model/known_keys.hpp"
#include "core/rules/names.hpp"
#include "core/rules/rule.hpp"
#include "core/rules/rule_support.hpp"

namespace detgw::rules {
namespace {

using model::ConfigModel;
using model::Field;
using model::GatewayConfig;
using model::ResourceManager;

constexpr std::int64_t kMinPort = 1025;
constexpr std::int64_t kMaxPort = 65535;

template <typename Fn>
void for_each_gateway(const ConfigModel& model, Fn fn) {
  // Only a kubernetes RM has internal_task_gateway; elsewhere the key is rejected (MRM001).
  for (const auto& rm : model.rms)
    if (rm.gateway && is_kubernetes(rm)) fn(rm, *rm.gateway);
}

void check_itg001(const ConfigModel& model, FindingSink& out) {
  for_each_gateway(model, [&](const ResourceManager& rm, const GatewayConfig& gw) {
    for (const Field* field : {&gw.name, &gw.namespace_}) {
      const std::string key = field == &gw.name ? "gateway_name" : "gateway_namespace";
      if (field->node && model.is_placeholder(field->node)) continue;
      const auto text = string_of(model, *field);
      if (checkable(model, *field) && !text) continue;  // MRM004
      const std::string value = text.value_or("");
      std::string problem;
      if (value.empty())
        problem = "is empty";
      else if (value.size() > 63)
        problem = "is " + std::to_string(value.size()) + " characters long (at most 63)";
      else if (!matches_determined_label(value))
        problem = quoted(value) + " does not match ^[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?$";
      if (problem.empty()) continue;
      out.at_value(*field,
                   key + " " + problem + ": the master refuses to start (\"invalid " + key + "\")",
                   field == &gw.name ? "set it to the name of the Gateway, e.g. contour"
                                     : "set it to the Gateway's namespace, e.g. projectcontour",
                   &rm);
    }
  });
}

void check_itg002(const ConfigModel& model, FindingSink& out) {
  for_each_gateway(model, [&](const ResourceManager& rm, const GatewayConfig& gw) {
    auto name = string_of(model, gw.name);
    if (name && name->size() <= 63 && matches_determined_label(*name) &&
        !is_dns1123_subdomain(*name))
      out.at_value(gw.name,
                   "gateway_name " + quoted(*name) +
                       " passes the master's check but is not a valid Kubernetes object name "
                       "(lower case letters, digits, '-' and '.'): no Gateway can have it, and "
                       "the master fails at startup looking it up",
                   "use the Gateway's real name, in lower case", &rm);
    auto ns = string_of(model, gw.namespace_);
    if (ns && ns->size() <= 63 && matches_determined_label(*ns) && !is_dns1123_label(*ns))
      out.at_value(gw.namespace_,
                   "gateway_namespace " + quoted(*ns) +
                       " passes the master's check but is not a valid namespace name (lower "
                       "case letters, digits and '-'): no Gateway can be there",
                   "use the Gateway's real namespace, in lower case", &rm);
  });
}

void check_itg003(const ConfigModel& model, FindingSink& out) {
  for_each_gateway(model, [&](const ResourceManager& rm, const GatewayConfig& gw) {
    if (gw.ip.node && model.is_placeholder(gw.ip.node)) return;
    const auto text = string_of(model, gw.ip);
    if (checkable(model, gw.ip) && !text) return;  // MRM004
    const std::string ip = text.value_or("");
    if (ip.empty()) {
      out.at_value(gw.ip,
                   "gateway_ip is empty: the master refuses to start (\"invalid gateway_ip: must "
                   "be non-empty\")",
                   "set it to the address of the Gateway (kubectl detgw config prints it)", &rm);
    } else if (!canonical_ip(ip) && !is_rfc1123_hostname(ip)) {
      out.at_value(Severity::Warning, gw.ip,
                   "gateway_ip " + quoted(ip) +
                       " is neither an IP address nor a host name (no port, no scheme): the "
                       "master connects to <gateway_ip>:<port> and will fail",
                   "use the bare address from the Gateway's status.addresses", &rm);
    }
  });
}

void check_itg004(const ConfigModel& model, FindingSink& out) {
  for_each_gateway(model, [&](const ResourceManager& rm, const GatewayConfig& gw) {
    for (const Field* field : {&gw.port_start, &gw.port_end}) {
      auto port = int_of(model, *field);
      if (!port || (*port >= kMinPort && *port <= kMaxPort)) continue;
      const std::string key =
          field == &gw.port_start ? "gateway_port_range_start" : "gateway_port_range_end";
      out.at_value(
          *field,
          key + " " + std::to_string(*port) + " is outside 1025-65535: the master refuses to start",
          "use ports from 1025 to 65535", &rm);
    }
  });
}

void check_itg005(const ConfigModel& model, FindingSink& out) {
  for_each_gateway(model, [&](const ResourceManager& rm, const GatewayConfig& gw) {
    if (!gw.start || !gw.end || *gw.start < *gw.end) return;
    if ((gw.port_start.node && model.is_placeholder(gw.port_start.node)) ||
        (gw.port_end.node && model.is_placeholder(gw.port_end.node)))
      return;
    const Field& where = gw.port_start.node ? gw.port_start
                         : gw.port_end.node ? gw.port_end
                                            : gw.block;
    out.at_value(where,
                 "gateway_port_range_start (" + std::to_string(*gw.start) +
                     ") is not below gateway_port_range_end (" + std::to_string(*gw.end) +
                     "): the master refuses to start, equal bounds included",
                 "make the start strictly lower than the end", &rm);
  });
}

void check_itg006(const ConfigModel& model, FindingSink& out) {
  for_each_gateway(model, [&](const ResourceManager& rm, const GatewayConfig& gw) {
    for (const auto& entry : gw.block.node->entries) {
      if (!entry.key_is_scalar || entry.from_merge) continue;
      if (model::find_key(model::gateway_keys(), entry.key, true)) continue;
      std::string message = "unknown key " + quoted(entry.key) +
                            " in internal_task_gateway: the master ignores it silently";
      if (entry.key.find("port") != std::string::npos) {
        // gw.start/end are empty when a bound is not a number (MRM004): say nothing then.
        if (!gw.port_start.node && !gw.port_end.node)
          message += ", and the port range stays at its default 32768-65535";
        else if (gw.start && gw.end)
          message += ", and the port range is " + std::to_string(*gw.start) + "-" +
                     std::to_string(*gw.end) + " (the default for a bound not set)";
      }
      out.at_key(entry_field(gw.block, entry), message,
                 did_you_mean(entry.key, model::gateway_keys()), &rm);
    }
  });
}

void check_itg007(const ConfigModel& model, FindingSink& out) {
  for_each_gateway(model, [&](const ResourceManager& rm, const GatewayConfig& gw) {
    if (!gw.start || !gw.end || *gw.start >= *gw.end) return;
    const auto size = *gw.end - *gw.start + 1;
    const auto cap = static_cast<std::int64_t>(model.max_listeners);
    if (size <= cap) return;
    const Field& where = gw.port_start.node ? gw.port_start : gw.block;
    out.at_value(where,
                 "the port range " + std::to_string(*gw.start) + "-" + std::to_string(*gw.end) +
                     " holds " + std::to_string(size) + " ports but the Gateway takes at most " +
                     std::to_string(cap) + " listeners: at most " + std::to_string(cap) +
                     " tasks minus the Gateway's other listeners can be proxied at once",
                 "kubectl detgw capacity shows the live cap; --max-listeners sets the one "
                 "assumed here",
                 &rm);
  });
}

std::string gateway_key(const ConfigModel& model, const GatewayConfig& gw) {
  return string_of(model, gw.namespace_).value_or("") + "/" +
         string_of(model, gw.name).value_or("");
}

std::string describe_cluster(const ResourceManager& rm) {
  switch (rm.cluster.kind) {
    case model::ClusterRef::Kind::MasterCluster:
      return "the master's own cluster";
    case model::ClusterRef::Kind::KubeconfigPath:
      return "the cluster of kubeconfig " + rm.cluster.key;
    case model::ClusterRef::Kind::KubeconfigSecret:
      return "the cluster of kubeconfig Secret " + rm.cluster.key;
  }
  return "";
}

// What the pairwise gateway rules compare, computed once per gateway so that a config with
// thousands of RMs stays linear: gateways are grouped by address before ranges are compared.
struct GatewayIdentity {
  const ResourceManager* rm;
  std::string key;      // namespace/name
  std::string ip;       // as written
  std::string address;  // normalised, "" when unset
};

std::vector<GatewayIdentity> gateway_identities(const ConfigModel& model) {
  std::vector<GatewayIdentity> out;
  out.reserve(model.gateway_count());
  for_each_gateway(model, [&](const ResourceManager& rm, const GatewayConfig& gw) {
    const std::string ip = string_of(model, gw.ip).value_or("");
    out.push_back({&rm, gateway_key(model, gw), ip, ip.empty() ? "" : normalise_address(ip)});
  });
  return out;
}

struct PairHash {
  std::size_t operator()(const std::pair<std::string, std::string>& p) const {
    const std::hash<std::string> hash;
    return hash(p.first) * 31 + hash(p.second);
  }
};

void check_itg008(const ConfigModel& model, FindingSink& out) {
  // The first RM seen for each Gateway in each cluster, and at each address.
  std::unordered_map<std::pair<std::string, std::string>, const ResourceManager*, PairHash>
      by_cluster, by_address;
  for (const auto& gw : gateway_identities(model)) {
    const ResourceManager& rm = *gw.rm;
    const std::string cluster =
        std::to_string(static_cast<int>(rm.cluster.kind)) + ":" + rm.cluster.key;
    auto [cluster_it, new_cluster] = by_cluster.emplace(std::pair{gw.key, cluster}, &rm);
    const ResourceManager* other = new_cluster ? nullptr : cluster_it->second;
    bool same_cluster = other != nullptr;
    if (!gw.address.empty()) {
      auto [address_it, new_address] = by_address.emplace(std::pair{gw.key, gw.address}, &rm);
      if (!other && !new_address) other = address_it->second;
    }
    if (!other) continue;
    out.at_value(rm.gateway->block,
                 "the " + rm.label() + " and the " + other->label() + " use the same Gateway " +
                     gw.key + (same_cluster ? " in " + describe_cluster(rm) : " at " + gw.ip) +
                     ": a restarting master frees listeners the other RM's tasks still use",
                 "give each resource manager its own Gateway", &rm);
  }
}

void check_itg009(const ConfigModel& model, FindingSink& out) {
  std::unordered_map<std::string, std::vector<const GatewayIdentity*>> by_address;
  const auto gateways = gateway_identities(model);
  for (const auto& gw : gateways) {
    const GatewayConfig& config = *gw.rm->gateway;
    if (gw.address.empty() || !config.start || !config.end) continue;
    auto& seen = by_address[gw.address];
    for (const GatewayIdentity* other : seen) {
      if (other->key == gw.key) continue;  // the same Gateway: ITG008's business
      const GatewayConfig& other_config = *other->rm->gateway;
      const auto lo = std::max(*config.start, *other_config.start);
      const auto hi = std::min(*config.end, *other_config.end);
      if (lo > hi) continue;
      out.at_value(config.block,
                   "the Gateways of the " + gw.rm->label() + " and the " + other->rm->label() +
                       " share the address " + gw.ip + " and their port ranges overlap on " +
                       std::to_string(lo) + "-" + std::to_string(hi) +
                       ": both can hand out the same port at that address",
                   "give them ranges that do not overlap", gw.rm);
      break;
    }
    seen.push_back(&gw);
  }
}

constexpr Rule kRules[] = {
    {"ITG001", Severity::Error, "gateway name or namespace rejected by the master", check_itg001},
    {"ITG002", Severity::Error, "gateway name or namespace not valid in Kubernetes", check_itg002},
    {"ITG003", Severity::Error, "gateway_ip empty or not an address", check_itg003},
    {"ITG004", Severity::Error, "port bound outside 1025-65535", check_itg004},
    {"ITG005", Severity::Error, "port range start not below its end", check_itg005},
    {"ITG006", Severity::Error, "unknown key in internal_task_gateway", check_itg006},
    {"ITG007", Severity::Info, "port range larger than the listener cap", check_itg007},
    {"ITG008", Severity::Error, "two RMs share one Gateway", check_itg008},
    {"ITG009", Severity::Warning, "Gateways at one address with overlapping ranges", check_itg009},
};

}  // namespace

std::span<const Rule> gateway_rules() { return kRules; }

}  // namespace detgw::rules
