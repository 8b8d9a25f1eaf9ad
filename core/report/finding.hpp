#pragma once
// What every check produces, whatever it looked at: a stable code, a severity, what is wrong and
// what to do, and where — in the input's own coordinates.

#include <string>
#include <string_view>
#include <vector>

#include "core/support/error.hpp"

namespace detgw::report {

enum class Severity { Info, Warning, Error };

std::string_view to_string(Severity severity);

struct Finding {
  std::string code;
  Severity severity = Severity::Error;
  std::string message;
  std::string hint;
  std::string path;     // dotted, e.g. additional_resource_managers[0].resource_manager.type
  std::string pointer;  // RFC 6901
  SourceLocation location;
  std::string rm;  // the RM's effective cluster name, "" when not about one RM

  std::string doc_page() const { return "docs/rules/" + code + ".md"; }
};

// One input the run read, and the shape it was read as (values, master, devcluster).
struct InputInfo {
  std::string file;
  std::string shape;
};

// One check a diagnostic command ran (`kubectl detgw doctor`), whatever its result: the report
// lists every check, not only the ones that found something.
enum class CheckOutcome { Passed, Info, Warning, Failed, Skipped, Unknown };
std::string_view to_string(CheckOutcome outcome);

struct CheckResult {
  std::string group;  // "Gateway API CRDs"
  std::string title;  // "TCPRoute v1alpha2 is served"
  std::string code;   // the finding code it reports under
  CheckOutcome outcome = CheckOutcome::Passed;
  std::string detail;  // what was seen ("v1.3.0, experimental"), or why it was skipped
};

// An input that could not be read or parsed: a report with any is never a success, whatever its
// findings, and every format says so.
struct InputError {
  SourceLocation location;  // line and column 0 when unknown (a missing file)
  std::string message;      // without the location
};

struct Summary {
  int errors = 0;
  int warnings = 0;
  int infos = 0;
  int input_errors = 0;
};

struct Report {
  std::string tool;  // "helm multirm lint", "kubectl detgw doctor", ...
  std::vector<InputInfo> inputs;
  std::vector<Finding> findings;
  // Shown in the text success line: "3 resource managers, 5 pools, 2 gateways".
  std::string subject_summary;
  // Diagnostic commands: every check run, in order. Text output then groups them like
  // `linkerd check` instead of listing findings by file.
  std::vector<CheckResult> checks;
  std::vector<InputError> input_errors;

  Summary summary() const;
};

// Sorted by file, line, column, code: the order every format prints.
void sort_findings(std::vector<Finding>& findings);

}  // namespace detgw::report
