#include "helm-multirm/value_flags.hpp"

namespace detgw::helm_multirm {

void ValueFlags::add_to(CLI::App& command) {
  command.add_option("CHART", chart,
                     "Chart directory whose values.yaml is the base (default: the "
                     "built-in Determined 0.38 chart defaults)");
  command
      .add_option("-f,--values", values_files, "Values file (repeatable, in order; - for stdin)")
      ->allow_extra_args(false);
  command.add_option("--set", set, "Set values on the command line (key1=val1,key2=val2)")
      ->allow_extra_args(false);
  command.add_option("--set-string", set_string, "Set STRING values on the command line")
      ->allow_extra_args(false);
  command.add_option("--set-json", set_json, "Set JSON values on the command line")
      ->allow_extra_args(false);
  command.add_option("--set-file", set_file, "Set values from files (key=path)")
      ->allow_extra_args(false);
  command.add_option("--set-literal", set_literal, "Set a literal STRING value")
      ->allow_extra_args(false);
}

void ValueFlags::fill(app::ConfigSources& sources) const {
  if (!chart.empty()) sources.chart = chart;
  sources.values_files = values_files;
  sources.env = app::process_env;
  int index = 0;
  auto add = [&](const std::vector<std::string>& exprs, values::SetKind kind) {
    for (const auto& e : exprs) sources.set_flags.push_back({kind, e, ++index});
  };
  add(set_json, values::SetKind::SetJson);
  add(set, values::SetKind::Set);
  add(set_string, values::SetKind::SetString);
  add(set_file, values::SetKind::SetFile);
  add(set_literal, values::SetKind::SetLiteral);
}

void RuleFlags::add_to(CLI::App& command) {
  command.add_flag("--strict", strict, "Fail on warnings too");
  command.add_option("--disable", disable, "Turn a rule off (repeatable)")->allow_extra_args(false);
  command.add_option("--enable", enable, "Turn a disabled rule back on (repeatable)")
      ->allow_extra_args(false);
  command
      .add_option("--suppress", suppress,
                  "Silence one finding: CODE=PATH, or CODE=PATH.* below PATH")
      ->allow_extra_args(false);
}

}  // namespace detgw::helm_multirm
