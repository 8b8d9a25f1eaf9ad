// MRM018-MRM026: how tasks reach the master, deprecated and removed keys, enum values, and
// where keys sit.

#include <algorithm>
#include <set>

#include "core/rules/rule.hpp"
#include "core/rules/rule_support.hpp"
#include "core/yaml/scalar.hpp"

namespace detgw::rules {
namespace {

using model::ConfigModel;
using model::Field;
using model::ResourceManager;
using model::RmKind;

std::string key_name(const ConfigModel& model, std::string_view master_key,
                     std::string_view values_key, const ResourceManager& rm) {
  return std::string(rm.rendered_by_chart && model.shape == model::InputShape::Values ? values_key
                                                                                      : master_key);
}

void check_mrm018(const ConfigModel& model, FindingSink& out) {
  for (const auto& rm : model.rms) {
    if (rm.is_root || rm.kind != RmKind::Kubernetes) continue;
    const bool host = rm.master_host.present_and_not_null();
    const bool port = rm.master_port.present_and_not_null();
    if (host && port) continue;
    const bool own_kubeconfig = rm.cluster.kind != model::ClusterRef::Kind::MasterCluster;
    std::string missing = !host && !port ? "determined_master_host and determined_master_port"
                          : !host        ? "determined_master_host"
                                         : "determined_master_port";
    std::string message =
        "the " + rm.label() + " does not set " + missing +
        (own_kubeconfig
             ? ": the master then looks up its own Service through this RM's kubeconfig, in "
               "the other cluster, and fails at startup (\"failed to get master service\")"
             : ": tasks then reach the master through its Service found in this cluster");
    if (host != port)
      message += "; setting only one of the two is silently overridden by that lookup";
    out.at_value(own_kubeconfig ? Severity::Error : Severity::Warning, rm.block, message,
                 "set determined_master_host and determined_master_port to an address of the "
                 "master reachable from that cluster",
                 &rm);
  }
}

void check_mrm019(const ConfigModel& model, FindingSink& out) {
  for (const auto& rm : model.rms) {
    if (rm.kind != RmKind::Kubernetes) continue;
    if (rm.rendered_by_chart && !rm.master_host.present_and_not_null()) continue;  // HLM009
    auto scheme = string_of(model, rm.master_scheme);
    if (!scheme || *scheme == "http" || *scheme == "https") continue;
    out.at_value(rm.master_scheme,
                 key_name(model, "determined_master_scheme", "determinedMasterScheme", rm) +
                     " is " + quoted(*scheme) +
                     ": the master passes it unchecked into DET_MASTER=<scheme>://host:port, and "
                     "tasks cannot reach the master with it",
                 "use http or https", &rm);
  }
}

void check_mrm020(const ConfigModel& model, FindingSink& out) {
  for (const auto& rm : model.rms) {
    if (rm.kind != RmKind::Kubernetes || !rm.master_ip) continue;
    if (rm.is_root)
      out.at_key(Severity::Info, rm.master_ip,
                 "determined_master_ip is the old name of determined_master_host; the master "
                 "renames it for the root RM only",
                 "rename it to determined_master_host", &rm);
    else
      out.at_key(rm.master_ip,
                 "determined_master_ip is not accepted on an additional RM (only the root RM has "
                 "the rename shim): the master refuses to start (json: unknown field "
                 "\"determined_master_ip\")",
                 "rename it to determined_master_host", &rm);
  }
}

void check_mrm021(const ConfigModel& model, FindingSink& out) {
  for (const auto& rm : model.rms) {
    if (!rm.name || rm.kind == RmKind::Missing) continue;
    auto cluster = string_of(model, rm.cluster_name);
    std::string message = "name is deprecated on a resource manager";
    if (cluster && !cluster->empty())
      message += ", and ignored because cluster_name is set";
    else if (!rm.is_root)
      message += ", and an additional RM needs cluster_name (MRM012)";
    out.at_key(rm.name, message, "use cluster_name instead", &rm);
  }
}

void check_mrm022(const ConfigModel& model, FindingSink& out) {
  for (const auto& rm : model.rms) {
    if (rm.kind != RmKind::Kubernetes || !rm.block.node || !rm.block.node->is_mapping()) continue;
    const yaml::Entry* entry = rm.block.node->find_entry("namespace", rm.key_match);
    if (!entry) continue;
    out.at_key(entry_field(rm.block, *entry),
               "namespace was removed in Determined 0.35: the master refuses to start (json: "
               "unknown field \"namespace\")",
               "rename it to default_namespace", &rm);
  }
}

std::set<std::string> pool_names(const ConfigModel& model, const ResourceManager& rm) {
  std::set<std::string> names;
  if (rm.implicit_default_pool) names.insert("default");
  for (const auto& pool : rm.pools)
    if (auto name = string_of(model, pool.name)) names.insert(*name);
  return names;
}

void check_mrm023(const ConfigModel& model, FindingSink& out) {
  for (const auto& rm : model.rms) {
    if (rm.kind != RmKind::Kubernetes && rm.kind != RmKind::Agent) continue;
    const auto names = pool_names(model, rm);
    const bool no_defaults =
        rm.no_default_pools.node && yaml::as_bool(*rm.no_default_pools.node).value_or(false);
    for (const auto* field : {&rm.default_compute_pool, &rm.default_aux_pool}) {
      const bool compute = field == &rm.default_compute_pool;
      const std::string key =
          compute
              ? key_name(model, "default_compute_resource_pool", "defaultComputeResourcePool", rm)
              : key_name(model, "default_aux_resource_pool", "defaultAuxResourcePool", rm);
      auto set = string_of(model, *field);
      if (set && set->empty()) set.reset();
      if (!rm.is_root) {
        if (set)
          out.at_value(Severity::Info, *field,
                       key +
                           " has no effect on an additional RM: default pools come from the "
                           "root RM only",
                       "remove it", &rm);
        continue;
      }
      if (!set && (no_defaults || (field->node && model.is_placeholder(field->node)))) continue;
      const std::string pool = set ? *set : "default";
      if (names.count(pool)) continue;
      std::string message = "the root RM's default " + std::string(compute ? "compute" : "aux") +
                            " pool " + quoted(pool) +
                            (set ? "" : " (the default when " + key + " is not set)") +
                            " is not among its pools";
      message += ": tasks submitted without a pool fail";
      out.at_value(set ? *field : rm.pools_field, message,
                   "set " + key + " to one of the root RM's pools", &rm);
    }
  }
}

void check_mrm024(const ConfigModel& model, FindingSink& out) {
  for (const auto& rm : model.rms) {
    if (rm.kind == RmKind::Unknown && !rm.rendered_by_chart) {
      if (auto type = string_of(model, rm.type))
        out.at_value(rm.type,
                     "type " + quoted(*type) +
                         " is not a resource manager type: the master refuses to start "
                         "(\"unexpected type: " +
                         *type + "\")",
                     "use kubernetes (or agent, slurm, pbs)", &rm);
    }
    if (rm.kind != RmKind::Kubernetes) continue;
    if (auto slot = string_of(model, rm.slot_type)) {
      static const std::set<std::string> valid = {"cuda", "cpu", "rocm", "gpu"};
      if (!valid.count(*slot))
        out.at_value(rm.slot_type,
                     key_name(model, "slot_type", "slotType", rm) + " " + quoted(*slot) +
                         " is not valid: the master refuses to start (\"slot_type must be cuda, "
                         "cpu, or rocm\")",
                     "use cuda (gpu means cuda), cpu or rocm", &rm);
    }
    if (rm.rendered_by_chart) continue;  // the chart drops other schedulers (HLM008)
    if (auto scheduler = string_of(model, rm.default_scheduler)) {
      if (scheduler->empty() || *scheduler == "coscheduler") continue;
      std::string message = "default_scheduler " + quoted(*scheduler) + " is not valid: ";
      if (*scheduler == "priority")
        message += "the priority scheduler was deprecated; the master refuses to start";
      else if (*scheduler == "preemption")
        message += "the preemption scheduler is no longer available (\"scheduler not available\")";
      else
        message += "the master refuses to start (\"only blank or coscheduler values allowed\")";
      out.at_value(rm.default_scheduler, message,
                   "remove it to use the default Kubernetes scheduler, or use coscheduler", &rm);
    }
  }
}

void check_mrm025(const ConfigModel& model, FindingSink& out) {
  for (const auto& rm : model.rms) {
    if (!rm.block.node || !rm.block.node->is_mapping()) continue;
    const yaml::Entry* entry = rm.block.node->find_entry("resource_pools", rm.key_match);
    if (!entry) continue;
    out.at_key(entry_field(rm.block, *entry),
               "resource_pools is nested inside resource_manager: the master refuses to start "
               "(json: unknown field \"resource_pools\")",
               "move resource_pools out one level, beside resource_manager", &rm);
  }
}

void check_mrm026(const ConfigModel& model, FindingSink& out) {
  for (const auto& rm : model.rms) {
    if (rm.kind != RmKind::Kubernetes || rm.rendered_by_chart) continue;  // HLM010 for the chart
    auto slot = string_of(model, rm.slot_type);
    if (!slot || *slot != "cpu") continue;
    Field cpu;
    cpu.parent = rm.slot_resource_requests.node;
    cpu.set_path(rm.slot_resource_requests.path(), "cpu");
    if (rm.slot_resource_requests.node && rm.slot_resource_requests.node->is_mapping())
      if (const auto* e =
              rm.slot_resource_requests.node->find_entry("cpu", yaml::KeyMatch::IgnoreCase))
        cpu = entry_field(rm.slot_resource_requests, *e);
    if (cpu.node && model.is_placeholder(cpu.node)) continue;
    auto value = cpu.node ? yaml::as_number(*cpu.node) : std::nullopt;
    if (cpu.present_and_not_null() && !value) continue;  // MRM004
    if (value && *value > 0) continue;
    out.at_value(cpu.node
                     ? cpu
                     : (rm.slot_resource_requests.node ? rm.slot_resource_requests : rm.slot_type),
                 "slot_type is cpu but slot_resource_requests.cpu is " +
                     (value ? std::to_string(*value) : std::string("not set")) +
                     ": the master refuses to start (\"slot_resource_requests.cpu must be > 0\")",
                 "set slot_resource_requests.cpu to the CPUs one slot requests", &rm);
  }
}

constexpr Rule kRules[] = {
    {"MRM018", Severity::Error, "additional RM without determined_master_host and _port",
     check_mrm018},
    {"MRM019", Severity::Warning, "determined_master_scheme not http or https", check_mrm019},
    {"MRM020", Severity::Error, "determined_master_ip on an additional RM", check_mrm020},
    {"MRM021", Severity::Warning, "deprecated name on an RM", check_mrm021},
    {"MRM022", Severity::Error, "removed key namespace on a kubernetes RM", check_mrm022},
    {"MRM023", Severity::Warning, "default pool not among the RM's pools", check_mrm023},
    {"MRM024", Severity::Error, "invalid enum value", check_mrm024},
    {"MRM025", Severity::Error, "resource_pools nested inside resource_manager", check_mrm025},
    {"MRM026", Severity::Error, "slot_type cpu without slot_resource_requests.cpu", check_mrm026},
};

}  // namespace

std::span<const Rule> connection_rules() { return kRules; }

}  // namespace detgw::rules
