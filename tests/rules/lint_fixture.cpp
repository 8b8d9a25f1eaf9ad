#include "tests/rules/lint_fixture.hpp"

#include <boost/test/unit_test.hpp>

namespace detgw::test {

std::vector<report::Finding> LintRun::with_code(const std::string& code) const {
  std::vector<report::Finding> out;
  for (const auto& f : result.report.findings)
    if (f.code == code) out.push_back(f);
  return out;
}

report::Finding LintRun::one(const std::string& code) const {
  auto found = with_code(code);
  BOOST_REQUIRE_MESSAGE(found.size() == 1,
                        "expected exactly one " + code + ", got " + std::to_string(found.size()));
  return found.front();
}

namespace {

LintRun lint_written(const std::string& yaml, const std::string& format,
                     std::vector<std::pair<std::string, std::string>> env,
                     std::size_t max_listeners, bool upgrade) {
  static TempDir dir;
  static int counter = 0;
  LintRun run;
  run.file = dir.write("input" + std::to_string(++counter) + ".yaml", yaml).string();
  app::LintOptions options;
  options.values_files = {run.file};
  options.input_format = *app::parse_input_format(format);
  options.max_listeners = max_listeners;
  options.upgrade = upgrade;
  options.env = [env](const std::string& name) -> std::optional<std::string> {
    for (const auto& [k, v] : env)
      if (k == name) return v;
    return std::nullopt;
  };
  run.result = app::lint(options);
  return run;
}

}  // namespace

LintRun lint_yaml(const std::string& yaml, const std::string& format,
                  std::vector<std::pair<std::string, std::string>> env, std::size_t max_listeners) {
  return lint_written(yaml, format, std::move(env), max_listeners, true);
}

LintRun lint_yaml_install(const std::string& yaml, const std::string& format) {
  return lint_written(yaml, format, {}, 64, false);
}

void expect_finding(const report::Finding& f, report::Severity severity, const std::string& path,
                    int line, int column, const std::string& message_part) {
  BOOST_TEST(std::string(report::to_string(f.severity)) ==
             std::string(report::to_string(severity)));
  BOOST_TEST(f.path == path);
  BOOST_TEST(f.location.line == line);
  BOOST_TEST(f.location.column == column);
  BOOST_TEST(f.message.find(message_part) != std::string::npos,
             "message \"" << f.message << "\" lacks \"" << message_part << "\"");
}

void expect_clean(const LintRun& run) {
  std::string codes;
  for (const auto& f : run.result.report.findings)
    codes += f.code + " " + f.path + ": " + f.message + "\n";
  BOOST_TEST(codes.empty(), "unexpected findings:\n" << codes);
  BOOST_TEST(run.result.errors.empty());
  BOOST_TEST(run.result.exit_code == 0);
}

std::size_t count_with_prefix(const LintRun& run, const std::string& prefix) {
  std::size_t n = 0;
  for (const auto& f : run.result.report.findings)
    if (f.code.rfind(prefix, 0) == 0) ++n;
  return n;
}

std::string master_with_additional(const std::string& rm_body, const std::string& pools) {
  return kMasterRoot + "additional_resource_managers:\n  - resource_manager:\n" + rm_body +
         "    resource_pools:\n" + pools;
}

std::string values_with_additional(const std::string& rm_body, const std::string& pools) {
  return kValuesHead + "  - resource_manager:\n" + rm_body + "    resource_pools:\n" + pools;
}

}  // namespace detgw::test
