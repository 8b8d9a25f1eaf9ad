#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "helm-multirm/value_flags.hpp"

namespace detgw::helm_multirm {

// `helm multirm render [CHART] [flags]`
class RenderCommand {
 public:
  explicit RenderCommand(CLI::App& parent);
  bool ran() const { return ran_; }
  int exit_code() const { return exit_code_; }

 private:
  void run();

  ValueFlags values_;
  RuleFlags rules_;
  std::string release_ = "release-name";
  std::string output_ = "text";
  std::string color_ = "auto";
  std::size_t max_listeners_ = 64;
  bool ran_ = false;
  int exit_code_ = 0;
};

}  // namespace detgw::helm_multirm
