#include <boost/test/unit_test.hpp>

#include "core/report/format.hpp"
#include "tests/report/sample_report.hpp"

using namespace detgw::report;

namespace {

std::string text(const Report& report, bool color = false) {
  return format_report(report, Format::Text, test::options(color));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(report_text)

BOOST_AUTO_TEST_CASE(states_success_with_the_subject_summary) {
  BOOST_TEST(text(test::clean_report()) ==
             "✔ no problems found in values.yaml (3 resource managers, 5 pools, 2 gateways)\n");
}

BOOST_AUTO_TEST_CASE(success_line_joins_inputs_and_omits_empty_parenthesis) {
  auto report = test::clean_report();
  report.inputs.push_back({"master.yaml", "master"});
  report.subject_summary.clear();
  BOOST_TEST(text(report) == "✔ no problems found in values.yaml, master.yaml\n");
  report.inputs.clear();
  BOOST_TEST(text(report) == "✔ no problems found\n");
}

BOOST_AUTO_TEST_CASE(an_unreadable_input_is_never_a_success) {
  const auto out = text(test::unreadable_report());
  BOOST_TEST(out.find("✔") == std::string::npos, out);
  BOOST_TEST(out ==
             "✖ could not read broken.yaml:2:1: YAML syntax error: end of sequence flow not found\n"
             "✖ could not read missing.yaml: cannot read file: No such file or directory\n"
             "✖ could not read <stdin>:1:3: NUL byte in input: not a text file\n");
}

BOOST_AUTO_TEST_CASE(a_checks_report_with_an_input_error_never_says_all_passed) {
  auto report = test::unreadable_report();
  report.checks.push_back({"Gateway", "Gateway is programmed", "LIV020", CheckOutcome::Passed, {}});
  const auto out = text(report);
  BOOST_TEST(out.find("all checks passed") == std::string::npos, out);
  BOOST_TEST(out.find("✖ could not read broken.yaml:2:1: YAML syntax error") == 0u, out);
  BOOST_TEST(out.find("× 3 input errors, 0 errors, 0 warnings") != std::string::npos, out);
}

BOOST_AUTO_TEST_CASE(success_line_is_green_only_with_color) {
  BOOST_TEST(text(test::clean_report(), true).starts_with("\x1b[32m✔\x1b[0m no problems found"));
}

BOOST_AUTO_TEST_CASE(prints_findings_grouped_by_file_in_line_order) {
  const auto out = text(test::sample_report());
  const auto c = out.find("<command line>:2: info ITG007: port range");
  const auto d = out.find("master.yaml:7:3: error MRM015: pool \"gpu");
  const auto b = out.find("values.yaml:3:1: warning HLM007: unknown top-level key");
  const auto a = out.find("values.yaml:12:5: error MRM012: missing \"cluster_name\"");
  BOOST_REQUIRE(c != std::string::npos);
  BOOST_REQUIRE(d != std::string::npos);
  BOOST_REQUIRE(b != std::string::npos);
  BOOST_REQUIRE(a != std::string::npos);
  BOOST_TEST(c < d);
  BOOST_TEST(d < b);
  BOOST_TEST(b < a);
  // A blank line between files, none between two findings of the same file.
  BOOST_TEST(out.find("\n\nmaster.yaml:7:3:") != std::string::npos);
  BOOST_TEST(out.find("\n\nvalues.yaml:3:1:") != std::string::npos);
  BOOST_TEST(out.find("\n\nvalues.yaml:12:5:") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(prints_hint_path_and_doc_page_indented) {
  const auto out = text(test::sample_report());
  BOOST_TEST(out.find("\n    hint: did you mean additional_resource_managers?\n"
                      "    path: addtional_resource_manager\n"
                      "    see docs/rules/HLM007.md\n") != std::string::npos);
  // No empty hint line for a finding without a hint.
  BOOST_TEST(out.find("hint: \n") == std::string::npos);
  BOOST_TEST(out.find("    see docs/rules/ITG007.md\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(closing_summary_counts_every_severity) {
  const auto out = text(test::sample_report());
  BOOST_TEST(out.ends_with("\n\n✖ 2 errors, 1 warning, 1 info in values.yaml, master.yaml\n"));
}

BOOST_AUTO_TEST_CASE(summary_mark_follows_the_worst_severity) {
  auto report = test::clean_report();
  report.findings = {test::finding_b(), test::finding_c()};
  BOOST_TEST(text(report).ends_with("\n‼ 0 errors, 1 warning, 1 info in values.yaml\n"));
  report.findings = {test::finding_c()};
  BOOST_TEST(text(report).ends_with("\n✔ 0 errors, 0 warnings, 1 info in values.yaml\n"));
  BOOST_TEST(text(report, true)
                 .ends_with("\n\x1b[32m✔\x1b[0m 0 errors, 0 warnings, 1 info in "
                            "values.yaml\n"));
}

BOOST_AUTO_TEST_CASE(no_escape_bytes_without_color_even_from_input) {
  const auto out = text(test::sample_report(), false);
  BOOST_TEST(out.find('\x1b') == std::string::npos);
  BOOST_TEST(out.find('\x01') == std::string::npos);
  BOOST_TEST(out.find('\r') == std::string::npos);
  BOOST_TEST(out.find('\0') == std::string::npos);
  // Control characters from the input are shown, not obeyed.
  BOOST_TEST(out.find("\\x1B[31mred\\x01\\x7F end") != std::string::npos);
  BOOST_TEST(out.find("(nul)") != std::string::npos);
  BOOST_TEST(out.find("\\x00 (nul)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(continuation_lines_of_a_message_are_indented) {
  const auto out = text(test::sample_report());
  BOOST_TEST(out.find("in 'east'\n    second line\\x0D\n    third: 100% sure") !=
             std::string::npos);
  BOOST_TEST(out.find("— ünïcødé ✓ 日本\ttab") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(colors_severities_and_bolds_codes_with_color) {
  const auto out = text(test::sample_report(), true);
  BOOST_TEST(out.find("values.yaml:12:5: \x1b[31merror\x1b[0m \x1b[1mMRM012\x1b[0m: missing") !=
             std::string::npos);
  BOOST_TEST(out.find("\x1b[33mwarning\x1b[0m \x1b[1mHLM007\x1b[0m") != std::string::npos);
  BOOST_TEST(out.find("\x1b[36minfo\x1b[0m \x1b[1mITG007\x1b[0m") != std::string::npos);
  BOOST_TEST(out.find("\x1b[31m✖\x1b[0m 2 errors") != std::string::npos);
  // The input's own ESC stays escaped with colour on, too.
  BOOST_TEST(out.find("\x1b[31mred") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
