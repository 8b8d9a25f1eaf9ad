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
  BOOST_TEST(text.err.find("linting as values input") != std::string::npos);
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

BOOST_AUTO_TEST_CASE(missing_file_exits_3_and_other_inputs_are_still_linted) {
  TempDir dir;
  auto ok = dir.write("ok.yaml", "maxSlotsPerPod: 1\nlogLevl: info\n");
  auto r = run({kBinary, "lint", "-f", ok.string(), "-f", (dir.path() / "missing.yaml").string()});
  BOOST_TEST(r.exit_code == 3);
  BOOST_TEST(r.err.find("missing.yaml: cannot read file") != std::string::npos);
  BOOST_TEST(r.out.find("HLM007") != std::string::npos);
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
