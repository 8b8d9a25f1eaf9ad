// `-o json`: {"tool","version","inputs","findings","input_errors","checks" (diagnostics only),
// "summary"}, pretty printed by RapidJSON.

#include "core/report/format.hpp"
#include "core/report/json_writer.hpp"

namespace detgw::report::detail {

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

  put(w, "input_errors");
  w.StartArray();
  for (const auto& e : report.input_errors) {
    w.StartObject();
    put(w, "file", e.location.file);
    put(w, "line", e.location.line);
    put(w, "column", e.location.column);
    put(w, "message", e.message);
    w.EndObject();
  }
  w.EndArray();

  if (!report.checks.empty()) {
    put(w, "checks");
    w.StartArray();
    for (const auto& c : report.checks) {
      w.StartObject();
      put(w, "group", c.group);
      put(w, "title", c.title);
      put(w, "code", c.code);
      put(w, "outcome", to_string(c.outcome));
      put(w, "detail", c.detail);
      w.EndObject();
    }
    w.EndArray();
  }

  const Summary s = report.summary();
  put(w, "summary");
  w.StartObject();
  put(w, "errors", s.errors);
  put(w, "warnings", s.warnings);
  put(w, "infos", s.infos);
  put(w, "input_errors", s.input_errors);
  w.EndObject();

  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

}  // namespace detgw::report::detail
