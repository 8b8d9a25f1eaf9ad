#pragma once
// Helpers for the values tests: load YAML text, apply flags, look nodes up by a dotted path.

#include <boost/test/unit_test.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/values/merge.hpp"
#include "core/values/strvals.hpp"
#include "core/yaml/loader.hpp"
#include "core/yaml/path.hpp"
#include "tests/common/test_support.hpp"

namespace detgw::test_values {

inline yaml::NodePtr load(const std::string& text, const std::string& file) {
  auto doc = yaml::load_text(text, file);
  if (!doc) throw std::runtime_error("test YAML does not load: " + doc.error().describe());
  return doc->root;
}

// `flags` as {kind, expression}; indexes are 1-based in the order given.
inline Expected<yaml::NodePtr> apply(const yaml::NodePtr& base,
                                     std::vector<std::pair<values::SetKind, std::string>> flags) {
  std::vector<values::SetFlag> list;
  int index = 0;
  for (auto& [kind, expression] : flags) list.push_back({kind, expression, ++index});
  return values::apply_set_flags(base, list);
}

// The error message of a failed result, for test messages.
inline std::string why(const Expected<yaml::NodePtr>& result) {
  return result.ok() ? std::string("ok: ") + values::to_canonical_json(*result)
                     : result.error().message;
}

// The node at `path` ("a.b[0].c"); throws when there is none.
inline const yaml::Node& at(const yaml::NodePtr& root, const std::string& path) {
  const yaml::Node* node = root.get();
  if (path.empty()) return *node;
  const yaml::Path parsed = yaml::Path::parse_dotted(path);
  for (const auto& element : parsed.elements()) {
    if (!node) break;
    if (const auto* key = std::get_if<std::string>(&element)) {
      node = node->is_mapping() ? node->find(*key) : nullptr;
    } else {
      const auto i = std::get<std::size_t>(element);
      node = node->is_sequence() && i < node->items.size() ? node->items[i] : nullptr;
    }
  }
  if (!node) throw std::runtime_error("no node at " + path);
  return *node;
}

inline bool located(const yaml::Node& node, const std::string& file, int line) {
  return node.location.file == file && node.location.line == line;
}

}  // namespace detgw::test_values
