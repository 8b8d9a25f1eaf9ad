#include "core/yaml/node.hpp"

#include <cctype>

#include "core/yaml/scalar.hpp"

namespace detgw::yaml {

bool keys_equal(std::string_view a, std::string_view b, KeyMatch match) {
  if (match == KeyMatch::Exact) return a == b;
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

const Entry* Node::find_entry(std::string_view key, KeyMatch match) const {
  const Entry* found = nullptr;
  for (const Entry& entry : entries) {
    if (entry.key_is_scalar && keys_equal(entry.key, key, match)) found = &entry;
  }
  return found;
}

const Node* Node::find(std::string_view key, KeyMatch match) const {
  const Entry* entry = find_entry(key, match);
  return entry ? entry->value.get() : nullptr;
}

std::string describe_type(const Node& node) {
  switch (node.kind) {
    case NodeKind::Null:
      return "null";
    case NodeKind::Sequence:
      return "a list";
    case NodeKind::Mapping:
      return "a map";
    case NodeKind::Scalar:
      break;
  }
  switch (resolve(node).type) {
    case ScalarType::Null:
      return "null";
    case ScalarType::Bool:
      return "a boolean";
    case ScalarType::Int:
      return "an integer";
    case ScalarType::Float:
      return "a number";
    case ScalarType::String:
      break;
  }
  return "a string";
}

NodePtr make_null(SourceLocation at) {
  auto node = std::make_shared<Node>();
  node->location = std::move(at);
  return node;
}

NodePtr make_scalar(std::string text, SourceLocation at, std::string tag) {
  auto node = std::make_shared<Node>();
  node->kind = NodeKind::Scalar;
  node->text = std::move(text);
  node->tag = std::move(tag);
  node->location = std::move(at);
  return node;
}

}  // namespace detgw::yaml
