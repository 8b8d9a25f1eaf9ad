#pragma once
// `helm multirm lint`: values, master or devcluster input → models → rules → a findings report.

#include <optional>
#include <string>
#include <vector>

#include "core/app/rule_selection.hpp"
#include "core/model/build.hpp"
#include "core/report/finding.hpp"
#include "core/values/strvals.hpp"

namespace detgw::app {

enum class InputFormat { Auto, Values, Master, Devcluster };
std::optional<InputFormat> parse_input_format(const std::string& name);

struct LintOptions {
  std::optional<std::string> chart;       // a chart directory whose values.yaml is the base
  std::vector<std::string> values_files;  // -f, in order; "-" is standard input
  std::vector<values::SetFlag> set_flags;
  InputFormat input_format = InputFormat::Auto;
  std::size_t max_listeners = 64;
  bool strict = false;
  RuleSelection selection;
  model::EnvLookup env;  // for devcluster $VAR expansion
};

struct CommandResult {
  report::Report report;
  std::vector<Error> errors;       // what stopped part of the run (unreadable input, bad flags)
  std::vector<std::string> notes;  // for stderr: the shape chosen, skipped inputs
  int exit_code = 0;
};

CommandResult lint(const LintOptions& options);

}  // namespace detgw::app
