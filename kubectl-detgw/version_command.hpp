#pragma once

#include <CLI/CLI.hpp>

#include "kubectl-detgw/kube_flags.hpp"

namespace detgw::kubectl_detgw {

// `kubectl detgw version`
class VersionCommand {
 public:
  explicit VersionCommand(CLI::App& parent);
  bool ran() const { return ran_; }
  int exit_code() const { return exit_code_; }

 private:
  void run();

  KubeFlags flags_;
  bool client_only_ = false;  // --client: no kubeconfig, no cluster
  bool ran_ = false;
  int exit_code_ = 0;
};

}  // namespace detgw::kubectl_detgw
