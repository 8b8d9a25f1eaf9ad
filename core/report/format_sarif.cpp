// `-o sarif`: SARIF 2.1.0, one run, one reportingDescriptor per code present, one result per
// finding. Pseudo-files (`<command line>`, `<chart defaults>`) get only a logical location. An
// input that could not be read makes the invocation unsuccessful, with one error notification
// each: a consumer that only counts results must not see a pass.

#include <cstdio>
#include <map>

#include "core/report/format.hpp"
#include "core/report/json_writer.hpp"

namespace detgw::report::detail {

namespace {

std::string_view level(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Info:
      return "note";
  }
  return "error";
}

// A file path as a URI reference: relative paths stay relative, absolute ones become file://
// URIs; everything outside RFC 3986 unreserved characters and `/` is percent-encoded.
std::string file_uri(std::string_view path) {
  std::string out = path.starts_with('/') ? "file://" : "";
  for (const char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
                            c == '~' || c == '/';
    if (unreserved) {
      out.push_back(ch);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", static_cast<unsigned>(c));
      out += buf;
    }
  }
  return out;
}

bool is_physical(const SourceLocation& location) {
  return !location.file.empty() && !is_pseudo_file(location.file);
}

void write_physical_location(JsonWriter& w, const SourceLocation& location) {
  put(w, "physicalLocation");
  w.StartObject();
  put(w, "artifactLocation");
  w.StartObject();
  put(w, "uri", file_uri(location.file));
  w.EndObject();
  if (location.line > 0) {
    put(w, "region");
    w.StartObject();
    put(w, "startLine");
    w.Int(location.line);
    if (location.column > 0) {
      put(w, "startColumn");
      w.Int(location.column);
    }
    w.EndObject();
  }
  w.EndObject();
}

void write_location(JsonWriter& w, const Finding& f) {
  const bool physical = is_physical(f.location);
  w.StartObject();
  if (physical) write_physical_location(w, f.location);
  if (!f.path.empty() || !physical) {
    put(w, "logicalLocations");
    w.StartArray();
    w.StartObject();
    put(w, "fullyQualifiedName", f.path.empty() ? f.location.file : f.path);
    w.EndObject();
    w.EndArray();
  }
  w.EndObject();
}

}  // namespace

std::string format_sarif(const Report& report, const FormatOptions& options) {
  const auto findings = sorted_findings(report);
  // Rules in order of first appearance; the index is what results refer to. A rule without a
  // description is described by the first line of its first message.
  std::vector<std::string> codes;
  std::map<std::string, int, std::less<>> index_of;
  std::map<std::string, std::string, std::less<>> first_message;
  for (const auto& f : findings) {
    if (index_of.emplace(f.code, static_cast<int>(codes.size())).second) {
      codes.push_back(f.code);
      first_message.emplace(f.code, f.message.substr(0, f.message.find('\n')));
    }
  }

  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.SetIndent(' ', 2);
  w.StartObject();
  put(w, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
  put(w, "version", "2.1.0");
  put(w, "runs");
  w.StartArray();
  w.StartObject();

  put(w, "tool");
  w.StartObject();
  put(w, "driver");
  w.StartObject();
  put(w, "name", "detgw");
  if (!options.version.empty()) put(w, "version", options.version);
  if (!options.information_uri.empty()) put(w, "informationUri", options.information_uri);
  put(w, "rules");
  w.StartArray();
  for (const auto& code : codes) {
    const auto described = options.rule_descriptions.find(code);
    w.StartObject();
    put(w, "id", code);
    put(w, "shortDescription");
    w.StartObject();
    put(w, "text",
        described != options.rule_descriptions.end() ? described->second : first_message.at(code));
    w.EndObject();
    put(w, "helpUri", "docs/rules/" + code + ".md");
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();  // driver
  w.EndObject();  // tool

  put(w, "invocations");
  w.StartArray();
  w.StartObject();
  put(w, "executionSuccessful");
  w.Bool(report.input_errors.empty());
  if (!report.input_errors.empty()) {
    put(w, "toolExecutionNotifications");
    w.StartArray();
    for (const auto& e : report.input_errors) {
      w.StartObject();
      put(w, "level", "error");
      put(w, "message");
      w.StartObject();
      // The location is in the text too: `<stdin>` has no physical location to carry it.
      put(w, "text", describe(e));
      w.EndObject();
      if (is_physical(e.location)) {
        put(w, "locations");
        w.StartArray();
        w.StartObject();
        write_physical_location(w, e.location);
        w.EndObject();
        w.EndArray();
      }
      w.EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
  w.EndArray();

  put(w, "results");
  w.StartArray();
  for (const auto& f : findings) {
    w.StartObject();
    put(w, "ruleId", f.code);
    put(w, "ruleIndex");
    w.Int(index_of.at(f.code));
    put(w, "level", level(f.severity));
    put(w, "message");
    w.StartObject();
    put(w, "text", f.hint.empty() ? f.message : f.message + "\nhint: " + f.hint);
    w.EndObject();
    put(w, "locations");
    w.StartArray();
    write_location(w, f);
    w.EndArray();
    put(w, "properties");
    w.StartObject();
    put(w, "pointer", f.pointer);
    put(w, "rm", f.rm);
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();

  w.EndObject();  // run
  w.EndArray();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

}  // namespace detgw::report::detail
