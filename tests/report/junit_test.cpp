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

// Parses the XML with Python's minidom (a real, strict XML parser) and returns what it read:
// {"suite", "tests", "failures", "cases": [{"classname", "name", "failure": {"type", "message",
// "text"} | null, "out"}]}.
rapidjson::Document read_junit(const std::string& xml) {
  static const char* kReader = R"(
import json, sys, xml.dom.minidom
doc = xml.dom.minidom.parse(sys.argv[1])
suite = doc.getElementsByTagName("testsuite")[0]
def text(node):
    return "".join(c.data for c in node.childNodes if c.nodeType == c.TEXT_NODE)
cases = []
for case in suite.getElementsByTagName("testcase"):
    failures = case.getElementsByTagName("failure")
    outs = case.getElementsByTagName("system-out")
    errors = case.getElementsByTagName("error")
    cases.append({"classname": case.getAttribute("classname"), "name": case.getAttribute("name"),
                  "failure": {"type": failures[0].getAttribute("type"),
                              "message": failures[0].getAttribute("message"),
                              "text": text(failures[0])} if failures else None,
                  "error": {"type": errors[0].getAttribute("type"),
                            "message": errors[0].getAttribute("message"),
                            "text": text(errors[0])} if errors else None,
                  "out": text(outs[0]) if outs else ""})
print(json.dumps({"root": doc.documentElement.tagName, "suite": suite.getAttribute("name"),
                  "tests": suite.getAttribute("tests"), "failures": suite.getAttribute("failures"),
                  "errors": suite.getAttribute("errors"),
                  "cases": cases}))
)";
  detgw::test::TempDir dir;
  const auto file = dir.write("report.xml", xml);
  const auto reader = dir.write("read.py", kReader);
  const auto result = detgw::test::run({"python3", reader.string(), file.string()});
  BOOST_REQUIRE_MESSAGE(result.exit_code == 0, "XML is not well-formed: " << result.err << xml);
  rapidjson::Document doc;
  doc.Parse(result.out.c_str(), result.out.size());
  BOOST_REQUIRE(!doc.HasParseError());
  return doc;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(report_junit)

BOOST_AUTO_TEST_CASE(well_formed_with_one_testcase_per_finding) {
  const auto xml = format_report(test::sample_report(), Format::Junit, test::options());
  BOOST_TEST(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites"));
  const auto doc = read_junit(xml);
  BOOST_TEST(str(doc["root"]) == "testsuites");
  BOOST_TEST(str(doc["suite"]) == "helm multirm lint");
  BOOST_TEST(str(doc["tests"]) == "4");
  BOOST_TEST(str(doc["failures"]) == "3");
  const auto& cases = doc["cases"];
  BOOST_REQUIRE_EQUAL(cases.Size(), 4u);
  int failures = 0;
  for (const auto& c : cases.GetArray()) failures += c["failure"].IsNull() ? 0 : 1;
  BOOST_TEST(failures == 3);

  // The info passes and says what it found.
  BOOST_TEST(str(cases[0]["classname"]) == "ITG007");
  BOOST_TEST(str(cases[0]["name"]) == "resource_manager.internal_task_gateway");
  BOOST_TEST(cases[0]["failure"].IsNull());
  BOOST_TEST(str(cases[0]["out"]).find("<command line>:2: info ITG007: port range") == 0u);

  BOOST_TEST(str(cases[2]["failure"]["type"]) == "warning");
  BOOST_TEST(str(cases[1]["failure"]["type"]) == "error");
}

BOOST_AUTO_TEST_CASE(escapes_attributes_and_text_and_drops_what_xml_cannot_carry) {
  const auto doc = read_junit(format_report(test::sample_report(), Format::Junit, test::options()));
  const auto& error = doc["cases"][3];
  BOOST_TEST(str(error["classname"]) == "MRM012");
  BOOST_TEST(str(error["name"]) == "additional_resource_managers[0].resource_manager");
  // Everything survives the attribute round trip but ESC, \x01 (not XML characters: U+FFFD).
  std::string expected = test::kNastyMessage;
  expected.replace(expected.find('\x1b'), 1, "\xEF\xBF\xBD");
  expected.replace(expected.find('\x01'), 1, "\xEF\xBF\xBD");
  BOOST_TEST(str(error["failure"]["message"]) == expected);
  const auto text = str(error["failure"]["text"]);
  BOOST_TEST(text.find("values.yaml:12:5: error MRM012: missing \"cluster_name\"") == 0u);
  BOOST_TEST(text.find("<b>&amp; ") != std::string::npos);
  BOOST_TEST(text.find("hint: " + test::kNastyHint + "\n") != std::string::npos);
  BOOST_TEST(text.find("see docs/rules/MRM012.md") != std::string::npos);
  BOOST_TEST(str(doc["cases"][1]["failure"]["message"]) ==
             "pool \"gpu\xEF\xBF\xBD\" used twice \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD (nul)");
}

BOOST_AUTO_TEST_CASE(testcase_named_by_location_without_a_path) {
  auto report = test::clean_report();
  auto f = test::finding_b();
  f.path.clear();
  report.findings = {f};
  const auto doc = read_junit(format_report(report, Format::Junit, test::options()));
  BOOST_TEST(str(doc["cases"][0]["name"]) == "values.yaml:3:1");
}

BOOST_AUTO_TEST_CASE(clean_report_is_one_passing_testcase) {
  const auto doc = read_junit(format_report(test::clean_report(), Format::Junit, test::options()));
  BOOST_TEST(str(doc["tests"]) == "1");
  BOOST_TEST(str(doc["failures"]) == "0");
  BOOST_REQUIRE_EQUAL(doc["cases"].Size(), 1u);
  BOOST_TEST(str(doc["cases"][0]["name"]) == "lint");
  BOOST_TEST(doc["cases"][0]["failure"].IsNull());
  BOOST_TEST(str(doc["cases"][0]["out"]) ==
             "no problems found in values.yaml (3 resource managers, 5 pools, 2 gateways)");
}

BOOST_AUTO_TEST_CASE(an_input_error_is_an_error_testcase_and_nothing_passes) {
  const auto xml = format_report(test::unreadable_report(), Format::Junit, test::options());
  const auto doc = read_junit(xml);
  BOOST_TEST(str(doc["tests"]) == "3");
  BOOST_TEST(str(doc["errors"]) == "3");
  BOOST_TEST(str(doc["failures"]) == "0");
  const auto& cases = doc["cases"];
  BOOST_REQUIRE_EQUAL(cases.Size(), 3u);
  BOOST_TEST(str(cases[0]["classname"]) == "input");
  BOOST_TEST(str(cases[0]["name"]) == "broken.yaml:2:1");
  BOOST_REQUIRE(cases[0]["error"].IsObject());
  BOOST_TEST(str(cases[0]["error"]["message"]) ==
             "YAML syntax error: end of sequence flow not found");
  BOOST_TEST(str(cases[0]["error"]["text"]).find("broken.yaml:2:1: YAML syntax error") == 0u);
  BOOST_TEST(str(cases[2]["name"]) == "<stdin>:1:3");
  BOOST_TEST(xml.find("no problems found") == std::string::npos, xml);

  const auto clean =
      read_junit(format_report(test::clean_report(), Format::Junit, test::options()));
  BOOST_TEST(str(clean["errors"]) == "0");
  BOOST_TEST(clean["cases"][0]["error"].IsNull());
}

BOOST_AUTO_TEST_SUITE_END()
