// Merged values point into the documents and flags they came from (the merge copies no node it
// can share): the result keeps them alive, and rebuilds only what Helm's map changes.

#include <boost/test/unit_test.hpp>

#include "tests/values/values_test_support.hpp"

using namespace detgw;
using test_values::apply;
using test_values::at;
using test_values::load;
using test_values::located;
using values::SetKind;
using values::to_canonical_json;

BOOST_AUTO_TEST_SUITE(values_ownership)

BOOST_AUTO_TEST_CASE(a_merged_tree_outlives_the_documents_and_flags_it_came_from) {
  const std::string first = "/srv/deploy/charts/determined/values-first-file.yaml";
  const std::string second = "/srv/deploy/charts/determined/values-second-file.yaml";
  yaml::NodePtr out;
  {
    auto chart =
        load("image:\n  repository: det\n  tag: old\nresources: {cpu: 1}\n", "chart/values.yaml");
    auto a = load("image:\n  tag: a\nlist: [1, 2]\n", first);
    auto b = load("image:\n  pullPolicy: Always\nextra: {k: v}\n", second);
    auto user =
        apply(values::merge_maps(values::merge_maps(nullptr, a), b),
              {{SetKind::Set, "list[3]=x,image.tag=flag"}, {SetKind::SetJson, "j={\"q\":[1]}"}});
    BOOST_REQUIRE(user.ok());
    out = values::coalesce_with_chart(chart, *user);
  }
  BOOST_TEST(
      to_canonical_json(out) ==
      R"({"extra":{"k":"v"},"image":{"pullPolicy":"Always","repository":"det","tag":"flag"},)"
      R"("j":{"q":[1]},"list":[1,2,null,"x"],"resources":{"cpu":1}})");
  BOOST_TEST(located(at(out, "image.repository"), "chart/values.yaml", 2));
  BOOST_TEST(located(at(out, "image.pullPolicy"), second, 2));
  BOOST_TEST(located(at(out, "list[1]"), first, 3));
  BOOST_TEST(located(at(out, "list[2]"), "<command line>", 1));  // padding, from --set (flag 1)
  BOOST_TEST(located(at(out, "j.q[0]"), "<command line>", 2));
  BOOST_TEST(at(out, "extra").find_entry("k")->key_location.file == second);
}

BOOST_AUTO_TEST_CASE(merging_rebuilds_only_the_maps_helm_sees_differently) {
  auto clean = load("a: {x: 1}\nb: [{y: 1}]\n", "clean.yaml");
  BOOST_TEST(values::merge_maps(nullptr, clean) == clean);  // nothing to change: the same tree
  auto file = load("a: {x: 1}\nb: [{y: 1, y: 2}]\n", "dup.yaml");
  auto merged = values::merge_maps(nullptr, file);
  BOOST_TEST(merged != file);
  BOOST_TEST(&at(merged, "a") == file->find("a"));  // untouched: shared, not copied
  BOOST_TEST(at(merged, "b[0]").entries.size() == 1u);
  BOOST_TEST(located(at(merged, "b[0].y"), "dup.yaml", 2));
  BOOST_TEST(at(merged, "b[0].y").text == "2");
  BOOST_TEST(at(merged, "b[0]").unique_keys);
}

BOOST_AUTO_TEST_SUITE_END()
