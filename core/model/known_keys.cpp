#include "core/model/known_keys.hpp"

#include "core/yaml/node.hpp"

namespace detgw::model {
namespace {

using enum ValueType;

constexpr KnownKey kMasterTopLevel[] = {
    {"config_file", String},
    {"log", Map},
    {"db", Map},
    {"tensorboard_timeout", Int},
    {"notebook_timeout", Int},
    {"security", Map},
    {"checkpoint_storage", Map},
    {"task_container_defaults", Map},
    {"port", Int},
    {"root", String},
    {"telemetry", Map},
    {"enable_cors", Bool},
    {"launch_error", Bool},
    {"cluster_name", String},
    {"logging", Map},
    {"retention_policy", Map},
    {"observability", Map},
    {"cache", Map},
    {"webhooks", Map},
    {"feature_switches", List},
    {"reserved_ports", List},
    {"resource_manager", Map},
    {"resource_pools", List},
    {"additional_resource_managers", List},
    {"__internal", Map},
    {"scim", Map},
    {"saml", Map},
    {"oidc", Map},
    {"det_cloud", Map},
    {"integrations", Map},
    // The old schema, shimmed into resource_manager/resource_pools at load time.
    {"scheduler", Map},
    {"provisioner", Map},
};

constexpr KnownKey kWrapper[] = {
    {"resource_manager", Map},
    {"resource_pools", List},
};

constexpr KnownKey kKubernetesRm[] = {
    {"type", String},
    {"default_namespace", String},
    {"max_slots_per_pod", Int},
    {"cluster_name", String},
    {"name", String},
    {"master_service_name", String},
    {"leave_kubernetes_resources", Bool},
    {"default_scheduler", String},
    {"slot_type", String},
    {"slot_resource_requests", Map},
    {"fluent", Map},
    {"kubeconfig_path", String},
    {"determined_master_scheme", String},
    {"determined_master_host", String},
    {"determined_master_port", Int},
    {"default_aux_resource_pool", String},
    {"default_compute_resource_pool", String},
    {"no_default_resource_pools", Bool},
    {"internal_task_gateway", Map},
    {"metadata", StringMap},
};

constexpr KnownKey kAgentRm[] = {
    {"type", String},
    {"cluster_name", String},
    {"name", String},
    {"scheduler", Map},
    {"default_aux_resource_pool", String},
    {"default_compute_resource_pool", String},
    {"no_default_resource_pools", Bool},
    {"default_cpu_resource_pool", String},
    {"default_gpu_resource_pool", String},
    {"require_authentication", Bool},
    {"client_ca", String},
    {"metadata", StringMap},
};

constexpr KnownKey kChartAdditionalRm[] = {
    {"kubeconfig_secret_name", String},
    {"kubeconfig_secret_value", String},
};

constexpr KnownKey kGateway[] = {
    {"gateway_name", String},          {"gateway_namespace", String},   {"gateway_ip", String},
    {"gateway_port_range_start", Int}, {"gateway_port_range_end", Int},
};

constexpr KnownKey kPool[] = {
    {"pool_name", String},
    {"description", String},
    {"provider", Map},
    {"scheduler", Map},
    {"max_aux_containers_per_agent", Int},
    {"task_container_defaults", Map},
    {"agent_reattach_enabled", Bool},
    {"agent_reconnect_wait", String},
    {"max_cpu_containers_per_agent", Int},
};

constexpr KnownKey kSlotResourceRequests[] = {{"cpu", Number}};

constexpr KnownKey kFluent[] = {{"image", String}, {"uid", Int}, {"gid", Int}};

// Every key of the chart's values.yaml, commented-out ones included, plus Helm's own `global`.
constexpr KnownKey kChartTopLevel[] = {
    {"imageRegistry", Any},
    {"defaultImages", Map},
    {"enterpriseEdition", Any},
    {"imagePullSecretName", Any},
    {"logLevel", Any},
    {"logColor", Any},
    {"masterPort", Any},
    {"createNonNamespacedObjects", Any},
    {"externalCaCertSecretName", Any},
    {"useNodePortForMaster", Any},
    {"masterService", Map},
    {"openshiftRoute", Map},
    {"tlsSecret", Any},
    {"security", Map},
    {"oidc", Map},
    {"scim", Map},
    {"saml", Map},
    {"db", Map},
    {"checkpointStorage", Map},
    {"maxSlotsPerPod", Any},
    {"slotType", Any},
    {"slotResourceRequests", Map},
    {"masterCpuRequest", Any},
    {"masterMemRequest", Any},
    {"masterCpuLimit", Any},
    {"masterMemLimit", Any},
    {"taskContainerDefaults", Map},
    {"telemetry", Map},
    {"observability", Map},
    {"clusterName", Any},
    {"tensorboardTimeout", Any},
    {"notebookTimeout", Any},
    {"defaultPassword", Any},
    {"logging", Map},
    {"defaultScheduler", Any},
    {"resourcePools", List},
    {"defaultAuxResourcePool", Any},
    {"defaultComputeResourcePool", Any},
    {"initialUserPassword", Any},
    {"determinedMasterHost", Any},
    {"determinedMasterPort", Any},
    {"determinedMasterScheme", Any},
    {"additional_resource_managers", List},
    {"retentionPolicy", Map},
    {"resourceManager", Map},
    {"global", Map},
};

}  // namespace

std::span<const KnownKey> master_top_level_keys() { return kMasterTopLevel; }
std::span<const KnownKey> additional_rm_wrapper_keys() { return kWrapper; }
std::span<const KnownKey> kubernetes_rm_keys() { return kKubernetesRm; }
std::span<const KnownKey> agent_rm_keys() { return kAgentRm; }
std::span<const KnownKey> chart_additional_rm_keys() { return kChartAdditionalRm; }
std::span<const KnownKey> gateway_keys() { return kGateway; }
std::span<const KnownKey> pool_keys() { return kPool; }
std::span<const KnownKey> slot_resource_requests_keys() { return kSlotResourceRequests; }
std::span<const KnownKey> fluent_keys() { return kFluent; }
std::span<const KnownKey> chart_top_level_keys() { return kChartTopLevel; }

const KnownKey* find_key(std::span<const KnownKey> keys, std::string_view name, bool ignore_case) {
  // The rules look up every key of every RM of thousands: keys of another length are skipped
  // at once, and a key written as listed matches without folding case.
  for (const KnownKey& key : keys)
    if (key.name.size() == name.size() &&
        (key.name == name ||
         (ignore_case && yaml::keys_equal(key.name, name, yaml::KeyMatch::IgnoreCase))))
      return &key;
  return nullptr;
}

std::string_view describe(ValueType type) {
  switch (type) {
    case Any:
      return "any value";
    case String:
      return "a string";
    case Int:
      return "an integer";
    case Number:
      return "a number";
    case Bool:
      return "a boolean";
    case Map:
    case StringMap:
      return "a map";
    case List:
      return "a list";
  }
  return "any value";
}

}  // namespace detgw::model
