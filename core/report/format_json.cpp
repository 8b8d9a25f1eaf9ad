// `-o json`: {"tool","version","inputs","findings","summary"}, pretty printed by RapidJSON.

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "core/report/format.hpp"

namespace detgw::report::detail {

namespace {

using JsonWriter = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

// Every string goes through here: RapidJSON escapes quotes, backslashes and control characters
// (NUL included, since the length is passed); invalid UTF-8 is repaired first.
void put(JsonWriter& w, std::string_view text) {
  const auto valid = valid_utf8(text);
  w.String(valid.data(), static_cast<rapidjson::SizeType>(valid.size()));
}

void put(JsonWriter& w, std::string_view key, std::string_view value) {
  put(w, key);
  put(w, value);
}

void put(JsonWriter& w, std::string_view key, int value) {
  put(w, key);
  w.Int(value);
}

}  // namespace

std::string format_json(const Report& report, const FormatOptions& options) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.SetIndent(' ', 2);

  w.StartObject();
  put(w, "tool", report.tool);
  put(w, "version", options.version);

  put(w, "inputs");
  w.StartArray();
  for (const auto& input : report.inputs) {
    w.StartObject();
    put(w, "file", input.file);
    put(w, "shape", input.shape);
    w.EndObject();
  }
  w.EndArray();

  put(w, "findings");
  w.StartArray();
  for (const auto& f : sorted_findings(report)) {
    w.StartObject();
    put(w, "code", f.code);
    put(w, "severity", to_string(f.severity));
    put(w, "message", f.message);
    put(w, "hint", f.hint);
    put(w, "path", f.path);
    put(w, "pointer", f.pointer);
    put(w, "file", f.location.file);
    put(w, "line", f.location.line);
    put(w, "column", f.location.column);
    put(w, "rm", f.rm);
    w.EndObject();
  }
  w.EndArray();

  const Summary s = report.summary();
  put(w, "summary");
  w.StartObject();
  put(w, "errors", s.errors);
  put(w, "warnings", s.warnings);
  put(w, "infos", s.infos);
  w.EndObject();

  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

}  // namespace detgw::report::detail
