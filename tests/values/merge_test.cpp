// Helm's merging of -f files (pkg/cli/values mergeMaps), of --set onto them (strvals.ParseInto
// on the merged map), and of the result with the chart's values.yaml (chartutil.CoalesceValues,
// Helm 3.19): values and the file/line that supplied each node.

#include <boost/test/unit_test.hpp>

#include "tests/values/values_test_support.hpp"

using namespace detgw;
using test_values::apply;
using test_values::at;
using test_values::load;
using test_values::located;
using values::SetKind;
using values::to_canonical_json;

BOOST_AUTO_TEST_SUITE(merge_files)

BOOST_AUTO_TEST_CASE(maps_merge_recursively_and_the_later_file_wins) {
  auto a = load("image:\n  repo: a\n  tag: \"1\"\nreplicas: 1\n", "a.yaml");
  auto b = load("image:\n  tag: \"2\"\nextra: true\n", "b.yaml");
  auto merged = values::merge_maps(a, b);
  BOOST_TEST(to_canonical_json(merged) ==
             R"({"extra":true,"image":{"repo":"a","tag":"2"},"replicas":1})");
  BOOST_TEST(located(at(merged, "image.repo"), "a.yaml", 2));
  BOOST_TEST(located(at(merged, "image.tag"), "b.yaml", 2));
  BOOST_TEST(located(at(merged, "replicas"), "a.yaml", 4));
  BOOST_TEST(located(at(merged, "extra"), "b.yaml", 3));
  // The merged map keeps the first file's position, and an untouched node is shared.
  BOOST_TEST(located(at(merged, "image"), "a.yaml", 2));
  BOOST_TEST(&at(merged, "image.repo") == &at(a, "image.repo"));
}

BOOST_AUTO_TEST_CASE(lists_are_replaced_not_merged) {
  auto a = load("args: [a, b, c]\n", "a.yaml");
  auto b = load("args: [z]\n", "b.yaml");
  auto merged = values::merge_maps(a, b);
  BOOST_TEST(to_canonical_json(merged) == R"({"args":["z"]})");
  BOOST_TEST(located(at(merged, "args[0]"), "b.yaml", 1));
}

BOOST_AUTO_TEST_CASE(a_scalar_replaces_a_map_and_a_map_replaces_a_scalar) {
  auto a = load("x:\n  y: 1\nz: s\n", "a.yaml");
  auto b = load("x: flat\nz:\n  w: 2\n", "b.yaml");
  auto merged = values::merge_maps(a, b);
  BOOST_TEST(to_canonical_json(merged) == R"({"x":"flat","z":{"w":2}})");
  BOOST_TEST(located(at(merged, "z"), "b.yaml", 3));
}

BOOST_AUTO_TEST_CASE(a_null_in_a_later_file_is_kept_as_null) {
  auto a = load("x:\n  y: 1\n", "a.yaml");
  auto b = load("x: null\n", "b.yaml");
  auto merged = values::merge_maps(a, b);
  BOOST_TEST(to_canonical_json(merged) == R"({"x":null})");
  BOOST_TEST(located(at(merged, "x"), "b.yaml", 1));
}

BOOST_AUTO_TEST_CASE(an_empty_file_changes_nothing_and_absent_is_allowed) {
  auto a = load("k: v\n", "a.yaml");
  auto empty = load("", "empty.yaml");
  BOOST_TEST(to_canonical_json(values::merge_maps(a, empty)) == R"({"k":"v"})");
  BOOST_TEST(to_canonical_json(values::merge_maps(empty, a)) == R"({"k":"v"})");
  BOOST_TEST(to_canonical_json(values::merge_maps(nullptr, a)) == R"({"k":"v"})");
  BOOST_TEST(to_canonical_json(values::merge_maps(a, nullptr)) == R"({"k":"v"})");
}

