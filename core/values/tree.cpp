#include "core/values/tree.hpp"

#include <unordered_map>

#include "core/yaml/scalar.hpp"

namespace detgw::values::detail {

bool is_nil(const yaml::Node& node) {
  if (node.kind == yaml::NodeKind::Null) return true;
  return node.kind == yaml::NodeKind::Scalar && yaml::resolve(node).type == yaml::ScalarType::Null;
}

std::vector<yaml::Entry> effective_entries(std::span<const yaml::Entry> entries) {
  std::vector<yaml::Entry> out;
  std::vector<yaml::Entry> complex;
  std::unordered_map<std::string_view, std::size_t> position;
  out.reserve(entries.size());
  for (const yaml::Entry& entry : entries) {
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
  for (auto& entry : complex) out.push_back(entry);
  return out;
}

std::vector<yaml::Entry> effective_entries(const yaml::Node& mapping) {
  if (mapping.unique_keys) return {mapping.entries.begin(), mapping.entries.end()};
  return effective_entries(mapping.entries);
}

namespace {

// Only a subtree with a duplicate or complex key somewhere is rebuilt; the rest is shared.
class Normalizer {
 public:
  explicit Normalizer(yaml::Arena& arena) : arena_(arena) {}

  const yaml::Node* run(const yaml::Node* node) {
    if (!node || node->unique_keys) return node;
    if (auto it = done_.find(node); it != done_.end()) return it->second;  // an alias
    const yaml::Node* out = nullptr;
    if (node->is_sequence()) {
      std::vector<const yaml::Node*> items;
      items.reserve(node->items.size());
      for (const yaml::Node* item : node->items) items.push_back(run(item));
      out = arena_.sequence(items, node->location, node->tag);
    } else {
      std::vector<yaml::Entry> entries = effective_entries(node->entries);
      for (auto& entry : entries) entry.value = run(entry.value);
      out = arena_.mapping(entries, node->location, node->tag);
    }
    done_.emplace(node, out);
    return out;
  }

 private:
  yaml::Arena& arena_;
  std::unordered_map<const yaml::Node*, const yaml::Node*> done_;
};

}  // namespace

const yaml::Node* normalize(yaml::Arena& arena, const yaml::Node* node) {
  return Normalizer(arena).run(node);
}

yaml::NodePtr normalize(const yaml::NodePtr& node) {
  if (!node || node->unique_keys) return node;
  auto arena = std::make_shared<yaml::Arena>();
  arena->keep(node);
  const yaml::Node* out = normalize(*arena, node.get());
  return yaml::share(std::move(arena), out);
}

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
