// Differential test of the values merge against real Helm: for each case of -f files and --set*
// flags, the `.Values` that `helm3 template` and `helm4 template` render (as `toJson`) is
// compared with what this project computes (merge_maps over the files, apply_set_flags,
// coalesce_with_chart, to_canonical_json). The chart is tests/e2e-lab/testdata/values-chart.
//
// We model Helm 3 (3.19.5 in the lab). Helm 4 (4.3.1) differs only in nulls, asserted per case:
//  - a chart default that is null (`emptyDefault:`, `nullDefault: null`) is gone from Helm 4's
//    .Values (Helm 3 keeps it as null), so Helm 4 is compared with our result minus null map
//    entries (nulls in lists stay in both);
//  - a user null for a key the chart lacks is kept by Helm 4 at every level; Helm 3 keeps it at
//    the top level and inside maps the chart lacks, but deletes it inside a map the chart also
//    has (coalesceTablesFullKey). Those cases carry Helm 4's output verbatim (`helm4`).
// Other Helm behaviours pinned here: a --set path through a null or a scalar is an error with
// Go's interface-conversion message (we print the same); `.inf` in a -f file makes Helm fail
// ("json: unsupported value: +Inf"), so it is not in the corpus; yaml.v2 reads the keys `y`,
// `n`, `on`, `off`, `yes`, `no` as booleans ("true"/"false" keys) — our loader keeps them as
// strings, so such keys are not in the corpus either (a known, unfixed difference).
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "core/values/merge.hpp"
#include "core/values/strvals.hpp"
#include "core/yaml/arena.hpp"
#include "core/yaml/loader.hpp"
#include "tests/common/test_support.hpp"

using detgw::test::run;
using detgw::test::TempDir;
using detgw::values::SetKind;

