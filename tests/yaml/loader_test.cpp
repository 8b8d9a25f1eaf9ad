#include "core/yaml/loader.hpp"

#include <boost/test/unit_test.hpp>

#include "core/yaml/scalar.hpp"

using namespace detgw;

BOOST_AUTO_TEST_SUITE(yaml_loader)

BOOST_AUTO_TEST_CASE(keeps_duplicate_keys_in_order_with_positions) {
  auto doc = yaml::load_text("a: 1\nb: 2\na: 3\n", "v.yaml");
  BOOST_REQUIRE(doc.ok());
  const auto& root = *doc->root;
  BOOST_REQUIRE_EQUAL(root.entries.size(), 3u);
  BOOST_TEST(root.entries[2].key == "a");
  BOOST_TEST(root.entries[2].key_location.line == 3);
  BOOST_TEST(root.entries[2].key_location.column == 1);
  BOOST_TEST(root.find("a")->text == "3");
  BOOST_TEST(root.find("a")->location.column == 4);
}

BOOST_AUTO_TEST_SUITE_END()
