#pragma once
// What add-cluster writes: the Secret manifest that holds the new cluster's kubeconfig (the chart
// mounts it at /mount/determined/secrets/<i>/), and the values overlay with the whole new
// `additional_resource_managers` list (Helm replaces lists, so it carries the existing entries).

#include <optional>
#include <string>
#include <vector>

#include "core/yaml/node.hpp"

namespace detgw::onboard {

struct GatewaySpec {
  std::string namespace_;
  std::string name;
  std::string ip;
  long range_start = 0;
  long range_end = 0;
};

struct NewCluster {
  std::string name;  // cluster_name
  std::vector<std::string> pools;
  std::optional<long> max_slots_per_pod;
  std::string default_namespace;
  std::string master_host;
  std::optional<long> master_port;
  std::string master_scheme;
  std::optional<GatewaySpec> gateway;
  std::string secret_name;
  std::string secret_key = "config";
};

// A v1 Secret `name` in `namespace_` with `key` holding `kubeconfig` (base64 in `data`).
std::string secret_manifest(const std::string& name, const std::string& namespace_,
                            const std::string& key, const std::string& kubeconfig);

// `additional_resource_managers:` with `existing` (the list the values already have, or null)
// and the new cluster's entry: it replaces an entry with the same cluster_name, else it is
// appended. Existing entries are written as they were read, quoting kept.
std::string values_overlay(const yaml::Node* existing, const NewCluster& cluster);

// "NS/NAME" → {NS, NAME}; "NAME" alone → {"", NAME}.
std::pair<std::string, std::string> split_namespaced(const std::string& text);

}  // namespace detgw::onboard