namespace {

namespace fs = std::filesystem;

struct Case {
  std::string name;
  std::vector<std::string> files;                      // contents of -f files, in order
  std::vector<std::pair<SetKind, std::string>> flags;  // "@FILE" in --set-file is the temp file
  std::string helm4 = {};  // Helm 4's .Values when it is not ours minus null map entries
};

const std::vector<Case>& corpus() {
  static const std::vector<Case> cases = {
      {"chart defaults only", {}, {}},
      {"one file overrides scalars", {"replicas: 3\nimage:\n  tag: \"2.0\"\n"}, {}},
      {"two overlapping files merge nested maps",
       {"image:\n  tag: a\nlabels:\n  team: one\n",
        "image:\n  repository: r\nlabels:\n  extra: x\n"},
       {}},
      {"null deletes a chart default", {"removeMe: null\n"}, {}},
      {"nested null deletes a nested default", {"nested:\n  deep:\n    drop: ~\n"}, {}},
      {"null deletes a whole default map", {"resources: null\n"}, {}},
      {"list replaces a chart list", {"ports: [8080]\n"}, {}},
      {"list of maps replaces an empty list",
       {"tolerations:\n  - key: a\n    operator: Exists\n  - key: b\n"},
       {}},
      {"later file nulls what an earlier file set", {"removeMe: mine\n", "removeMe: null\n"}, {}},
      {"later file sets what an earlier file nulled",
       {"removeMe: null\n", "removeMe: again\n"},
       {}},
      {"user null for a key the chart lacks",
       {"extra: null\nnested:\n  newKey: null\nown:\n  z: null\n"},
       {},
       R"({"enabled":true,"extra":null,"image":{"pullPolicy":"IfNotPresent","repository":)"
       R"("example/app","tag":"1.0"},"labels":{"team":"core","tier":"backend"},"nested":)"
       R"({"deep":{"drop":"value","keep":"yes-string","list":["a","b"]},"newKey":null,)"
       R"("other":1},"nodeSelector":{},"own":{"z":null},"ports":[80,443],"ratio":0.5,)"
       R"("removeMe":"default","replicas":1,"resources":{"limits":{"cpu":"500m","memory":)"
       R"("1Gi"},"requests":{"cpu":"100m"}},"tolerations":[]})"},
      {"map replaced by a scalar", {"labels: none\n"}, {}},
      {"scalar replaced by a map", {"replicas:\n  min: 1\n"}, {}},
      {"null replaced by a map, lists in nested maps",
       {"emptyDefault:\n  a: 1\nnested:\n  deep:\n    list: [c]\n"},
       {}},
      {"yaml.v2 scalars in files",
       {"switch: yes\nflags: [yes, no, on, off, y, n, true, False]\nf1: 1.0\nf2: 1e3\nf3: 0x1F\n"
        "f4: 0o17\nf5: 017\nbig: 12345678901234567890\nneg: -0\nstamp: 2024-01-01\n"
        "tiny: 1e-7\nhuge: 1e21\nint: 9007199254740993\n"},
       {}},
      {"strings needing escapes", {"note: \"<b>a & b</b>\\u2028\\t\"\nuni: \"héllo ✔\"\n"}, {}},
      {"anchors, aliases and merge keys",
       {"base: &b\n  x: 1\n  z: 2\nderived:\n  <<: *b\n  z: 3\ncopy: *b\n"},
       {}},
      {"empty file", {"", "replicas: 2\n"}, {}},
      {"--set typed values",
       {},
       {{SetKind::Set, "replicas=3,enabled=false,image.tag=2.0,ratio=0.75"}}},
      {"--set leading zeros and big ints",
       {},
       {{SetKind::Set, "zip=007,zero=0,neg=-5,big=12345678901234567890,plus=+1,hex=0x10"}}},
      {"--set lists", {}, {{SetKind::Set, "ports={1,2,3},names={a,b},empty={}"}}},
      {"--set indices",
       {},
       {{SetKind::Set, "servers[0].name=x,servers[2].port=80"}, {SetKind::Set, "ports[1]=9"}}},
      {"--set escapes",
       {},
       {{SetKind::Set, "annotations.example\\.com/x=v\\,w,labels.a\\=b=c\\\\d"}}},
      {"--set null deletes",
       {},
       {{SetKind::Set, "removeMe=null,nested.deep=null,extra=null"}},
       R"({"enabled":true,"extra":null,"image":{"pullPolicy":"IfNotPresent","repository":)"
       R"("example/app","tag":"1.0"},"labels":{"team":"core","tier":"backend"},"nested":)"
       R"({"other":1},"nodeSelector":{},"ports":[80,443],"ratio":0.5,"replicas":1,)"
       R"("resources":{"limits":{"cpu":"500m","memory":"1Gi"},"requests":{"cpu":"100m"}},)"
       R"("tolerations":[]})"},
      {"--set onto file values",
       {"image:\n  tag: file\nports: [1]\n"},
       {{SetKind::Set, "image.tag=flag,ports[2]=3"}}},
      {"--set-string keeps strings",
       {},
       {{SetKind::SetString, "replicas=5,enabled=true,n=null,l={a,b}"}}},
      {"--set-json",
       {},
       {{SetKind::SetJson, "image={\"tag\":\"x\",\"extra\":[1,2.5,null]}"},
        {SetKind::SetJson, "ports=[1,2]"},
        {SetKind::SetJson, "labels.tier=null"}}},
      {"--set-json index and null map",
       {},
       {{SetKind::SetJson, "list[1]={\"a\":true}"}, {SetKind::SetJson, "nested.deep=null"}}},
      {"--set-file", {}, {{SetKind::SetFile, "config=@FILE,image.tag=@FILE"}}},
      {"--set-literal", {}, {{SetKind::SetLiteral, "lit=a,b=c{d}\\.e[0]"}}},
      {"flag order: --set-string after --set after --set-json",
       {},
       {{SetKind::SetString, "k=str"}, {SetKind::Set, "k=2,j=1"}, {SetKind::SetJson, "k=[1],j=2"}}},
      {"--set-literal last, --set-file before it",
       {},
       {{SetKind::SetLiteral, "x=literal"}, {SetKind::SetFile, "x=@FILE"}, {SetKind::Set, "x=1"}}},
      {"file nulls, --set restores",
       {"removeMe: null\nresources:\n  limits: null\n"},
       {{SetKind::Set, "removeMe=back,resources.limits.cpu=1"}}},
      {"--set through a scalar from a file", {"replicas: 2\n"}, {{SetKind::Set, "replicas.min=1"}}},
  };
  return cases;
}

fs::path chart_dir() {
  return detgw::test::source_dir() / "tests" / "e2e-lab" / "testdata" / "values-chart";
}

const fs::path& lab_bin() {
  static const fs::path bin = [] {
    auto r = run({(detgw::test::source_dir() / "tests" / "lab" / "build").string(), "--print-bin"});
    std::string out = r.out;
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    return fs::path(out);
  }();
  return bin;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (auto pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size()))
    s.replace(pos, from.size(), to);
  return s;
}

// The `toJson .Values` line of `helm template` output, or the whole output with the error.
std::string rendered_values(const std::string& helm, const std::vector<std::string>& args,
                            const TempDir& home) {
  std::vector<std::string> argv = {(lab_bin() / helm).string(), "template", "r",
                                   chart_dir().string()};
  argv.insert(argv.end(), args.begin(), args.end());
  const std::string h = home.path().string();
  auto r = run(argv, {},
               {"HELM_CONFIG_HOME=" + h + "/config", "HELM_CACHE_HOME=" + h + "/cache",
                "HELM_DATA_HOME=" + h + "/data"});
  if (r.exit_code != 0) return "error: " + r.err;
  const auto source = r.out.find("# Source:");
  const auto start = source == std::string::npos ? source : r.out.find('\n', source);
  if (start == std::string::npos) return "no values line in: " + r.out;
  std::string line = r.out.substr(start + 1);
  while (!line.empty() && (line.back() == '\n' || line.back() == ' ')) line.pop_back();
  return line;
}

