#include <yaml-cpp/yaml.h>

#include <boost/test/unit_test.hpp>

#include "core/report/format.hpp"
#include "tests/report/sample_report.hpp"

using namespace detgw::report;

namespace {

void check_finding(const YAML::Node& y, const Finding& f, const std::string& message) {
  BOOST_REQUIRE(y.IsMap());
  BOOST_TEST(y.size() == 10u);
  BOOST_TEST(y["code"].as<std::string>() == f.code);
  BOOST_TEST(y["severity"].as<std::string>() == std::string(to_string(f.severity)));
  BOOST_TEST(y["message"].as<std::string>() == message);
  BOOST_TEST(y["hint"].as<std::string>() == f.hint);
  BOOST_TEST(y["path"].as<std::string>() == f.path);
  BOOST_TEST(y["pointer"].as<std::string>() == f.pointer);
  BOOST_TEST(y["file"].as<std::string>() == f.location.file);
  BOOST_TEST(y["line"].as<int>() == f.location.line);
  BOOST_TEST(y["column"].as<int>() == f.location.column);
  BOOST_TEST(y["rm"].as<std::string>() == f.rm);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(report_yaml)

BOOST_AUTO_TEST_CASE(round_trips_every_field_through_yaml_cpp) {
  const auto out = format_report(test::sample_report(), Format::Yaml, test::options());
  YAML::Node doc;
  BOOST_REQUIRE_NO_THROW(doc = YAML::Load(out));
  BOOST_REQUIRE(doc.IsMap());
  BOOST_TEST(doc.size() == 6u);
  BOOST_TEST(doc["tool"].as<std::string>() == "helm multirm lint");
  BOOST_TEST(doc["version"].as<std::string>() == "0.1.0");
  BOOST_REQUIRE_EQUAL(doc["inputs"].size(), 2u);
  BOOST_TEST(doc["inputs"][0]["file"].as<std::string>() == "values.yaml");
  BOOST_TEST(doc["inputs"][1]["shape"].as<std::string>() == "master");

  const auto findings = doc["findings"];
  BOOST_REQUIRE(findings.IsSequence());
  BOOST_REQUIRE_EQUAL(findings.size(), 4u);
  check_finding(findings[0], test::finding_c(), test::finding_c().message);
  check_finding(findings[1], test::finding_d(), test::kBrokenMessageRepaired);
  check_finding(findings[2], test::finding_b(), test::finding_b().message);
  check_finding(findings[3], test::finding_a(), test::kNastyMessage);

  BOOST_TEST(doc["summary"]["errors"].as<int>() == 2);
  BOOST_TEST(doc["summary"]["warnings"].as<int>() == 1);
  BOOST_TEST(doc["summary"]["infos"].as<int>() == 1);
}

BOOST_AUTO_TEST_CASE(strings_are_double_quoted_with_escapes) {
  const auto out = format_report(test::sample_report(), Format::Yaml, test::options());
  BOOST_TEST(out.find("\n    message: \"missing \\\"cluster_name\\\" \\\\ in 'east'\\nsecond "
                      "line\\r\\nthird: 100% sure") != std::string::npos);
  BOOST_TEST(out.find("\\x1B[31mred\\x01\\x7F end\"\n") != std::string::npos);
  BOOST_TEST(out.find("\\0 (nul)\"\n") != std::string::npos);
  BOOST_TEST(out.find("\n    line: 12\n") != std::string::npos);
  BOOST_TEST(out.find('\x1b') == std::string::npos);
  BOOST_TEST(out.find('\r') == std::string::npos);
}

BOOST_AUTO_TEST_CASE(strings_that_look_like_yaml_stay_strings) {
  auto report = test::clean_report();
  auto f = test::finding_b();
  f.message = "- item";
  f.hint = "null";
  f.path = "true";
  f.pointer = "";
  f.rm = "0x1F";
  f.code = "key: value";
  report.findings = {f};
  report.tool = "# not a comment";
  report.inputs = {{"&a", "*a"}};
  const auto doc = YAML::Load(format_report(report, Format::Yaml, test::options()));
  BOOST_TEST(doc["tool"].as<std::string>() == "# not a comment");
  BOOST_TEST(doc["inputs"][0]["file"].as<std::string>() == "&a");
  BOOST_TEST(doc["inputs"][0]["shape"].as<std::string>() == "*a");
  const auto y = doc["findings"][0];
  BOOST_TEST(y["message"].as<std::string>() == "- item");
  BOOST_TEST(y["hint"].as<std::string>() == "null");
  BOOST_TEST(!y["hint"].IsNull());
  BOOST_TEST(y["path"].as<std::string>() == "true");
  BOOST_TEST(y["pointer"].as<std::string>() == "");
  BOOST_TEST(y["rm"].as<std::string>() == "0x1F");
  BOOST_TEST(y["code"].as<std::string>() == "key: value");
}

BOOST_AUTO_TEST_CASE(clean_report_has_empty_findings) {
  const auto doc = YAML::Load(format_report(test::clean_report(), Format::Yaml, test::options()));
  BOOST_TEST(doc["findings"].IsSequence());
  BOOST_TEST(doc["findings"].size() == 0u);
  BOOST_TEST(doc["summary"]["errors"].as<int>() == 0);
}

BOOST_AUTO_TEST_CASE(input_errors_are_listed_and_counted) {
  const auto y =
      YAML::Load(format_report(test::unreadable_report(), Format::Yaml, test::options()));
  const auto errors = y["input_errors"];
  BOOST_REQUIRE(errors.IsSequence());
  BOOST_REQUIRE_EQUAL(errors.size(), 3u);
  BOOST_TEST(errors[0].size() == 4u);
  BOOST_TEST(errors[0]["file"].as<std::string>() == "broken.yaml");
  BOOST_TEST(errors[0]["line"].as<int>() == 2);
  BOOST_TEST(errors[0]["column"].as<int>() == 1);
  BOOST_TEST(errors[2]["file"].as<std::string>() == "<stdin>");
  BOOST_TEST(errors[2]["message"].as<std::string>() == "NUL byte in input: not a text file");
  BOOST_TEST(y["summary"]["input_errors"].as<int>() == 3);

  const auto clean = YAML::Load(format_report(test::clean_report(), Format::Yaml, test::options()));
  BOOST_TEST(clean["input_errors"].IsSequence());
  BOOST_TEST(clean["input_errors"].size() == 0u);
  BOOST_TEST(clean["summary"]["input_errors"].as<int>() == 0);
}

BOOST_AUTO_TEST_SUITE_END()
