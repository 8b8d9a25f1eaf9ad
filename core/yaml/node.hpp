#pragma once
// The YAML tree the linter works on: every node and key keeps its position, duplicate keys are
// kept in document order (yaml-cpp's Node API hides them), and aliases are shared nodes.
//
// Nodes are immutable and live in arenas (core/yaml/arena.hpp): a node's text, tag, children and
// keys are views into its arena or into an arena it keeps alive. A NodePtr owns the arena of its
// node, so it keeps its whole subtree alive; a child or an entry's value is a plain pointer, valid
// as long as a NodePtr above it lives.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "core/support/error.hpp"

namespace detgw::yaml {

enum class NodeKind : std::uint8_t { Null, Scalar, Sequence, Mapping };

// The one copy of a file name for the life of the process. File names are few (one per input), so
// positions hold a view of it: copying a position never allocates and never dangles.
std::string_view intern_file_name(std::string_view name);

// A SourceLocation whose file name is interned; it converts to a SourceLocation where one is
// needed.
struct Position {
  std::string_view file;  // from intern_file_name
  int line = 0;
  int column = 0;

  Position() = default;
  Position(std::string_view interned_file, int line_, int column_)
      : file(interned_file), line(line_), column(column_) {}
  explicit Position(const SourceLocation& at)
      : file(intern_file_name(at.file)), line(at.line), column(at.column) {}

  operator SourceLocation() const { return {std::string(file), line, column}; }
};

struct Node;
using NodePtr = std::shared_ptr<const Node>;

struct Entry {
  std::string_view key;  // a complex key (a map or list as key) keeps key == ""
  Position key_location;
  const Node* value = nullptr;
  bool key_is_scalar = true;
  bool from_merge = false;  // brought in by a `<<:` merge key, not written here
};

// How a mapping's keys are compared, which differs by where the master decodes them.
enum class KeyMatch { Exact, IgnoreCase };

struct Node {
  NodeKind kind = NodeKind::Null;
  // Every mapping in this subtree has scalar keys, each written once: the map Helm sees is the
  // mapping as written, so values::normalize has nothing to do here.
  bool unique_keys = true;
  std::uint32_t weight = 1;  // nodes in this subtree with aliases expanded (saturating)
  Position location;
  std::string_view text;  // scalar text, "" for other kinds
  // "" for a plain untagged scalar, "!" for a quoted one, otherwise the resolved explicit tag
  // (e.g. "tag:yaml.org,2002:str"); sequence and mapping tags likewise.
  std::string_view tag;
  std::span<const Node* const> items;  // Sequence
  std::span<const Entry> entries;      // Mapping, in document order, duplicates kept

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

// A NodePtr to `node`, a node of the tree `tree` points to: it keeps that whole tree alive.
inline NodePtr share(const NodePtr& tree, const Node* node) { return NodePtr(tree, node); }

// One node in an arena of its own, for a value made outside any document.
NodePtr make_null(const SourceLocation& at);
NodePtr make_scalar(std::string_view text, const SourceLocation& at, std::string_view tag = {});

}  // namespace detgw::yaml