// Our result as Helm 4 prints it: null map entries removed (recursively).
detgw::yaml::NodePtr without_nulls(const detgw::yaml::NodePtr& node) {
  namespace yaml = detgw::yaml;
  if (!node || (!node->is_mapping() && !node->is_sequence())) return node;
  auto arena = std::make_shared<yaml::Arena>();
  arena->keep(node);
  const auto child = [&](const yaml::Node* value) {
    const yaml::NodePtr out = without_nulls(yaml::share(node, value));
    arena->keep(out);
    return out.get();
  };
  if (node->is_sequence()) {
    std::vector<const yaml::Node*> items;
    for (const yaml::Node* item : node->items) items.push_back(child(item));
    return yaml::share(arena, arena->sequence(items, node->location, node->tag));
  }
  std::vector<yaml::Entry> kept;
  for (const auto& e : node->entries) {
    if (detgw::values::to_canonical_json(yaml::share(node, e.value)) == "null") continue;
    auto entry = e;
    entry.value = child(e.value);
    kept.push_back(entry);
  }
  return yaml::share(arena, arena->mapping(kept, node->location, node->tag));
}

struct Ours {
  std::string json;
  std::string json_without_nulls;
};

Ours compute(const Case& c, const std::vector<fs::path>& files, const std::string& set_file) {
  auto defaults = detgw::yaml::load_file((chart_dir() / "values.yaml").string());
  if (!defaults) return {"chart values: " + defaults.error().describe(), {}};
  detgw::yaml::NodePtr user;
  for (const auto& f : files) {
    auto doc = detgw::yaml::load_file(f.string());
    if (!doc) return {"load: " + doc.error().describe(), {}};
    user = detgw::values::merge_maps(user, doc->root);
  }
  std::vector<detgw::values::SetFlag> flags;
  int index = 0;
  for (const auto& [kind, expression] : c.flags)
    flags.push_back({kind, replace_all(expression, "@FILE", set_file), ++index});
  auto with_flags = detgw::values::apply_set_flags(user, flags);
  if (!with_flags) return {"error: " + with_flags.error().message, {}};
  auto merged = detgw::values::coalesce_with_chart(defaults->root, *with_flags);
  return {detgw::values::to_canonical_json(merged),
          detgw::values::to_canonical_json(without_nulls(merged))};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(values_differential)

BOOST_AUTO_TEST_CASE(corpus_is_large_enough) { BOOST_TEST(corpus().size() >= 25u); }

BOOST_AUTO_TEST_CASE(merge_matches_helm3_and_helm4_template) {
  BOOST_REQUIRE(fs::exists(lab_bin() / "helm3"));
  BOOST_REQUIRE(fs::exists(lab_bin() / "helm4"));
  TempDir home;
  for (const Case& c : corpus()) {
    BOOST_TEST_CONTEXT(c.name) {
      TempDir dir;
      const std::string set_file =
          dir.write("set-file.txt", "line one\nkey: \"quoted\" <&>\n").string();
      std::vector<fs::path> files;
      std::vector<std::string> args;
      for (std::size_t i = 0; i < c.files.size(); ++i) {
        files.push_back(dir.write("values-" + std::to_string(i) + ".yaml", c.files[i]));
        args.push_back("-f");
        args.push_back(files.back().string());
      }
      for (const auto& [kind, expression] : c.flags) {
        args.push_back(detgw::values::flag_name(kind));
        args.push_back(replace_all(expression, "@FILE", set_file));
      }
      const Ours ours = compute(c, files, set_file);
      const std::string helm3 = rendered_values("helm3", args, home);
      const std::string helm4 = rendered_values("helm4", args, home);
      if (helm3.starts_with("error: ")) {
        // Helm refused the input: we must refuse it too, with Helm's message in ours.
        BOOST_TEST(ours.json.starts_with("error: "));
        const auto at = helm3.find("failed parsing");
        BOOST_REQUIRE(at != std::string::npos);
        const auto message = helm3.substr(at, helm3.find('\n', at) - at);
        BOOST_TEST(ours.json.find(message) != std::string::npos);
        BOOST_TEST(helm4 == helm3);
        continue;
      }
      BOOST_TEST(ours.json == helm3);
      BOOST_TEST(helm4 == (c.helm4.empty() ? ours.json_without_nulls : c.helm4));
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
