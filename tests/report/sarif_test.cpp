#include <rapidjson/document.h>

#include <boost/test/unit_test.hpp>

#include "core/report/format.hpp"
#include "tests/common/test_support.hpp"
#include "tests/report/sample_report.hpp"

using namespace detgw::report;

namespace {

std::string str(const rapidjson::Value& v) {
  return std::string(v.GetString(), v.GetStringLength());
}

// Runs tests/report/validate_sarif.py (the official schema from scripts/test-requirements.txt).
detgw::test::RunResult validate(const std::string& sarif) {
  detgw::test::TempDir dir;
  const auto file = dir.write("report.sarif", sarif);
  const auto script = detgw::test::source_dir() / "tests" / "report" / "validate_sarif.py";
  auto result = detgw::test::run({"python3", script.string(), file.string()});
  BOOST_REQUIRE_MESSAGE(result.exit_code != 3, "SARIF validator unavailable: " << result.err);
  BOOST_REQUIRE_MESSAGE(result.exit_code != 127, "python3 not found");
  return result;
}

rapidjson::Document parse(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.c_str(), text.size());
  BOOST_REQUIRE_MESSAGE(!doc.HasParseError(), "SARIF does not parse: " << text);
  return doc;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(report_sarif)

BOOST_AUTO_TEST_CASE(validates_against_the_official_schema) {
  auto options = test::options();
  options.information_uri = "https://example.invalid/detgw";
  const auto out = format_report(test::sample_report(), Format::Sarif, options);
  const auto result = validate(out);
  BOOST_TEST(result.exit_code == 0, "schema errors:\n" << result.err << "\n" << out);
}

BOOST_AUTO_TEST_CASE(clean_report_validates_too) {
  const auto out = format_report(test::clean_report(), Format::Sarif, test::options());
  const auto result = validate(out);
  BOOST_TEST(result.exit_code == 0, "schema errors:\n" << result.err);
  const auto doc = parse(out);
  BOOST_TEST(doc["runs"][0]["results"].Size() == 0u);
  BOOST_TEST(doc["runs"][0]["tool"]["driver"]["rules"].Size() == 0u);
}

BOOST_AUTO_TEST_CASE(the_validator_rejects_invalid_sarif) {
  // Proves the schema check can fail: a level SARIF does not know, and a run without a tool.
  auto out = format_report(test::sample_report(), Format::Sarif, test::options());
  const auto pos = out.find("\"level\": \"note\"");
  BOOST_REQUIRE(pos != std::string::npos);
  out.replace(pos, 15, "\"level\": \"info\"");
  auto result = validate(out);
  BOOST_TEST(result.exit_code == 1);
  BOOST_TEST(result.err.find("'info' is not one of") != std::string::npos, result.err);
  result = validate(R"({"version": "2.1.0", "runs": [{"results": []}]})");
  BOOST_TEST(result.exit_code == 1);
  BOOST_TEST(result.err.find("'tool' is a required property") != std::string::npos, result.err);
}

BOOST_AUTO_TEST_CASE(describes_the_tool_and_one_rule_per_code) {
  auto options = test::options();
  options.information_uri = "https://example.invalid/detgw";
  options.rule_descriptions["MRM012"] = "Additional RM without cluster_name";
  const auto doc = parse(format_report(test::sample_report(), Format::Sarif, options));
  BOOST_TEST(str(doc["$schema"]) == "https://json.schemastore.org/sarif-2.1.0.json");
  BOOST_TEST(str(doc["version"]) == "2.1.0");
  BOOST_REQUIRE_EQUAL(doc["runs"].Size(), 1u);
  const auto& driver = doc["runs"][0]["tool"]["driver"];
  BOOST_TEST(str(driver["name"]) == "detgw");
  BOOST_TEST(str(driver["version"]) == "0.1.0");
  BOOST_TEST(str(driver["informationUri"]) == "https://example.invalid/detgw");
  const auto& rules = driver["rules"];
  BOOST_REQUIRE_EQUAL(rules.Size(), 4u);  // MRM015 appears once, MRM012 once, ...
  // First appearance in print order: ITG007, MRM015, HLM007, MRM012.
  BOOST_TEST(str(rules[0]["id"]) == "ITG007");
  BOOST_TEST(str(rules[3]["id"]) == "MRM012");
  BOOST_TEST(str(rules[3]["helpUri"]) == "docs/rules/MRM012.md");
  BOOST_TEST(str(rules[3]["shortDescription"]["text"]) == "Additional RM without cluster_name");
  // Without a description, the first message of the code describes it.
  BOOST_TEST(str(rules[2]["shortDescription"]["text"]) == test::finding_b().message);
  // ... its first line only.
  options.rule_descriptions.clear();
  const auto plain = parse(format_report(test::sample_report(), Format::Sarif, options));
  BOOST_TEST(str(plain["runs"][0]["tool"]["driver"]["rules"][3]["shortDescription"]["text"]) ==
             "missing \"cluster_name\" \\ in 'east'");
}

BOOST_AUTO_TEST_CASE(results_carry_level_location_and_properties) {
  const auto doc = parse(format_report(test::sample_report(), Format::Sarif, test::options()));
  const auto& results = doc["runs"][0]["results"];
  const auto& rules = doc["runs"][0]["tool"]["driver"]["rules"];
  BOOST_REQUIRE_EQUAL(results.Size(), 4u);
  for (const auto& r : results.GetArray()) {
    BOOST_TEST(str(rules[r["ruleIndex"].GetUint()]["id"]) == str(r["ruleId"]));
  }

  const auto& info = results[0];  // ITG007 on <command line>: a logical location only
  BOOST_TEST(str(info["level"]) == "note");
  BOOST_TEST(!info["locations"][0].HasMember("physicalLocation"));
  BOOST_TEST(str(info["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]) ==
             "resource_manager.internal_task_gateway");

  BOOST_TEST(str(results[1]["message"]["text"]) == test::kBrokenMessageRepaired);
  BOOST_TEST(str(results[2]["level"]) == "warning");

  const auto& error = results[3];  // MRM012 at values.yaml:12:5
  BOOST_TEST(str(error["ruleId"]) == "MRM012");
  BOOST_TEST(str(error["level"]) == "error");
  BOOST_TEST(str(error["message"]["text"]) == test::kNastyMessage + "\nhint: " + test::kNastyHint);
  const auto& physical = error["locations"][0]["physicalLocation"];
  BOOST_TEST(str(physical["artifactLocation"]["uri"]) == "values.yaml");
  BOOST_TEST(physical["region"]["startLine"].GetInt() == 12);
  BOOST_TEST(physical["region"]["startColumn"].GetInt() == 5);
  BOOST_TEST(str(error["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]) ==
             "additional_resource_managers[0].resource_manager");
  BOOST_TEST(str(error["properties"]["pointer"]) ==
             "/additional_resource_managers/0/resource_manager");
  BOOST_TEST(str(error["properties"]["rm"]) == "east");
}

BOOST_AUTO_TEST_CASE(file_uris_are_percent_encoded_and_regions_only_when_known) {
  auto report = test::clean_report();
  auto f = test::finding_b();
  f.location = {"charts/my values ü%.yaml", 4, 0};
  auto g = test::finding_b();
  g.location = {"/abs/values.yaml", 0, 0};
  report.findings = {f, g};
  const auto out = format_report(report, Format::Sarif, test::options());
  BOOST_TEST(validate(out).exit_code == 0);
  const auto doc = parse(out);
  const auto& abs = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
  BOOST_TEST(str(abs["artifactLocation"]["uri"]) == "file:///abs/values.yaml");
  BOOST_TEST(!abs.HasMember("region"));
  const auto& rel = doc["runs"][0]["results"][1]["locations"][0]["physicalLocation"];
  BOOST_TEST(str(rel["artifactLocation"]["uri"]) == "charts/my%20values%20%C3%BC%25.yaml");
  BOOST_TEST(rel["region"]["startLine"].GetInt() == 4);
  BOOST_TEST(!rel["region"].HasMember("startColumn"));
}

BOOST_AUTO_TEST_CASE(input_errors_make_the_invocation_unsuccessful) {
  const auto out = format_report(test::unreadable_report(), Format::Sarif, test::options());
  const auto result = validate(out);
  BOOST_TEST(result.exit_code == 0, "schema errors:\n" << result.err << "\n" << out);
  const auto doc = parse(out);
  const auto& invocation = doc["runs"][0]["invocations"][0];
  BOOST_TEST(invocation["executionSuccessful"].GetBool() == false);
  const auto& notes = invocation["toolExecutionNotifications"];
  BOOST_REQUIRE_EQUAL(notes.Size(), 3u);
  BOOST_TEST(str(notes[0]["level"]) == "error");
  BOOST_TEST(str(notes[0]["message"]["text"]) ==
             "broken.yaml:2:1: YAML syntax error: end of sequence flow not found");
  const auto& physical = notes[0]["locations"][0]["physicalLocation"];
  BOOST_TEST(str(physical["artifactLocation"]["uri"]) == "broken.yaml");
  BOOST_TEST(physical["region"]["startLine"].GetInt() == 2);
  BOOST_TEST(physical["region"]["startColumn"].GetInt() == 1);
  // A missing file: a location without a region. Standard input: no physical location.
  BOOST_TEST(!notes[1]["locations"][0]["physicalLocation"].HasMember("region"));
  BOOST_TEST(!notes[2].HasMember("locations"));
  BOOST_TEST(str(notes[2]["message"]["text"]) == "<stdin>:1:3: NUL byte in input: not a text file");
  BOOST_TEST(doc["runs"][0]["results"].Size() == 0u);
}

BOOST_AUTO_TEST_CASE(a_clean_run_is_a_successful_invocation) {
  const auto doc = parse(format_report(test::clean_report(), Format::Sarif, test::options()));
  const auto& invocation = doc["runs"][0]["invocations"][0];
  BOOST_TEST(invocation["executionSuccessful"].GetBool() == true);
  BOOST_TEST(!invocation.HasMember("toolExecutionNotifications"));
}

BOOST_AUTO_TEST_SUITE_END()
