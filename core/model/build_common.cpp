#include "core/model/build_common.hpp"

#include "core/yaml/scalar.hpp"

namespace detgw::model::detail {

Field child(const Field& parent, const yaml::Path& at, std::string_view key, yaml::KeyMatch match) {
  Field out;
  out.parent = parent.node;
  if (parent.node && parent.node->is_mapping()) {
    if (const yaml::Entry* entry = parent.node->find_entry(key, match)) {
      out.entry = entry;
      out.node = entry->value;
      out.set_path(at, entry->key);
      return out;
    }
  }
  out.set_path(at, key);
  return out;
}

Field child(const Field& parent, std::string_view key, yaml::KeyMatch match) {
  return child(parent, parent.path(), key, match);
}

Field item(const Field& list, const yaml::Path& at, std::size_t index) {
  Field out;
  out.parent = list.node;
  out.set_path(at, index);
  if (list.node && list.node->is_sequence() && index < list.node->items.size())
    out.node = list.node->items[index];
  return out;
}

Field root_field(const yaml::Node* node, const yaml::Path& path) {
  Field out;
  out.node = node;
  out.set_path(path);
  return out;
}

std::optional<std::string> string_value(const Field& field) {
  if (!field.node) return std::nullopt;
  return yaml::as_string(*field.node);
}

RmKind kind_from_type(const Field& type) {
  if (!type.node || type.node->is_null()) return RmKind::Missing;
  auto text = string_value(type);
  if (!text) return RmKind::Unknown;
  if (*text == "agent") return RmKind::Agent;
  if (*text == "kubernetes") return RmKind::Kubernetes;
  if (*text == "slurm") return RmKind::Slurm;
  if (*text == "pbs") return RmKind::Pbs;
  return RmKind::Unknown;
}

void read_rm_block(ResourceManager& rm, const yaml::Path& at) {
  const auto m = rm.key_match;
  const Field& b = rm.block;
  rm.type = child(b, at, "type", m);
  rm.kind = kind_from_type(rm.type);
  if (rm.kind == RmKind::Missing && b.node && b.node->is_mapping() && b.node->entries.empty())
    rm.kind = RmKind::Agent;  // `resource_manager: {}` is the agent RM
  rm.cluster_name = child(b, at, "cluster_name", m);
  rm.name = child(b, at, "name", m);
  rm.max_slots_per_pod = child(b, at, "max_slots_per_pod", m);
  rm.slot_type = child(b, at, "slot_type", m);
  rm.slot_resource_requests = child(b, at, "slot_resource_requests", m);
  rm.default_scheduler = child(b, at, "default_scheduler", m);
  rm.master_host = child(b, at, "determined_master_host", m);
  rm.master_port = child(b, at, "determined_master_port", m);
  rm.master_scheme = child(b, at, "determined_master_scheme", m);
  rm.master_ip = child(b, at, "determined_master_ip", m);
  rm.kubeconfig_path = child(b, at, "kubeconfig_path", m);
  rm.default_compute_pool = child(b, at, "default_compute_resource_pool", m);
  rm.default_aux_pool = child(b, at, "default_aux_resource_pool", m);
  rm.no_default_pools = child(b, at, "no_default_resource_pools", m);
  rm.default_namespace = child(b, at, "default_namespace", m);
  rm.gateway_field = child(b, at, "internal_task_gateway", m);

  if (rm.gateway_field.node && rm.gateway_field.node->is_mapping()) {
    // encoding/json matches struct fields case-insensitively inside the RM's nested objects.
    const auto nested = yaml::KeyMatch::IgnoreCase;
    GatewayConfig gw;
    gw.block = rm.gateway_field;
    const yaml::Path gw_at = gw.block.path();
    gw.name = child(gw.block, gw_at, "gateway_name", nested);
    gw.namespace_ = child(gw.block, gw_at, "gateway_namespace", nested);
    gw.ip = child(gw.block, gw_at, "gateway_ip", nested);
    gw.port_start = child(gw.block, gw_at, "gateway_port_range_start", nested);
    gw.port_end = child(gw.block, gw_at, "gateway_port_range_end", nested);
    if (gw.port_start.present_and_not_null()) gw.start = yaml::as_int(*gw.port_start.node);
    if (gw.port_end.present_and_not_null()) gw.end = yaml::as_int(*gw.port_end.node);
    rm.gateway = gw;
  }

  auto cluster_name = string_value(rm.cluster_name);
  auto name = string_value(rm.name);
  if (cluster_name && !cluster_name->empty())
    rm.effective_name = *cluster_name;
  else if (name && !name->empty())
    rm.effective_name = *name;
  else if (rm.is_root)
    rm.effective_name = "default";

  auto path = string_value(rm.kubeconfig_path);
  if (path && !path->empty()) rm.cluster = {ClusterRef::Kind::KubeconfigPath, *path};
}

void read_pools(ResourceManager& rm) {
  const Field& pools = rm.pools_field;
  if (!pools.node || !pools.node->is_sequence()) return;
  const yaml::Path at = pools.path();
  rm.pools.reserve(pools.node->items.size());
  for (std::size_t i = 0; i < pools.node->items.size(); ++i) {
    Pool pool;
    pool.entry = item(pools, at, i);
    pool.name = child(pool.entry, "pool_name", yaml::KeyMatch::IgnoreCase);
    rm.pools.push_back(std::move(pool));
  }
}

void collect_lowercased_maps(const yaml::Node* node, std::vector<const yaml::Node*>& out) {
  if (!node || !node->is_mapping() || out.size() > 100000) return;
  out.push_back(node);
  for (const auto& entry : node->entries) collect_lowercased_maps(entry.value, out);
}

}  // namespace detgw::model::detail
