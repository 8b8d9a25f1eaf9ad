// The Determined fixtures in ../shared give the results SPEC §7 names. Without ../shared every
// case says it was skipped and passes.

#include <boost/test/unit_test.hpp>
#include <set>

#include "core/app/lint.hpp"
#include "tests/common/test_support.hpp"

namespace {

namespace fs = std::filesystem;
using detgw::report::Severity;

std::optional<fs::path> fixtures() {
  auto shared = detgw::test::shared_dir();
  if (!shared) return std::nullopt;
  return *shared / "fixtures" / "determined";
}

detgw::app::CommandResult lint_files(std::vector<std::string> files, const std::string& format) {
  detgw::app::LintOptions options;
  options.values_files = std::move(files);
  options.input_format = *detgw::app::parse_input_format(format);
  options.env = [](const std::string&) -> std::optional<std::string> { return std::nullopt; };
  return detgw::app::lint(options);
}

std::set<std::string> error_codes(const detgw::app::CommandResult& result) {
  std::set<std::string> codes;
  for (const auto& f : result.report.findings)
    if (f.severity == Severity::Error) codes.insert(f.code + " at " + f.path + ": " + f.message);
  return codes;
}

std::set<std::string> codes_only(const detgw::app::CommandResult& result, Severity severity) {
  std::set<std::string> codes;
  for (const auto& f : result.report.findings)
    if (f.severity == severity) codes.insert(f.code);
  return codes;
}

std::string join(const std::set<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += "\n  " + s;
  return out;
}

#define SKIP_WITHOUT_SHARED(dir)                                                   \
  const auto dir = fixtures();                                                     \
  if (!dir) {                                                                      \
    BOOST_TEST_MESSAGE("skipped deliberately: ../shared/fixtures is not present"); \
    BOOST_TEST(!detgw::test::shared_dir().has_value());                            \
    return;                                                                        \
  }

}  // namespace

BOOST_AUTO_TEST_SUITE(rules_fixtures)

BOOST_AUTO_TEST_CASE(multi_k8s_devcluster_has_no_error) {
  SKIP_WITHOUT_SHARED(dir)
  auto result =
      lint_files({(*dir / "circleci-devcluster_multi-k8s.devcluster.yaml").string()}, "auto");
  BOOST_TEST(result.errors.empty());
  BOOST_REQUIRE_EQUAL(result.report.inputs.size(), 1u);
  BOOST_TEST(result.report.inputs[0].shape == "devcluster");
  BOOST_TEST(error_codes(result).empty(), "errors:" << join(error_codes(result)));
  // $GATEWAY_IP and $INITIAL_USER_PASSWORD are unset here: reported, not errors.
  BOOST_TEST(codes_only(result, Severity::Warning).count("MRM005") == 1u);
  BOOST_TEST(result.exit_code == 0);
}

BOOST_AUTO_TEST_CASE(multi_k8s_devcluster_with_gateway_ip_set_has_no_error) {
  SKIP_WITHOUT_SHARED(dir)
  detgw::app::LintOptions options;
  options.values_files = {(*dir / "circleci-devcluster_multi-k8s.devcluster.yaml").string()};
  options.env = [](const std::string& name) -> std::optional<std::string> {
    if (name == "GATEWAY_IP") return "192.168.49.2";
    if (name == "INITIAL_USER_PASSWORD") return "s3cret";
    return std::nullopt;
  };
  auto result = detgw::app::lint(options);
  BOOST_TEST(error_codes(result).empty(), "errors:" << join(error_codes(result)));
  // 49152-65535 is far more than 64 listeners.
  BOOST_TEST(codes_only(result, Severity::Info).count("ITG007") == 1u);
}

BOOST_AUTO_TEST_CASE(tools_multicluster_gives_mrm012) {
  SKIP_WITHOUT_SHARED(dir)
  auto result = lint_files({(*dir / "tools-k8s_multicluster.yaml").string()}, "auto");
  const auto errors = codes_only(result, Severity::Error);
  BOOST_TEST(errors.count("MRM012") == 1u, "errors:" << join(error_codes(result)));
  BOOST_TEST(result.exit_code == 1);
}

BOOST_AUTO_TEST_CASE(chart_values_alone_give_only_hlm005_and_hlm011) {
  SKIP_WITHOUT_SHARED(dir)
  auto result = lint_files({(*dir / "chart-values.yaml").string()}, "values");
  BOOST_TEST(result.errors.empty());
  const auto errors = codes_only(result, Severity::Error);
  BOOST_TEST((errors == std::set<std::string>{"HLM005", "HLM011"}),
             "errors:" << join(error_codes(result)));
}

BOOST_AUTO_TEST_CASE(chart_values_as_the_chart_give_only_hlm005_and_hlm011) {
  SKIP_WITHOUT_SHARED(dir)
  detgw::test::TempDir chart;
  fs::copy_file(*dir / "chart-values.yaml", chart.path() / "values.yaml");
  detgw::app::LintOptions options;
  options.chart = chart.path().string();
  auto result = detgw::app::lint(options);
  const auto errors = codes_only(result, Severity::Error);
  BOOST_TEST((errors == std::set<std::string>{"HLM005", "HLM011"}),
             "errors:" << join(error_codes(result)));
}

BOOST_AUTO_TEST_CASE(chart_values_with_slots_password_and_one_additional_rm_have_no_error) {
  SKIP_WITHOUT_SHARED(dir)
  detgw::test::TempDir tmp;
  const auto overlay = tmp.write("overlay.yaml", R"(maxSlotsPerPod: 1
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
  auto result = lint_files({(*dir / "chart-values.yaml").string(), overlay.string()}, "auto");
  BOOST_TEST(result.errors.empty());
  BOOST_REQUIRE_EQUAL(result.report.inputs.size(), 2u);
  BOOST_TEST(result.report.inputs[1].shape == "values");
  BOOST_TEST(error_codes(result).empty(), "errors:" << join(error_codes(result)));
  BOOST_TEST(result.exit_code == 0);
}

BOOST_AUTO_TEST_SUITE_END()
