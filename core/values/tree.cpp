#include "core/values/tree.hpp"

#include <unordered_map>

#include "core/yaml/scalar.hpp"

namespace detgw::values::detail {

bool is_nil(const yaml::Node& node) {
  if (node.kind == yaml::NodeKind::Null) return true;
  return node.kind == yaml::NodeKind::Scalar && yaml::resolve(node).type == yaml::ScalarType::Null;
}

std::vector<yaml::Entry> effective_entries(const yaml::Node& mapping) {
  std::vector<yaml::Entry> out;
  std::vector<yaml::Entry> complex;
  std::unordered_map<std::string, std::size_t> position;
  out.reserve(mapping.entries.size());
  for (const yaml::Entry& entry : mapping.entries) {
    if (!entry.key_is_scalar) {
      complex.push_back(entry);
      continue;
    }
    auto [it, inserted] = position.emplace(entry.key, out.size());
    if (inserted)
      out.push_back(entry);
    else
      out[it->second] = entry;
  }
  for (auto& entry : complex) out.push_back(std::move(entry));
  return out;
}

yaml::NodePtr make_mapping(std::vector<yaml::Entry> entries, SourceLocation at, std::string tag) {
  auto node = std::make_shared<yaml::Node>();
  node->kind = yaml::NodeKind::Mapping;
  node->tag = std::move(tag);
  node->location = std::move(at);
  std::size_t weight = 1;
  for (const auto& entry : entries) weight += entry.value->weight + 1;
  node->weight = weight;
  node->entries = std::move(entries);
  return node;
}

yaml::NodePtr make_sequence(std::vector<yaml::NodePtr> items, SourceLocation at, std::string tag) {
  auto node = std::make_shared<yaml::Node>();
  node->kind = yaml::NodeKind::Sequence;
  node->tag = std::move(tag);
  node->location = std::move(at);
  std::size_t weight = 1;
  for (const auto& item : items) weight += item->weight;
  node->weight = weight;
  node->items = std::move(items);
  return node;
}

namespace {

class Normalizer {
 public:
  yaml::NodePtr run(const yaml::NodePtr& node) {
    if (!node) return node;
    if (node->kind != yaml::NodeKind::Mapping && node->kind != yaml::NodeKind::Sequence)
      return node;
    if (auto it = done_.find(node.get()); it != done_.end()) return it->second;
    yaml::NodePtr out = node;
    if (node->kind == yaml::NodeKind::Sequence) {
      std::vector<yaml::NodePtr> items;
      bool changed = false;
      items.reserve(node->items.size());
      for (const auto& item : node->items) {
        items.push_back(run(item));
        changed = changed || items.back() != item;
      }
      if (changed) out = make_sequence(std::move(items), node->location, node->tag);
    } else {
      std::vector<yaml::Entry> entries = effective_entries(*node);
      bool changed = entries.size() != node->entries.size();
      for (auto& entry : entries) {
        auto value = run(entry.value);
        changed = changed || value != entry.value;
        entry.value = std::move(value);
      }
      if (changed) out = make_mapping(std::move(entries), node->location, node->tag);
    }
    done_.emplace(node.get(), out);
    return out;
  }

 private:
  std::unordered_map<const yaml::Node*, yaml::NodePtr> done_;
};

}  // namespace

yaml::NodePtr normalize(const yaml::NodePtr& node) { return Normalizer{}.run(node); }

std::string go_type_name(const yaml::Node& node) {
  switch (node.kind) {
    case yaml::NodeKind::Null:
      return "nil";
    case yaml::NodeKind::Sequence:
      return "[]interface {}";
    case yaml::NodeKind::Mapping:
      return "map[string]interface {}";
    case yaml::NodeKind::Scalar:
      break;
  }
  switch (yaml::resolve(node).type) {
    case yaml::ScalarType::Null:
      return "nil";
    case yaml::ScalarType::Bool:
      return "bool";
    case yaml::ScalarType::Int:
      // --set makes int64; numbers from values files and --set-json go through JSON: float64.
      return node.tag == kIntTag && node.location.file == kCommandLine ? "int64" : "float64";
    case yaml::ScalarType::Float:
      return "float64";
    case yaml::ScalarType::String:
      break;
  }
  return "string";
}

SourceLocation flag_location(int index) { return {std::string(kCommandLine), index, 0}; }

}  // namespace detgw::values::detail
