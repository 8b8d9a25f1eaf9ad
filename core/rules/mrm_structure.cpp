// MRM001-MRM006: the shape of the text — unknown keys, duplicate keys, value types,
// unexpanded placeholders, RM blocks without a type.

#include <functional>
#include <set>
#include <unordered_set>

#include "core/model/known_keys.hpp"
#include "core/rules/rule.hpp"
#include "core/rules/rule_support.hpp"
#include "core/yaml/scalar.hpp"

namespace detgw::rules {
namespace {

using model::ConfigModel;
using model::Field;
using model::KnownKey;
using model::ResourceManager;
using model::RmKind;
using model::ValueType;

// Keys that have a rule of their own, so MRM001 does not report them again.
bool has_own_rule(const ResourceManager& rm, std::string_view key) {
  if (key == "resource_pools") return true;                                         // MRM025
  if (key == "namespace" && rm.kind == RmKind::Kubernetes) return true;             // MRM022
  if (key == "determined_master_ip" && rm.kind == RmKind::Kubernetes) return true;  // MRM020
  return false;
}

std::vector<KnownKey> with_chart_keys(std::span<const KnownKey> base) {
  std::vector<KnownKey> keys(base.begin(), base.end());
  auto chart = model::chart_additional_rm_keys();
  keys.insert(keys.end(), chart.begin(), chart.end());
  return keys;
}

std::span<const KnownKey> allowed_rm_keys(const ConfigModel& model, const ResourceManager& rm) {
  auto base = rm_keys(rm.kind);
  if (model.shape != model::InputShape::Values || rm.is_root) return base;
  // Made once: the rules ask for every RM of thousands.
  static const auto kubernetes = with_chart_keys(model::kubernetes_rm_keys());
  static const auto agent = with_chart_keys(model::agent_rm_keys());
  static const auto other = with_chart_keys({});
  switch (rm.kind) {
    case RmKind::Kubernetes:
      return kubernetes;
    case RmKind::Agent:
      return agent;
    default:
      return other;
  }
}

void unknown_keys_in(const Field& map, std::span<const KnownKey> known, yaml::KeyMatch match,
                     const std::string& where, const std::string& consequence, FindingSink& out,
                     const ResourceManager* rm,
                     const std::function<bool(std::string_view)>& skip = {}) {
  if (!map.node || !map.node->is_mapping()) return;
  for (const auto& entry : map.node->entries) {
    if (entry.from_merge || !entry.key_is_scalar) continue;
    if (model::find_key(known, entry.key, match == yaml::KeyMatch::IgnoreCase)) continue;
    if (skip && skip(entry.key)) continue;
    out.at_key(entry_field(map, entry),
               "unknown key " + quoted(entry.key) + " in " + where + ": " + consequence,
               did_you_mean(entry.key, known), rm);
  }
}

void check_mrm001(const ConfigModel& model, FindingSink& out) {
  const auto fold = yaml::KeyMatch::IgnoreCase;
  const std::string rejects = "the master refuses to start (json: unknown field)";
  if (model.shape != model::InputShape::Values) {
    Field top;
    top.node = model.root;
    top.set_path(model.prefix);
    unknown_keys_in(top, model::master_top_level_keys(), fold, "the master configuration", rejects,
                    out, nullptr);
  }
  for (const auto& rm : model.rms) {
    if (!rm.is_root)
      unknown_keys_in(rm.wrapper, model::additional_rm_wrapper_keys(), fold,
                      "additional_resource_managers[" + std::to_string(rm.index) + "]", rejects,
                      out, &rm);
    if (rm.rendered_by_chart || rm.kind == RmKind::Missing) continue;  // MRM006 covers Missing
    auto keys = allowed_rm_keys(model, rm);
    if (keys.empty()) continue;  // slurm/pbs and unknown types are not checked key by key
    unknown_keys_in(rm.block, keys, rm.key_match, "the " + rm.label() + " resource_manager",
                    rejects, out, &rm, [&](std::string_view key) { return has_own_rule(rm, key); });
  }
}

void check_mrm002(const ConfigModel& model, FindingSink& out) {
  const auto fold = yaml::KeyMatch::IgnoreCase;
  const std::string ignored = "the master ignores it silently";
  for (const auto& rm : model.rms) {
    for (const auto& pool : rm.pools)
      unknown_keys_in(pool.entry, model::pool_keys(), fold, "a resource pool", ignored, out, &rm);
    if (rm.rendered_by_chart) continue;
    if (rm.kind == RmKind::Kubernetes) {
      unknown_keys_in(rm.slot_resource_requests, model::slot_resource_requests_keys(), fold,
                      "slot_resource_requests", ignored, out, &rm);
      if (rm.block.node && rm.block.node->is_mapping())
        if (const auto* e = rm.block.node->find_entry("fluent", rm.key_match))
          unknown_keys_in(entry_field(rm.block, *e), model::fluent_keys(), fold, "fluent", ignored,
                          out, &rm);
    }
  }
}

// Reports duplicate keys in every mapping of a document, each mapping once however many aliases
// reach it. The walk keeps only the keys and indexes it went through; the path is made for a
// finding only.
class DuplicateFinder {
 public:
  DuplicateFinder(const ConfigModel& model, FindingSink& out)
      : prefix_(model.prefix),
        lowercased_(model.lowercased_maps.begin(), model.lowercased_maps.end()),
        out_(out) {}

