#include "core/yaml/scalar.hpp"

#include <array>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string_view>

#include "core/support/go_int.hpp"

namespace detgw::yaml {
namespace {

constexpr std::string_view kStrTag = "tag:yaml.org,2002:str";
constexpr std::string_view kIntTag = "tag:yaml.org,2002:int";
constexpr std::string_view kFloatTag = "tag:yaml.org,2002:float";
constexpr std::string_view kBoolTag = "tag:yaml.org,2002:bool";
constexpr std::string_view kNullTag = "tag:yaml.org,2002:null";

bool one_of(std::string_view s, std::initializer_list<std::string_view> options) {
  for (auto o : options)
    if (s == o) return true;
  return false;
}

// yaml.v2's int resolution: strconv.ParseInt(s, 0, 64) with `_` removed, so a 0x/0b/0o or
// bare-0 prefix picks the base.
std::optional<std::int64_t> parse_yaml_int(std::string_view s) {
  // Whatever the base, a digit follows the sign: most strings fail here, before any copy.
  std::size_t first = s.find_first_not_of('_');
  if (first != std::string_view::npos && (s[first] == '+' || s[first] == '-'))
    first = s.find_first_not_of('_', first + 1);
  if (first == std::string_view::npos || s[first] < '0' || s[first] > '9') return std::nullopt;
  std::string digits;
  for (char c : s)
    if (c != '_') digits += c;
  std::string_view rest = digits;
  char sign = 0;
  if (!rest.empty() && (rest[0] == '+' || rest[0] == '-')) {
    sign = rest[0];
    rest.remove_prefix(1);
  }
  int base = 10;
  if (rest.size() > 2 && rest[0] == '0' && (rest[1] == 'x' || rest[1] == 'X')) {
    base = 16;
    rest.remove_prefix(2);
  } else if (rest.size() > 2 && rest[0] == '0' && (rest[1] == 'b' || rest[1] == 'B')) {
    base = 2;
    rest.remove_prefix(2);
  } else if (rest.size() > 2 && rest[0] == '0' && (rest[1] == 'o' || rest[1] == 'O')) {
    base = 8;
    rest.remove_prefix(2);
  } else if (rest.size() > 1 && rest[0] == '0') {
    base = 8;
    rest.remove_prefix(1);
  }
  // The sign is checked again after the prefix: "0x-1" is no integer.
  if (rest.empty() || rest[0] == '+' || rest[0] == '-') return std::nullopt;
  // Piece by piece: assigning or adding a string_view trips GCC 12's false -Wrestrict at -O3.
  std::string text;
  if (sign != 0) text.push_back(sign);
  text.append(rest.data(), rest.size());
  return go_parse_int(text, base);
}

std::optional<double> parse_float(std::string_view s) {
  if (one_of(s, {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"}))
    return std::numeric_limits<double>::infinity();
  if (one_of(s, {"-.inf", "-.Inf", "-.INF"})) return -std::numeric_limits<double>::infinity();
  if (one_of(s, {".nan", ".NaN", ".NAN"})) return std::numeric_limits<double>::quiet_NaN();
  // YAML floats need a digit; reject things strtod accepts that YAML does not ("inf", "0x1p3"),
  // and most strings, before any copy.
  bool has_digit = false;
  for (char c : s) {
    if (c >= '0' && c <= '9')
      has_digit = true;
    else if (!(c == '_' || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-'))
      return std::nullopt;
  }
  if (!has_digit) return std::nullopt;
  std::string clean;
  for (char c : s)
    if (c != '_') clean += c;
  char* end = nullptr;
  errno = 0;
  double value = std::strtod(clean.c_str(), &end);
  if (end != clean.c_str() + clean.size()) return std::nullopt;
  return value;
}

}  // namespace

ResolvedScalar resolve(const Node& node) {
  ResolvedScalar out;
  if (node.kind == NodeKind::Null) {
    out.type = ScalarType::Null;
    return out;
  }
  if (node.kind != NodeKind::Scalar) return out;
  const std::string_view s = node.text;
  if (node.tag == "!" || node.tag == kStrTag) return out;  // quoted or !!str: a string
  const bool plain = node.tag.empty();
  if ((plain || node.tag == kNullTag) && one_of(s, {"", "~", "null", "Null", "NULL"})) {
    out.type = ScalarType::Null;
    return out;
  }
  if (plain || node.tag == kBoolTag) {
    if (one_of(s, {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"})) {
      out.type = ScalarType::Bool;
      out.boolean = true;
      return out;
    }
    if (one_of(s, {"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"})) {
      out.type = ScalarType::Bool;
      return out;
    }
  }
  if (plain || node.tag == kIntTag) {
    if (auto i = parse_yaml_int(s)) {
      out.type = ScalarType::Int;
      out.integer = *i;
      out.number = static_cast<double>(*i);
      return out;
    }
  }
  if (plain || node.tag == kFloatTag || node.tag == kIntTag) {
    if (auto f = parse_float(s)) {
      out.type = ScalarType::Float;
      out.number = *f;
      return out;
    }
  }
  return out;
}

std::optional<std::int64_t> as_int(const Node& node) {
  ResolvedScalar r = resolve(node);
  if (r.type == ScalarType::Int) return r.integer;
  if (r.type == ScalarType::Float && std::isfinite(r.number) && std::floor(r.number) == r.number &&
      std::fabs(r.number) < 9.2e18)
    return static_cast<std::int64_t>(r.number);
  return std::nullopt;
}

std::optional<double> as_number(const Node& node) {
  ResolvedScalar r = resolve(node);
  if (r.type == ScalarType::Int || r.type == ScalarType::Float) return r.number;
  return std::nullopt;
}

std::optional<bool> as_bool(const Node& node) {
  ResolvedScalar r = resolve(node);
  if (r.type == ScalarType::Bool) return r.boolean;
  return std::nullopt;
}

std::optional<std::string> as_string(const Node& node) {
  if (node.kind == NodeKind::Scalar && resolve(node).type == ScalarType::String)
    return std::string(node.text);
  return std::nullopt;
}

}  // namespace detgw::yaml
