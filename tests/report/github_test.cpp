#include <boost/test/unit_test.hpp>

#include "core/report/format.hpp"
#include "tests/report/sample_report.hpp"

using namespace detgw::report;

namespace {

std::string github(const Report& report) {
  return format_report(report, Format::Github, test::options());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(report_github)

BOOST_AUTO_TEST_CASE(one_annotation_per_finding_by_severity) {
  auto report = test::clean_report();
  auto error = test::finding_b();
  error.severity = Severity::Error;
  error.hint.clear();
  error.path.clear();
  auto info = test::finding_b();
  info.severity = Severity::Info;
  info.location = {"values.yaml", 0, 0};
  info.hint.clear();
  info.path.clear();
  auto warning = test::finding_b();
  warning.location = {"values.yaml", 9, 0};
  warning.hint.clear();
  warning.path.clear();
  report.findings = {error, warning, info};
  BOOST_TEST(github(report) ==
             "::notice file=values.yaml,title=HLM007::unknown top-level key "
             "\"addtional_resource_manager\"\n"
             "::error file=values.yaml,line=3,col=1,title=HLM007::unknown top-level key "
             "\"addtional_resource_manager\"\n"
             "::warning file=values.yaml,line=9,title=HLM007::unknown top-level key "
             "\"addtional_resource_manager\"\n");
}

BOOST_AUTO_TEST_CASE(escapes_properties_and_data_as_the_runner_unescapes_them) {
  auto report = test::clean_report();
  Finding f;
  f.code = "MRM012";
  f.severity = Severity::Error;
  f.message = "50% of \"pools\"\r\nuse :: here, ok";
  f.hint = "a,b:c%";
  f.location = {"dir,a:b/values%.yaml", 12, 5};
  report.findings = {f};
  BOOST_TEST(github(report) ==
             "::error file=dir%2Ca%3Ab/values%25.yaml,line=12,col=5,title=MRM012::"
             "50%25 of \"pools\"%0D%0Ause :: here, ok%0Ahint: a,b:c%25\n");
}

BOOST_AUTO_TEST_CASE(sample_report_is_one_line_per_finding) {
  const auto out = github(test::sample_report());
  std::size_t lines = 0;
  for (const char c : out) lines += c == '\n' ? 1 : 0;
  BOOST_TEST(lines == 4u);
  BOOST_TEST(out.find('\r') == std::string::npos);
  // Control characters without a runner escape are replaced, not passed to the log.
  BOOST_TEST(out.find('\x1b') == std::string::npos);
  BOOST_TEST(out.find('\0') == std::string::npos);
  BOOST_TEST(out.find('\x7f') == std::string::npos);
  BOOST_TEST(out.find("\ttab \xEF\xBF\xBD[31mred\xEF\xBF\xBD\xEF\xBF\xBD end%0Ahint") !=
             std::string::npos);
  // A pseudo-file has no place in the repository: no file, line or col.
  BOOST_TEST(
      out.starts_with("::notice title=ITG007::port range 32768-65535 is larger than the "
                      "listener cap 64%0Apath: resource_manager.internal_task_gateway\n"));
  BOOST_TEST(
      out.find("::error file=values.yaml,line=12,col=5,title=MRM012::missing \"cluster_name\" "
               "\\ in 'east'%0Asecond line%0D%0Athird: 100%25 sure :: a,b <b>&amp; ") !=
      std::string::npos);
  BOOST_TEST(out.find("%0Ahint: add `cluster_name: \"east\"` (see ::docs, 50%25)%0Apath: "
                      "additional_resource_managers[0].resource_manager\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(clean_report_prints_no_annotation) {
  BOOST_TEST(github(test::clean_report()).empty());
}

BOOST_AUTO_TEST_CASE(an_input_error_is_an_error_annotation) {
  BOOST_TEST(github(test::unreadable_report()) ==
             "::error file=broken.yaml,line=2,col=1,title=input error::broken.yaml:2:1: YAML "
             "syntax error: end of sequence flow not found\n"
             "::error file=missing.yaml,title=input error::missing.yaml: cannot read file: No such "
             "file or directory\n"
             "::error title=input error::<stdin>:1:3: NUL byte in input: not a text file\n");
  BOOST_TEST(github(test::clean_report()).empty());
}

BOOST_AUTO_TEST_SUITE_END()
