// HLM012: `helm multirm lint CHART` renders the chart with the real helm (3 and 4 from the lab)
// and reports a refusal with the chart's message, at the value the message names.
#include <boost/test/unit_test.hpp>
#include <set>

#include "core/app/lint.hpp"
#include "core/render/helm_template.hpp"
#include "tests/common/test_support.hpp"
#include "tests/render/helm_bins.hpp"

namespace fs = std::filesystem;
using detgw::test::TempDir;

namespace {

fs::path tiny_chart() {
  return detgw::test::source_dir() / "tests" / "render" / "testdata" / "required-chart";
}

detgw::app::CommandResult lint_chart(const fs::path& helm, const fs::path& chart,
                                     std::vector<std::string> files,
                                     std::vector<detgw::values::SetFlag> flags = {},
                                     bool upgrade = true) {
  detgw::app::LintOptions options;
  options.chart = chart.string();
  options.values_files = std::move(files);
  options.set_flags = std::move(flags);
  options.upgrade = upgrade;  // by default only HLM012 is of interest
  const std::string bin = helm.string();
  options.env = [bin](const std::string& name) -> std::optional<std::string> {
    if (name == "HELM_BIN") return bin;
    if (name == "PATH") return std::string("/usr/bin:/bin");
    return std::nullopt;
  };
  return detgw::app::lint(options);
}

std::vector<detgw::report::Finding> hlm012(const detgw::app::CommandResult& result) {
  std::vector<detgw::report::Finding> out;
  for (const auto& f : result.report.findings)
    if (f.code == "HLM012") out.push_back(f);
  return out;
}

#define SKIP_WITHOUT_HELM()                                                            \
  if (detgw::test::lab_helms().empty()) {                                              \
    BOOST_TEST_MESSAGE("skipped deliberately: the lab's helm binaries are not built"); \
    return;                                                                            \
  }

}  // namespace

BOOST_AUTO_TEST_SUITE(render_chart_check)

