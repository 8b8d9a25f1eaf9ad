#pragma once
// The JSON writer the JSON-based formats (json, sarif) share: every string is repaired to valid
// UTF-8 before RapidJSON escapes it.

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <string_view>

#include "core/report/format.hpp"

namespace detgw::report::detail {

using JsonWriter = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

// RapidJSON escapes quotes, backslashes and control characters (NUL included, since the length
// is passed); invalid UTF-8 is repaired first.
inline void put(JsonWriter& w, std::string_view text) {
  const auto valid = valid_utf8(text);
  w.String(valid.data(), static_cast<rapidjson::SizeType>(valid.size()));
}

inline void put(JsonWriter& w, std::string_view key, std::string_view value) {
  put(w, key);
  put(w, value);
}

inline void put(JsonWriter& w, std::string_view key, int value) {
  put(w, key);
  w.Int(value);
}

}  // namespace detgw::report::detail
