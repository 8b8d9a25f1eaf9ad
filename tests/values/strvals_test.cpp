// Helm's --set family, case by case. The cases re-express Helm's documented --set behaviour and
// the cases of pkg/strvals/parser_test.go and literal_parser_test.go (helm/helm), each checked
// as the JSON Helm's toJson would print, or as the error Helm gives.

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <ostream>

#include "tests/values/values_test_support.hpp"

using namespace detgw;
using detgw::test_values::apply;
using values::SetKind;

namespace {

struct Case {
  SetKind kind;
  std::string expression;
  std::string want;   // canonical JSON of the result, when no error
  std::string error;  // a part of the error message, when an error is expected
};

std::ostream& operator<<(std::ostream& out, const Case& c) {
  return out << values::flag_name(c.kind) << " " << c.expression;
}

void check(const Case& c) {
  auto result = apply(nullptr, {{c.kind, c.expression}});
  if (!c.error.empty()) {
    BOOST_REQUIRE_MESSAGE(!result.ok(),
                          "expected an error, got " +
                              (result.ok() ? values::to_canonical_json(*result) : std::string()));
    BOOST_TEST((result.error().kind == ErrorKind::Usage));
    BOOST_TEST(result.error().message.find(c.error) != std::string::npos,
               "message: " << result.error().message);
    BOOST_TEST(result.error().message.find(values::flag_name(c.kind)) != std::string::npos);
    return;
  }
  BOOST_REQUIRE_MESSAGE(result.ok(), test_values::why(result));
  BOOST_TEST(values::to_canonical_json(*result) == c.want);
}

const Case kSetCases[] = {
    {SetKind::Set, "name1=value1", R"({"name1":"value1"})", ""},
    {SetKind::Set, "name1=value1,name2=value2", R"({"name1":"value1","name2":"value2"})", ""},
    {SetKind::Set, "name1=value1,name2=value2,", R"({"name1":"value1","name2":"value2"})", ""},
    {SetKind::Set, "long_int=1234567890", R"({"long_int":1234567890})", ""},
    {SetKind::Set, "neg=-42,plus=+7", R"({"neg":-42,"plus":7})", ""},
    {SetKind::Set, "big=9223372036854775808", R"({"big":"9223372036854775808"})", ""},
    // strconv.ParseInt fails past int64 and Helm keeps the text; an unsigned overflow must not
    // wrap into an integer (37e18 mod 2^64 = 106511852580896768).
    {SetKind::Set, "x=37000000000000000000", R"({"x":"37000000000000000000"})", ""},
    {SetKind::Set, "x=184467440737095516160", R"({"x":"184467440737095516160"})", ""},
    {SetKind::Set, "max=9223372036854775807", R"({"max":9223372036854775807})", ""},
    {SetKind::Set, "min=-9223372036854775808", R"({"min":-9223372036854775808})", ""},
    {SetKind::Set, "under=-9223372036854775809", R"({"under":"-9223372036854775809"})", ""},
    {SetKind::Set, "plus=+9223372036854775807", R"({"plus":9223372036854775807})", ""},
    {SetKind::Set, "sign_then_zero=-05,plus_zero=+0", R"({"plus_zero":0,"sign_then_zero":-5})", ""},
    {SetKind::Set, "signs=+-1,bare=-", R"({"bare":"-","signs":"+-1"})", ""},
    {SetKind::Set, "zero=0", R"({"zero":0})", ""},
    {SetKind::Set, "leading_zeros=00009", R"({"leading_zeros":"00009"})", ""},
    {SetKind::Set, "float=1.5", R"({"float":"1.5"})", ""},
    {SetKind::Set, "hex=0x10", R"({"hex":"0x10"})", ""},
    {SetKind::Set, "boolean=true,b2=FALSE,b3=True", R"({"b2":false,"b3":true,"boolean":true})", ""},
    {SetKind::Set, "yes=yes,on=on", R"({"on":"on","yes":"yes"})", ""},
    {SetKind::Set, "is_null=null,n2=NULL", R"({"is_null":null,"n2":null})", ""},
    {SetKind::Set, "name1=,name2=value2", R"({"name1":"","name2":"value2"})", ""},
    {SetKind::Set, "name1=", R"({"name1":""})", ""},
    {SetKind::Set, "name1=one\\,two,name2=three\\,four",
     R"({"name1":"one,two","name2":"three,four"})", ""},
    {SetKind::Set, "name1=one\\=two,name2=three\\=four",
     R"({"name1":"one=two","name2":"three=four"})", ""},
    {SetKind::Set, "name1=one two three,name2=three two one",
     R"({"name1":"one two three","name2":"three two one"})", ""},
    {SetKind::Set, "back=a\\\\b", R"({"back":"a\\b"})", ""},
    {SetKind::Set, "dotted\\.key=v", R"({"dotted.key":"v"})", ""},
    {SetKind::Set, "nodeSelector.kubernetes\\.io/role=master",
     R"({"nodeSelector":{"kubernetes.io/role":"master"}})", ""},
    {SetKind::Set, "outer.inner=value", R"({"outer":{"inner":"value"}})", ""},
    {SetKind::Set, "outer.middle.inner=value", R"({"outer":{"middle":{"inner":"value"}}})", ""},
    {SetKind::Set, "outer.inner1=value,outer.inner2=value2",
     R"({"outer":{"inner1":"value","inner2":"value2"}})", ""},
    {SetKind::Set, "outer.inner1=value,outer.middle.inner=value",
     R"({"outer":{"inner1":"value","middle":{"inner":"value"}}})", ""},
    {SetKind::Set, "name1={value1,value2}", R"({"name1":["value1","value2"]})", ""},
    {SetKind::Set, "name1={value1,value2},name2={value1,value2}",
     R"({"name1":["value1","value2"],"name2":["value1","value2"]})", ""},
    {SetKind::Set, "ints={1,2,null}", R"({"ints":[1,2,null]})", ""},
    {SetKind::Set, "empty={}", R"({"empty":[""]})", ""},
    {SetKind::Set, "list[0]=foo", R"({"list":["foo"]})", ""},
    {SetKind::Set, "list[0].foo=bar", R"({"list":[{"foo":"bar"}]})", ""},
    {SetKind::Set, "list[0].foo=bar,list[0].hello=world",
     R"({"list":[{"foo":"bar","hello":"world"}]})", ""},
    {SetKind::Set, "list[0]=foo,list[1]=bar", R"({"list":["foo","bar"]})", ""},
    {SetKind::Set, "list[0]=foo,list[1]=bar,", R"({"list":["foo","bar"]})", ""},
    {SetKind::Set, "list[0]=foo,list[3]=bar", R"({"list":["foo",null,null,"bar"]})", ""},
    {SetKind::Set, "list[1].a=1,list[0].b=2", R"({"list":[{"b":2},{"a":1}]})", ""},
    {SetKind::Set, "list[0]=1,list[0].b=2", R"({"list":[{"b":2}]})", ""},
    {SetKind::Set, "noval[0]", R"({"noval":[]})", ""},
    {SetKind::Set, "noval[0]=", R"({"noval":[""]})", ""},
    {SetKind::Set, "nested[0][0]=1", R"({"nested":[[1]]})", ""},
    {SetKind::Set, "nested[1][1]=1", R"({"nested":[null,[null,1]]})", ""},
    {SetKind::Set, "nested[0][1]=", R"({"nested":[[null,""]]})", ""},
    {SetKind::Set, "name1.name2[0].foo=bar,name1.name2[1].foo=bar",
     R"({"name1":{"name2":[{"foo":"bar"},{"foo":"bar"}]}})", ""},
    {SetKind::Set, "name1.name2[1].foo=bar,name1.name2[0].foo=bar",
     R"({"name1":{"name2":[{"foo":"bar"},{"foo":"bar"}]}})", ""},
    {SetKind::Set, "name1.name2[1].foo=bar", R"({"name1":{"name2":[null,{"foo":"bar"}]}})", ""},
    {SetKind::Set, "list[+1]=x", R"({"list":[null,"x"]})", ""},
    {SetKind::Set, "list[65536]=x", "", ""},  // allowed: checked separately for size
    {SetKind::Set, "=value", R"({})", ""},
    {SetKind::Set, "a={x}tail", "", R"(key "tail" has no value)"},
    {SetKind::Set, "name1,name2=", "", R"(key "name1" has no value (cannot end with ,))"},
    {SetKind::Set, "name1,name2=value2", "", R"(key "name1" has no value (cannot end with ,))"},
    {SetKind::Set, "name1,name2", "", R"(key "name1" has no value (cannot end with ,))"},
    {SetKind::Set, "name1", "", R"(key "name1" has no value)"},
    {SetKind::Set, "a=b,c", "", R"(key "c" has no value)"},
    {SetKind::Set, "name1.name2", "", R"(key "name2" has no value)"},
    {SetKind::Set, "name1.name2,name1.name3", "",
     R"(key "name2" has no value (cannot end with ,))"},
    {SetKind::Set, "name1.=name2", "", R"(key map "name1" has no value)"},
    {SetKind::Set, "name1.,name2=x", "", R"(key "" has no value (cannot end with ,))"},
    {SetKind::Set, "name1={value1,value2", "", "list must terminate with '}'"},
    {SetKind::Set, "illegal[0]name.foo=bar", "",
     R"(unexpected data at end of array index: "name")"},
    {SetKind::Set, "list[-1]=x", "", "negative -1 index not allowed"},
    {SetKind::Set, "list[x]=x", "",
     R"(error parsing index: strconv.Atoi: parsing "x": invalid syntax)"},
    {SetKind::Set, "list[]=x", "",
     R"(error parsing index: strconv.Atoi: parsing "": invalid syntax)"},
    {SetKind::Set, "list[0=x", "", "error parsing index: EOF"},
    {SetKind::Set, "list[65537]=x", "",
     "index of 65537 is greater than maximum supported index of 65536"},
    {SetKind::Set, "list[0][65537]=x", "",
     "index of 65537 is greater than maximum supported index of 65536"},
    {SetKind::Set, "list[99999999999999999999]=x", "", "value out of range"},
    {SetKind::Set, "a=x,a.b=y", "",
     "unable to parse key: interface conversion: interface {} is string, not map[string]interface "
     "{}"},
    {SetKind::Set, "a=1,a[0]=y", "",
     "unable to parse key: interface conversion: interface {} is int64, not []interface {}"},
    {SetKind::Set, "a=null,a.b=1", "",
     "unable to parse key: interface conversion: interface {} is nil, not map[string]interface {}"},
    {SetKind::Set, "a[0]=x,a[0][0]=y", "",
     "interface conversion: interface {} is string, not []interface {}"},
    // --set-string: every value a string.
    {SetKind::SetString, "a=1,b=true,c=null,d=0", R"({"a":"1","b":"true","c":"null","d":"0"})", ""},
    {SetKind::SetString, "list={1,2},x[1]=3", R"({"list":["1","2"],"x":[null,"3"]})", ""},
    {SetKind::SetString, "a.b=c\\,d", R"({"a":{"b":"c,d"}})", ""},
    {SetKind::SetString, "a", "", R"(key "a" has no value)"},
    // --set-json: JSON values; an empty value is null.
    {SetKind::SetJson, R"(outer.inner1="1",outer.inner2={"a":"1","b":2,"c":[1,2,3]})",
     R"({"outer":{"inner1":"1","inner2":{"a":"1","b":2,"c":[1,2,3]}}})", ""},
    {SetKind::SetJson, R"(outer.inner3=[],outer.inner4={})",
     R"({"outer":{"inner3":[],"inner4":{}}})", ""},
    {SetKind::SetJson, "a=,b=null,c=true", R"({"a":null,"b":null,"c":true})", ""},
    {SetKind::SetJson, R"(a= "x" ,b=2)", R"({"a":"x","b":2})", ""},
    {SetKind::SetJson, R"(a="x", b=2)", R"({" b":2,"a":"x"})", ""},  // keys are not trimmed
    {SetKind::SetJson, R"(list[0]={"a":1},list[2]=[1])", R"({"list":[{"a":1},null,[1]]})", ""},
    {SetKind::SetJson, R"(a={"k":1,"k":2})", R"({"a":{"k":2}})", ""},
    {SetKind::SetJson, R"(a=1.5e3)", R"({"a":1500})", ""},
    {SetKind::SetJson, R"(a="<&>")", R"({"a":"\u003c\u0026\u003e"})", ""},
    {SetKind::SetJson, "a=hello", "", "failed parsing --set-json data a=hello"},
    {SetKind::SetJson, R"(a={"x":)", "", "failed parsing --set-json data"},
    {SetKind::SetJson, "a=1e999", "", "failed parsing --set-json data a=1e999"},
    // Helm 4: a whole JSON object is merged like a values file.
    {SetKind::SetJson, R"( {"a":{"b":[1,2]},"c":null} )", R"({"a":{"b":[1,2]},"c":null})", ""},
    {SetKind::SetJson, R"({"a":1} x)", "", "failed parsing --set-json data JSON"},
    // --set-literal: the value verbatim, keys without escapes.
    {SetKind::SetLiteral, "name=value,with=commas\\and.dots",
     R"({"name":"value,with=commas\\and.dots"})", ""},
    {SetKind::SetLiteral, "a.b[1]=1,{x}", R"({"a":{"b":[null,"1,{x}"]}})", ""},
    {SetKind::SetLiteral, "a=", R"({"a":""})", ""},
    {SetKind::SetLiteral, "a\\.b=x", R"({"a\\":{"b":"x"}})", ""},
    {SetKind::SetLiteral, "a,b=true", R"({"a,b":"true"})", ""},
    {SetKind::SetLiteral, "name", "", R"(key "name" has no value)"},
    {SetKind::SetLiteral, "a.=x", "", R"(key map "a" has no value)"},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(strvals)

BOOST_DATA_TEST_CASE(helm_parser_cases, boost::unit_test::data::make(kSetCases), c) {
  if (c.expression == "list[65536]=x") {
    auto result = apply(nullptr, {{c.kind, c.expression}});
    BOOST_REQUIRE(result.ok());
    const auto& list = test_values::at(*result, "list");
    BOOST_TEST(list.items.size() == 65537u);
    BOOST_TEST(list.items.back()->text == "x");
    BOOST_TEST(list.items.front()->is_null());
    return;
  }
  check(c);
}

// MaxIndex bounds one index; the nulls all indices of a run add are bounded too (2^20), in one
// argument and across flags, so `a0[65536],a1[65536],…` cannot allocate millions of nulls.
BOOST_AUTO_TEST_CASE(list_padding_is_bounded_over_the_whole_run) {
  std::string many;
  for (int i = 0; i < 17; ++i) many += (i ? ",a" : "a") + std::to_string(i) + "[65535]=x";
  auto result = apply(nullptr, {{SetKind::Set, many}});
  BOOST_REQUIRE(!result.ok());
  BOOST_TEST((result.error().kind == ErrorKind::Usage));
  BOOST_TEST(result.error().message.find("more than 1048576 null entries") != std::string::npos,
             result.error().message);
  BOOST_TEST(result.error().message.find("--set") != std::string::npos);

  // Sixteen of them fit exactly, and a seventeenth in another flag does not.
  std::string sixteen;
  for (int i = 0; i < 16; ++i) sixteen += (i ? ",a" : "a") + std::to_string(i) + "[65535]=x";
  BOOST_TEST(apply(nullptr, {{SetKind::Set, sixteen}}).ok());
  auto split = apply(nullptr, {{SetKind::Set, sixteen}, {SetKind::SetString, "b[0]=x"}});
  BOOST_REQUIRE(!split.ok());
  BOOST_TEST(split.error().message.find("--set-string") != std::string::npos,
             split.error().message);

  // Setting an index that exists adds nothing: a long flag that edits one list is fine.
  std::string edits = "a[65535]=x";
  for (int i = 0; i < 100; ++i) edits += ",a[65535]=y";
  BOOST_TEST(apply(nullptr, {{SetKind::Set, edits}}).ok());
}

BOOST_AUTO_TEST_CASE(nested_name_level_is_limited_to_30) {
  std::string ok = "a";
  for (int i = 0; i < 30; ++i) ok += ".a";
  BOOST_TEST(apply(nullptr, {{SetKind::Set, ok + "=1"}}).ok());
  auto too_deep = apply(nullptr, {{SetKind::Set, ok + ".a=1"}});
  BOOST_REQUIRE(!too_deep.ok());
  BOOST_TEST(too_deep.error().message.find(
                 "value name nested level is greater than maximum supported nested level of 30") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(typed_nodes_carry_explicit_tags_so_yaml_typing_does_not_change_them) {
  auto result = apply(nullptr, {{SetKind::Set, "s=yes,i=12,b=true,n=null,e="}});
  BOOST_REQUIRE(result.ok());
  const auto& root = *result;
  BOOST_TEST(yaml::describe_type(test_values::at(root, "s")) == "a string");  // not YAML 1.1 bool
  BOOST_TEST(yaml::describe_type(test_values::at(root, "i")) == "an integer");
  BOOST_TEST(yaml::describe_type(test_values::at(root, "b")) == "a boolean");
  BOOST_TEST(test_values::at(root, "n").is_null());
  BOOST_TEST(yaml::describe_type(test_values::at(root, "e")) == "a string");
  BOOST_TEST(test_values::at(root, "e").text == "");
}

BOOST_AUTO_TEST_CASE(created_nodes_are_located_at_the_flag) {
  auto result = apply(nullptr, {{SetKind::Set, "x=1"},
                                {SetKind::Set, "a.b[2].c=v,z={p,q}"},
                                {SetKind::SetJson, R"(j={"k":[1]})"}});
  BOOST_REQUIRE(result.ok());
  const auto& root = *result;
  using test_values::at;
  using test_values::located;
  BOOST_TEST(located(at(root, "x"), "<command line>", 1));
  BOOST_TEST(located(at(root, "a"), "<command line>", 2));
  BOOST_TEST(located(at(root, "a.b"), "<command line>", 2));
  BOOST_TEST(located(at(root, "a.b[0]"), "<command line>", 2));  // padding null
  BOOST_TEST(located(at(root, "a.b[2].c"), "<command line>", 2));
  BOOST_TEST(located(at(root, "z[1]"), "<command line>", 2));
  BOOST_TEST(located(at(root, "j.k[0]"), "<command line>", 3));
  BOOST_TEST(at(root, "j.k[0]").location.column == 0);
  const auto* entry = root->find_entry("a");
  BOOST_REQUIRE(entry);
  BOOST_TEST(entry->key_location.file == "<command line>");
  BOOST_TEST(entry->key_location.line == 2);
}

BOOST_AUTO_TEST_CASE(set_file_reads_the_file_as_a_string) {
  test::TempDir dir;
  auto path = dir.write("cert.pem", "line1\nline2: x\n");
  auto result = apply(
      nullptr, {{SetKind::SetFile, "tls.cert=" + path.string() + ",list={" + path.string() + "}"}});
  BOOST_REQUIRE_MESSAGE(result.ok(), test_values::why(result));
  BOOST_TEST(test_values::at(*result, "tls.cert").text == "line1\nline2: x\n");
  BOOST_TEST(yaml::describe_type(test_values::at(*result, "tls.cert")) == "a string");
  BOOST_TEST(test_values::at(*result, "list[0]").text == "line1\nline2: x\n");
  BOOST_TEST(test_values::located(test_values::at(*result, "tls.cert"), "<command line>", 1));
}

BOOST_AUTO_TEST_CASE(set_file_unreadable_is_a_usage_error_naming_the_flag) {
  auto result = apply(
      nullptr, {{SetKind::Set, "a=1"}, {SetKind::SetFile, "key=/nonexistent/detgw/file.txt"}});
  BOOST_REQUIRE(!result.ok());
  const auto& error = result.error();
  BOOST_TEST((error.kind == ErrorKind::Usage));
  BOOST_TEST(error.message.find("failed parsing --set-file data") != std::string::npos);
  BOOST_TEST(error.message.find("/nonexistent/detgw/file.txt") != std::string::npos);
  BOOST_TEST(error.message.find("key=/nonexistent/detgw/file.txt") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(flags_apply_in_helm_order_by_kind_then_as_given) {
  // Given out of order; Helm applies --set-json, --set, --set-string, --set-file, --set-literal.
  auto result = apply(nullptr, {{SetKind::SetLiteral, "a=literal"},
                                {SetKind::SetString, "a=string,b=s1"},
                                {SetKind::Set, "a=1,b=2"},
                                {SetKind::SetJson, R"(a={"j":1},c=3)"},
                                {SetKind::SetString, "b=s2"},
                                {SetKind::Set, "c=4"}});
  BOOST_REQUIRE(result.ok());
  BOOST_TEST(values::to_canonical_json(*result) == R"({"a":"literal","b":"s2","c":4})");
  BOOST_TEST(test_values::located(test_values::at(*result, "a"), "<command line>", 1));
  BOOST_TEST(test_values::located(test_values::at(*result, "b"), "<command line>", 5));
  BOOST_TEST(test_values::located(test_values::at(*result, "c"), "<command line>", 6));
}

BOOST_AUTO_TEST_CASE(a_later_flag_meets_the_type_an_earlier_flag_left) {
  auto result = apply(nullptr, {{SetKind::Set, "a=1"}, {SetKind::Set, "a.b=2"}});
  BOOST_REQUIRE(!result.ok());
  BOOST_TEST(result.error().message ==
             "failed parsing --set data: unable to parse key: interface conversion: interface {} "
             "is int64, not map[string]interface {} (in --set \"a.b=2\")");
}

BOOST_AUTO_TEST_SUITE_END()
