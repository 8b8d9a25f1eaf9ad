#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "tests/rules/lint_fixture.hpp"

BOOST_AUTO_TEST_CASE(zz_probe) {
  const char* p = std::getenv("PROBE");
  if (!p) return;
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  const char* fmt = std::getenv("PROBE_FMT");
  auto run = detgw::test::lint_yaml(ss.str(), fmt ? fmt : "auto", {{"GATEWAY_IP", "1.2.3.4"}, {"PORT", "8080"}});
  for (const auto& f : run.result.report.findings)
    std::cout << f.code << " " << detgw::report::to_string(f.severity) << " " << f.location.line << ":"
              << f.location.column << " " << f.path << " rm=" << f.rm << "\n    " << f.message << "\n    hint: " << f.hint << "\n";
  for (const auto& e : run.result.errors) std::cout << "ERR " << e.message << "\n";
  std::cout << "exit " << run.result.exit_code << "\n";
}
