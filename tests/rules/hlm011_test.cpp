// HLM011: the initial user password the 0.38.1 chart demands on a first install, and --upgrade.

#include <boost/test/unit_test.hpp>

#include "core/report/format.hpp"
#include "tests/rules/lint_fixture.hpp"

using detgw::report::Severity;
using detgw::test::expect_finding;
using detgw::test::lint_yaml;
using detgw::test::lint_yaml_install;

namespace {

// Values that lint clean except for the password (line 2 when given).
std::string values_with(const std::string& password_line) {
  return "maxSlotsPerPod: 1\n" + password_line;
}

detgw::app::CommandResult lint_with_set(const std::string& set_expression) {
  detgw::app::LintOptions options;
  options.set_flags.push_back({detgw::values::SetKind::Set, "maxSlotsPerPod=1", 1});
  options.set_flags.push_back({detgw::values::SetKind::Set, set_expression, 2});
  options.env = [](const std::string&) -> std::optional<std::string> { return std::nullopt; };
  return detgw::app::lint(options);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(rules_hlm011)

BOOST_AUTO_TEST_CASE(missing_password) {
  auto run = lint_yaml_install(values_with(""));
  auto f = run.one("HLM011");
  BOOST_TEST(f.path == "initialUserPassword");
  BOOST_TEST((f.severity == Severity::Error));
  BOOST_TEST(f.message.find("An initial password for admin and determined users is required!") !=
             std::string::npos);
  BOOST_TEST(run.result.exit_code == 1);
}

BOOST_AUTO_TEST_CASE(too_short) {
  auto run = lint_yaml_install(values_with("initialUserPassword: Abcdef1\n"));
  expect_finding(run.one("HLM011"), Severity::Error, "initialUserPassword", 2, 22,
                 "initialUserPassword must have at least 8 characters");
}

BOOST_AUTO_TEST_CASE(no_upper_case_letter) {
  auto run = lint_yaml_install(values_with("initialUserPassword: abcdefg1\n"));
  expect_finding(run.one("HLM011"), Severity::Error, "initialUserPassword", 2, 22,
                 "initialUserPassword must include an uppercase letter");
}

BOOST_AUTO_TEST_CASE(no_lower_case_letter) {
  auto run = lint_yaml_install(values_with("initialUserPassword: ABCDEFG1\n"));
  expect_finding(run.one("HLM011"), Severity::Error, "initialUserPassword", 2, 22,
                 "initialUserPassword must include a lowercase letter");
}

BOOST_AUTO_TEST_CASE(no_digit) {
  auto run = lint_yaml_install(values_with("initialUserPassword: Abcdefgh\n"));
  expect_finding(run.one("HLM011"), Severity::Error, "initialUserPassword", 2, 22,
                 "initialUserPassword must include a number");
}

BOOST_AUTO_TEST_CASE(non_ascii_letters_do_not_count_but_bytes_do) {
  // Go's len counts bytes: "Äbcdef1" is 8 bytes; [A-Z] does not match Ä.
  auto run =
      lint_yaml_install(values_with("initialUserPassword: \"\xc3\x84"
                                    "bcdef1\"\n"));
  BOOST_TEST(run.one("HLM011").message.find("must include an uppercase letter") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_number_is_not_a_password) {
  auto run = lint_yaml_install(values_with("initialUserPassword: 12345678\n"));
  expect_finding(run.one("HLM011"), Severity::Error, "initialUserPassword", 2, 22,
                 "is not a string");
}

BOOST_AUTO_TEST_CASE(deprecated_default_password_is_read) {
  auto weak = lint_yaml_install(values_with("defaultPassword: short\n"));
  expect_finding(weak.one("HLM011"), Severity::Error, "defaultPassword", 2, 18,
                 "defaultPassword (deprecated");
  BOOST_TEST(!lint_yaml_install(values_with("defaultPassword: Abcdefg1\n")).has("HLM011"));
  // coalesce skips an empty initialUserPassword.
  BOOST_TEST(
      !lint_yaml_install(values_with("initialUserPassword: \"\"\ndefaultPassword: Abcdefg1\n"))
           .has("HLM011"));
  // initialUserPassword wins over defaultPassword.
  auto both =
      lint_yaml_install(values_with("initialUserPassword: weak\ndefaultPassword: Abcdefg1\n"));
  BOOST_TEST(both.one("HLM011").path == "initialUserPassword");
}

BOOST_AUTO_TEST_CASE(upgrade_skips_it) {
  // lint_yaml lints as --upgrade.
  auto run = lint_yaml(values_with(""));
  BOOST_TEST(!run.has("HLM011"));
  BOOST_TEST(run.result.exit_code == 0);
  BOOST_TEST(!lint_yaml(values_with("initialUserPassword: x\n")).has("HLM011"));
}

BOOST_AUTO_TEST_CASE(a_good_password) {
  auto run = lint_yaml_install(values_with("initialUserPassword: Abcdefg1\n"));
  detgw::test::expect_clean(run);
}

BOOST_AUTO_TEST_CASE(a_password_from_set) {
  auto good = lint_with_set("initialUserPassword=Abcdefg1");
  BOOST_TEST(good.report.findings.empty());
  BOOST_TEST(good.exit_code == 0);
  auto weak = lint_with_set("initialUserPassword=abcdefg1");
  BOOST_REQUIRE_EQUAL(weak.report.findings.size(), 1u);
  BOOST_TEST(weak.report.findings[0].code == "HLM011");
  BOOST_TEST(weak.report.findings[0].location.file == "<command line>");
}

BOOST_AUTO_TEST_CASE(master_input_has_no_hlm011) {
  auto run = lint_yaml_install(detgw::test::kMasterRoot);
  BOOST_TEST(!run.has("HLM011"));
}

BOOST_AUTO_TEST_CASE(no_output_format_shows_the_password) {
  for (const std::string password :
       {"Sh0rt", "n0-upper-case-here", "NO-LOWER-CASE-H3RE", "No-digit-anywhere-here"}) {
    auto run = lint_yaml_install(values_with("initialUserPassword: " + password + "\n"));
    BOOST_TEST_CONTEXT(password) {
      BOOST_REQUIRE(run.has("HLM011"));
      for (auto format : {detgw::report::Format::Text, detgw::report::Format::Json,
                          detgw::report::Format::Yaml, detgw::report::Format::Sarif,
                          detgw::report::Format::Junit, detgw::report::Format::Github}) {
        detgw::report::FormatOptions options;
        options.version = "test";
        const std::string out = detgw::report::format_report(run.result.report, format, options);
        BOOST_TEST_CONTEXT(detgw::report::to_string(format)) {
          BOOST_TEST(out.find("HLM011") != std::string::npos);
          BOOST_TEST(out.find(password) == std::string::npos);
        }
      }
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
