// Shell completion of both binaries (`__complete`, cobra's protocol that kubectl and helm read
// from a plugin), run directly and through the scripts kubectl and helm call
// (packaging/kubectl_complete-detgw, plugin.complete). Candidates are checked against the
// command tree as `--help` shows it, so every command added later is covered too.
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/rules/rule.hpp"
#include "tests/common/test_support.hpp"

using detgw::test::run;
using detgw::test::TempDir;

namespace {

namespace fs = std::filesystem;

const std::string kHelm = DETGW_HELM_MULTIRM;
const std::string kKubectl = DETGW_KUBECTL_DETGW;

struct Answer {
  std::vector<std::string> values;
  std::vector<std::string> lines;  // candidate lines as printed (value, tab, description)
  std::string directive;           // ":4"
  int exit_code = -1;
  std::string err;
};

Answer parse(const detgw::test::RunResult& r) {
  Answer a;
  a.exit_code = r.exit_code;
  a.err = r.err;
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with(":")) {
      a.directive = line;
      continue;
    }
    a.lines.push_back(line);
    a.values.push_back(line.substr(0, line.find('\t')));
  }
  return a;
}

Answer complete(const std::string& binary, std::vector<std::string> words,
                const std::vector<std::string>& env = {}) {
  words.insert(words.begin(), {binary, "__complete"});
  return parse(run(words, {}, env));
}

std::set<std::string> as_set(const std::vector<std::string>& v) { return {v.begin(), v.end()}; }

bool has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// The subcommands a CLI11 `--help` lists under "Subcommands:".
std::set<std::string> help_subcommands(const std::string& binary) {
  auto r = run({binary, "--help"});
  std::set<std::string> out;
  std::istringstream in(r.out);
  bool in_section = false;
  static const std::regex entry("^  ([a-z][a-z0-9-]*)\\b.*");
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("Subcommands:")) {
      in_section = true;
      continue;
    }
    std::smatch m;
    if (in_section && std::regex_match(line, m, entry))
      out.insert(m[1]);
    else if (in_section && !line.empty() && line[0] != ' ')
      in_section = false;
  }
  return out;
}

// Every `--long` name a subcommand's `--help` shows.
std::set<std::string> help_long_options(const std::string& binary, const std::string& sub) {
  auto r = run({binary, sub, "--help"});
  std::set<std::string> out;
  static const std::regex name("(^|[ ,])(--[a-z][a-z0-9-]*)");
  std::istringstream in(r.out);
  bool in_options = false;
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("Options:")) in_options = true;
    if (!in_options || !line.starts_with("  -")) continue;
    const std::string names = line.substr(0, line.find("  ", 2));  // before the description
    for (std::sregex_iterator it(names.begin(), names.end(), name), end; it != end; ++it)
      out.insert((*it)[2]);
  }
  return out;
}

// A directory holding `script` (copied) next to a link to `binary` named `binary_name`, the
// way a user installs them side by side.
fs::path side_by_side(const TempDir& dir, const fs::path& script, const std::string& binary,
                      const std::string& binary_name) {
  fs::create_directories(dir.path() / fs::path(binary_name).parent_path());
  fs::create_symlink(binary, dir.path() / binary_name);
  fs::copy_file(script, dir.path() / script.filename());
  return dir.path() / script.filename();
}

