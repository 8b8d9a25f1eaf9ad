#include "core/rules/rule_support.hpp"

#include <cstdio>

#include "core/support/suggest.hpp"
#include "core/yaml/scalar.hpp"

namespace detgw::rules {

std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text.substr(0, 200)) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned char>(c));
      out += buf;
    } else {
      out += c;
    }
  }
  if (text.size() > 200) out += "...";
  return out + "\"";
}

std::string did_you_mean(std::string_view unknown, std::span<const model::KnownKey> known) {
  std::vector<std::string_view> names;
  for (const auto& k : known) names.push_back(k.name);
  std::string best = closest_key(unknown, names);
  return best.empty() ? "" : "did you mean " + quoted(best) + "?";
}

bool checkable(const model::ConfigModel& model, const model::Field& field) {
  return field.present_and_not_null() && !model.is_placeholder(field.node);
}

std::optional<std::string> string_of(const model::ConfigModel& model, const model::Field& field) {
  if (!checkable(model, field)) return std::nullopt;
  return yaml::as_string(*field.node);
}

std::optional<std::int64_t> int_of(const model::ConfigModel& model, const model::Field& field) {
  if (!checkable(model, field)) return std::nullopt;
  return yaml::as_int(*field.node);
}

model::Field entry_field(const model::Field& map, const yaml::Entry& entry) {
  model::Field f;
  f.node = entry.value;
  f.entry = &entry;
  f.parent = map.node;
  f.set_path(map.path(), entry.key);
  return f;
}

std::span<const model::KnownKey> rm_keys(model::RmKind kind) {
  switch (kind) {
    case model::RmKind::Kubernetes:
      return model::kubernetes_rm_keys();
    case model::RmKind::Agent:
      return model::agent_rm_keys();
    default:
      return {};
  }
}

bool is_kubernetes(const model::ResourceManager& rm) {
  return rm.kind == model::RmKind::Kubernetes;
}

}  // namespace detgw::rules
