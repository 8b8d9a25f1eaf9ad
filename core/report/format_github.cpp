// `-o github`: GitHub Actions workflow commands, one annotation per finding:
// `::error file=values.yaml,line=12,col=5,title=MRM012::message`, and one `::error` per input
// that could not be read.

#include "core/report/format.hpp"

namespace detgw::report::detail {

namespace {

// Escaping as the Actions runner unescapes it (toolkit command.ts escapeData/escapeProperty).
// Other control characters (ESC, NUL, C1) have no escape there and would reach the log raw:
// they become U+FFFD, as does invalid UTF-8.
std::string escape_data(std::string_view text) {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const char32_t cp = next_code_point(text, pos);
    if (cp == '%') {
      out += "%25";
    } else if (cp == '\r') {
      out += "%0D";
    } else if (cp == '\n') {
      out += "%0A";
    } else if ((cp < 0x20 && cp != '\t') || (cp >= 0x7F && cp <= 0x9F)) {
      append_utf8(out, 0xFFFD);
    } else {
      append_utf8(out, cp);
    }
  }
  return out;
}

std::string escape_property(std::string_view text) {
  std::string out;
  for (const char c : escape_data(text)) {
    switch (c) {
      case ':':
        out += "%3A";
        break;
      case ',':
        out += "%2C";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string_view command(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Info:
      return "notice";
  }
  return "error";
}

// `file=…,line=…,col=…` of a location; a pseudo-file (`<command line>`, `<stdin>`) is no file in
// the repository: no file/line to point at.
std::vector<std::string> location_properties(const SourceLocation& location) {
  std::vector<std::string> properties;
  if (location.file.empty() || is_pseudo_file(location.file)) return properties;
  properties.push_back("file=" + escape_property(location.file));
  if (location.line > 0) {
    properties.push_back("line=" + std::to_string(location.line));
    if (location.column > 0) properties.push_back("col=" + std::to_string(location.column));
  }
  return properties;
}

std::string annotation(std::string_view name, const std::vector<std::string>& properties,
                       std::string_view message) {
  std::string out = "::";
  out += name;
  for (std::size_t i = 0; i < properties.size(); ++i) out += (i == 0 ? " " : ",") + properties[i];
  out += "::" + escape_data(message) + "\n";
  return out;
}

}  // namespace

std::string format_github(const Report& report, const FormatOptions& /*options*/) {
  std::string out;
  for (const auto& e : report.input_errors) {
    auto properties = location_properties(e.location);
    properties.push_back("title=input error");
    out += annotation("error", properties, describe(e));
  }
  for (const auto& f : sorted_findings(report)) {
    auto properties = location_properties(f.location);
    if (!f.code.empty()) properties.push_back("title=" + escape_property(f.code));

    std::string message = f.message;
    if (!f.hint.empty()) message += "\nhint: " + f.hint;
    if (!f.path.empty()) message += "\npath: " + f.path;
    out += annotation(command(f.severity), properties, message);
  }
  return out;
}

}  // namespace detgw::report::detail
