// The compact document (nodes in an arena, interned file names and keys, scalar keys that never
// become nodes): what that layout must not lose.
#include <boost/test/unit_test.hpp>
#include <string>

#include "core/yaml/arena.hpp"
#include "core/yaml/loader.hpp"

using namespace detgw;

BOOST_AUTO_TEST_SUITE(yaml_document)

// A file name longer than std::string's inline buffer, gone once loading returns: every position
// still names it, keys and values alike, at the exact line and column.
BOOST_AUTO_TEST_CASE(positions_keep_a_long_file_name_the_caller_no_longer_holds) {
  const std::string name = "/srv/deploy/charts/determined/values-production-east.yaml";
  Expected<yaml::Document> doc = input_error("not loaded");
  {
    const std::string caller_copy = name;
    doc =
        yaml::load_text("top:\n  inner:\n    - key: value\n      other: \"quoted\"\n", caller_copy);
  }
  BOOST_REQUIRE(doc.ok());
  const yaml::Node* item = doc->root->find("top")->find("inner")->items[0];
  const yaml::Entry* other = item->find_entry("other");
  BOOST_REQUIRE(other);
  BOOST_TEST(other->key_location.file == name);
  BOOST_TEST(other->key_location.line == 4);
  BOOST_TEST(other->key_location.column == 7);
  BOOST_TEST(other->value->location.file == name);
  BOOST_TEST(other->value->location.line == 4);
  BOOST_TEST(other->value->location.column == 14);
  BOOST_TEST(other->value->text == "quoted");
  BOOST_TEST(other->value->tag == "!");
  const SourceLocation where = item->find("key")->location;
  BOOST_TEST(where.file == name);
  BOOST_TEST(where.line == 3);
  BOOST_TEST(where.column == 12);
  BOOST_TEST(doc->file == name);
}

// An alias is the anchored node itself, shared: both uses point at the anchor's position.
BOOST_AUTO_TEST_CASE(an_alias_used_twice_is_the_anchored_node_with_its_positions) {
  auto doc = yaml::load_text("base: &b {x: 1}\none: *b\ntwo: *b\n", "aliases.yaml");
  BOOST_REQUIRE(doc.ok());
  const yaml::Node* one = doc->root->find("one");
  const yaml::Node* two = doc->root->find("two");
  BOOST_REQUIRE(one);
  BOOST_TEST(one == two);
  BOOST_TEST(one == doc->root->find("base"));
  BOOST_TEST(one->location.line == 1);
  BOOST_TEST(one->location.column == 7);  // yaml-cpp marks an anchored node at its anchor
  BOOST_TEST(one->entries[0].key_location.line == 1);
  BOOST_TEST(one->entries[0].key_location.column == 11);
  // The keys that use it keep their own lines.
  BOOST_TEST(doc->root->find_entry("two")->key_location.line == 3);
}

// An alias costs its whole subtree at every use, aliases inside it included, so a cap one below
// the exact count refuses the document.
BOOST_AUTO_TEST_CASE(the_node_cap_counts_every_alias_with_its_subtree) {
  // map 1, a 1, [1] 2, b 1, [*a, *a] 1 + 2 + 2, c 1, *b 5: 16.
  const std::string text = "a: &a [1]\nb: &b [*a, *a]\nc: *b\n";
  yaml::LoadLimits limits;
  limits.max_nodes = 16;
  BOOST_TEST(yaml::load_text(text, "f.yaml", limits).ok());
  limits.max_nodes = 15;
  auto refused = yaml::load_text(text, "f.yaml", limits);
  BOOST_REQUIRE(!refused.ok());
  BOOST_TEST(refused.error().where.line == 3);
  // A merge key's source is counted where `<<` uses it: map 1, a 1, {x: 1} 3, b 1, map 1,
  // << 1, *a 3: 11.
  const std::string merged = "a: &a {x: 1}\nb: {<<: *a}\n";
  limits.max_nodes = 11;
  BOOST_TEST(yaml::load_text(merged, "f.yaml", limits).ok());
  limits.max_nodes = 10;
  BOOST_TEST(!yaml::load_text(merged, "f.yaml", limits).ok());
}

