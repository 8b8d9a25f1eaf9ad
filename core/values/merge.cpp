// Helm's two ways of combining values trees, on positioned nodes:
//  - merge_maps: pkg/cli/values (options.go) mergeMaps, used between successive -f files;
//  - coalesce_with_chart: pkg/chartutil (coalesce.go) CoalesceValues as of Helm 3.19, used
//    when the merged user values meet the chart's values.yaml.
// Nodes are never modified: a merged map is a new node, everything else is shared.

#include "core/values/merge.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>
#include <unordered_map>

#include "core/values/tree.hpp"
#include "core/yaml/scalar.hpp"

namespace detgw::values {
namespace {

using detail::effective_entries;
using detail::is_nil;
using detail::is_table;
using yaml::Arena;
using yaml::Entry;
using yaml::Node;
using yaml::NodePtr;

// Where each scalar key sits in a list of effective entries.
std::unordered_map<std::string_view, std::size_t> index_keys(const std::vector<Entry>& entries) {
  std::unordered_map<std::string_view, std::size_t> index;
  for (std::size_t i = 0; i < entries.size(); ++i)
    if (entries[i].key_is_scalar) index.emplace(entries[i].key, i);
  return index;
}

// Both are mappings. Overlay keys replace base keys, except map-onto-map which recurses.
const Node* merge_tables(Arena& arena, const Node* base, const Node* overlay) {
  std::vector<Entry> out = effective_entries(*base);
  auto index = index_keys(out);
  for (const Entry& over : effective_entries(*overlay)) {
    auto found = over.key_is_scalar ? index.find(over.key) : index.end();
    if (found == index.end()) {
      if (over.key_is_scalar) index.emplace(over.key, out.size());
      out.push_back(over);
      continue;
    }
    Entry& current = out[found->second];
    if (is_table(*over.value) && is_table(*current.value))
      current.value = merge_tables(arena, current.value, over.value);
    else
      current = over;
  }
  // The merged map is the base's map with the overlay's keys written into it.
  return arena.mapping(out, base->location, base->tag);
}

std::string join_key(const std::string& prefix, std::string_view key) {
  std::string out = prefix;
  if (!out.empty()) out += '.';
  out += key;
  return out;
}

// Both are mappings; `user` is authoritative (Helm's coalesceTablesFullKey with dst = user,
// src = chart, merge = false, below the top level; the top-level coalesceValues loop when
// `prefix` is empty).
const Node* coalesce_tables(Arena& arena, const Node* chart, const Node* user,
                            const std::string& prefix, std::vector<CoalesceWarning>* warnings) {
  const std::vector<Entry> chart_entries = effective_entries(*chart);
  const std::vector<Entry> user_entries = effective_entries(*user);
  std::vector<Entry> out;
  out.reserve(chart_entries.size() + user_entries.size());
  std::vector<bool> user_used(user_entries.size(), false);
  const auto user_index = index_keys(user_entries);

  for (const Entry& from_chart : chart_entries) {
    if (!from_chart.key_is_scalar) continue;  // kept with the user-only entries below
    const auto found = user_index.find(from_chart.key);
    if (found == user_index.end()) {
      out.push_back(from_chart);  // the key is not in the user's values: the chart default
      continue;
    }
    user_used[found->second] = true;
    const Entry* from_user = &user_entries[found->second];
    const std::string key = join_key(prefix, from_chart.key);
    if (is_nil(*from_user->value)) continue;  // a user null deletes the key and its default
    if (is_table(*from_user->value) && is_table(*from_chart.value)) {
      Entry merged = *from_user;
      merged.value = coalesce_tables(arena, from_chart.value, from_user->value, key, warnings);
      out.push_back(std::move(merged));
      continue;
    }
    out.push_back(*from_user);  // the user's value wins; Helm warns on a map/non-map clash
    if (!warnings) continue;
    if (is_table(*from_chart.value))
      warnings->push_back({key,
                           "cannot overwrite table with non table for " + key +
                               " (the user value replaces the chart's map)",
                           from_user->value->location});
    else if (is_table(*from_user->value) && !is_nil(*from_chart.value))
      warnings->push_back(
          {key, "destination for " + key + " is a table. Ignoring non-table value from the chart",
           from_user->value->location});
  }
  // Keys only the user has are kept as they are. A null among them is kept at the top level
  // (coalesceValues only visits the chart's keys) but deleted below it: coalesceTablesFullKey
  // first copies every null of the user's table into the chart's, then deletes the user's
  // nulls that the chart has (checked with helm 3.19 `helm template`).
  for (std::size_t i = 0; i < user_entries.size(); ++i) {
    if (user_used[i]) continue;
    if (!prefix.empty() && user_entries[i].key_is_scalar && is_nil(*user_entries[i].value))
      continue;
    out.push_back(user_entries[i]);
  }
  for (const Entry& from_chart : chart_entries)
    if (!from_chart.key_is_scalar) out.push_back(from_chart);
  return arena.mapping(out, user->location, user->tag);
}

bool absent(const NodePtr& node) { return !node || is_nil(*node); }

// A new tree: its nodes in an arena that keeps `a` and `b` alive, normalized like Helm's maps.
template <typename Build>
NodePtr build_from(const NodePtr& a, const NodePtr& b, Build build) {
  auto arena = std::make_shared<Arena>();
  arena->keep(a);
  arena->keep(b);
  const Node* root = detail::normalize(*arena, build(*arena));
  return yaml::share(std::move(arena), root);
}

// ---- canonical JSON -------------------------------------------------------------------

void append_json_string(std::string& out, std::string_view s) {
  // As Go's encoding/json: HTML-sensitive characters and U+2028/U+2029 escaped.
  static const char* hex = "0123456789abcdef";
  out += '"';
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"':
        out += "\\\"";
        continue;
      case '\\':
        out += "\\\\";
        continue;
      case '\n':
        out += "\\n";
        continue;
      case '\r':
        out += "\\r";
        continue;
      case '\t':
        out += "\\t";
        continue;
      default:
        break;
    }
    if (c < 0x20 || c == '<' || c == '>' || c == '&') {
      out += "\\u00";
      out += hex[c >> 4];
      out += hex[c & 0xF];
    } else if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(s[i + 2]) == 0xA8 ||
                static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
      out += static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
      i += 2;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
}

// A float64 as Go's encoding/json prints it: the shortest digits that read back as the same
// float64, exponent only outside [1e-6, 1e21). Go pads those digits with zeros in fixed form
// (1.2345678901234567e19 -> 12345678901234567000), where std::to_chars(fixed) would print the
// exact value (...168), so the fixed form is built from the shortest scientific digits.
void append_go_float(std::string& out, double value) {
  if (!std::isfinite(value)) {
    out += "null";  // Go refuses to encode these at all
    return;
  }
  char buf[64];
  const double magnitude = std::fabs(value);
  const bool exponent = magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21);
  auto result = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
  std::string text(buf, result.ptr);
  const auto e = text.find('e');
  if (exponent) {
    // "1e-07" -> "1e-7", as Go does.
    if (e != std::string::npos && e + 3 < text.size() && text[e + 2] == '0') text.erase(e + 2, 1);
    out += text;
    return;
  }
  if (value == 0) {
    out += std::signbit(value) ? "-0" : "0";
    return;
  }
  // "-d.ddde+XX" -> sign, digits, decimal exponent.
  const bool negative = text[0] == '-';
  std::string digits;
  for (std::size_t i = negative ? 1 : 0; i < e; ++i)
    if (text[i] != '.') digits += text[i];
  const int exp10 = std::stoi(text.substr(e + 1));
  const int point = exp10 + 1;  // digits before the decimal point
  std::string fixed;
  if (point <= 0) {
    fixed = "0." + std::string(static_cast<std::size_t>(-point), '0') + digits;
  } else if (static_cast<std::size_t>(point) >= digits.size()) {
    fixed = digits + std::string(static_cast<std::size_t>(point) - digits.size(), '0');
  } else {
    fixed = digits.substr(0, static_cast<std::size_t>(point)) + "." +
            digits.substr(static_cast<std::size_t>(point));
  }
  if (negative) out += '-';
  out += fixed;
}

