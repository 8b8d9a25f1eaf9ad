#pragma once
// `helm multirm lint`: values, master or devcluster input → models → rules → a findings report.

#include <optional>
#include <string>
#include <vector>

#include "core/app/config_input.hpp"
#include "core/app/rule_selection.hpp"
#include "core/model/build.hpp"
#include "core/report/finding.hpp"
#include "core/values/strvals.hpp"

namespace detgw::app {

struct LintOptions : ConfigSources {
  std::size_t max_listeners = 64;
  bool strict = false;
  bool upgrade = false;
  bool chart_render = true;  // HLM012: render a CHART with helm template (--no-chart-render)  //
                             // the release exists: checks only a first install makes are skipped
  RuleSelection selection;
  // Codes --disable/--enable/--suppress may also name (the LIV codes of lint --live).
  std::vector<std::string> extra_codes;
};

struct CommandResult {
  report::Report report;
  std::vector<Error> errors;       // what stopped part of the run (unreadable input, bad flags)
  std::vector<std::string> notes;  // for stderr: skipped inputs, checks that could not run
  std::vector<std::string> info;   // for stderr with -v only: the shape chosen
  int exit_code = 0;
};

CommandResult lint(const LintOptions& options);

}  // namespace detgw::app
