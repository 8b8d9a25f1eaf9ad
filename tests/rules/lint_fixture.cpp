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
  BOOST_REQUIRE_MESSAGE(found.size() == 1, "expected exactly one " + code + ", got " +
                                               std::to_string(found.size()));
  return found.front();
}

LintRun lint_yaml(const std::string& yaml, const std::string& format,
                  std::vector<std::pair<std::string, std::string>> env,
                  std::size_t max_listeners) {
  static TempDir dir;
  static int counter = 0;
  LintRun run;
  run.file = dir.write("input" + std::to_string(++counter) + ".yaml", yaml).string();
  app::LintOptions options;
  options.values_files = {run.file};
  options.input_format = *app::parse_input_format(format);
  options.max_listeners = max_listeners;
  options.env = [env](const std::string& name) -> std::optional<std::string> {
    for (const auto& [k, v] : env)
      if (k == name) return v;
    return std::nullopt;
  };
  run.result = app::lint(options);
  return run;
}

}  // namespace detgw::test