// `<<` brings in the keys the mapping lacks, at the positions where they are written.
BOOST_AUTO_TEST_CASE(merge_keys_bring_inherited_entries_with_their_positions) {
  auto doc = yaml::load_text(
      "base: &b {x: 1, y: 2}\nother: &o {y: 5, z: 6}\nm:\n  <<: [*b, *o]\n  y: 3\n", "m.yaml");
  BOOST_REQUIRE(doc.ok());
  const yaml::Node* m = doc->root->find("m");
  BOOST_REQUIRE(m);
  BOOST_REQUIRE_EQUAL(m->entries.size(), 3u);
  BOOST_TEST(m->entries[0].key == "y");
  BOOST_TEST(!m->entries[0].from_merge);
  BOOST_TEST(m->find("y")->text == "3");
  BOOST_TEST(m->find("x")->text == "1");
  BOOST_TEST(m->find_entry("x")->from_merge);
  BOOST_TEST(m->find_entry("x")->key_location.line == 1);
  BOOST_TEST(m->find("z")->text == "6");  // the earlier source has no z
  BOOST_TEST(m->find("z")->location.line == 2);
  BOOST_TEST(m->find("<<") == nullptr);
}

// yaml-cpp reads the first bytes to detect the encoding and puts them back; the text is read in
// place, so that must work from the first byte on.
BOOST_AUTO_TEST_CASE(a_document_starting_with_a_multibyte_character_loads) {
  auto doc = yaml::load_text("\xC3\xA9t\xC3\xA9: \xE2\x82\xAC\n", "utf8.yaml");
  BOOST_REQUIRE(doc.ok());
  BOOST_TEST(doc->root->find("\xC3\xA9t\xC3\xA9")->text == "\xE2\x82\xAC");
  auto bom = yaml::load_text("\xEF\xBB\xBFk: v\n", "bom.yaml");
  BOOST_REQUIRE(bom.ok());
  BOOST_TEST(bom->root->find("k")->text == "v");
}

// The flag values::normalize relies on: false exactly where Helm's map differs from the text.
BOOST_AUTO_TEST_CASE(unique_keys_marks_the_subtrees_with_a_duplicate_or_complex_key) {
  auto doc = yaml::load_text("a: {x: 1}\nb: [{y: 1, y: 2}]\nc: {[1]: 2}\n", "u.yaml");
  BOOST_REQUIRE(doc.ok());
  BOOST_TEST(doc->root->find("a")->unique_keys);
  BOOST_TEST(!doc->root->find("b")->unique_keys);
  BOOST_TEST(!doc->root->find("b")->items[0]->unique_keys);
  BOOST_TEST(!doc->root->find("c")->unique_keys);
  BOOST_TEST(!doc->root->unique_keys);
  BOOST_TEST(yaml::load_text("a: {x: 1}\nb: [{y: 1}]\n", "u.yaml")->root->unique_keys);
}

// A node made outside any document, and a node kept through its tree.
BOOST_AUTO_TEST_CASE(a_shared_child_keeps_its_whole_tree_alive) {
  yaml::NodePtr child;
  {
    auto doc = yaml::load_text("a:\n  b: [deep]\n", "tree.yaml");
    BOOST_REQUIRE(doc.ok());
    child = yaml::share(doc->root, doc->root->find("a"));
  }
  BOOST_TEST(child->find("b")->items[0]->text == "deep");
  BOOST_TEST(child->find("b")->items[0]->location.file == "tree.yaml");
  const yaml::NodePtr made = yaml::make_scalar("v", {"<command line>", 2, 0}, "tag:x");
  BOOST_TEST(made->text == "v");
  BOOST_TEST(made->tag == "tag:x");
  BOOST_TEST(made->location.file == "<command line>");
}

BOOST_AUTO_TEST_SUITE_END()
