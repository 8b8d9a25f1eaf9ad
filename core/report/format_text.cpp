// `-o text`: findings grouped by file, one `file:line:column: severity CODE: message` each, with
// hint, path and documentation page below, then a summary or an explicit success line.

#include <cstdio>

#include "core/report/format.hpp"

namespace detgw::report::detail {

namespace {

std::string_view severity_color(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return kRed;
    case Severity::Warning:
      return kYellow;
    case Severity::Info:
      return kCyan;
  }
  return kRed;
}

std::string count(int n, std::string_view noun) {
  return std::to_string(n) + " " + std::string(noun) + (n == 1 ? "" : "s");
}

}  // namespace

// Invalid UTF-8 becomes U+FFFD, control characters (ESC included) visible `\xNN`/`\uNNNN`
// escapes.
std::string printable(std::string_view text, std::string_view indent) {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const char32_t cp = next_code_point(text, pos);
    if (cp == '\n') {
      out += "\n";
      out += indent;
    } else if (cp == '\t') {
      out += "\t";
    } else if (cp < 0x20 || cp == 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned>(cp));
      out += buf;
    } else if ((cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(cp));
      out += buf;
    } else {
      append_utf8(out, cp);
    }
  }
  return out;
}

std::string format_text(const Report& report, const FormatOptions& options) {
  if (!report.checks.empty()) return format_checks_text(report, options);
  const Painter paint(options.color);
  const auto findings = sorted_findings(report);
  const auto inputs = printable(input_list(report), "");
  const std::string in_inputs = inputs.empty() ? "" : " in " + inputs;
  std::string out;

  for (const auto& error : report.input_errors)
    out += paint(kRed, "✖") + " could not read " + printable(describe(error), "    ") + "\n";
  if (findings.empty() && !report.input_errors.empty()) return out;
  if (findings.empty()) {
    out += paint(kGreen, "✔") + " no problems found" + in_inputs;
    if (!report.subject_summary.empty()) {
      out += " (" + printable(report.subject_summary, "") + ")";
    }
    out += "\n";
    return out;
  }

  constexpr std::string_view kIndent = "    ";
  const std::string* previous_file = nullptr;
  for (const auto& f : findings) {
    if (previous_file && *previous_file != f.location.file) out += "\n";
    previous_file = &f.location.file;

    const auto where = location_text(f.location);
    if (!where.empty()) out += printable(where, kIndent) + ": ";
    out += paint(severity_color(f.severity), to_string(f.severity)) + " ";
    out += paint(kBold, printable(f.code, kIndent)) + ": ";
    out += printable(f.message, kIndent) + "\n";
    if (!f.hint.empty()) out += std::string(kIndent) + "hint: " + printable(f.hint, kIndent) + "\n";
    if (!f.path.empty()) out += std::string(kIndent) + "path: " + printable(f.path, kIndent) + "\n";
    if (!f.code.empty()) out += std::string(kIndent) + "see " + printable(f.doc_page(), "") + "\n";
  }

  const Summary s = report.summary();
  std::string mark;
  if (s.errors > 0) {
    mark = paint(kRed, "✖");
  } else if (s.warnings > 0) {
    mark = paint(kYellow, "‼");
  } else {
    mark = paint(kGreen, "✔");
  }
  out += "\n" + mark + " " + count(s.errors, "error") + ", " + count(s.warnings, "warning") + ", " +
         count(s.infos, "info") + in_inputs + "\n";
  return out;
}

}  // namespace detgw::report::detail