BOOST_AUTO_TEST_CASE(helm_template_argv_keeps_the_order_and_the_namespace) {
  detgw::render::HelmTemplateRequest request;
  request.helm = "/bin/helm";
  request.chart = "./determined";
  request.namespace_ = "det";
  request.values_files = {"a.yaml", "b.yaml"};
  request.set_flags = {{detgw::values::SetKind::SetJson, "j=1", 1},
                       {detgw::values::SetKind::Set, "s=2", 2},
                       {detgw::values::SetKind::SetString, "t=3", 3},
                       {detgw::values::SetKind::SetFile, "f=p", 4},
                       {detgw::values::SetKind::SetLiteral, "l=5", 5}};
  const std::vector<std::string> expected = {
      "/bin/helm",  "template",   "release-name", "./determined",  "--namespace",
      "det",        "--values",   "a.yaml",       "--values",      "b.yaml",
      "--set-json", "j=1",        "--set",        "s=2",           "--set-string",
      "t=3",        "--set-file", "f=p",          "--set-literal", "l=5"};
  BOOST_TEST(detgw::render::helm_template_argv(request) == expected,
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(parses_helm_errors) {
  auto required = detgw::render::parse_helm_error(
      "Error: execution error at (determined/templates/master-deployment.yaml:23:28): A valid "
      "Values.maxSlotsPerPod entry is required!\n\nUse --debug flag to render out invalid YAML\n");
  BOOST_TEST(required.message == "A valid Values.maxSlotsPerPod entry is required!");
  BOOST_TEST(required.template_file == "determined/templates/master-deployment.yaml");
  BOOST_TEST(required.line == 23);
  BOOST_TEST(required.column == 28);
  auto other = detgw::render::parse_helm_error("Error: template: x.yaml:3:18: bad\n");
  BOOST_TEST(other.message == "template: x.yaml:3:18: bad");
  BOOST_TEST(other.template_file.empty());
}

BOOST_AUTO_TEST_CASE(required_in_the_chart_points_at_the_value) {
  SKIP_WITHOUT_HELM()
  TempDir dir;
  auto values = dir.write("v.yaml", "size: 2\n");
  for (const auto& helm : detgw::test::lab_helms()) {
    BOOST_TEST_CONTEXT(helm.filename()) {
      auto result = lint_chart(helm, tiny_chart(), {values.string()});
      auto found = hlm012(result);
      BOOST_REQUIRE_EQUAL(found.size(), 1u);
      BOOST_TEST(found[0].message.find("A valid .Values.name entry is required!") !=
                 std::string::npos);
      BOOST_TEST(found[0].path == "name");
      BOOST_TEST(found[0].location.file == (tiny_chart() / "values.yaml").string());
      BOOST_TEST(found[0].location.line == 1);
      BOOST_TEST(result.exit_code == 1);
    }
  }
}

BOOST_AUTO_TEST_CASE(fail_in_the_chart_points_at_the_users_value) {
  SKIP_WITHOUT_HELM()
  TempDir dir;
  auto values = dir.write("v.yaml", "name: x\nsize: 0\n");
  for (const auto& helm : detgw::test::lab_helms()) {
    BOOST_TEST_CONTEXT(helm.filename()) {
      auto found = hlm012(lint_chart(helm, tiny_chart(), {values.string()}));
      BOOST_REQUIRE_EQUAL(found.size(), 1u);
      BOOST_TEST(found[0].message.find("size must be at least 1") != std::string::npos);
      BOOST_TEST(found[0].path == "size");
      BOOST_TEST(found[0].location.file == values.string());
      BOOST_TEST(found[0].location.line == 2);
    }
  }
}

BOOST_AUTO_TEST_CASE(set_flags_reach_helm) {
  SKIP_WITHOUT_HELM()
  for (const auto& helm : detgw::test::lab_helms()) {
    BOOST_TEST_CONTEXT(helm.filename()) {
      auto fixed = lint_chart(helm, tiny_chart(), {}, {{detgw::values::SetKind::Set, "name=x", 1}});
      BOOST_TEST(hlm012(fixed).empty());
      auto refused = lint_chart(
          helm, tiny_chart(), {},
          {{detgw::values::SetKind::Set, "name=x", 1}, {detgw::values::SetKind::Set, "size=0", 2}});
      auto found = hlm012(refused);
      BOOST_REQUIRE_EQUAL(found.size(), 1u);
      BOOST_TEST(found[0].location.file == "<command line>");
    }
  }
}

BOOST_AUTO_TEST_CASE(invalid_yaml_rendered_by_the_chart_points_at_the_template) {
  SKIP_WITHOUT_HELM()
  TempDir dir;
  auto values = dir.write("v.yaml", "name: x\nbroken: y\n");
  for (const auto& helm : detgw::test::lab_helms()) {
    BOOST_TEST_CONTEXT(helm.filename()) {
      auto found = hlm012(lint_chart(helm, tiny_chart(), {values.string()}));
      BOOST_REQUIRE_EQUAL(found.size(), 1u);
      BOOST_TEST(found[0].message.find("YAML") != std::string::npos, found[0].message);
    }
  }
}

BOOST_AUTO_TEST_CASE(without_helm_it_is_skipped_with_a_note) {
  detgw::app::LintOptions options;
  options.chart = tiny_chart().string();
  options.upgrade = true;
  options.env = [](const std::string& name) -> std::optional<std::string> {
    if (name == "PATH") return std::string("/nonexistent");
    return std::nullopt;
  };
  auto result = detgw::app::lint(options);
  BOOST_TEST(hlm012(result).empty());
  bool noted = false;
  for (const auto& note : result.notes)
    if (note.find("HLM012 skipped: helm not found") != std::string::npos) noted = true;
  BOOST_TEST(noted);
}

BOOST_AUTO_TEST_CASE(no_chart_render_skips_it) {
  SKIP_WITHOUT_HELM()
  detgw::app::LintOptions options;
  options.chart = tiny_chart().string();
  options.chart_render = false;
  const std::string bin = detgw::test::lab_helms().front().string();
  options.env = [bin](const std::string& name) -> std::optional<std::string> {
    if (name == "HELM_BIN") return bin;
    return std::nullopt;
  };
  BOOST_TEST(hlm012(detgw::app::lint(options)).empty());
}

BOOST_AUTO_TEST_CASE(the_binary_runs_helm_from_helm_bin) {
  SKIP_WITHOUT_HELM()
  // The tiny chart is not Determined's: HLM005 (maxSlotsPerPod) is off, HLM007 only warns.
  const std::string helm = detgw::test::lab_helms().front().string();
  auto refused = detgw::test::run({DETGW_HELM_MULTIRM, "lint", tiny_chart().string(), "--upgrade",
                                   "--disable", "HLM005", "-o", "json"},
                                  {}, {"HELM_BIN=" + helm});
  BOOST_TEST(refused.exit_code == 1);
  BOOST_TEST(refused.out.find("HLM012") != std::string::npos);
  auto skipped = detgw::test::run({DETGW_HELM_MULTIRM, "lint", tiny_chart().string(), "--upgrade",
                                   "--disable", "HLM005", "--no-chart-render"},
                                  {}, {"HELM_BIN=" + helm});
  BOOST_TEST(skipped.exit_code == 0, skipped.out << skipped.err);
}

// The page's examples, linted with the real Determined 0.38.1 chart.
BOOST_AUTO_TEST_CASE(the_doc_page_examples_hold_with_the_determined_chart) {
  SKIP_WITHOUT_HELM()
  auto chart = detgw::test::determined_chart();
  if (!chart) {
    BOOST_TEST_MESSAGE("skipped deliberately: ../shared is not present");
    BOOST_TEST(!detgw::test::shared_dir().has_value());
    return;
  }
  const std::string page =
      detgw::test::read_file_text(detgw::test::source_dir() / "docs" / "rules" / "HLM012.md");
  TempDir dir;
  auto failing =
      dir.write("failing.yaml", detgw::test::yaml_block_after(page, "## Failing example"));
  auto fixed = dir.write("fixed.yaml", detgw::test::yaml_block_after(page, "## Fixed example"));
  for (const auto& helm : detgw::test::lab_helms()) {
    BOOST_TEST_CONTEXT(helm.filename()) {
      auto found = hlm012(lint_chart(helm, *chart, {failing.string()}, {}, false));
      BOOST_REQUIRE_EQUAL(found.size(), 1u);
      BOOST_TEST(found[0].path == "db.sslRootCert");
      BOOST_TEST(found[0].location.file == failing.string());
      BOOST_TEST(found[0].location.line == 5);  // the db mapping, which lacks it
      BOOST_TEST(found[0].message.find("A valid .Values.db.sslRootCert entry required!") !=
                 std::string::npos);
      auto clean = lint_chart(helm, *chart, {fixed.string()}, {}, false);
      BOOST_TEST(hlm012(clean).empty());
      BOOST_TEST(clean.exit_code == 0);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

// The chart's password check runs in every `helm template`; --upgrade passes it as `helm upgrade`
// does, so the chart's other refusals still show.
BOOST_AUTO_TEST_CASE(upgrade_passes_the_charts_password_check) {
  SKIP_WITHOUT_HELM()
  auto chart = detgw::test::determined_chart();
  if (!chart) {
    BOOST_TEST_MESSAGE("skipped deliberately: ../shared is not present");
    BOOST_TEST(!detgw::test::shared_dir().has_value());
    return;
  }
  TempDir dir;
  auto slots = dir.write("slots.yaml", "maxSlotsPerPod: 1\n");
  auto ssl = dir.write("ssl.yaml", "maxSlotsPerPod: 1\ndb:\n  sslMode: verify-full\n");
  for (const auto& helm : detgw::test::lab_helms()) {
    BOOST_TEST_CONTEXT(helm.filename()) {
      auto upgrade = lint_chart(helm, *chart, {slots.string()});
      BOOST_TEST(hlm012(upgrade).empty());
      BOOST_TEST(upgrade.exit_code == 0);
      auto install = lint_chart(helm, *chart, {slots.string()}, {}, false);
      BOOST_TEST(hlm012(install).empty());  // HLM011 already quotes the chart
      BOOST_TEST(install.exit_code == 1);
      auto other = hlm012(lint_chart(helm, *chart, {ssl.string()}));
      BOOST_REQUIRE_EQUAL(other.size(), 1u);
      BOOST_TEST(other[0].path == "db.sslRootCert");
      for (const auto& note : install.notes)
        BOOST_TEST(note.find("Upgrade-check") == std::string::npos);
    }
  }
}

// SPEC §7 with the real chart as CHART and real helm: the chart's values.yaml alone gives only
// HLM005 and HLM011 (the chart's own refusal quotes HLM011's message and is not repeated).
BOOST_AUTO_TEST_SUITE(render_fixture_chart)

BOOST_AUTO_TEST_CASE(the_chart_alone_gives_hlm005_and_hlm011_and_good_values_nothing) {
  SKIP_WITHOUT_HELM()
  auto chart = detgw::test::determined_chart();
  if (!chart) {
    BOOST_TEST_MESSAGE("skipped deliberately: ../shared is not present");
    BOOST_TEST(!detgw::test::shared_dir().has_value());
    return;
  }
  TempDir dir;
  auto good = dir.write("good.yaml", R"(maxSlotsPerPod: 1
initialUserPassword: Abcdefg1
additional_resource_managers:
  - resource_manager:
      type: kubernetes
      cluster_name: additional-cluster
      max_slots_per_pod: 1
      default_namespace: default
      kubeconfig_secret_name: additionalrm
      kubeconfig_secret_value: config
      determined_master_host: 10.11.12.13
      determined_master_port: 8080
    resource_pools:
      - pool_name: additional_pool
)");
  for (const auto& helm : detgw::test::lab_helms()) {
    BOOST_TEST_CONTEXT(helm.filename()) {
      detgw::app::LintOptions options;
      options.chart = chart->string();
      const std::string bin = helm.string();
      options.env = [bin](const std::string& name) -> std::optional<std::string> {
        if (name == "HELM_BIN") return bin;
        return std::nullopt;
      };
      auto alone = detgw::app::lint(options);
      std::set<std::string> errors;
      for (const auto& f : alone.report.findings)
        if (f.severity == detgw::report::Severity::Error) errors.insert(f.code);
      BOOST_TEST((errors == std::set<std::string>{"HLM005", "HLM011"}));
      options.values_files = {good.string()};
      auto clean = detgw::app::lint(options);
      BOOST_TEST(clean.report.summary().errors == 0);
      BOOST_TEST(clean.exit_code == 0);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
