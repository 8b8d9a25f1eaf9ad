#pragma once
// SPEC §3: one exit code for every format. 2 usage > 3 input > 4 cluster > 1 findings > 0.

#include <optional>
#include <vector>

#include "core/report/finding.hpp"
#include "core/support/error.hpp"

namespace detgw::app {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFindings = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitInput = 3;
inline constexpr int kExitCluster = 4;

int exit_code_for(const std::vector<report::Finding>& findings, report::Severity fail_level,
                  const std::vector<Error>& errors);

// Records in `report` the inputs `errors` says could not be read, so no format calls the run
// a success.
void note_input_errors(report::Report& report, const std::vector<Error>& errors);

}  // namespace detgw::app
