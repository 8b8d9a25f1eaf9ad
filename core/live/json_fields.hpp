#pragma once
// Reading fields of API objects whose shape is not guaranteed: a missing member or one of the
// wrong type reads as absent, never as a crash. Internal to core/live.

#include <rapidjson/document.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace detgw::live::detail {

// The member at `path` below `value`, or nullptr.
const rapidjson::Value* member(const rapidjson::Value& value,
                               std::initializer_list<std::string_view> path);
// The string at `path`, or "".
std::string string_at(const rapidjson::Value& value, std::initializer_list<std::string_view> path);
// The integer at `path` (an integral JSON number), or nullopt.
std::optional<std::int64_t> int_at(const rapidjson::Value& value,
                                   std::initializer_list<std::string_view> path);
bool bool_at(const rapidjson::Value& value, std::initializer_list<std::string_view> path);
// A TCP port: an integer in 1-65535.
std::optional<int> port_at(const rapidjson::Value& value,
                           std::initializer_list<std::string_view> path);
// The array at `path`, or nullptr.
const rapidjson::Value* array_at(const rapidjson::Value& value,
                                 std::initializer_list<std::string_view> path);

}  // namespace detgw::live::detail
