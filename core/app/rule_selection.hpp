#pragma once
// --disable, --enable and --suppress, shared by every command that reports findings.

#include <optional>
#include <string>
#include <vector>

#include "core/report/finding.hpp"
#include "core/support/error.hpp"

namespace detgw::app {

struct RuleSelection {
  std::vector<std::string> disabled;
  std::vector<std::string> enabled;     // re-enables codes a --disable turned off
  std::vector<std::string> suppressed;  // CODE=PATH, or CODE=PATH.* for everything below PATH

  // Unknown codes or malformed suppressions; `known` lists every valid code.
  std::optional<Error> validate(const std::vector<std::string>& known) const;
  bool is_enabled(const std::string& code) const;
  bool is_suppressed(const report::Finding& finding) const;
};

}  // namespace detgw::app
