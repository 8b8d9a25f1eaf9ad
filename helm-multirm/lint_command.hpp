#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "helm-multirm/value_flags.hpp"

namespace detgw::helm_multirm {

// `helm multirm lint [CHART] [flags]`
class LintCommand {
 public:
  explicit LintCommand(CLI::App& parent);
  bool ran() const { return ran_; }
  int exit_code() const { return exit_code_; }

 private:
  void run();

  ValueFlags values_;
  RuleFlags rules_;
  std::string input_format_ = "auto";
  std::string output_ = "text";
  std::string color_ = "auto";
  std::size_t max_listeners_ = 64;
  bool upgrade_ = false;
  bool no_chart_render_ = false;
  bool live_ = false;
  bool verbose_ = false;
  std::string timeout_ = "10s";
  bool ran_ = false;
  int exit_code_ = 0;
};

}  // namespace detgw::helm_multirm
