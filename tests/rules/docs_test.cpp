// Every rule has its page in docs/rules/, and the page's examples do what the page says: the
// failing example triggers the code, the fixed one does not.
#include <boost/test/unit_test.hpp>
#include <fstream>
#include <sstream>

#include "core/rules/rule.hpp"
#include "tests/rules/lint_fixture.hpp"

namespace {

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// The first ```yaml block after `heading`, or "" when there is none.
std::string yaml_block_after(const std::string& page, const std::string& heading) {
  auto at = page.find(heading);
  if (at == std::string::npos) return {};
  auto open = page.find("```yaml\n", at);
  if (open == std::string::npos) return {};
  open += 8;
  auto close = page.find("```", open);
  return close == std::string::npos ? std::string() : page.substr(open, close - open);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(rule_docs)

BOOST_AUTO_TEST_CASE(every_rule_has_a_page_whose_examples_hold) {
  const auto docs = detgw::test::source_dir() / "docs" / "rules";
  const auto rules = detgw::rules::all_rules();
  BOOST_REQUIRE_EQUAL(rules.size(), 42u);  // 23 MRM, 9 ITG, 10 HLM
  for (const auto& rule : rules) {
    const std::string code(rule.code);
    BOOST_TEST_CONTEXT(code) {
      const std::string page = read(docs / (code + ".md"));
      BOOST_REQUIRE_MESSAGE(!page.empty(), "docs/rules/" + code + ".md is missing");
      BOOST_TEST(page.rfind("# " + code, 0) == 0);
      const std::string failing = yaml_block_after(page, "## Failing example");
      const std::string fixed = yaml_block_after(page, "## Fixed example");
      BOOST_REQUIRE(!failing.empty());
      BOOST_REQUIRE(!fixed.empty());
      BOOST_TEST(detgw::test::lint_yaml(failing).has(code), "the failing example does not trigger");
      BOOST_TEST(!detgw::test::lint_yaml(fixed).has(code), "the fixed example still triggers");
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