  void walk(const yaml::Node* node) {
    // Only mappings and lists can be reached again through an alias and hold anything.
    if (!node || !(node->is_mapping() || node->is_sequence()) || !visited_.insert(node).second)
      return;
    if (node->is_sequence()) {
      for (std::size_t i = 0; i < node->items.size(); ++i) {
        trail_.push_back({{}, i});
        walk(node->items[i]);
        trail_.pop_back();
      }
      return;
    }
    const bool folds = lowercased_.count(node) > 0;
    for (std::size_t i = 0; i < node->entries.size(); ++i) {
      const auto& entry = node->entries[i];
      if (entry.from_merge || !entry.key_is_scalar) continue;
      for (std::size_t j = 0; j < i; ++j) {
        const auto& earlier = node->entries[j];
        if (earlier.from_merge || !earlier.key_is_scalar) continue;
        if (earlier.key == entry.key) {
          out_.at_key(field(*node, entry),
                      "key " + quoted(entry.key) +
                          " appears twice in this mapping (first at line " +
                          std::to_string(earlier.key_location.line) +
                          "); only this last value is used, the first is silently dropped",
                      "remove one of the two");
          break;
        }
        if (folds && yaml::keys_equal(earlier.key, entry.key, yaml::KeyMatch::IgnoreCase)) {
          out_.at_key(field(*node, entry),
                      "keys " + quoted(earlier.key) + " (line " +
                          std::to_string(earlier.key_location.line) + ") and " + quoted(entry.key) +
                          " are the same key for the master, which lower-cases keys here; which "
                          "value wins is undefined",
                      "keep one spelling, in lower case");
          break;
        }
      }
      trail_.push_back({entry.key, 0});
      walk(entry.value);
      trail_.pop_back();
    }
  }

 private:
  // One step of the walk: a key (the document's own, which outlives the walk), or an index when
  // the key has no data().
  struct Step {
    std::string_view key;
    std::size_t index;
  };

  Field field(const yaml::Node& map, const yaml::Entry& entry) const {
    yaml::Path at = prefix_;
    for (const Step& step : trail_) at = step.key.data() ? at.key(step.key) : at.index(step.index);
    Field f;
    f.node = entry.value;
    f.entry = &entry;
    f.parent = &map;
    f.set_path(std::move(at), entry.key);
    return f;
  }