void append_json(std::string& out, const yaml::Node& node) {
  switch (node.kind) {
    case yaml::NodeKind::Null:
      out += "null";
      return;
    case yaml::NodeKind::Sequence: {
      out += '[';
      bool first = true;
      for (const auto& item : node.items) {
        if (!first) out += ',';
        first = false;
        append_json(out, *item);
      }
      out += ']';
      return;
    }
    case yaml::NodeKind::Mapping: {
      std::vector<const Entry*> entries;
      auto effective = effective_entries(node);
      for (const Entry& e : effective) entries.push_back(&e);
      std::stable_sort(entries.begin(), entries.end(),
                       [](const Entry* a, const Entry* b) { return a->key < b->key; });
      out += '{';
      bool first = true;
      for (const Entry* e : entries) {
        if (!first) out += ',';
        first = false;
        append_json_string(out, e->key);
        out += ':';
        append_json(out, *e->value);
      }
      out += '}';
      return;
    }
    case yaml::NodeKind::Scalar:
      break;
  }
  const yaml::ResolvedScalar r = yaml::resolve(node);
  switch (r.type) {
    case yaml::ScalarType::Null:
      out += "null";
      return;
    case yaml::ScalarType::Bool:
      out += r.boolean ? "true" : "false";
      return;
    case yaml::ScalarType::Int:
      if (detail::go_type_name(node) == "int64") {
        out += std::to_string(r.integer);
        return;
      }
      append_go_float(out, static_cast<double>(r.integer));
      return;
    case yaml::ScalarType::Float:
      append_go_float(out, r.number);
      return;
    case yaml::ScalarType::String:
      break;
  }
  append_json_string(out, node.text);
}

}  // namespace

