#include "core/yaml/node.hpp"

#include <mutex>
#include <string>
#include <unordered_set>

#include "core/yaml/arena.hpp"
#include "core/yaml/scalar.hpp"

namespace detgw::yaml {

std::string_view intern_file_name(std::string_view name) {
  // Kept for the life of the process; shared by threads (`lint --live` probes clusters at once).
  static std::mutex lock;
  static std::unordered_set<std::string> names;
  const std::lock_guard<std::mutex> hold(lock);
  return *names.emplace(name).first;
}

namespace {

// std::tolower in the "C" locale, which is the one this program runs in, without the call.
char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

bool keys_equal(std::string_view a, std::string_view b, KeyMatch match) {
  if (match == KeyMatch::Exact) return a == b;
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}

const Entry* Node::find_entry(std::string_view key, KeyMatch match) const {
  // From the end: the first match is the last duplicate.
  for (std::size_t i = entries.size(); i-- > 0;)
    if (entries[i].key_is_scalar && keys_equal(entries[i].key, key, match)) return &entries[i];
  return nullptr;
}

const Node* Node::find(std::string_view key, KeyMatch match) const {
  const Entry* entry = find_entry(key, match);
  return entry ? entry->value : nullptr;
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

NodePtr make_null(const SourceLocation& at) {
  auto arena = std::make_shared<Arena>();
  const Node* node = arena->null(Position(at));
  return share(std::move(arena), node);
}

NodePtr make_scalar(std::string_view text, const SourceLocation& at, std::string_view tag) {
  auto arena = std::make_shared<Arena>();
  const Node* node = arena->scalar(text, Position(at), tag);
  return share(std::move(arena), node);
}

}  // namespace detgw::yaml
