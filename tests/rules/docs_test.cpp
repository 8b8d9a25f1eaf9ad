// Every rule has its page in docs/rules/, and the page's examples do what the page says: the
// failing example triggers the code, the fixed one does not.
#include <boost/test/unit_test.hpp>

#include "core/rules/rule.hpp"
#include "tests/common/test_support.hpp"
#include "tests/rules/lint_fixture.hpp"

using detgw::test::yaml_block_after;

BOOST_AUTO_TEST_SUITE(rule_docs)

BOOST_AUTO_TEST_CASE(every_rule_has_a_page_whose_examples_hold) {
  const auto docs = detgw::test::source_dir() / "docs" / "rules";
  const auto rules = detgw::rules::all_rules();
  BOOST_REQUIRE_EQUAL(rules.size(), 44u);  // 23 MRM, 9 ITG, 12 HLM
  for (const auto& rule : rules) {
    const std::string code(rule.code);
    BOOST_TEST_CONTEXT(code) {
      const std::string page = detgw::test::read_file_text(docs / (code + ".md"));
      BOOST_REQUIRE_MESSAGE(!page.empty(), "docs/rules/" + code + ".md is missing");
      BOOST_TEST(page.rfind("# " + code, 0) == 0);
      // HLM012 needs a chart and helm: tests/render/chart_render_test.cpp checks its page.
      if (code == "HLM012") continue;
      const std::string failing = yaml_block_after(page, "## Failing example");
      const std::string fixed = yaml_block_after(page, "## Fixed example");
      BOOST_REQUIRE(!failing.empty());
      BOOST_REQUIRE(!fixed.empty());
      BOOST_TEST(detgw::test::lint_yaml_install(failing).has(code),
                 "the failing example does not trigger");
      BOOST_TEST(!detgw::test::lint_yaml_install(fixed).has(code),
                 "the fixed example still triggers");
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