NodePtr merge_maps(const NodePtr& base, const NodePtr& overlay) {
  // At the top an empty (null) document is an empty map, as Helm reads it.
  if (absent(overlay)) return base ? detail::normalize(base) : overlay;
  if (absent(base)) return detail::normalize(overlay);
  if (!is_table(*base) || !is_table(*overlay)) return detail::normalize(overlay);
  return build_from(base, overlay,
                    [&](Arena& arena) { return merge_tables(arena, base.get(), overlay.get()); });
}

NodePtr coalesce_with_chart(const NodePtr& chart_defaults, const NodePtr& user_values) {
  return coalesce_with_chart(chart_defaults, user_values, nullptr);
}

NodePtr coalesce_with_chart(const NodePtr& chart_defaults, const NodePtr& user_values,
                            std::vector<CoalesceWarning>* warnings) {
  const bool no_chart = absent(chart_defaults) || !is_table(*chart_defaults);
  const bool no_user = absent(user_values);
  if (no_chart && no_user) {
    const yaml::Position at = chart_defaults ? chart_defaults->location
                              : user_values  ? user_values->location
                                             : yaml::Position{};
    return build_from(nullptr, nullptr, [&](Arena& arena) { return arena.mapping({}, at); });
  }
  if (no_user) return detail::normalize(chart_defaults);
  if (no_chart || !is_table(*user_values)) return detail::normalize(user_values);
  return build_from(chart_defaults, user_values, [&](Arena& arena) {
    return coalesce_tables(arena, chart_defaults.get(), user_values.get(), "", warnings);
  });
}

std::string to_canonical_json(const NodePtr& values) {
  std::string out;
  if (!values)
    out = "null";
  else
    append_json(out, *values);
  return out;
}

}  // namespace detgw::values