BOOST_AUTO_TEST_CASE(the_last_duplicate_key_wins_and_the_result_has_one_entry_per_key) {
  auto a = load("k: 1\nm:\n  x: 1\n  x: 2\nk: 3\n", "a.yaml");
  auto b = load("other: 1\n", "b.yaml");
  auto merged = values::merge_maps(a, b);
  BOOST_TEST(to_canonical_json(merged) == R"({"k":3,"m":{"x":2},"other":1})");
  BOOST_TEST(merged->entries.size() == 3u);
  BOOST_TEST(at(merged, "m").entries.size() == 1u);
  BOOST_TEST(located(at(merged, "k"), "a.yaml", 5));
  BOOST_TEST(located(at(merged, "m.x"), "a.yaml", 4));
  const auto* k = merged->find_entry("k");
  BOOST_REQUIRE(k);
  BOOST_TEST(k->key_location.line == 5);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(coalesce_chart)

BOOST_AUTO_TEST_CASE(user_values_override_chart_defaults_and_maps_merge) {
  auto chart =
      load("image:\n  repo: nginx\n  tag: \"1.0\"\nport: 80\nlist: [1, 2]\n", "chart/values.yaml");
  auto user = load("image:\n  tag: \"2.0\"\nlist: [9]\nmine: x\n", "user.yaml");
  auto out = values::coalesce_with_chart(chart, user);
  BOOST_TEST(to_canonical_json(out) ==
             R"({"image":{"repo":"nginx","tag":"2.0"},"list":[9],"mine":"x","port":80})");
  BOOST_TEST(located(at(out, "image.repo"), "chart/values.yaml", 2));
  BOOST_TEST(located(at(out, "image.tag"), "user.yaml", 2));
  BOOST_TEST(located(at(out, "port"), "chart/values.yaml", 4));
  BOOST_TEST(located(at(out, "list[0]"), "user.yaml", 3));
  BOOST_TEST(located(at(out, "mine"), "user.yaml", 4));
  BOOST_TEST(located(at(out, "image"), "user.yaml", 2));  // Helm's result map is the user's
}

BOOST_AUTO_TEST_CASE(a_user_null_deletes_the_key_and_its_default) {
  auto chart = load("a: 1\nnested:\n  keep: 1\n  drop: 2\n  deep:\n    x: 1\n", "chart.yaml");
  auto user = load("a: null\nnested:\n  drop: ~\n  deep: null\n", "user.yaml");
  auto out = values::coalesce_with_chart(chart, user);
  BOOST_TEST(to_canonical_json(out) == R"({"nested":{"keep":1}})");
  BOOST_TEST(out->find("a") == nullptr);
  BOOST_TEST(located(at(out, "nested.keep"), "chart.yaml", 3));
}

BOOST_AUTO_TEST_CASE(a_user_null_for_a_key_the_chart_lacks_is_kept_only_outside_chart_maps) {
  // Helm 3.19 (checked with `helm template`, tests/e2e-lab/values_differential_test.cpp): a
  // top-level null and nulls inside a map the chart lacks reach the template as nil; inside a
  // map the chart also has, coalesceTablesFullKey deletes every user null.
  auto chart = load("data: {}\nother: 1\n", "chart.yaml");
  auto user = load("data:\n  foo: bar\n  baz: ~\ntop: null\nown:\n  z: ~\n", "user.yaml");
  auto out = values::coalesce_with_chart(chart, user);
  BOOST_TEST(to_canonical_json(out) ==
             R"({"data":{"foo":"bar"},"other":1,"own":{"z":null},"top":null})");
  BOOST_TEST(located(at(out, "data.foo"), "user.yaml", 2));
}

BOOST_AUTO_TEST_CASE(a_user_map_over_a_null_default_is_taken_as_is) {
  auto chart = load("data: ~\n", "chart.yaml");
  auto user = load("data:\n  foo: bar\n  baz: ~\n", "user.yaml");
  auto out = values::coalesce_with_chart(chart, user);
  BOOST_TEST(to_canonical_json(out) == R"({"data":{"baz":null,"foo":"bar"}})");
}

BOOST_AUTO_TEST_CASE(a_user_scalar_replaces_a_chart_map_with_a_warning) {
  auto chart = load("resources:\n  limits:\n    cpu: 1\nsvc:\n  type: x\n", "chart.yaml");
  auto user = load("resources: none\nsvc:\n  type:\n    nested: true\n", "user.yaml");
  std::vector<values::CoalesceWarning> warnings;
  auto out = values::coalesce_with_chart(chart, user, &warnings);
  BOOST_TEST(to_canonical_json(out) == R"({"resources":"none","svc":{"type":{"nested":true}}})");
  BOOST_TEST(located(at(out, "resources"), "user.yaml", 1));
  BOOST_REQUIRE(warnings.size() == 2u);
  BOOST_TEST(warnings[0].key == "resources");
  BOOST_TEST(warnings[0].where.line == 1);
  BOOST_TEST(warnings[1].key == "svc.type");
  BOOST_TEST(warnings[1].where.file == "user.yaml");
}

BOOST_AUTO_TEST_CASE(lists_from_the_user_replace_chart_lists) {
  auto chart = load("tolerations:\n  - key: a\n  - key: b\n", "chart.yaml");
  auto user = load("tolerations:\n  - key: c\n", "user.yaml");
  auto out = values::coalesce_with_chart(chart, user);
  BOOST_TEST(to_canonical_json(out) == R"({"tolerations":[{"key":"c"}]})");
  BOOST_TEST(located(at(out, "tolerations[0].key"), "user.yaml", 2));
}

BOOST_AUTO_TEST_CASE(no_user_values_gives_the_chart_defaults) {
  auto chart = load("a: 1\n", "chart.yaml");
  BOOST_TEST(to_canonical_json(values::coalesce_with_chart(chart, nullptr)) == R"({"a":1})");
  BOOST_TEST(to_canonical_json(values::coalesce_with_chart(chart, load("", "u.yaml"))) ==
             R"({"a":1})");
  BOOST_TEST(to_canonical_json(values::coalesce_with_chart(nullptr, nullptr)) == "{}");
}

BOOST_AUTO_TEST_CASE(numbers_print_as_helm_prints_them) {
  // Values files reach templates as float64: 1000000 prints as 1e+06 with {{ }} but as
  // 1000000 in toJson, which is what the canonical form mirrors; --set integers are int64.
  auto chart = load("big: 1000000\nf: 1.50\ntiny: 0.0000001\n", "chart.yaml");
  auto out = apply(chart, {{SetKind::Set, "i=12345678901234567"}});
  BOOST_REQUIRE(out.ok());
  BOOST_TEST(to_canonical_json(*out) ==
             R"({"big":1000000,"f":1.5,"i":12345678901234567,"tiny":1e-7})");
}

BOOST_AUTO_TEST_CASE(canonical_json_pads_large_floats_with_zeros_like_go) {
  // Go's strconv 'f' with the shortest digits, not the exact value (checked with helm 3.19).
  auto v = load("big: 12345678901234567890\nint: 9007199254740993\nf: -1.5e20\nsmall: 0.000123\n",
                "v.yaml");
  BOOST_TEST(to_canonical_json(v) ==
             R"({"big":12345678901234567000,"f":-150000000000000000000,"int":9007199254740992,)"
             R"("small":0.000123})");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(set_over_files)

BOOST_AUTO_TEST_CASE(set_writes_into_the_maps_the_files_supplied) {
  auto files =
      values::merge_maps(load("a:\n  b: 1\n  c: 2\n", "f1.yaml"), load("a:\n  d: 3\n", "f2.yaml"));
  auto out = apply(files, {{SetKind::Set, "a.b=9,e=new"}});
  BOOST_REQUIRE(out.ok());
  BOOST_TEST(to_canonical_json(*out) == R"({"a":{"b":9,"c":2,"d":3},"e":"new"})");
  BOOST_TEST(located(at(*out, "a.b"), "<command line>", 1));
  BOOST_TEST(located(at(*out, "a.c"), "f1.yaml", 3));
  BOOST_TEST(located(at(*out, "a.d"), "f2.yaml", 2));
  BOOST_TEST(located(at(*out, "a"), "f1.yaml", 2));
  const auto* a = (*out)->find_entry("a");
  BOOST_REQUIRE(a);
  BOOST_TEST(a->key_location.file == "f1.yaml");  // the key still comes from the file
  const auto* b = at(*out, "a").find_entry("b");
  BOOST_REQUIRE(b);
  BOOST_TEST(b->key_location.file == "<command line>");
}

BOOST_AUTO_TEST_CASE(an_index_edits_the_list_a_file_supplied) {
  auto file = load("args:\n  - p\n  - q\n  - r\n", "f.yaml");
  auto out = apply(file, {{SetKind::Set, "args[1]=x,args[5]=y"}});
  BOOST_REQUIRE(out.ok());
  BOOST_TEST(to_canonical_json(*out) == R"({"args":["p","x","r",null,null,"y"]})");
  BOOST_TEST(located(at(*out, "args[0]"), "f.yaml", 2));
  BOOST_TEST(located(at(*out, "args[1]"), "<command line>", 1));
  BOOST_TEST(located(at(*out, "args[2]"), "f.yaml", 4));
  BOOST_TEST(located(at(*out, "args[3]"), "<command line>", 1));
  BOOST_TEST(located(at(*out, "args"), "f.yaml", 2));
}

BOOST_AUTO_TEST_CASE(an_index_into_a_list_of_maps_from_a_file_keeps_the_other_keys) {
  auto file = load("env:\n  - name: A\n    value: a\n", "f.yaml");
  auto out = apply(file, {{SetKind::Set, "env[0].value=b"}});
  BOOST_REQUIRE(out.ok());
  BOOST_TEST(to_canonical_json(*out) == R"({"env":[{"name":"A","value":"b"}]})");
  BOOST_TEST(located(at(*out, "env[0].name"), "f.yaml", 2));
  BOOST_TEST(located(at(*out, "env[0].value"), "<command line>", 1));
}

BOOST_AUTO_TEST_CASE(a_dotted_key_through_a_file_scalar_or_null_is_helms_error) {
  auto file = load("a: text\nn:\n", "f.yaml");
  auto clash = apply(file, {{SetKind::Set, "a.b=1"}});
  BOOST_REQUIRE(!clash.ok());
  BOOST_TEST(clash.error().message.find("interface {} is string, not map[string]interface {}") !=
             std::string::npos);
  auto through_null = apply(file, {{SetKind::SetString, "n.b=1"}});
  BOOST_REQUIRE(!through_null.ok());
  BOOST_TEST(through_null.error().message.find("interface {} is nil") != std::string::npos);
  BOOST_TEST(through_null.error().message.find("--set-string") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_whole_json_object_merges_like_a_file) {
  auto file = load("a:\n  keep: 1\n  list: [1, 2]\n", "f.yaml");
  auto out = apply(file, {{SetKind::SetJson, R"({"a":{"list":[3],"new":true}})"}});
  BOOST_REQUIRE(out.ok());
  BOOST_TEST(to_canonical_json(*out) == R"({"a":{"keep":1,"list":[3],"new":true}})");
  BOOST_TEST(located(at(*out, "a.keep"), "f.yaml", 2));
  BOOST_TEST(located(at(*out, "a.list[0]"), "<command line>", 1));
}

BOOST_AUTO_TEST_CASE(whole_pipeline_files_flags_chart) {
  auto chart = load(
      "replicas: 1\n"
      "image:\n"
      "  repo: nginx\n"
      "  tag: stable\n"
      "probe:\n"
      "  path: /\n",
      "chart/values.yaml");
  auto files = values::merge_maps(load("replicas: 2\nimage:\n  tag: v1\n", "prod.yaml"),
                                  load("probe: null\n", "noprobe.yaml"));
  auto user = apply(files, {{SetKind::Set, "image.tag=v2"}, {SetKind::Set, "replicas=null"}});
  BOOST_REQUIRE(user.ok());
  auto out = values::coalesce_with_chart(chart, *user);
  BOOST_TEST(to_canonical_json(out) == R"({"image":{"repo":"nginx","tag":"v2"}})");
  BOOST_TEST(located(at(out, "image.repo"), "chart/values.yaml", 3));
  BOOST_TEST(located(at(out, "image.tag"), "<command line>", 1));
}

BOOST_AUTO_TEST_SUITE_END()
