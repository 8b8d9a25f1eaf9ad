#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace detgw::helm_multirm {

// `helm multirm render [CHART] [flags]`
class RenderCommand {
 public:
  explicit RenderCommand(CLI::App& parent);
  bool ran() const { return ran_; }
  int exit_code() const { return exit_code_; }

 private:
  void run();

  std::string chart_;
  std::vector<std::string> values_files_;
  std::vector<std::string> set_, set_string_, set_json_, set_file_, set_literal_;
  std::string release_ = "release-name";
  std::string output_ = "text";
  std::string color_ = "auto";
  std::size_t max_listeners_ = 64;
  bool strict_ = false;
  std::vector<std::string> disable_, enable_, suppress_;
  bool ran_ = false;
  int exit_code_ = 0;
};

}  // namespace detgw::helm_multirm
