#include "core/render/go_text.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <string_view>
#include <vector>

#include "core/yaml/scalar.hpp"

namespace detgw::render {
namespace {

std::string number_text(const yaml::ResolvedScalar& scalar) {
  if (scalar.type == yaml::ScalarType::Int) return std::to_string(scalar.integer);
  const double d = scalar.number;
  if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e21) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.0f", d);
    return buf;
  }
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  return ec == std::errc() ? std::string(buf, end) : std::string("0");
}

std::string double_quoted(std::string_view text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
  return out;
}

// A string that reads back as the same string when written plain.
bool safe_plain(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' ||
          c == '/'))
      return false;
  if (text.front() == '-' || text.front() == '.') return false;
  yaml::Node probe;
  probe.kind = yaml::NodeKind::Scalar;
  probe.text = text;
  return yaml::resolve(probe).type == yaml::ScalarType::String;
}

std::string scalar_yaml(const yaml::Node& node) {
  const auto scalar = yaml::resolve(node);
  switch (scalar.type) {
    case yaml::ScalarType::Null:
      return "null";
    case yaml::ScalarType::Bool:
      return scalar.boolean ? "true" : "false";
    case yaml::ScalarType::Int:
    case yaml::ScalarType::Float:
      return number_text(scalar);
    case yaml::ScalarType::String:
      break;
  }
  return safe_plain(node.text) ? std::string(node.text) : double_quoted(node.text);
}

bool is_nil(const yaml::Node* node) {
  return !node || node->is_null() ||
         (node->is_scalar() && yaml::resolve(*node).type == yaml::ScalarType::Null);
}

// The entries Helm sees: the last of duplicate keys, sorted by key.
std::vector<const yaml::Entry*> sorted_entries(const yaml::Node& map) {
  std::vector<const yaml::Entry*> out;
  for (const auto& e : map.entries) {
    if (!e.key_is_scalar) continue;
    if (map.find_entry(e.key) != &e) continue;
    out.push_back(&e);
  }
  std::sort(out.begin(), out.end(),
            [](const yaml::Entry* a, const yaml::Entry* b) { return a->key < b->key; });
  return out;
}

void emit(const yaml::Node* node, int indent, std::string& out, bool first_inline);

void emit_child(const yaml::Node* value, int indent, std::string& out) {
  const bool block = !is_nil(value) && ((value->is_mapping() && !sorted_entries(*value).empty()) ||
                                        (value->is_sequence() && !value->items.empty()));
  if (!block) {
    out += ' ';
    emit(value, indent, out, true);
    return;
  }
  out += '\n';
  emit(value, indent, out, false);
}

void emit(const yaml::Node* node, int indent, std::string& out, bool first_inline) {
  const std::string pad(static_cast<std::size_t>(indent), ' ');
  if (is_nil(node)) {
    out += "null\n";
    return;
  }
  if (node->is_scalar()) {
    out += scalar_yaml(*node);
    out += '\n';
    return;
  }
  if (node->is_mapping()) {
    const auto entries = sorted_entries(*node);
    if (entries.empty()) {
      out += "{}\n";
      return;
    }
    bool first = true;
    for (const auto* e : entries) {
      if (!(first && first_inline)) out += pad;
      first = false;
      out += safe_plain(e->key) ? std::string(e->key) : double_quoted(e->key);
      out += ':';
      emit_child(e->value, indent + 2, out);
    }
    return;
  }
  if (node->items.empty()) {
    out += "[]\n";
    return;
  }
  bool first = true;
  for (const auto& item : node->items) {
    if (!(first && first_inline)) out += pad;
    first = false;
    out += "- ";
    emit(item, indent + 2, out, true);
  }
}

}  // namespace

std::string go_print(const yaml::Node* node) {
  if (is_nil(node)) return {};
  if (!node->is_scalar()) return {};
  const auto scalar = yaml::resolve(*node);
  switch (scalar.type) {
    case yaml::ScalarType::Null:
      return {};
    case yaml::ScalarType::Bool:
      return scalar.boolean ? "true" : "false";
    case yaml::ScalarType::Int:
    case yaml::ScalarType::Float:
      return number_text(scalar);
    case yaml::ScalarType::String:
      break;
  }
  return std::string(node->text);
}

std::string go_quote(const yaml::Node* node) { return double_quoted(go_print(node)); }

std::string quote_text(const std::string& text) { return double_quoted(text); }

bool go_empty(const yaml::Node* node) {
  if (is_nil(node)) return true;
  if (node->is_mapping()) return node->entries.empty();
  if (node->is_sequence()) return node->items.empty();
  const auto scalar = yaml::resolve(*node);
  switch (scalar.type) {
    case yaml::ScalarType::Bool:
      return !scalar.boolean;
    case yaml::ScalarType::Int:
    case yaml::ScalarType::Float:
      return scalar.number == 0;
    case yaml::ScalarType::String:
      return node->text.empty();
    case yaml::ScalarType::Null:
      return true;
  }
  return false;
}

std::string to_yaml(const yaml::Node* node, int indent) {
  std::string out;
  std::string body;
  emit(node, indent, body, true);
  out = std::string(static_cast<std::size_t>(indent), ' ') + body;
  return out;
}

}  // namespace detgw::render
