#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace detgw::helm_multirm {

// `helm multirm lint [CHART] [flags]`
class LintCommand {
 public:
  explicit LintCommand(CLI::App& parent);
  bool ran() const { return ran_; }
  int exit_code() const { return exit_code_; }

 private:
  void run();

  std::string chart_;
  std::vector<std::string> values_files_;
  std::vector<std::string> set_, set_string_, set_json_, set_file_, set_literal_;
  std::string input_format_ = "auto";
  std::string output_ = "text";
  std::string color_ = "auto";
  std::size_t max_listeners_ = 64;
  bool strict_ = false;
  bool upgrade_ = false;
  bool no_chart_render_ = false;
  bool live_ = false;
  std::string timeout_ = "10s";
  std::vector<std::string> disable_, enable_, suppress_;
  bool ran_ = false;
  int exit_code_ = 0;
};

}  // namespace detgw::helm_multirm
