#pragma once
// The YAML tree the linter works on: every node and key keeps its position, duplicate keys are
// kept in document order (yaml-cpp's Node API hides them), and aliases are shared nodes.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/support/error.hpp"

namespace detgw::yaml {

enum class NodeKind { Null, Scalar, Sequence, Mapping };

struct Node;
using NodePtr = std::shared_ptr<const Node>;

struct Entry {
  std::string key;
  SourceLocation key_location;
  NodePtr value;
  bool key_is_scalar = true;  // a complex key (a map or list as key) keeps key == ""
  bool from_merge = false;    // brought in by a `<<:` merge key, not written here
};

// How a mapping's keys are compared, which differs by where the master decodes them.
enum class KeyMatch { Exact, IgnoreCase };

struct Node {
  NodeKind kind = NodeKind::Null;
  std::string text;  // scalar text, "" for other kinds
  // "" for a plain untagged scalar, "!" for a quoted one, otherwise the resolved explicit tag
  // (e.g. "tag:yaml.org,2002:str"); sequence and mapping tags likewise.
  std::string tag;
  SourceLocation location;
  std::vector<NodePtr> items;  // Sequence
  std::vector<Entry> entries;  // Mapping, in document order, duplicates kept
  std::size_t weight = 1;      // nodes in this subtree with aliases expanded

  bool is_null() const { return kind == NodeKind::Null; }
  bool is_scalar() const { return kind == NodeKind::Scalar; }
  bool is_sequence() const { return kind == NodeKind::Sequence; }
  bool is_mapping() const { return kind == NodeKind::Mapping; }
  bool is_plain() const { return tag.empty(); }

  // The entry the master would use for `key`: the last one, as yaml.v2 keeps the last duplicate.
  const Entry* find_entry(std::string_view key, KeyMatch match = KeyMatch::Exact) const;
  const Node* find(std::string_view key, KeyMatch match = KeyMatch::Exact) const;
};

bool keys_equal(std::string_view a, std::string_view b, KeyMatch match);

// A short human name for a node's type, as used in messages: "a string", "a list", ...
std::string describe_type(const Node& node);

NodePtr make_null(SourceLocation at);
NodePtr make_scalar(std::string text, SourceLocation at, std::string tag = {});

}  // namespace detgw::yaml
