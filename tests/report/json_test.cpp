#include <rapidjson/document.h>

#include <boost/test/unit_test.hpp>

#include "core/report/format.hpp"
#include "tests/report/sample_report.hpp"

using namespace detgw::report;

namespace {

std::string str(const rapidjson::Value& v) {
  return std::string(v.GetString(), v.GetStringLength());
}

rapidjson::Document parse(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.c_str(), text.size());
  BOOST_REQUIRE_MESSAGE(!doc.HasParseError(), "JSON does not parse: " << text);
  return doc;
}

void check_finding(const rapidjson::Value& j, const Finding& f, const std::string& message) {
  BOOST_REQUIRE(j.IsObject());
  BOOST_TEST(j.MemberCount() == 10u);
  BOOST_TEST(str(j["code"]) == f.code);
  BOOST_TEST(str(j["severity"]) == std::string(to_string(f.severity)));
  BOOST_TEST(str(j["message"]) == message);
  BOOST_TEST(str(j["hint"]) == f.hint);
  BOOST_TEST(str(j["path"]) == f.path);
  BOOST_TEST(str(j["pointer"]) == f.pointer);
  BOOST_TEST(str(j["file"]) == f.location.file);
  BOOST_TEST(j["line"].GetInt() == f.location.line);
  BOOST_TEST(j["column"].GetInt() == f.location.column);
  BOOST_TEST(str(j["rm"]) == f.rm);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(report_json)

BOOST_AUTO_TEST_CASE(round_trips_every_field_of_every_finding) {
  const auto out = format_report(test::sample_report(), Format::Json, test::options());
  const auto doc = parse(out);
  BOOST_TEST(doc.MemberCount() == 6u);
  BOOST_TEST(str(doc["tool"]) == "helm multirm lint");
  BOOST_TEST(str(doc["version"]) == "0.1.0");
  const auto& inputs = doc["inputs"];
  BOOST_REQUIRE_EQUAL(inputs.Size(), 2u);
  BOOST_TEST(str(inputs[0]["file"]) == "values.yaml");
  BOOST_TEST(str(inputs[0]["shape"]) == "values");
  BOOST_TEST(str(inputs[1]["file"]) == "master.yaml");
  BOOST_TEST(str(inputs[1]["shape"]) == "master");

  const auto& findings = doc["findings"];
  BOOST_REQUIRE_EQUAL(findings.Size(), 4u);
  check_finding(findings[0], test::finding_c(), test::finding_c().message);
  check_finding(findings[1], test::finding_d(), test::kBrokenMessageRepaired);
  check_finding(findings[2], test::finding_b(), test::finding_b().message);
  check_finding(findings[3], test::finding_a(), test::kNastyMessage);

  BOOST_TEST(doc["summary"]["errors"].GetInt() == 2);
  BOOST_TEST(doc["summary"]["warnings"].GetInt() == 1);
  BOOST_TEST(doc["summary"]["infos"].GetInt() == 1);
}

BOOST_AUTO_TEST_CASE(escapes_control_characters_and_ends_with_newline) {
  const auto out = format_report(test::sample_report(), Format::Json, test::options());
  BOOST_TEST(out.ends_with("}\n"));
  for (const char c : out) {
    const auto u = static_cast<unsigned char>(c);
    BOOST_TEST_CONTEXT("byte " << int(u)) { BOOST_TEST((u >= 0x20 || c == '\n')); }
  }
  BOOST_TEST(out.find("\\u001B[31mred\\u0001") != std::string::npos);
  BOOST_TEST(out.find("\\u0000 (nul)") != std::string::npos);
  BOOST_TEST(out.find("\\\"cluster_name\\\" \\\\ in") != std::string::npos);
  // Pretty printed: one key per line, two-space indent.
  BOOST_TEST(out.find("\n  \"tool\": \"helm multirm lint\",\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(clean_report_has_empty_findings_and_zero_summary) {
  const auto doc = parse(format_report(test::clean_report(), Format::Json, test::options()));
  BOOST_TEST(doc["findings"].IsArray());
  BOOST_TEST(doc["findings"].Size() == 0u);
  BOOST_TEST(doc["summary"]["errors"].GetInt() == 0);
  BOOST_TEST(doc["summary"]["warnings"].GetInt() == 0);
  BOOST_TEST(doc["summary"]["infos"].GetInt() == 0);
}

BOOST_AUTO_TEST_CASE(input_errors_are_listed_and_counted) {
  const auto doc = parse(format_report(test::unreadable_report(), Format::Json, test::options()));
  const auto& errors = doc["input_errors"];
  BOOST_REQUIRE(errors.IsArray());
  BOOST_REQUIRE_EQUAL(errors.Size(), 3u);
  BOOST_TEST(errors[0].MemberCount() == 4u);
  BOOST_TEST(str(errors[0]["file"]) == "broken.yaml");
  BOOST_TEST(errors[0]["line"].GetInt() == 2);
  BOOST_TEST(errors[0]["column"].GetInt() == 1);
  BOOST_TEST(str(errors[0]["message"]) == "YAML syntax error: end of sequence flow not found");
  BOOST_TEST(str(errors[1]["file"]) == "missing.yaml");
  BOOST_TEST(errors[1]["line"].GetInt() == 0);
  BOOST_TEST(doc["summary"]["input_errors"].GetInt() == 3);
  BOOST_TEST(doc["findings"].Size() == 0u);
}

BOOST_AUTO_TEST_CASE(a_clean_report_has_no_input_errors) {
  const auto doc = parse(format_report(test::clean_report(), Format::Json, test::options()));
  BOOST_TEST(doc["input_errors"].IsArray());
  BOOST_TEST(doc["input_errors"].Size() == 0u);
  BOOST_TEST(doc["summary"]["input_errors"].GetInt() == 0);
}

BOOST_AUTO_TEST_SUITE_END()
