#include "core/model/build.hpp"
#include "core/model/build_common.hpp"

namespace detgw::model {

using detail::child;
using detail::item;

InputShape detect_shape(const yaml::Node& root) {
  if (!root.is_mapping()) return InputShape::Values;
  if (root.find("stages")) return InputShape::Devcluster;
  const auto fold = yaml::KeyMatch::IgnoreCase;
  if (root.find("resource_manager", fold) || root.find("resource_pools", fold))
    return InputShape::Master;
  return InputShape::Values;
}

ConfigModel build_master_model(const yaml::NodePtr& config, const std::string& file,
                               const yaml::Path& prefix) {
  ConfigModel model;
  model.shape = InputShape::Master;
  model.file = file;
  model.prefix = prefix;
  model.root = config.get();
  model.documents.push_back(config.get());
  detail::collect_lowercased_maps(config.get(), model.lowercased_maps);

  // viper lower-cases every key reached from the top through maps, so the root RM and the
  // top-level keys match case-insensitively.
  const auto fold = yaml::KeyMatch::IgnoreCase;
  const Field top = detail::root_field(config.get(), prefix);

  ResourceManager root;
  root.is_root = true;
  root.key_match = fold;
  root.block = child(top, "resource_manager", fold);
  detail::read_rm_block(root, root.block.path());
  if (!root.block.node || root.block.node->is_null()) root.kind = RmKind::Agent;
  root.pools_field = child(top, "resource_pools", fold);
  detail::read_pools(root);
  root.implicit_default_pool = (!root.pools_field.node || root.pools_field.node->is_null()) &&
                               (root.kind == RmKind::Agent || root.kind == RmKind::Kubernetes);
  model.rms.push_back(std::move(root));

  Field additional = child(top, "additional_resource_managers", fold);
  if (additional.node && additional.node->is_sequence()) {
    const yaml::Path additional_at = additional.path();
    model.rms.reserve(1 + additional.node->items.size());
    for (std::size_t i = 0; i < additional.node->items.size(); ++i) {
      ResourceManager rm;
      rm.index = i;
      rm.wrapper = item(additional, additional_at, i);
      const yaml::Path wrapper_at = rm.wrapper.path();
      // The wrapper is a plain struct (encoding/json: case-insensitive); the RM block goes
      // through Determined's union decoder, which compares keys exactly.
      rm.block = child(rm.wrapper, wrapper_at, "resource_manager", fold);
      rm.key_match = yaml::KeyMatch::Exact;
      detail::read_rm_block(rm, rm.block.path());
      rm.pools_field = child(rm.wrapper, wrapper_at, "resource_pools", fold);
      detail::read_pools(rm);
      model.rms.push_back(std::move(rm));
    }
  }

  Field tcd = child(top, "task_container_defaults", fold);
  model.task_container_defaults_max_slots =
      child(child(tcd, "kubernetes", fold), "max_slots_per_pod", fold);
  return model;
}

}  // namespace detgw::model
