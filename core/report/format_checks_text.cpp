// `-o text` for a report with checks (`kubectl detgw doctor`), in the manner of `linkerd check`:
// checks grouped under a heading, each marked ✔ (passed), ‼ (warning), × (failed), - (skipped)
// or ? (unknown), each failure followed by its findings with hint and documentation page, then
// one closing line.

#include "core/report/format.hpp"

namespace detgw::report::detail {
namespace {

// A check with hundreds of findings (a leak of every listener) shows this many, then a count.
constexpr std::size_t kFindingsPerCheck = 10;

std::string mark(CheckOutcome outcome, const Painter& paint) {
  switch (outcome) {
    case CheckOutcome::Passed:
    case CheckOutcome::Info:
      return paint(kGreen, "✔");
    case CheckOutcome::Warning:
      return paint(kYellow, "‼");
    case CheckOutcome::Failed:
      return paint(kRed, "×");
    case CheckOutcome::Skipped:
      return "-";
    case CheckOutcome::Unknown:
      return paint(kYellow, "?");
  }
  return "?";
}

std::string count(int n, std::string_view noun) {
  return std::to_string(n) + " " + std::string(noun) + (n == 1 ? "" : "s");
}

}  // namespace

std::string format_checks_text(const Report& report, const FormatOptions& options) {
  const Painter paint(options.color);
  constexpr std::string_view kIndent = "    ";
  const auto findings = sorted_findings(report);
  std::string out;
  for (const auto& error : report.input_errors)
    out += paint(kRed, "✖") + " could not read " + printable(describe(error), kIndent) + "\n";
  const std::string* group = nullptr;
  for (const auto& check : report.checks) {
    if (!group || *group != check.group) {
      if (group) out += "\n";
      const std::string heading = printable(check.group, "");
      out += paint(kBold, heading) + "\n";
      // The underline is as long as the heading is wide on screen (code points, not bytes).
      std::size_t width = 0, pos = 0;
      while (pos < heading.size()) {
        next_code_point(heading, pos);
        ++width;
      }
      out += std::string(width, '-') + "\n";
      group = &check.group;
    }
    out += mark(check.outcome, paint) + " " + printable(check.title, kIndent);
    if (!check.detail.empty()) out += " (" + printable(check.detail, kIndent) + ")";
    out += "\n";
    if (check.outcome == CheckOutcome::Passed || check.outcome == CheckOutcome::Skipped) continue;

    std::size_t shown = 0, total = 0;
    for (const auto& f : findings) {
      if (f.code != check.code) continue;
      if (++total > kFindingsPerCheck) continue;
      ++shown;
      out += std::string(kIndent) + printable(f.message, kIndent) + "\n";
      if (!f.hint.empty())
        out += std::string(kIndent) + "hint: " + printable(f.hint, kIndent) + "\n";
    }
    if (total > shown)
      out += std::string(kIndent) + "… and " + std::to_string(total - shown) +
             " more (-o json lists every finding)\n";
    if (total > 0)
      out +=
          std::string(kIndent) + "see " + printable("docs/rules/" + check.code + ".md", "") + "\n";
  }

  const Summary s = report.summary();
  const std::string subject =
      report.subject_summary.empty() ? "" : " for " + printable(report.subject_summary, "");
  out += "\n";
  if (s.input_errors > 0)
    out += paint(kRed, "×") + " " + count(s.input_errors, "input error") + ", " +
           count(s.errors, "error") + ", " + count(s.warnings, "warning") + subject + "\n";
  else if (s.errors > 0)
    out += paint(kRed, "×") + " " + count(s.errors, "error") + ", " + count(s.warnings, "warning") +
           subject + "\n";
  else if (s.warnings > 0)
    out += paint(kYellow, "‼") + " " + count(s.warnings, "warning") + subject + "\n";
  else
    out += paint(kGreen, "✔") + " all checks passed" + subject + "\n";
  return out;
}

}  // namespace detgw::report::detail
