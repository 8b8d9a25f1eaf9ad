// MRM010-MRM017: which resource managers exist, their names, their pools and slot limits.

#include <map>

#include "core/rules/rule.hpp"
#include "core/rules/rule_support.hpp"
#include "core/yaml/scalar.hpp"

namespace detgw::rules {
namespace {

using model::ConfigModel;
using model::Field;
using model::ResourceManager;
using model::RmKind;

std::string kind_name(const ResourceManager& rm) {
  if (auto t = rm.type.node ? yaml::as_string(*rm.type.node) : std::nullopt) return *t;
  return "agent";
}

void check_mrm010(const ConfigModel& model, FindingSink& out) {
  for (const auto& rm : model.rms) {
    if (rm.is_root) continue;
    if (rm.wrapper.node && !rm.wrapper.node->is_mapping() && !rm.wrapper.node->is_null())
      continue;  // MRM004
    if (rm.block.node && !rm.block.node->is_null()) continue;
    const Field& where = rm.block.node ? rm.block : rm.wrapper;
    out.at_value(where,
                 "additional_resource_managers[" + std::to_string(rm.index) + "] has " +
                     (rm.block.node ? "resource_manager: null" : "no resource_manager") +
                     ": the master crashes at startup (nil pointer dereference)",
                 "add resource_manager: {type: kubernetes, cluster_name: ..., ...}", &rm);
  }
}

void check_mrm011(const ConfigModel& model, FindingSink& out) {
  for (const auto& rm : model.rms) {
    if (rm.is_root || rm.kind == RmKind::Kubernetes || rm.kind == RmKind::Missing) continue;
    const bool empty_block =
        rm.block.node && rm.block.node->is_mapping() && rm.block.node->entries.empty();
    // pbs is not in ResolveResource's list of known RMs, so it fails there, before validation.
    const std::string master_says =
        rm.kind == RmKind::Pbs
            ? "please specify an resource manager type"
            : "additional_resource_managers only supports resource managers of type: kubernetes";
    std::string message =
        empty_block ? "an empty resource_manager is an agent RM, but additional resource managers "
                      "must be of type kubernetes"
                    : "additional resource managers must be of type kubernetes, not " +
                          quoted(kind_name(rm)) + " (the master: \"" + master_says + "\")";
    out.at_value(rm.type.node ? rm.type : rm.block, message, "set type: kubernetes", &rm);
  }
}

void check_mrm012(const ConfigModel& model, FindingSink& out) {
  for (const auto& rm : model.rms) {
    if (rm.is_root || rm.kind != RmKind::Kubernetes) continue;
    auto cluster = string_of(model, rm.cluster_name);
    if (cluster && !cluster->empty()) continue;
    if (checkable(model, rm.cluster_name) && !cluster) continue;  // a wrong type: MRM004
    if (rm.cluster_name.node && model.is_placeholder(rm.cluster_name.node)) continue;
    auto name = string_of(model, rm.name);
    std::string hint = name && !name->empty()
                           ? "rename name: " + *name + " to cluster_name: " + *name +
                                 " (name alone no longer counts since Determined 0.35)"
                           : "add cluster_name: <a name unique among the resource managers>";
    out.at_value(rm.cluster_name,
                 "the " + rm.label() +
                     " has no cluster_name: the master refuses to start (\"cluster_name is "
                     "required\")",
                 hint, &rm);
  }
}

void check_mrm013(const ConfigModel& model, FindingSink& out) {
  std::map<std::string, const ResourceManager*> seen;
  for (const auto& rm : model.rms) {
    if (rm.effective_name.empty() || rm.kind == RmKind::Missing) continue;
    // A name from an unset `$VAR` is not the name the master will see (MRM005).
    if (model.is_placeholder(rm.cluster_name.node) ||
        (!rm.cluster_name.present_and_not_null() && model.is_placeholder(rm.name.node)))
      continue;
    auto [it, inserted] = seen.emplace(rm.effective_name, &rm);
    if (inserted) continue;
    const Field& where = rm.cluster_name.node ? rm.cluster_name : rm.name.node ? rm.name : rm.block;
    std::string first = it->second->label();
    if (it->second->is_root && !it->second->cluster_name.node && !it->second->name.node)
      first += ", whose name defaults to \"default\"";
    out.at_value(where,
                 "the " + rm.label() + " has the same cluster name as the " + first +
                     ": the master refuses to start (\"resource manager has a duplicate name: " +
                     rm.effective_name + "\")",
                 "give every resource manager its own cluster_name", &rm);
  }
}

void check_mrm014(const ConfigModel& model, FindingSink& out) {
  for (const auto& rm : model.rms) {
    if (rm.kind != RmKind::Kubernetes && rm.kind != RmKind::Agent) continue;
    const Field& pools = rm.pools_field;
    const bool empty_list = pools.node && pools.node->is_sequence() && pools.node->items.empty();
    const bool missing = !pools.node || pools.node->is_null();
    if (rm.is_root ? !empty_list : !(empty_list || missing)) continue;
    out.at_value(pools,
                 "the " + rm.label() +
                     " has no resource pools: the master refuses to start (\"you must specify at "
                     "least one resource pool\")",
                 rm.is_root ? "remove the empty list to get the implicit pool \"default\", or "
                              "list at least one pool"
                            : "add resource_pools: [{pool_name: <name>}] beside resource_manager",
                 &rm);
  }
}

void check_mrm015(const ConfigModel& model, FindingSink& out) {
  struct Seen {
    const ResourceManager* rm;
    int line;
  };
  std::map<std::string, Seen> seen;
  for (const auto& rm : model.rms) {
    if (rm.implicit_default_pool) seen.emplace("default", Seen{&rm, 0});
    for (const auto& pool : rm.pools) {
      auto name = string_of(model, pool.name);
      if (!name || name->empty()) continue;
      auto [it, inserted] = seen.emplace(*name, Seen{&rm, pool.name.value_location().line});
      if (inserted) continue;
      const bool same_rm = it->second.rm == &rm;
      std::string where =
          same_rm ? "in the same resource manager" : "in the " + it->second.rm->label();
      if (it->second.line == 0) where += " (its implicit pool \"default\")";
      out.at_value(pool.name,
                   "resource pool " + quoted(*name) + " is already defined " + where +
                       ": pool names must be unique across all resource managers, or the master "
                       "refuses to start",
                   "rename one of the pools", &rm);
    }
  }
}

void check_mrm016(const ConfigModel& model, FindingSink& out) {
  for (const auto& rm : model.rms)
    for (const auto& pool : rm.pools) {
      if (!pool.entry.node || !pool.entry.node->is_mapping()) continue;
      if (pool.name.node && model.is_placeholder(pool.name.node)) continue;
      auto name =
          pool.name.node ? yaml::as_string(*pool.name.node) : std::optional<std::string>("");
      if (pool.name.node && pool.name.node->is_null()) name = "";
      if (!name || !name->empty()) continue;
      out.at_value(pool.name,
                   "a resource pool has an empty pool_name: the master refuses to start "
                   "(\"resource pool name cannot be empty\")",
                   "set pool_name", &rm);
    }
}

void check_mrm017(const ConfigModel& model, FindingSink& out) {
  const bool several = model.rms.size() > 1;
  for (const auto& rm : model.rms) {
    if (rm.kind != RmKind::Kubernetes) continue;
    const bool has_own = rm.max_slots_per_pod.present_and_not_null();
    if (auto v = int_of(model, rm.max_slots_per_pod); v && *v < 0)
      out.at_value(rm.max_slots_per_pod,
                   std::string(rm.rendered_by_chart ? "maxSlotsPerPod" : "max_slots_per_pod") +
                       " is " + std::to_string(*v) +
                       ": the master refuses to start (\"max_slots_per_pod must be >= 0\")",
                   "use the number of GPUs (or CPU slots) of the largest node", &rm);
    if (rm.rendered_by_chart) continue;  // the chart requires maxSlotsPerPod itself (HLM005)
    const bool tcd = model.task_container_defaults_max_slots.present_and_not_null();
    if (several && !has_own) {
      out.at_value(
          rm.max_slots_per_pod,
          "the " + rm.label() +
              " has no max_slots_per_pod: with several resource managers each kubernetes "
              "RM must set its own (\"must provide resource_manager.max_slots_per_pod\")" +
              (tcd ? "; task_container_defaults.kubernetes.max_slots_per_pod is ignored" : ""),
          "add max_slots_per_pod to this resource_manager", &rm);
    } else if (!several && has_own == tcd) {
      out.at_value(has_own ? rm.max_slots_per_pod : rm.block,
                   has_own ? "both resource_manager.max_slots_per_pod and "
                             "task_container_defaults.kubernetes.max_slots_per_pod are set: the "
                             "master requires exactly one"
                           : "neither resource_manager.max_slots_per_pod nor "
                             "task_container_defaults.kubernetes.max_slots_per_pod is set: the "
                             "master requires exactly one",
                   "keep resource_manager.max_slots_per_pod only", &rm);
    }
  }
}

constexpr Rule kRules[] = {
    {"MRM010", Severity::Error, "additional RM without resource_manager", check_mrm010},
    {"MRM011", Severity::Error, "additional RM not of type kubernetes", check_mrm011},
    {"MRM012", Severity::Error, "additional RM without cluster_name", check_mrm012},
    {"MRM013", Severity::Error, "two RMs with the same cluster name", check_mrm013},
    {"MRM014", Severity::Error, "RM without resource pools", check_mrm014},
    {"MRM015", Severity::Error, "pool name used twice", check_mrm015},
    {"MRM016", Severity::Error, "empty pool name", check_mrm016},
    {"MRM017", Severity::Error, "max_slots_per_pod missing, doubled or negative", check_mrm017},
};

}  // namespace

std::span<const Rule> topology_rules() { return kRules; }

}  // namespace detgw::rules
