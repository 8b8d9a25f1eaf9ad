#pragma once
// Assertions shared by the MRM rule tests: a finding's severity, path, position and message,
// and "this input is clean".

#include <boost/test/unit_test.hpp>
#include <string>

#include "tests/rules/lint_fixture.hpp"

namespace detgw::test {

inline void expect_finding(const report::Finding& f, report::Severity severity,
                           const std::string& path, int line, int column,
                           const std::string& message_part) {
  BOOST_TEST(std::string(report::to_string(f.severity)) ==
             std::string(report::to_string(severity)));
  BOOST_TEST(f.path == path);
  BOOST_TEST(f.location.line == line);
  BOOST_TEST(f.location.column == column);
  BOOST_TEST(f.message.find(message_part) != std::string::npos,
             "message \"" << f.message << "\" lacks \"" << message_part << "\"");
}

// No finding at all, and exit 0.
inline void expect_clean(const LintRun& run) {
  std::string codes;
  for (const auto& f : run.result.report.findings)
    codes += f.code + " " + f.path + ": " + f.message + "\n";
  BOOST_TEST(codes.empty(), "unexpected findings:\n" << codes);
  BOOST_TEST(run.result.errors.empty());
  BOOST_TEST(run.result.exit_code == 0);
}

}  // namespace detgw::test
