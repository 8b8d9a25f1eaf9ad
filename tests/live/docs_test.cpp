// Every live check has its page in docs/rules/, and the page's examples do what the page says:
// the manifests of the failing example trigger the code, those of the fixed one do not.
#include <algorithm>
#include <boost/test/unit_test.hpp>

#include "core/app/lint_live.hpp"
#include "core/live/live_check.hpp"
#include "tests/common/test_support.hpp"
#include "tests/live/manifests.hpp"

using detgw::test::yaml_block_after;

BOOST_AUTO_TEST_SUITE(live_check_docs)

BOOST_AUTO_TEST_CASE(every_live_check_has_a_page_whose_examples_hold) {
  const auto docs = detgw::test::source_dir() / "docs" / "rules";
  const auto checks = detgw::live::all_live_checks();
  BOOST_REQUIRE_EQUAL(checks.size(), 19u);
  for (const auto& check : checks) {
    const std::string code(check.code);
    BOOST_TEST_CONTEXT(code) {
      const std::string page = detgw::test::read_file_text(docs / (code + ".md"));
      BOOST_REQUIRE_MESSAGE(!page.empty(), "docs/rules/" + code + ".md is missing");
      BOOST_TEST(page.rfind("# " + code, 0) == 0);
      if (code == "LIV001") continue;  // an unreachable cluster has no manifests to show
      const std::string failing = yaml_block_after(page, "## Failing example");
      const std::string fixed = yaml_block_after(page, "## Fixed example");
      BOOST_REQUIRE(!failing.empty());
      BOOST_REQUIRE(!fixed.empty());
      BOOST_TEST(detgw::test::has_code(detgw::test::check_manifests(failing), code),
                 "the failing example does not trigger");
      BOOST_TEST(!detgw::test::has_code(detgw::test::check_manifests(fixed), code),
                 "the fixed example still triggers");
    }
  }
}

// LIV060-LIV064 (helm multirm lint --live) are about clusters and Secrets, not manifests of one
// Gateway: like LIV001 their pages cannot use the manifest format, and they are tested on the lab
// (tests/live-lab/helm_multirm_lint_live_test.cpp). Their pages must still exist and be listed.
BOOST_AUTO_TEST_CASE(every_cluster_check_has_a_page_and_a_row) {
  const auto docs = detgw::test::source_dir() / "docs" / "rules";
  const std::string index = detgw::test::read_file_text(docs / "README.md");
  for (const char* code : {"LIV060", "LIV061", "LIV062", "LIV063", "LIV064"}) {
    BOOST_TEST_CONTEXT(code) {
      const auto codes = detgw::app::lint_live_codes();
      BOOST_TEST((std::find(codes.begin(), codes.end(), code) != codes.end()));
      const std::string page = detgw::test::read_file_text(docs / (std::string(code) + ".md"));
      BOOST_REQUIRE_MESSAGE(!page.empty(), "its page is missing");
      BOOST_TEST(page.rfind(std::string("# ") + code, 0) == 0);
      BOOST_TEST(page.find("## Failing example") != std::string::npos);
      BOOST_TEST(page.find("## Fixed example") != std::string::npos);
      BOOST_TEST(index.find(std::string("[") + code + "](" + code + ".md)") != std::string::npos);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
