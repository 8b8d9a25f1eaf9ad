#pragma once
// The standard kubectl flags, declared in one place for every kubectl detgw command.

#include <CLI/CLI.hpp>

#include "core/kube/client_config.hpp"

namespace detgw::kubectl_detgw {

struct KubeFlags {
  kube::ConfigOverrides overrides;
  int verbosity = 0;
  std::string output = "text";

  void add_to(CLI::App& command);
};

}  // namespace detgw::kubectl_detgw
