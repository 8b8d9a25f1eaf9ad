// The helm-multirm binary as a user runs it: exit codes for every format, what goes to stdout
// and stderr, flags.
#include <boost/test/unit_test.hpp>

#include "tests/common/test_support.hpp"

using detgw::test::run;
using detgw::test::TempDir;

namespace {

const std::string kBinary = DETGW_HELM_MULTIRM;

std::string example(const std::string& name) {
  return (detgw::test::source_dir() / "examples" / name).string();
}

const char* kFormats[] = {"text", "json", "yaml", "sarif", "junit", "github"};

}  // namespace

BOOST_AUTO_TEST_SUITE(lint_cli)

BOOST_AUTO_TEST_CASE(clean_example_exits_0_in_every_format) {
  for (const char* format : kFormats) {
    auto r = run({kBinary, "lint", "-f", example("values-multicluster.yaml"), "-o", format});
    BOOST_TEST_CONTEXT(format) { BOOST_TEST(r.exit_code == 0); }
  }
  auto text = run({kBinary, "lint", "-f", example("values-multicluster.yaml")});
  BOOST_TEST(text.out.find("✔ no problems found in") != std::string::npos);
  BOOST_TEST(text.out.find("(3 resource managers, 4 pools, 2 gateways)") != std::string::npos);
  BOOST_TEST(text.out.find('\x1b') == std::string::npos);  // not a terminal: no colour
  // The detected shape is an informational line: only with -v.
  BOOST_TEST(text.err.find("linting as") == std::string::npos, text.err);
  auto verbose = run({kBinary, "lint", "-v", "-f", example("values-multicluster.yaml")});
  BOOST_TEST(verbose.exit_code == 0);
  BOOST_TEST(verbose.err.find("linting as values input") != std::string::npos, verbose.err);
  // `helm --debug` reaches a plugin as HELM_DEBUG, a Go bool.
  auto debug =
      run({kBinary, "lint", "-f", example("values-multicluster.yaml")}, {}, {"HELM_DEBUG=true"});
  BOOST_TEST(debug.err.find("linting as values input") != std::string::npos, debug.err);
  auto no_debug =
      run({kBinary, "lint", "-f", example("values-multicluster.yaml")}, {}, {"HELM_DEBUG=false"});
  BOOST_TEST(no_debug.err.find("linting as") == std::string::npos, no_debug.err);
}

// Valid input: every machine format says the run read its input.
BOOST_AUTO_TEST_CASE(clean_input_has_no_input_errors_in_any_format) {
  const auto values = example("values-multicluster.yaml");
  auto json = run({kBinary, "lint", "-f", values, "-o", "json"});
  BOOST_TEST(json.out.find("\"input_errors\": []") != std::string::npos, json.out);
  BOOST_TEST(json.out.find("\"input_errors\": 0") != std::string::npos, json.out);
  auto yaml = run({kBinary, "lint", "-f", values, "-o", "yaml"});
  BOOST_TEST(yaml.out.find("input_errors: []") != std::string::npos, yaml.out);
  auto sarif = run({kBinary, "lint", "-f", values, "-o", "sarif"});
  BOOST_TEST(sarif.out.find("\"executionSuccessful\": true") != std::string::npos, sarif.out);
  auto junit = run({kBinary, "lint", "-f", values, "-o", "junit"});
  BOOST_TEST(junit.out.find("<error") == std::string::npos, junit.out);
  BOOST_TEST(junit.out.find("errors=\"0\"") != std::string::npos, junit.out);
  auto github = run({kBinary, "lint", "-f", values, "-o", "github"});
  BOOST_TEST(github.out.empty(), github.out);
}

