#include "core/model/build.hpp"
#include "core/model/build_common.hpp"
#include "core/yaml/scalar.hpp"

namespace detgw::model {

using detail::child;
using detail::item;

ConfigModel build_values_model(const yaml::NodePtr& merged_values, const std::string& file,
                               std::vector<const yaml::Node*> documents) {
  ConfigModel model;
  model.shape = InputShape::Values;
  model.file = file;
  model.root = merged_values.get();
  model.owned.push_back(merged_values);
  model.documents = std::move(documents);

  // Helm templates read .Values keys exactly as written.
  const auto exact = yaml::KeyMatch::Exact;
  const Field top = detail::root_field(merged_values.get(), {});

  // The chart renders the root RM itself from top-level values (templates/master-config.yaml).
  ResourceManager root;
  root.is_root = true;
  root.rendered_by_chart = true;
  root.kind = RmKind::Kubernetes;
  root.key_match = exact;
  const Field rm_values = child(top, "resourceManager", exact);
  const yaml::Path rm_values_at = rm_values.path();
  root.cluster_name = child(rm_values, rm_values_at, "clusterName", exact);
  root.default_namespace = child(rm_values, rm_values_at, "defaultNamespace", exact);
  root.max_slots_per_pod = child(top, "maxSlotsPerPod", exact);
  root.slot_type = child(top, "slotType", exact);
  root.slot_resource_requests = child(top, "slotResourceRequests", exact);
  root.default_scheduler = child(top, "defaultScheduler", exact);
  root.master_host = child(top, "determinedMasterHost", exact);
  root.master_port = child(top, "determinedMasterPort", exact);
  root.master_scheme = child(top, "determinedMasterScheme", exact);
  root.default_compute_pool = child(top, "defaultComputeResourcePool", exact);
  root.default_aux_pool = child(top, "defaultAuxResourcePool", exact);
  root.pools_field = child(top, "resourcePools", exact);
  detail::read_pools(root);
  // The chart renders `resource_pools: null` for a missing list, which the master treats as
  // absent: the implicit default pool.
  root.implicit_default_pool = !root.pools_field.node || root.pools_field.node->is_null();
  auto cluster_name = detail::string_value(root.cluster_name);
  root.effective_name = cluster_name && !cluster_name->empty() ? *cluster_name : "default";
  model.rms.push_back(std::move(root));

  Field additional = child(top, "additional_resource_managers", exact);
  if (additional.node && additional.node->is_sequence()) {
    const yaml::Path additional_at = additional.path();
    model.rms.reserve(1 + additional.node->items.size());
    for (std::size_t i = 0; i < additional.node->items.size(); ++i) {
      ResourceManager rm;
      rm.index = i;
      rm.wrapper = item(additional, additional_at, i);
      const yaml::Path wrapper_at = rm.wrapper.path();
      rm.block = child(rm.wrapper, wrapper_at, "resource_manager", exact);
      rm.key_match = exact;
      const yaml::Path block_at = rm.block.path();
      detail::read_rm_block(rm, block_at);
      rm.kubeconfig_secret_name = child(rm.block, block_at, "kubeconfig_secret_name", exact);
      rm.kubeconfig_secret_value = child(rm.block, block_at, "kubeconfig_secret_value", exact);
      rm.pools_field = child(rm.wrapper, wrapper_at, "resource_pools", exact);
      detail::read_pools(rm);
      // The chart mounts each additional RM's Secret and points kubeconfig_path at it.
      auto secret = detail::string_value(rm.kubeconfig_secret_name);
      auto key = detail::string_value(rm.kubeconfig_secret_value);
      rm.cluster = {ClusterRef::Kind::KubeconfigSecret,
                    (secret ? *secret : "") + "/" + (key ? *key : "")};
      model.rms.push_back(std::move(rm));
    }
  }
  return model;
}

}  // namespace detgw::model
