#pragma once
// `kubectl detgw doctor`: every live check of the Gateway the master uses, each with its outcome,
// and findings in the lint report's shape. Reads only.

#include <string>

#include "core/app/lint.hpp"
#include "core/app/live_session.hpp"

namespace detgw::app {

struct DoctorOptions : LiveOptions {
  bool pre = false;       // also check the permissions the master's identity needs (LIV050)
  std::string as_master;  // ... of this subject instead of the caller's own identity
  bool strict = false;
  RuleSelection rules;  // --disable, --enable, --suppress
};

// Every live check code, in the order doctor shows them: for --disable and --suppress.
std::vector<std::string> live_check_codes();

CommandResult doctor(const DoctorOptions& options);

}  // namespace detgw::app