  const yaml::Path& prefix_;
  const std::set<const yaml::Node*> lowercased_;
  std::unordered_set<const yaml::Node*> visited_;
  std::vector<Step> trail_;
  FindingSink& out_;
};

void check_mrm003(const ConfigModel& model, FindingSink& out) {
  DuplicateFinder finder(model, out);
  for (const yaml::Node* document : model.documents) finder.walk(document);
}

bool has_type(const yaml::Node& node, ValueType type) {
  using yaml::ScalarType;
  switch (type) {
    case ValueType::Any:
      return true;
    case ValueType::String:  // as_string without the copy
      return node.is_scalar() && yaml::resolve(node).type == yaml::ScalarType::String;
    case ValueType::Int:
      return yaml::as_int(node).has_value();
    case ValueType::Number:
      return yaml::as_number(node).has_value();
    case ValueType::Bool:
      return yaml::as_bool(node).has_value();
    case ValueType::Map:
      return node.is_mapping();
    case ValueType::StringMap:
      if (!node.is_mapping()) return false;
      for (const auto& e : node.entries)
        if (!e.value->is_null() && !yaml::as_string(*e.value)) return false;
      return true;
    case ValueType::List:
      return node.is_sequence();
  }
  return true;
}

std::string type_hint(const yaml::Node& node, ValueType expected) {
  if (expected == ValueType::Int && node.is_scalar() && node.tag == "!" &&
      yaml::as_int(*yaml::make_scalar(node.text, {})))
    return "remove the quotes so it is a number";
  if (expected == ValueType::String && node.is_scalar())
    return "quote it so it is a string: " + quoted(node.text);
  if (expected == ValueType::List && node.is_mapping())
    return "write it as a list: each entry on its own line starting with \"- \"";
  return {};
}

void check_types_in(const ConfigModel& model, const Field& map, std::span<const KnownKey> known,
                    bool ignore_case, FindingSink& out, const ResourceManager* rm) {
  if (!map.node || !map.node->is_mapping()) return;
  for (const auto& entry : map.node->entries) {
    if (!entry.key_is_scalar) continue;
    const KnownKey* key = model::find_key(known, entry.key, ignore_case);
    if (!key) continue;
    // What checkable() asks, before a field (and its path) is made for a finding.
    const yaml::Node* value = entry.value;
    if (!value || value->is_null() || model.is_placeholder(value) || has_type(*value, key->type))
      continue;
    Field f = entry_field(map, entry);
    std::string got = yaml::describe_type(*f.node);
    if (f.node->is_scalar()) got += " (" + quoted(f.node->text) + ")";
    out.at_value(f,
                 std::string(entry.key) + " must be " + std::string(model::describe(key->type)) +
                     ", not " + got + ": the master cannot decode it and refuses to start",
                 type_hint(*f.node, key->type), rm);
  }
}

void check_mrm004(const ConfigModel& model, FindingSink& out) {
  const bool values = model.shape == model::InputShape::Values;
  Field top;
  top.node = model.root;
  top.set_path(model.prefix);
  if (values) {
    // maxSlotsPerPod is printed unquoted into master.yaml, so "4" renders as the number 4.
    const Field& slots = model.rms.front().max_slots_per_pod;
    if (checkable(model, slots) && !yaml::as_int(*slots.node) &&
        !(slots.node->is_scalar() && yaml::as_int(*yaml::make_scalar(slots.node->text, {}))))
      out.at_value(slots,
                   "maxSlotsPerPod must be an integer, not " + yaml::describe_type(*slots.node) +
                       ": the chart renders it into max_slots_per_pod, which the master cannot "
                       "decode",
                   "set it to the number of GPUs of the largest node, e.g. maxSlotsPerPod: 4");
    static constexpr KnownKey kValuesTyped[] = {
        {"resourcePools", ValueType::List},
        {"additional_resource_managers", ValueType::List},
        {"resourceManager", ValueType::Map},
    };
    check_types_in(model, top, kValuesTyped, false, out, nullptr);
  } else {
    check_types_in(model, top, model::master_top_level_keys(), true, out, nullptr);
  }
  for (const auto& rm : model.rms) {
    if (!rm.is_root) {
      if (rm.wrapper.node && !rm.wrapper.node->is_mapping() && !rm.wrapper.node->is_null())
        out.at_value(rm.wrapper,
                     "additional_resource_managers[" + std::to_string(rm.index) +
                         "] must be a map with resource_manager and resource_pools, not " +
                         yaml::describe_type(*rm.wrapper.node),
                     {}, &rm);
      check_types_in(model, rm.wrapper, model::additional_rm_wrapper_keys(), true, out, &rm);
    }
    if (rm.rendered_by_chart) continue;
    auto keys = allowed_rm_keys(model, rm);
    check_types_in(model, rm.block, keys, rm.key_match == yaml::KeyMatch::IgnoreCase, out, &rm);
    if (rm.gateway) check_types_in(model, rm.gateway->block, model::gateway_keys(), true, out, &rm);
    if (rm.kind == RmKind::Kubernetes)
      check_types_in(model, rm.slot_resource_requests, model::slot_resource_requests_keys(), true,
                     out, &rm);
  }
  for (const auto& rm : model.rms)
    for (const auto& pool : rm.pools) {
      if (pool.entry.node && !pool.entry.node->is_mapping() && !pool.entry.node->is_null()) {
        out.at_value(pool.entry,
                     "a resource pool must be a map with pool_name, not " +
                         yaml::describe_type(*pool.entry.node),
                     "write it as: - pool_name: <name>", &rm);
        continue;
      }
      check_types_in(model, pool.entry, model::pool_keys(), true, out, &rm);
    }
}

void check_mrm005(const ConfigModel& model, FindingSink& out) {
  for (const auto& [node, placeholder] : model.unset_placeholders) {
    Field f;
    f.node = node;
    f.set_path(placeholder.path);
    out.at_value(f,
                 placeholder.variable + " is not set in the environment, so the value stays " +
                     quoted(node->text) + "; checks of this value are skipped",
                 "export " + placeholder.variable.substr(1) + " before running devcluster");
  }
}

void check_mrm006(const ConfigModel& model, FindingSink& out) {
  for (const auto& rm : model.rms) {
    if (rm.rendered_by_chart || rm.kind != RmKind::Missing) continue;
    if (!rm.block.node || !rm.block.node->is_mapping() || rm.block.node->entries.empty()) continue;
    if (rm.type.node && !rm.type.node->is_null()) continue;
    out.at_value(rm.block,
                 "the " + rm.label() +
                     " resource_manager has keys but no \"type\": without a type the master "
                     "accepts no other key and refuses to start (json: unknown field " +
                     quoted(rm.block.node->entries.front().key) + ")",
                 "add type: kubernetes", &rm);
  }
}

constexpr Rule kRules[] = {
    {"MRM001", Severity::Error, "unknown key where the master rejects unknown keys", check_mrm001},
    {"MRM002", Severity::Warning, "unknown key the master silently ignores", check_mrm002},
    {"MRM003", Severity::Error, "the same key twice in one mapping", check_mrm003},
    {"MRM004", Severity::Error, "wrong value type", check_mrm004},
    {"MRM005", Severity::Warning, "unset $VAR placeholder in a devcluster file", check_mrm005},
    {"MRM006", Severity::Error, "resource_manager with keys but no type", check_mrm006},
};

}  // namespace

std::span<const Rule> structure_rules() { return kRules; }

}  // namespace detgw::rules
