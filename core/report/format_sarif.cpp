// `-o sarif`: SARIF 2.1.0, one run, one reportingDescriptor per code present, one result per
// finding. Pseudo-files (`<command line>`, `<chart defaults>`) get only a logical location.

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

void write_location(JsonWriter& w, const Finding& f) {
  const bool physical = !f.location.file.empty() && !is_pseudo_file(f.location.file);
  w.StartObject();
  if (physical) {
    put(w, "physicalLocation");
    w.StartObject();
    put(w, "artifactLocation");
    w.StartObject();
    put(w, "uri", file_uri(f.location.file));
    w.EndObject();
    if (f.location.line > 0) {
      put(w, "region");
      w.StartObject();
      put(w, "startLine");
      w.Int(f.location.line);
      if (f.location.column > 0) {
        put(w, "startColumn");
        w.Int(f.location.column);
      }
      w.EndObject();
    }
    w.EndObject();
  }
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
