#include "core/app/exit_code.hpp"

#include <algorithm>

namespace detgw::app {
namespace {

int rank(int code) {
  switch (code) {
    case kExitUsage:
      return 4;
    case kExitInput:
      return 3;
    case kExitCluster:
      return 2;
    case kExitFindings:
      return 1;
    default:
      return 0;
  }
}

int code_for(const Error& error) {
  switch (error.kind) {
    case ErrorKind::Usage:
      return kExitUsage;
    case ErrorKind::Cluster:
      return kExitCluster;
    case ErrorKind::Input:
    case ErrorKind::Internal:
      return kExitInput;
  }
  return kExitInput;
}

}  // namespace

int exit_code_for(const std::vector<report::Finding>& findings, report::Severity fail_level,
                  const std::vector<Error>& errors) {
  int code = kExitOk;
  auto raise = [&](int candidate) {
    if (rank(candidate) > rank(code)) code = candidate;
  };
  for (const auto& f : findings)
    if (f.severity >= fail_level) raise(kExitFindings);
  for (const auto& e : errors) raise(code_for(e));
  return code;
}

void note_input_errors(report::Report& report, const std::vector<Error>& errors) {
  for (const auto& e : errors)
    if (e.kind == ErrorKind::Input) report.input_errors.push_back({e.where, e.message});
}

}  // namespace detgw::app
