// Hostile and broken input: every case ends in a clear error with a position, never a crash.
#include <boost/test/unit_test.hpp>

#include "core/yaml/loader.hpp"

using namespace detgw;

BOOST_AUTO_TEST_SUITE(hostile_input)

BOOST_AUTO_TEST_CASE(alias_bomb_is_refused_while_parsing) {
  std::string bomb =
      "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'j'; ++c, ++prev) {
    bomb += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 9; ++i) bomb += std::string(i ? "," : "") + "*" + prev;
    bomb += "]\n";
  }
  auto doc = yaml::load_text(bomb, "bomb.yaml");
  BOOST_REQUIRE(!doc.ok());
  BOOST_TEST(doc.error().message.find("more than 2000000 nodes") != std::string::npos,
             doc.error().message);
  BOOST_TEST(doc.error().where.file == "bomb.yaml");
  BOOST_TEST(doc.error().where.line > 1);
}

// `[[],[],…]` has no scalar at all, and yaml-cpp tokenizes a whole flow collection before the
// first event: 16 MiB of it (5.5 million lists) is refused before parsing, naming the limit.
BOOST_AUTO_TEST_CASE(millions_of_empty_flow_lists_are_refused_before_parsing) {
  std::string lists = "[";
  while (lists.size() < (16u << 20) - 8) lists += "[],";
  lists += "[]]";
  auto doc = yaml::load_text(lists, "lists.yaml");
  BOOST_REQUIRE(!doc.ok());
  BOOST_TEST(doc.error().message ==
             "more than 2000000 flow indicators ([, { and ,): the document could hold more than "
             "2000000 nodes; refusing to load it");
  BOOST_TEST(doc.error().where.file == "lists.yaml");
  BOOST_TEST(doc.error().where.line == 1);
  // The same number of scalars: `[0,0,…]`.
  std::string zeros = "[";
  while (zeros.size() < (16u << 20) - 8) zeros += "0,";
  zeros += "0]";
  BOOST_TEST(!yaml::load_text(zeros, "zeros.yaml").ok());
}

// Block collections are not tokenized ahead: there the cap counts every node as it is built,
// empty maps and lists included, not only scalars.
BOOST_AUTO_TEST_CASE(the_node_cap_counts_containers_and_aliases_alike) {
  yaml::LoadLimits limits;
  limits.max_nodes = 4;
  BOOST_TEST(yaml::load_text("a: 1\n", "f.yaml", limits).ok());  // a map, a key, a value
  // A list of lists of nulls: 1 + (1 + 1) + 1 = 4 nodes, one more is refused.
  BOOST_TEST(yaml::load_text("- - \n- \n", "f.yaml", limits).ok());
  auto lists = yaml::load_text("- - \n- - \n", "f.yaml", limits);
  BOOST_REQUIRE(!lists.ok());
  BOOST_TEST(lists.error().message.find("more than 4 nodes") != std::string::npos,
             lists.error().message);
  BOOST_TEST(lists.error().where.line > 1);
  // Maps: the second map is the fifth node.
  auto maps = yaml::load_text("- a: 1\n- b: 2\n", "maps.yaml", limits);
  BOOST_REQUIRE(!maps.ok());
  BOOST_TEST(maps.error().where.line == 2);
  // An alias costs its subtree at every use: map, a, [x] (2), b, then *a (2) is 7 > 6.
  limits.max_nodes = 6;
  BOOST_TEST(yaml::load_text("a: &a [x]\nb: 1\n", "f.yaml", limits).ok());
  BOOST_TEST(!yaml::load_text("a: &a [x]\nb: *a\n", "f.yaml", limits).ok());
}

BOOST_AUTO_TEST_CASE(modest_aliases_load) {
  auto doc = yaml::load_text("base: &b {x: 1}\nuse: *b\n", "ok.yaml");
  BOOST_REQUIRE(doc.ok());
  BOOST_TEST(doc->root->find("use")->find("x")->text == "1");
}

BOOST_AUTO_TEST_CASE(fifty_megabytes_is_refused_before_parsing) {
  std::string big(50u << 20, '#');
  auto doc = yaml::load_text(big, "big.yaml");
  BOOST_REQUIRE(!doc.ok());
  BOOST_TEST(doc.error().message.find("50.0 MiB") != std::string::npos);
  BOOST_TEST(doc.error().message.find("limit") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(ten_thousand_levels_of_flow_nesting) {
  std::string deep = std::string(10000, '[') + std::string(10000, ']');
  auto doc = yaml::load_text(deep, "deep.yaml");
  BOOST_REQUIRE(!doc.ok());
  BOOST_TEST(doc.error().message.find("nesting deeper than 128") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(ten_thousand_levels_of_block_nesting) {
  // "- - - ... x": ten thousand block sequences, one inside the other, on one line.
  std::string deep;
  for (int i = 0; i < 10000; ++i) deep += "- ";
  deep += "x\n";
  auto doc = yaml::load_text(deep, "deep.yaml");
  BOOST_REQUIRE(!doc.ok());
  BOOST_TEST(doc.error().message.find("nesting") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(invalid_utf8_has_a_position) {
  auto doc = yaml::load_text("a: 1\nb: \xff\xfe\n", "bad.yaml");
  BOOST_REQUIRE(!doc.ok());
  BOOST_TEST(doc.error().message == "invalid UTF-8 byte sequence");
  BOOST_TEST(doc.error().where.line == 2);
  BOOST_TEST(doc.error().where.column == 4);
}

BOOST_AUTO_TEST_CASE(nul_bytes_are_refused) {
  auto doc = yaml::load_text(std::string("a: b\0c\n", 7), "nul.yaml");
  BOOST_REQUIRE(!doc.ok());
  BOOST_TEST(doc.error().message.find("NUL byte") != std::string::npos);
  BOOST_TEST(doc.error().where.column == 5);
}

BOOST_AUTO_TEST_CASE(syntax_error_is_file_line_column) {
  auto doc = yaml::load_text("a: [1, 2\nb: 3\n", "syntax.yaml");
  BOOST_REQUIRE(!doc.ok());
  BOOST_TEST(doc.error().describe().rfind("syntax.yaml:", 0) == 0);
  BOOST_TEST(doc.error().message.find("YAML syntax error") != std::string::npos);
  BOOST_TEST(doc.error().where.line >= 1);
}

BOOST_AUTO_TEST_CASE(missing_file_names_the_file) {
  auto doc = yaml::load_file("/nonexistent/values.yaml");
  BOOST_REQUIRE(!doc.ok());
  BOOST_TEST(doc.error().describe().find("/nonexistent/values.yaml: cannot read file") == 0);
}

BOOST_AUTO_TEST_SUITE_END()
