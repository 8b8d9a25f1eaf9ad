#pragma once
// The value inputs the helm multirm commands take as helm takes them (CHART, -f, --set*), and
// the rule selection flags, declared in one place.

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "core/app/config_input.hpp"
#include "core/app/rule_selection.hpp"

namespace detgw::helm_multirm {

struct ValueFlags {
  std::string chart;
  std::vector<std::string> values_files;
  std::vector<std::string> set, set_string, set_json, set_file, set_literal;

  void add_to(CLI::App& command);
  // The chart, the files, the --set flags in the order Helm applies them, and the environment
  // for devcluster expansion.
  void fill(app::ConfigSources& sources) const;
};

// --strict, --disable, --enable, --suppress.
struct RuleFlags {
  bool strict = false;
  std::vector<std::string> disable, enable, suppress;

  void add_to(CLI::App& command);
  app::RuleSelection selection() const { return {disable, enable, suppress}; }
};

}  // namespace detgw::helm_multirm
