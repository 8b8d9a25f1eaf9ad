#include "core/report/finding.hpp"

#include <algorithm>
#include <tuple>

namespace detgw::report {

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::Info:
      return "info";
    case Severity::Warning:
      return "warning";
    case Severity::Error:
      return "error";
  }
  return "error";
}

std::string_view to_string(CheckOutcome outcome) {
  switch (outcome) {
    case CheckOutcome::Passed:
      return "passed";
    case CheckOutcome::Info:
      return "info";
    case CheckOutcome::Warning:
      return "warning";
    case CheckOutcome::Failed:
      return "failed";
    case CheckOutcome::Skipped:
      return "skipped";
    case CheckOutcome::Unknown:
      return "unknown";
  }
  return "unknown";
}

Summary Report::summary() const {
  Summary s;
  s.input_errors = static_cast<int>(input_errors.size());
  for (const auto& f : findings) {
    switch (f.severity) {
      case Severity::Error:
        ++s.errors;
        break;
      case Severity::Warning:
        ++s.warnings;
        break;
      case Severity::Info:
        ++s.infos;
        break;
    }
  }
  return s;
}

void sort_findings(std::vector<Finding>& findings) {
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.location.file, a.location.line, a.location.column, a.code, a.path) <
           std::tie(b.location.file, b.location.line, b.location.column, b.code, b.path);
  });
}

}  // namespace detgw::report