// A command of kubectl-detgw that takes --gateway, or "" while none does.
std::string command_with_gateway() {
  for (const auto& sub : help_subcommands(kKubectl)) {
    if (help_long_options(kKubectl, sub).contains("--gateway")) return sub;
  }
  return {};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(completion)

BOOST_AUTO_TEST_CASE(helm_multirm_completes_subcommands_and_flags) {
  auto root = complete(kHelm, {""});
  BOOST_TEST(root.exit_code == 0);
  BOOST_TEST(root.err.empty(), root.err);  // Helm 4 reads plugin.complete's stderr as candidates
  BOOST_TEST(as_set(root.values) == help_subcommands(kHelm));
  BOOST_TEST(has(root.values, "lint"));
  BOOST_TEST(root.directive == ":4");

  auto flags = complete(kHelm, {"lint", "--"});
  for (const auto& option : help_long_options(kHelm, "lint"))
    BOOST_TEST(has(flags.values, option), option << " not offered");
  auto output = complete(kHelm, {"lint", "--out"});
  BOOST_TEST(output.values == std::vector<std::string>{"--output"});
  BOOST_TEST(output.lines[0].find("\tsarif") == std::string::npos);  // value, tab, description
  BOOST_TEST(output.lines[0].find('\t') != std::string::npos);
}

BOOST_AUTO_TEST_CASE(helm_multirm_completes_option_values) {
  auto formats = complete(kHelm, {"lint", "-f", "values.yaml", "-o", ""});
  BOOST_TEST(formats.values ==
                 (std::vector<std::string>{"text", "json", "yaml", "sarif", "junit", "github"}),
             boost::test_tools::per_element());
  BOOST_TEST(formats.directive == ":4");
  auto attached = complete(kHelm, {"lint", "--output=j"});
  BOOST_TEST(attached.values == (std::vector<std::string>{"--output=json", "--output=junit"}),
             boost::test_tools::per_element());
  auto color = complete(kHelm, {"lint", "--color", ""});
  BOOST_TEST(color.values == (std::vector<std::string>{"auto", "always", "never"}),
             boost::test_tools::per_element());
  auto input = complete(kHelm, {"lint", "--input-format", "m"});
  BOOST_TEST(input.values == std::vector<std::string>{"master"});
  // A file argument is left to the shell.
  BOOST_TEST(complete(kHelm, {"lint", "-f", ""}).directive == ":0");
  BOOST_TEST(complete(kHelm, {"lint", ""}).directive == ":0");  // CHART
}

BOOST_AUTO_TEST_CASE(helm_multirm_completes_rule_codes) {
  std::vector<std::string> mrm01;
  for (const auto& rule : detgw::rules::all_rules())
    if (rule.code.starts_with("MRM01")) mrm01.emplace_back(rule.code);
  BOOST_REQUIRE(!mrm01.empty());
  auto disable = complete(kHelm, {"lint", "--disable", "MRM01"});
  BOOST_TEST(disable.values == mrm01, boost::test_tools::per_element());
  BOOST_TEST(disable.lines[0].find('\t') != std::string::npos);  // with the rule's summary
  auto enable = complete(kHelm, {"lint", "--enable", ""});
  BOOST_TEST(enable.values.size() == detgw::rules::all_rules().size());
  auto suppress = complete(kHelm, {"lint", "--suppress", "MRM012"});
  BOOST_TEST(suppress.values == std::vector<std::string>{"MRM012="});
  BOOST_TEST(suppress.directive == ":6");  // no space after `=`, no files
}

BOOST_AUTO_TEST_CASE(no_descriptions_variant) {
  auto r = run({kHelm, "__completeNoDesc", "lint", "--dis"});
  BOOST_TEST(r.out == "--disable\n:4\n");
}

BOOST_AUTO_TEST_CASE(plugin_complete_script_runs_the_plugin_binary) {
  TempDir dir;
  auto script =
      side_by_side(dir, detgw::test::source_dir() / "plugin.complete", kHelm, "bin/helm-multirm");
  auto a = parse(run({script.string(), "lint", "--col"}));
  BOOST_TEST(a.exit_code == 0);
  BOOST_TEST(a.values == std::vector<std::string>{"--color"});
}

BOOST_AUTO_TEST_CASE(kubectl_detgw_completes_every_command_and_its_flags) {
  auto root = complete(kKubectl, {""});
  BOOST_TEST(root.exit_code == 0);
  BOOST_TEST(root.err.empty(), root.err);
  const auto commands = help_subcommands(kKubectl);
  BOOST_TEST(commands.contains("version"));
  BOOST_TEST(as_set(root.values) == commands);
  for (const auto& sub : commands) {
    BOOST_TEST_CONTEXT(sub) {
      auto flags = complete(kKubectl, {sub, "--"});
      for (const auto& option : help_long_options(kKubectl, sub))
        BOOST_TEST(has(flags.values, option), option << " not offered");
    }
  }
  auto client = complete(kKubectl, {"version", "--cli"});
  BOOST_TEST(has(client.values, "--client"));
  BOOST_TEST(has(client.values, "--client-certificate"));
}

BOOST_AUTO_TEST_CASE(kubectl_detgw_completes_contexts_of_the_given_kubeconfig) {
  TempDir dir;
  auto kubeconfig = dir.write("config", R"(apiVersion: v1
kind: Config
clusters:
- name: east
  cluster: {server: "https://127.0.0.1:1"}
users:
- name: admin
  user: {token: abc}
contexts:
- name: east-admin
  context: {cluster: east, user: admin}
- name: west-admin
  context: {cluster: east, user: admin}
current-context: east-admin
)");
  auto a = complete(kKubectl, {"version", "--kubeconfig", kubeconfig.string(), "--context", ""});
  BOOST_TEST(a.values == (std::vector<std::string>{"east-admin", "west-admin"}),
             boost::test_tools::per_element());
  BOOST_TEST(a.lines[0] == "east-admin\tcluster east");
  auto none = complete(kKubectl, {"version", "--kubeconfig", "/nonexistent", "--context", ""});
  BOOST_TEST(none.exit_code == 0);
  BOOST_TEST(none.values.empty());
  BOOST_TEST(none.err.empty(), none.err);
}

BOOST_AUTO_TEST_CASE(kubectl_complete_script_runs_the_plugin_binary) {
  TempDir dir;
  auto script =
      side_by_side(dir, detgw::test::source_dir() / "packaging" / "kubectl_complete-detgw",
                   kKubectl, "kubectl-detgw");
  auto a = parse(run({script.string(), "vers"}));
  BOOST_TEST(a.exit_code == 0);
  BOOST_TEST(a.values == std::vector<std::string>{"version"});
}

BOOST_AUTO_TEST_CASE(gateway_completion_stays_quiet_without_a_cluster) {
  const auto sub = command_with_gateway();
  if (sub.empty()) {
    BOOST_TEST_MESSAGE("no kubectl detgw command takes --gateway yet");
    return;
  }
  auto a = complete(kKubectl, {sub, "--server", "https://127.0.0.1:1", "--token", "x",
                               "--insecure-skip-tls-verify", "--gateway", ""});
  BOOST_TEST(a.exit_code == 0);
  BOOST_TEST(a.values.empty());
  BOOST_TEST(a.err.empty(), a.err);
  BOOST_TEST(a.directive == ":4");
}

BOOST_AUTO_TEST_SUITE_END()
