#pragma once
// Completion of rule codes for --disable, --enable and --suppress, in both plugins.

#include "cli/completion.hpp"

namespace detgw::cli {

// The codes a command reports: the live checks for `doctor`, the config rules otherwise.
std::vector<Candidate> rule_code_candidates(const CompletionContext& context);

// --disable/--enable complete to a code; --suppress to `CODE=` (the path follows, no space).
void add_rule_code_sources(Completer& completer);

}  // namespace detgw::cli
