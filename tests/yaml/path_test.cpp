#include "core/yaml/path.hpp"

#include <boost/test/unit_test.hpp>
#include <string>
#include <variant>

using namespace detgw;
using yaml::Path;

BOOST_AUTO_TEST_SUITE(yaml_path)

BOOST_AUTO_TEST_CASE(dotted_and_pointer) {
  const Path p = Path().key("additional_resource_managers").index(2).key("resource_manager");
  BOOST_TEST(p.dotted() == "additional_resource_managers[2].resource_manager");
  BOOST_TEST(p.pointer() == "/additional_resource_managers/2/resource_manager");
  BOOST_TEST(p.size() == 3u);
  BOOST_TEST(!p.empty());
  BOOST_TEST(Path().empty());
  BOOST_TEST(Path().dotted() == "");
  BOOST_TEST(Path().pointer() == "");
  // Keys that need quoting or escaping, one longer than a short-string buffer.
  const Path q = Path().key("a.b").key("x/y~z").key("").key("kubeconfig_secret_value");
  BOOST_TEST(q.dotted() == "[\"a.b\"].x/y~z[\"\"].kubeconfig_secret_value");
  BOOST_TEST(q.pointer() == "/a.b/x~1y~0z//kubeconfig_secret_value");
  BOOST_TEST(Path().index(0).key("a").dotted() == "[0].a");
}

BOOST_AUTO_TEST_CASE(paths_extended_from_one_prefix_share_it_and_stay_apart) {
  const Path block = Path().key("additional_resource_managers").index(0).key("resource_manager");
  const Path type = block.key("type");
  const Path name = block.key("cluster_name");
  const Path pool = block.key("pools").index(7);
  BOOST_TEST(block.dotted() == "additional_resource_managers[0].resource_manager");
  BOOST_TEST(type.dotted() == "additional_resource_managers[0].resource_manager.type");
  BOOST_TEST(name.pointer() == "/additional_resource_managers/0/resource_manager/cluster_name");
  BOOST_TEST(pool.dotted() == "additional_resource_managers[0].resource_manager.pools[7]");
  BOOST_TEST(type.size() == 4u);
  BOOST_TEST(pool.size() == 5u);
}

BOOST_AUTO_TEST_CASE(a_shared_prefix_outlives_the_path_it_came_from) {
  Path prefix = Path().key("stages").index(1).key("master");
  Path copy = prefix;
  const Path longer = prefix.key("config_file");
  prefix = Path();  // drop the original: the copy and the extension still hold the links
  BOOST_TEST(prefix.empty());
  BOOST_TEST(copy.dotted() == "stages[1].master");
  BOOST_TEST(longer.dotted() == "stages[1].master.config_file");
  Path moved = std::move(copy);
  BOOST_TEST(moved.dotted() == "stages[1].master");
  moved = moved.key("x");  // assigning a path made from itself
  BOOST_TEST(moved.dotted() == "stages[1].master.x");
  const Path& same = moved;
  moved = same;  // self-assignment keeps the links
  BOOST_TEST(moved.dotted() == "stages[1].master.x");
}

BOOST_AUTO_TEST_CASE(equality_compares_elements_not_links) {
  const Path shared = Path().key("a").index(0);
  const Path a = shared.key("b");
  const Path b = Path().key("a").index(0).key("b");  // built apart
  BOOST_TEST((a == b));
  BOOST_TEST((a == a));
  BOOST_TEST((shared.key("b") == a));
  BOOST_TEST(!(a == shared));                         // a prefix is not equal
  BOOST_TEST(!(a == shared.key("c")));                // last element differs
  BOOST_TEST(!(Path().key("0") == Path().index(0)));  // a key "0" is not an index
  BOOST_TEST(!(Path().key("a").index(1) == Path().key("a").index(2)));
  BOOST_TEST(!(Path().key("x").key("b") == a.key("b")));
  BOOST_TEST((Path() == Path()));
}

BOOST_AUTO_TEST_CASE(elements_first_to_last) {
  const auto elements = Path().key("a").index(3).key("long key with spaces").elements();
  BOOST_REQUIRE_EQUAL(elements.size(), 3u);
  BOOST_TEST(std::get<std::string>(elements[0]) == "a");
  BOOST_TEST(std::get<std::size_t>(elements[1]) == 3u);
  BOOST_TEST(std::get<std::string>(elements[2]) == "long key with spaces");
  BOOST_TEST(Path().elements().empty());
}

BOOST_AUTO_TEST_CASE(append_and_parse) {
  const Path head = Path().key("stages").index(0);
  const Path tail = Path().key("master").key("config_file");
  const Path whole = head / tail;
  BOOST_TEST(whole.dotted() == "stages[0].master.config_file");
  BOOST_TEST((whole / Path() == whole));
  BOOST_TEST(((Path() / tail) == tail));
  BOOST_TEST(head.dotted() == "stages[0]");  // unchanged
  BOOST_TEST((Path::parse_dotted("stages[0].master.config_file") == whole));
  BOOST_TEST((Path::parse_dotted("a[\"x.y\"].b") == Path().key("a").key("x.y").key("b")));
}

BOOST_AUTO_TEST_CASE(a_very_long_path_is_released_without_recursion) {
  // Releasing link by link recursively would overflow the stack here.
  Path deep;
  for (std::size_t i = 0; i < 1'000'000; ++i) deep = deep.index(i);
  BOOST_TEST(deep.size() == 1'000'000u);
  const Path branch = deep.key("end");
  deep = Path();
  BOOST_TEST(branch.size() == 1'000'001u);
}

BOOST_AUTO_TEST_SUITE_END()
