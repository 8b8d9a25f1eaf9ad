#include "core/onboard/overlay.hpp"

#include <yaml-cpp/yaml.h>

#include "core/kube/base64.hpp"
#include "core/yaml/emit.hpp"

namespace detgw::onboard {
namespace {

constexpr int kMaxDepth = 128;

void emit_string(YAML::Emitter& out, const char* key, const std::string& value) {
  if (!value.empty()) out << YAML::Key << key << YAML::Value << YAML::DoubleQuoted << value;
}

void emit_new_entry(YAML::Emitter& out, const NewCluster& c) {
  out << YAML::BeginMap << YAML::Key << "resource_manager" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "type" << YAML::Value << "kubernetes";
  emit_string(out, "cluster_name", c.name);
  if (c.max_slots_per_pod)
    out << YAML::Key << "max_slots_per_pod" << YAML::Value << *c.max_slots_per_pod;
  emit_string(out, "default_namespace", c.default_namespace);
  emit_string(out, "kubeconfig_secret_name", c.secret_name);
  emit_string(out, "kubeconfig_secret_value", c.secret_key);
  emit_string(out, "determined_master_host", c.master_host);
  if (c.master_port) out << YAML::Key << "determined_master_port" << YAML::Value << *c.master_port;
  emit_string(out, "determined_master_scheme", c.master_scheme);
  if (c.gateway) {
    out << YAML::Key << "internal_task_gateway" << YAML::Value << YAML::BeginMap;
    emit_string(out, "gateway_name", c.gateway->name);
    emit_string(out, "gateway_namespace", c.gateway->namespace_);
    emit_string(out, "gateway_ip", c.gateway->ip);
    out << YAML::Key << "gateway_port_range_start" << YAML::Value << c.gateway->range_start;
    out << YAML::Key << "gateway_port_range_end" << YAML::Value << c.gateway->range_end;
    out << YAML::EndMap;
  }
  out << YAML::EndMap;
  out << YAML::Key << "resource_pools" << YAML::Value << YAML::BeginSeq;
  for (const auto& pool : c.pools)
    out << YAML::BeginMap << YAML::Key << "pool_name" << YAML::Value << YAML::DoubleQuoted << pool
        << YAML::EndMap;
  out << YAML::EndSeq << YAML::EndMap;
}

bool same_cluster(const yaml::Node& entry, const std::string& name) {
  if (!entry.is_mapping()) return false;
  const auto* rm = entry.find("resource_manager");
  if (!rm || !rm->is_mapping()) return false;
  const auto* cluster = rm->find("cluster_name");
  return cluster && cluster->is_scalar() && cluster->text == name;
}

}  // namespace

std::string secret_manifest(const std::string& name, const std::string& namespace_,
                            const std::string& key, const std::string& kubeconfig) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "apiVersion" << YAML::Value << "v1";
  out << YAML::Key << "kind" << YAML::Value << "Secret";
  out << YAML::Key << "metadata" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "name" << YAML::Value << name;
  out << YAML::Key << "namespace" << YAML::Value << namespace_;
  out << YAML::Key << "labels" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "app.kubernetes.io/managed-by" << YAML::Value << "helm-multirm";
  out << YAML::EndMap << YAML::EndMap;
  out << YAML::Key << "type" << YAML::Value << "Opaque";
  out << YAML::Key << "data" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << key << YAML::Value << kube::base64_encode(kubeconfig);
  out << YAML::EndMap << YAML::EndMap;
  std::string text = out.c_str();
  text += "\n";
  return text;
}

std::string values_overlay(const yaml::Node* existing, const NewCluster& cluster) {
  YAML::Emitter out;
  out << YAML::BeginMap << YAML::Key << "additional_resource_managers" << YAML::Value
      << YAML::BeginSeq;
  bool replaced = false;
  if (existing && existing->is_sequence()) {
    for (const auto& item : existing->items) {
      if (!replaced && same_cluster(*item, cluster.name)) {
        emit_new_entry(out, cluster);
        replaced = true;
        continue;
      }
      yaml::emit_node(out, *item, kMaxDepth);
    }
  }
  if (!replaced) emit_new_entry(out, cluster);
  out << YAML::EndSeq << YAML::EndMap;
  std::string text = "# helm multirm add-cluster ";
  text += cluster.name;
  text += ": the whole additional_resource_managers list (Helm replaces lists)\n";
  text += out.c_str();
  text += "\n";
  return text;
}

std::pair<std::string, std::string> split_namespaced(const std::string& text) {
  const auto slash = text.find('/');
  if (slash == std::string::npos) return {{}, text};
  return {text.substr(0, slash), text.substr(slash + 1)};
}

}  // namespace detgw::onboard
