#pragma once
// Lints YAML text written in a test and finds findings by code, so each rule test states its
// input, the code, the message and the position it expects.

#include <string>
#include <vector>

#include "core/app/lint.hpp"
#include "tests/common/test_support.hpp"

namespace detgw::test {

struct LintRun {
  app::CommandResult result;
  std::string file;  // the path the input was written to

  std::vector<report::Finding> with_code(const std::string& code) const;
  bool has(const std::string& code) const { return !with_code(code).empty(); }
  // The only finding with `code`; fails the test if there is not exactly one.
  report::Finding one(const std::string& code) const;
};

// Writes `yaml` to a temporary file and lints it with `format` ("auto", "values", "master",
// "devcluster"). `env` answers devcluster variable lookups (unset when absent).
LintRun lint_yaml(const std::string& yaml, const std::string& format = "auto",
                  std::vector<std::pair<std::string, std::string>> env = {},
                  std::size_t max_listeners = 64);

}  // namespace detgw::test