// SPEC §3: an input that cannot be read or parsed is exit 3 and never a success, in every
// format: a NUL byte, a YAML syntax error, a missing file, a directory, a top-level list.
BOOST_AUTO_TEST_CASE(unreadable_input_is_carried_by_every_format) {
  TempDir dir;
  struct Bad {
    std::string file;
    std::string message;  // in every format's output
    int line;
  };
  const auto nul = dir.write("nul.yaml", std::string("maxSlotsPerPod: 1\nb: x\0y\n", 26));
  const auto syntax = dir.write("syntax.yaml", "maxSlotsPerPod: 1\nresourcePools: [a, b\n");
  const auto list = dir.write("list.yaml", "- maxSlotsPerPod: 1\n");
  const Bad cases[] = {
      {nul.string(), "NUL byte in input", 2},
      {syntax.string(), "YAML syntax error", 3},
      {(dir.path() / "missing.yaml").string(), "No such file or directory", 0},
      {dir.path().string(), "is a directory", 0},
      {list.string(), "the top level is a list; Helm values must be a mapping", 1},
  };
  for (const auto& bad : cases) {
    BOOST_TEST_CONTEXT(bad.file) {
      for (const char* format : kFormats) {
        BOOST_TEST_CONTEXT(format) {
          auto r = run({kBinary, "lint", "-f", bad.file, "-o", format});
          BOOST_TEST(r.exit_code == 3);
          BOOST_TEST(r.err.find(bad.message) != std::string::npos, r.err);
          BOOST_TEST(r.out.find(bad.message) != std::string::npos, r.out);
          BOOST_TEST(r.out.find("no problems found") == std::string::npos, r.out);
          BOOST_TEST(r.out.find("✔") == std::string::npos, r.out);
        }
      }
      auto json = run({kBinary, "lint", "-f", bad.file, "-o", "json"});
      BOOST_TEST(json.out.find("\"file\": \"" + bad.file + "\"") != std::string::npos, json.out);
      BOOST_TEST(json.out.find("\"line\": " + std::to_string(bad.line)) != std::string::npos);
      BOOST_TEST(json.out.find("\"input_errors\": 1") != std::string::npos, json.out);
      BOOST_TEST(json.out.find("\"findings\": []") != std::string::npos, json.out);
      auto sarif = run({kBinary, "lint", "-f", bad.file, "-o", "sarif"});
      BOOST_TEST(sarif.out.find("\"executionSuccessful\": false") != std::string::npos);
      BOOST_TEST(sarif.out.find("\"toolExecutionNotifications\"") != std::string::npos);
      auto junit = run({kBinary, "lint", "-f", bad.file, "-o", "junit"});
      BOOST_TEST(junit.out.find("<error type=\"input error\"") != std::string::npos, junit.out);
      auto github = run({kBinary, "lint", "-f", bad.file, "-o", "github"});
      BOOST_TEST(github.out.starts_with("::error "), github.out);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_scalar_or_list_at_the_top_is_refused_for_every_shape) {
  TempDir dir;
  auto scalar = dir.write("scalar.yaml", "just a string\n");
  auto r = run({kBinary, "lint", "-f", scalar.string()});
  BOOST_TEST(r.exit_code == 3);
  BOOST_TEST(r.err.find(scalar.string() +
                        ":1:1: the top level is a string; Helm values must be a mapping") !=
                 std::string::npos,
             r.err);
  auto list = dir.write("list.yaml", "- resource_manager: {}\n");
  auto master = run({kBinary, "lint", "-f", list.string(), "--input-format", "master"});
  BOOST_TEST(master.exit_code == 3);
  BOOST_TEST(master.err.find("the top level is a list; a master config must be a mapping") !=
                 std::string::npos,
             master.err);
  auto devcluster = run({kBinary, "lint", "-f", list.string(), "--input-format", "devcluster"});
  BOOST_TEST(devcluster.exit_code == 3);
  BOOST_TEST(devcluster.err.find("a devcluster config must be a mapping") != std::string::npos);
  // Empty, comments only, or an explicit null: empty values, as Helm reads them.
  for (const char* text : {"", "# nothing here\n", "~\n"}) {
    auto empty = dir.write("empty.yaml", text);
    auto ok =
        run({kBinary, "lint", "-f", empty.string(), "--set", "maxSlotsPerPod=1", "--upgrade"});
    BOOST_TEST_CONTEXT(text) { BOOST_TEST(ok.exit_code == 0, ok.err); }
  }
}

// `-f <(…)` passes /dev/fd/N, an anonymous pipe: read like stdin. A named FIFO is refused
// rather than waited on.
BOOST_AUTO_TEST_CASE(process_substitution_is_read_and_a_named_fifo_refused) {
  auto r = run({"bash", "-c",
                "\"$0\" lint -f <(printf 'maxSlotsPerPod: 1\\nlogLevl: info\\n') --upgrade "
                "-o json",
                kBinary});
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(r.out.find("HLM007") != std::string::npos, r.out);
  BOOST_TEST(r.out.find("\"file\": \"/dev/fd/") != std::string::npos, r.out);

  TempDir dir;
  const auto fifo = (dir.path() / "values.fifo").string();
  BOOST_REQUIRE(run({"mkfifo", fifo}).exit_code == 0);
  auto named = run({kBinary, "lint", "-f", fifo});
  BOOST_TEST(named.exit_code == 3);
  BOOST_TEST(named.err.find("is a named pipe (FIFO)") != std::string::npos, named.err);
}

BOOST_AUTO_TEST_CASE(mistakes_exit_1_in_every_format) {
  for (const char* format : kFormats) {
    auto r = run({kBinary, "lint", "-f", example("values-mistakes.yaml"), "-o", format});
    BOOST_TEST_CONTEXT(format) {
      BOOST_TEST(r.exit_code == 1);
      BOOST_TEST(r.out.find("MRM012") != std::string::npos);
    }
  }
}

BOOST_AUTO_TEST_CASE(json_has_the_finding_fields) {
  auto r = run({kBinary, "lint", "-f", example("values-mistakes.yaml"), "-o", "json"});
  for (const char* field : {"\"code\"", "\"severity\"", "\"message\"", "\"hint\"", "\"path\"",
                            "\"pointer\"", "\"file\"", "\"line\"", "\"column\"", "\"rm\"",
                            "\"summary\"", "\"inputs\"", "\"shape\": \"values\""})
    BOOST_TEST_CONTEXT(field) { BOOST_TEST(r.out.find(field) != std::string::npos); }
  BOOST_TEST(
      r.out.find(
          "\"pointer\": \"/additional_resource_managers/0/resource_manager/cluster_name\"") !=
      std::string::npos);
}

BOOST_AUTO_TEST_CASE(strict_fails_on_warnings) {
  TempDir dir;
  auto values = dir.write("v.yaml", "maxSlotsPerPod: 1\nlogLevl: info\n");
  BOOST_TEST(run({kBinary, "lint", "-f", values.string(), "--upgrade"}).exit_code == 0);
  auto strict = run({kBinary, "lint", "-f", values.string(), "--upgrade", "--strict"});
  BOOST_TEST(strict.exit_code == 1);
  BOOST_TEST(strict.out.find("did you mean \"logLevel\"?") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(syntax_error_exits_3_with_position_in_every_format) {
  TempDir dir;
  auto values = dir.write("broken.yaml", "maxSlotsPerPod: 1\nresourcePools: [a, b\n");
  for (const char* format : kFormats) {
    auto r = run({kBinary, "lint", "-f", values.string(), "-o", format});
    BOOST_TEST_CONTEXT(format) {
      BOOST_TEST(r.exit_code == 3);
      BOOST_TEST(r.err.find(values.string() + ":") != std::string::npos);
      BOOST_TEST(r.err.find("YAML syntax error") != std::string::npos);
    }
  }
  // Never stated as a success: the text output says what could not be read instead.
  auto text = run({kBinary, "lint", "-f", values.string()});
  BOOST_TEST(text.out.find("✔") == std::string::npos, text.out);
  BOOST_TEST(text.out.find("could not read " + values.string() + ":3:1: YAML syntax error") !=
                 std::string::npos,
             text.out);
}

// Helm stops at a file it cannot read: findings about a merge of the others would describe
// values no install receives. Every input error is still reported.
BOOST_AUTO_TEST_CASE(one_unreadable_input_means_no_findings_from_the_others) {
  TempDir dir;
  auto ok = dir.write("ok.yaml", "maxSlotsPerPod: 1\nlogLevl: info\n");
  auto nul = dir.write("nul.yaml", std::string("a: \0\n", 5));
  for (const char* format : kFormats) {
    auto r = run({kBinary, "lint", "-f", ok.string(), "-f", (dir.path() / "missing.yaml").string(),
                  "-f", nul.string(), "-o", format});
    BOOST_TEST_CONTEXT(format) {
      BOOST_TEST(r.exit_code == 3);
      BOOST_TEST(r.err.find("missing.yaml: cannot read file") != std::string::npos);
      BOOST_TEST(r.out.find("missing.yaml") != std::string::npos, r.out);
      BOOST_TEST(r.out.find("NUL byte") != std::string::npos, r.out);
      BOOST_TEST(r.out.find("HLM007") == std::string::npos, r.out);
      BOOST_TEST(r.out.find("✔") == std::string::npos, r.out);
    }
  }
  auto json = run({kBinary, "lint", "-f", ok.string(), "-f", nul.string(), "-o", "json"});
  BOOST_TEST(json.out.find("\"findings\": []") != std::string::npos, json.out);
  BOOST_TEST(json.out.find("\"input_errors\": 1") != std::string::npos, json.out);
}

BOOST_AUTO_TEST_CASE(render_carries_input_errors_too) {
  TempDir dir;
  auto nul = dir.write("nul.yaml", std::string("a: \0\n", 5));
  auto r = run({kBinary, "render", "-f", nul.string(), "-o", "json"});
  BOOST_TEST(r.exit_code == 3);
  BOOST_TEST(r.out.find("\"input_errors\": 1") != std::string::npos, r.out);
}

BOOST_AUTO_TEST_CASE(a_huge_set_integer_stays_a_string_and_set_padding_is_bounded) {
  // A string where the chart wants a number: the rules see the type Helm would give.
  auto big = run(
      {kBinary, "lint", "--set", "maxSlotsPerPod=37000000000000000000", "--upgrade", "-o", "json"});
  BOOST_TEST(big.exit_code == 1);
  BOOST_TEST(big.out.find("MRM004") != std::string::npos, big.out);
  BOOST_TEST(big.out.find("must be an integer, not a string") != std::string::npos, big.out);
  std::string many;
  for (int i = 0; i < 17; ++i) many += (i ? ",a" : "a") + std::to_string(i) + "[65535]=x";
  auto padded = run({kBinary, "lint", "--set", many});
  BOOST_TEST(padded.exit_code == 2);
  BOOST_TEST(padded.err.find("more than 1048576 null entries") != std::string::npos, padded.err);
}

BOOST_AUTO_TEST_CASE(usage_errors_exit_2) {
  auto unknown_code = run({kBinary, "lint", "--disable", "MRM999"});
  BOOST_TEST(unknown_code.exit_code == 2);
  BOOST_TEST(unknown_code.err.find("unknown rule code \"MRM999\"") != std::string::npos);
  BOOST_TEST(run({kBinary, "lint", "-o", "xml"}).exit_code == 2);
  BOOST_TEST(run({kBinary, "lint", "--no-such-flag"}).exit_code == 2);
  BOOST_TEST(run({kBinary, "lint", "--input-format", "toml"}).exit_code == 2);
}

BOOST_AUTO_TEST_CASE(mixed_shapes_exit_2) {
  TempDir dir;
  auto values = dir.write("values.yaml", "maxSlotsPerPod: 1\n");
  auto master = dir.write("master.yaml", "resource_manager:\n  type: kubernetes\n");
  auto r = run({kBinary, "lint", "-f", values.string(), "-f", master.string()});
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.err.find("one shape") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(values_from_stdin) {
  auto r = run({kBinary, "lint", "-f", "-"}, "maxSlotsPerPod: 1\nresourcePools: []\n");
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(r.out.find("<stdin>:2:16: error MRM014") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(set_flag_is_located_on_the_command_line) {
  TempDir dir;
  auto values = dir.write("v.yaml", "maxSlotsPerPod: 1\n");
  auto r =
      run({kBinary, "lint", "-f", values.string(), "--set", "maxSlotsPerPod=-1", "-o", "json"});
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(r.out.find("\"file\": \"<command line>\"") != std::string::npos);
  BOOST_TEST(r.out.find("MRM017") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(suppress_and_disable) {
  auto base = run({kBinary, "lint", "-f", example("values-mistakes.yaml"), "-o", "json"});
  BOOST_REQUIRE(base.out.find("MRM021") != std::string::npos);
  auto disabled = run({kBinary, "lint", "-f", example("values-mistakes.yaml"), "-o", "json",
                       "--disable", "MRM021"});
  BOOST_TEST(disabled.out.find("MRM021") == std::string::npos);
  auto suppressed = run({kBinary, "lint", "-f", example("values-mistakes.yaml"), "-o", "json",
                         "--suppress", "MRM021=additional_resource_managers.*"});
  BOOST_TEST(suppressed.out.find("MRM021") == std::string::npos);
  BOOST_TEST(suppressed.out.find("MRM012") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(upgrade_skips_the_first_install_password_check) {
  TempDir dir;
  auto values = dir.write("v.yaml", "maxSlotsPerPod: 1\n");
  auto install = run({kBinary, "lint", "-f", values.string(), "-o", "json"});
  BOOST_TEST(install.exit_code == 1);
  BOOST_TEST(install.out.find("HLM011") != std::string::npos);
  auto upgrade = run({kBinary, "lint", "-f", values.string(), "--upgrade"});
  BOOST_TEST(upgrade.exit_code == 0, upgrade.out);
  auto with_set =
      run({kBinary, "lint", "-f", values.string(), "--set", "initialUserPassword=Abcdefg1"});
  BOOST_TEST(with_set.exit_code == 0, with_set.out);
  BOOST_TEST(with_set.out.find("Abcdefg1") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(help_shows_examples_as_typed) {
  auto r = run({kBinary, "lint", "--help"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out.find("helm multirm lint -f values.yaml") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(lint_cli_shapes)

BOOST_AUTO_TEST_CASE(devcluster_without_master_stage_is_said_not_crashed) {
  TempDir dir;
  auto file = dir.write("dev.yaml", "stages:\n  - db:\n      port: 5432\n");
  auto r = run({kBinary, "lint", "-f", file.string()});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.err.find("no master stage with a config_file") != std::string::npos);
  BOOST_TEST(r.out.find("0 resource managers") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(master_input_is_detected_and_reported) {
  TempDir dir;
  auto file =
      dir.write("master.yaml", "resource_manager:\n  type: kubernetes\n  max_slots_per_pod: 1\n");
  auto r = run({kBinary, "lint", "-f", file.string(), "-o", "json"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out.find("\"shape\": \"master\"") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(lint_cli_arguments)

BOOST_AUTO_TEST_CASE(each_flag_takes_one_value_and_chart_may_follow) {
  // As with helm: `-f values.yaml CHART` — the chart is not a second values file.
  TempDir dir;
  dir.write("chart/values.yaml", "maxSlotsPerPod: 2\nresourcePools:\n  - pool_name: default\n");
  auto values = dir.write("v.yaml", "logLevl: info\n");
  auto r = run({kBinary, "lint", "-f", values.string(), (dir.path() / "chart").string(), "-o",
                "json", "--upgrade"});
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(r.out.find("HLM007") != std::string::npos);
  BOOST_TEST(r.out.find("HLM005") == std::string::npos);  // maxSlotsPerPod came from CHART
  BOOST_TEST(r.out.find("chart/values.yaml") == std::string::npos);  // not linted as -f input
}

BOOST_AUTO_TEST_SUITE_END()
