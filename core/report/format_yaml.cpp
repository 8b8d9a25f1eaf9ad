// `-o yaml`: the json document as YAML. Every string is double-quoted and escaped, so no message
// can change the document's structure; non-printable characters become \x/\u escapes.

#include <cstdio>

#include "core/report/format.hpp"

namespace detgw::report::detail {

namespace {

bool yaml_printable(char32_t cp) {
  // YAML 1.2 c-printable, minus NEL and the line/paragraph separators that parsers may treat as
  // line breaks, and the BOM.
  if (cp == 0x85 || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF) return false;
  return (cp >= 0x20 && cp <= 0x7E) || (cp >= 0xA0 && cp <= 0xD7FF) ||
         (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

}  // namespace

std::string yaml_quoted(std::string_view text) {
  std::string out = "\"";
  std::size_t pos = 0;
  while (pos < text.size()) {
    const char32_t cp = next_code_point(text, pos);
    switch (cp) {
      case '"':
        out += "\\\"";
        continue;
      case '\\':
        out += "\\\\";
        continue;
      case '\n':
        out += "\\n";
        continue;
      case '\r':
        out += "\\r";
        continue;
      case '\t':
        out += "\\t";
        continue;
      case 0:
        out += "\\0";
        continue;
      default:
        break;
    }
    if (yaml_printable(cp)) {
      append_utf8(out, cp);
    } else {
      char buf[12];
      if (cp < 0x100) {
        std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned>(cp));
      } else {
        std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(cp));
      }
      out += buf;
    }
  }
  out += "\"";
  return out;
}

namespace {

void line(std::string& out, std::string_view prefix, std::string_view key, std::string_view value) {
  out += std::string(prefix) + std::string(key) + ": " + yaml_quoted(value) + "\n";
}

void line(std::string& out, std::string_view prefix, std::string_view key, int value) {
  out += std::string(prefix) + std::string(key) + ": " + std::to_string(value) + "\n";
}

}  // namespace

std::string format_yaml(const Report& report, const FormatOptions& options) {
  std::string out;
  line(out, "", "tool", report.tool);
  line(out, "", "version", options.version);

  if (report.inputs.empty()) {
    out += "inputs: []\n";
  } else {
    out += "inputs:\n";
    for (const auto& input : report.inputs) {
      line(out, "  - ", "file", input.file);
      line(out, "    ", "shape", input.shape);
    }
  }

  const auto findings = sorted_findings(report);
  if (findings.empty()) {
    out += "findings: []\n";
  } else {
    out += "findings:\n";
    for (const auto& f : findings) {
      line(out, "  - ", "code", f.code);
      line(out, "    ", "severity", to_string(f.severity));
      line(out, "    ", "message", f.message);
      line(out, "    ", "hint", f.hint);
      line(out, "    ", "path", f.path);
      line(out, "    ", "pointer", f.pointer);
      line(out, "    ", "file", f.location.file);
      line(out, "    ", "line", f.location.line);
      line(out, "    ", "column", f.location.column);
      line(out, "    ", "rm", f.rm);
    }
  }

  if (report.input_errors.empty()) {
    out += "input_errors: []\n";
  } else {
    out += "input_errors:\n";
    for (const auto& e : report.input_errors) {
      line(out, "  - ", "file", e.location.file);
      line(out, "    ", "line", e.location.line);
      line(out, "    ", "column", e.location.column);
      line(out, "    ", "message", e.message);
    }
  }

  if (!report.checks.empty()) {
    out += "checks:\n";
    for (const auto& c : report.checks) {
      line(out, "  - ", "group", c.group);
      line(out, "    ", "title", c.title);
      line(out, "    ", "code", c.code);
      line(out, "    ", "outcome", to_string(c.outcome));
      line(out, "    ", "detail", c.detail);
    }
  }

  const Summary s = report.summary();
  out += "summary:\n";
  line(out, "  ", "errors", s.errors);
  line(out, "  ", "warnings", s.warnings);
  line(out, "  ", "infos", s.infos);
  line(out, "  ", "input_errors", s.input_errors);
  return out;
}

}  // namespace detgw::report::detail
