#pragma once
// Internal helpers shared by the values merging code (merge.cpp, strvals.cpp, json_value.cpp):
// Helm's view of a YAML node (Go's nil, map[string]interface{}, []interface{}). Not part of the
// public interface.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/support/error.hpp"
#include "core/yaml/arena.hpp"
#include "core/yaml/node.hpp"

namespace detgw::values::detail {

inline constexpr std::string_view kCommandLine = "<command line>";
inline constexpr std::string_view kStrTag = "tag:yaml.org,2002:str";
inline constexpr std::string_view kIntTag = "tag:yaml.org,2002:int";
inline constexpr std::string_view kFloatTag = "tag:yaml.org,2002:float";
inline constexpr std::string_view kBoolTag = "tag:yaml.org,2002:bool";

// Go's nil: a Null node, or a scalar that resolves to null (`~`, `null`, `!!null ""`).
bool is_nil(const yaml::Node& node);
// Go's map[string]interface{} / []interface{}.
inline bool is_table(const yaml::Node& node) { return node.kind == yaml::NodeKind::Mapping; }
inline bool is_list(const yaml::Node& node) { return node.kind == yaml::NodeKind::Sequence; }

// The entries Helm sees in a mapping: one per scalar key, the last duplicate winning, in the
// order each key first appears. Entries with a complex key (which Helm cannot load at all) are
// kept at the end, unchanged, so nothing is silently lost.
std::vector<yaml::Entry> effective_entries(std::span<const yaml::Entry> entries);
std::vector<yaml::Entry> effective_entries(const yaml::Node& mapping);

// `node` with every mapping in it reduced to its effective entries; subtrees that need no change
// are shared, not copied. New nodes go to `arena`, which must keep `node` alive.
const yaml::Node* normalize(yaml::Arena& arena, const yaml::Node* node);
// The same, the new nodes (if any) in an arena of their own.
yaml::NodePtr normalize(const yaml::NodePtr& node);

// The Go type name Helm's parser would report in a failed type assertion ("string", "int64",
// "float64", "bool", "[]interface {}", "map[string]interface {}", "nil").
std::string go_type_name(const yaml::Node& node);

SourceLocation flag_location(int index);

}  // namespace detgw::values::detail
