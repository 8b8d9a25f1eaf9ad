#include "core/live/json_fields.hpp"

namespace detgw::live::detail {

const rapidjson::Value* member(const rapidjson::Value& value,
                               std::initializer_list<std::string_view> path) {
  const rapidjson::Value* at = &value;
  for (auto key : path) {
    if (!at->IsObject()) return nullptr;
    auto it = at->FindMember(rapidjson::Value(
        rapidjson::StringRef(key.data(), static_cast<rapidjson::SizeType>(key.size()))));
    if (it == at->MemberEnd()) return nullptr;
    at = &it->value;
  }
  return at;
}

std::string string_at(const rapidjson::Value& value, std::initializer_list<std::string_view> path) {
  const auto* v = member(value, path);
  if (!v || !v->IsString()) return {};
  return std::string(v->GetString(), v->GetStringLength());
}

std::optional<std::int64_t> int_at(const rapidjson::Value& value,
                                   std::initializer_list<std::string_view> path) {
  const auto* v = member(value, path);
  if (!v || !v->IsInt64()) return std::nullopt;
  return v->GetInt64();
}

bool bool_at(const rapidjson::Value& value, std::initializer_list<std::string_view> path) {
  const auto* v = member(value, path);
  return v && v->IsBool() && v->GetBool();
}

std::optional<int> port_at(const rapidjson::Value& value,
                           std::initializer_list<std::string_view> path) {
  auto n = int_at(value, path);
  if (!n || *n < 1 || *n > 65535) return std::nullopt;
  return static_cast<int>(*n);
}

const rapidjson::Value* array_at(const rapidjson::Value& value,
                                 std::initializer_list<std::string_view> path) {
  const auto* v = member(value, path);
  return v && v->IsArray() ? v : nullptr;
}

}  // namespace detgw::live::detail
