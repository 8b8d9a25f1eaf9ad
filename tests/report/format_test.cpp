#include "core/report/format.hpp"

#include <boost/test/unit_test.hpp>

#include "tests/report/sample_report.hpp"

using namespace detgw::report;

BOOST_AUTO_TEST_SUITE(report_format)

BOOST_AUTO_TEST_CASE(parses_every_format_name_and_nothing_else) {
  BOOST_TEST((parse_format("text") == Format::Text));
  BOOST_TEST((parse_format("json") == Format::Json));
  BOOST_TEST((parse_format("yaml") == Format::Yaml));
  BOOST_TEST((parse_format("sarif") == Format::Sarif));
  BOOST_TEST((parse_format("junit") == Format::Junit));
  BOOST_TEST((parse_format("github") == Format::Github));
  BOOST_TEST(!parse_format("JSON").has_value());
  BOOST_TEST(!parse_format("").has_value());
  BOOST_TEST(!parse_format("wide").has_value());
  BOOST_TEST(!parse_format("json ").has_value());
}

BOOST_AUTO_TEST_CASE(format_names_round_trip) {
  for (auto f :
       {Format::Text, Format::Json, Format::Yaml, Format::Sarif, Format::Junit, Format::Github}) {
    BOOST_TEST((parse_format(to_string(f)) == f));
    BOOST_TEST(format_names().find(to_string(f)) != std::string_view::npos);
  }
}

BOOST_AUTO_TEST_CASE(format_report_dispatches_to_each_format) {
  const auto report = test::sample_report();
  const auto o = test::options();
  BOOST_TEST(format_report(report, Format::Text, o) == detail::format_text(report, o));
  BOOST_TEST(format_report(report, Format::Json, o) == detail::format_json(report, o));
  BOOST_TEST(format_report(report, Format::Yaml, o) == detail::format_yaml(report, o));
  BOOST_TEST(format_report(report, Format::Sarif, o) == detail::format_sarif(report, o));
  BOOST_TEST(format_report(report, Format::Junit, o) == detail::format_junit(report, o));
  BOOST_TEST(format_report(report, Format::Github, o) == detail::format_github(report, o));
  BOOST_TEST(format_report(report, Format::Json, o).starts_with("{"));
  BOOST_TEST(format_report(report, Format::Junit, o).starts_with("<?xml"));
}

BOOST_AUTO_TEST_CASE(every_format_prints_valid_utf8_from_invalid_input) {
  const auto report = test::sample_report();
  for (auto f :
       {Format::Text, Format::Json, Format::Yaml, Format::Sarif, Format::Junit, Format::Github}) {
    const auto out = format_report(report, f, test::options());
    BOOST_TEST_CONTEXT(to_string(f)) {
      BOOST_TEST(detail::valid_utf8(out) == out);
      BOOST_TEST(out.find("\xEF\xBF\xBD") != std::string::npos);  // the repaired bytes are visible
    }
  }
}

BOOST_AUTO_TEST_CASE(valid_utf8_replaces_every_invalid_sequence) {
  using detail::valid_utf8;
  const std::string ok = "plain é € 𝄞";
  BOOST_TEST(valid_utf8(ok) == ok);
  BOOST_TEST(valid_utf8("a\xff"
                        "b") ==
             "a\xEF\xBF\xBD"
             "b");
  BOOST_TEST(valid_utf8("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");                  // overlong '/'
  BOOST_TEST(valid_utf8("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  BOOST_TEST(valid_utf8("\xF4\x90\x80\x80").size() == 12u);                          // > U+10FFFF
  BOOST_TEST(valid_utf8("x\xE2\x82") == "x\xEF\xBF\xBD\xEF\xBF\xBD");                // truncated
}

BOOST_AUTO_TEST_CASE(location_text_omits_unknown_parts) {
  BOOST_TEST(detail::location_text({"values.yaml", 12, 5}) == "values.yaml:12:5");
  BOOST_TEST(detail::location_text({"values.yaml", 12, 0}) == "values.yaml:12");
  BOOST_TEST(detail::location_text({"values.yaml", 0, 0}) == "values.yaml");
  BOOST_TEST(detail::location_text({"", 3, 4}) == "");
  BOOST_TEST(detail::is_pseudo_file("<command line>"));
  BOOST_TEST(detail::is_pseudo_file("<chart defaults>"));
  BOOST_TEST(!detail::is_pseudo_file("values.yaml"));
  BOOST_TEST(!detail::is_pseudo_file("<"));
}

BOOST_AUTO_TEST_SUITE_END()
