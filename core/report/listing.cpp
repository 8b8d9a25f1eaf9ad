#include "core/report/listing.hpp"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <algorithm>
#include <cctype>

#include "core/report/format.hpp"

namespace detgw::report {
namespace {

std::string scalar(const rapidjson::Value& v) {
  if (v.IsString()) return detail::yaml_quoted({v.GetString(), v.GetStringLength()});
  if (v.IsNull()) return "null";
  if (v.IsBool()) return v.GetBool() ? "true" : "false";
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  v.Accept(w);
  return buffer.GetString();
}

// Keys this project writes are plain words; anything else is quoted.
std::string key_text(const rapidjson::Value& name) {
  std::string_view key(name.GetString(), name.GetStringLength());
  const bool plain = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
  return plain ? std::string(key) : detail::yaml_quoted(key);
}

bool is_empty_collection(const rapidjson::Value& v) {
  return (v.IsObject() && v.ObjectEmpty()) || (v.IsArray() && v.Empty());
}

void emit(const rapidjson::Value& v, const std::string& indent, std::string& out);

// `key:` followed by a nested block, or `key: scalar`.
void emit_member(const std::string& key, const rapidjson::Value& v, const std::string& indent,
                 std::string& out) {
  out += key;
  out += ':';
  if ((v.IsObject() || v.IsArray()) && !is_empty_collection(v)) {
    out += '\n';
    emit(v, indent + "  ", out);
  } else {
    // Appended piece by piece: `" " + std::string(...)` trips GCC 12's false -Wrestrict.
    out += ' ';
    out += v.IsObject() ? std::string("{}") : v.IsArray() ? "[]" : scalar(v);
    out += '\n';
  }
}

void emit(const rapidjson::Value& v, const std::string& indent, std::string& out) {
  if (v.IsObject()) {
    for (const auto& m : v.GetObject()) {
      out += indent;
      emit_member(key_text(m.name), m.value, indent, out);
    }
  } else if (v.IsArray()) {
    for (const auto& item : v.GetArray()) {
      if (item.IsObject() && !item.ObjectEmpty()) {
        // The first member on the dash line, the rest aligned below it.
        bool first = true;
        for (const auto& m : item.GetObject()) {
          out += first ? indent + "- " : indent + "  ";
          first = false;
          emit_member(key_text(m.name), m.value, indent + "  ", out);
        }
      } else if (item.IsArray() && !item.Empty()) {
        out += indent + "-\n";
        emit(item, indent + "  ", out);
      } else {
        out += indent + "- " +
               (item.IsObject()  ? std::string("{}")
                : item.IsArray() ? "[]"
                                 : scalar(item)) +
               "\n";
      }
    }
  } else {
    out += indent + scalar(v) + "\n";
  }
}

}  // namespace

std::string listing_json(const rapidjson::Value& document) {
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buffer);
  w.SetIndent(' ', 2);
  document.Accept(w);
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

std::string listing_yaml(const rapidjson::Value& document) {
  std::string out;
  emit(document, "", out);
  return out;
}

}  // namespace detgw::report
