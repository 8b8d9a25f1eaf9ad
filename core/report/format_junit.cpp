// `-o junit`: one testsuite named after the tool, one testcase per finding (classname = code);
// errors and warnings fail, infos pass; an input that could not be read is a testcase with an
// <error>; no findings and no input errors is one passing testcase "lint".

#include "core/report/format.hpp"

namespace detgw::report::detail {

namespace {

// XML 1.0 Char, less what we escape anyway; anything else cannot appear even as a reference.
bool xml_char(char32_t cp) {
  return cp == '\t' || cp == '\n' || cp == '\r' || (cp >= 0x20 && cp <= 0xD7FF) ||
         (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

// Escaped for element content, or (attribute = true) for a double-quoted attribute, where line
// breaks and tabs are written as references so parsers keep them. Characters XML cannot carry
// (most C0 controls) become U+FFFD, as does invalid UTF-8.
std::string xml(std::string_view text, bool attribute = false) {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const char32_t cp = next_code_point(text, pos);
    switch (cp) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += attribute ? "&quot;" : "\"";
        break;
      case '\'':
        out += attribute ? "&apos;" : "'";
        break;
      case '\n':
        out += attribute ? "&#10;" : "\n";
        break;
      case '\r':
        out += "&#13;";
        break;
      case '\t':
        out += attribute ? "&#9;" : "\t";
        break;
      default:
        append_utf8(out, xml_char(cp) ? cp : char32_t{0xFFFD});
    }
  }
  return out;
}

std::string attr(std::string_view name, std::string_view value) {
  // Piece by piece: `" " + std::string(name)` trips GCC 12's false -Wrestrict at -O3.
  std::string out = " ";
  out += name;
  out += "=\"";
  out += xml(value, true);
  out += '"';
  return out;
}

std::string testcase_name(const Finding& f) {
  if (!f.path.empty()) return f.path;
  const auto where = location_text(f.location);
  return where.empty() ? f.code : where;
}

// The whole finding as the text inside <failure>/<system-out>.
std::string details(const Finding& f) {
  std::string out;
  const auto where = location_text(f.location);
  if (!where.empty()) out += where + ": ";
  out += std::string(to_string(f.severity)) + " " + f.code + ": " + f.message + "\n";
  if (!f.hint.empty()) out += "hint: " + f.hint + "\n";
  if (!f.path.empty()) out += "path: " + f.path + "\n";
  if (!f.pointer.empty()) out += "pointer: " + f.pointer + "\n";
  if (!f.rm.empty()) out += "rm: " + f.rm + "\n";
  out += "see " + f.doc_page() + "\n";
  return out;
}

}  // namespace

std::string format_junit(const Report& report, const FormatOptions& /*options*/) {
  const auto findings = sorted_findings(report);
  const std::string suite = report.tool.empty() ? "detgw" : report.tool;
  int failures = 0;
  for (const auto& f : findings) {
    if (f.severity != Severity::Info) ++failures;
  }
  const int errors = static_cast<int>(report.input_errors.size());
  const bool passed = findings.empty() && errors == 0;
  const int tests = passed ? 1 : static_cast<int>(findings.size()) + errors;
  const std::string counts = attr("tests", std::to_string(tests)) +
                             attr("failures", std::to_string(failures)) +
                             attr("errors", std::to_string(errors));

  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<testsuites" + attr("name", suite) + counts + ">\n";
  out += "  <testsuite" + attr("name", suite) + counts + attr("skipped", "0") + ">\n";
  for (const auto& e : report.input_errors) {
    const auto where = location_text(e.location);
    out += "    <testcase" + attr("classname", "input") +
           attr("name", where.empty() ? "input" : where) + ">\n";
    out += "      <error" + attr("type", "input error") + attr("message", e.message) + ">" +
           xml(describe(e) + "\n") + "</error>\n";
    out += "    </testcase>\n";
  }
  if (passed) {
    const auto inputs = input_list(report);
    out += "    <testcase" + attr("classname", suite) + attr("name", "lint") + ">\n";
    out += "      <system-out>" +
           xml("no problems found" + (inputs.empty() ? "" : " in " + inputs) +
               (report.subject_summary.empty() ? "" : " (" + report.subject_summary + ")")) +
           "</system-out>\n";
    out += "    </testcase>\n";
  }
  for (const auto& f : findings) {
    out += "    <testcase" + attr("classname", f.code) + attr("name", testcase_name(f)) + ">\n";
    if (f.severity == Severity::Info) {
      out += "      <system-out>" + xml(details(f)) + "</system-out>\n";
    } else {
      out += "      <failure" + attr("type", to_string(f.severity)) + attr("message", f.message) +
             ">" + xml(details(f)) + "</failure>\n";
    }
    out += "    </testcase>\n";
  }
  out += "  </testsuite>\n";
  out += "</testsuites>\n";
  return out;
}

}  // namespace detgw::report::detail
