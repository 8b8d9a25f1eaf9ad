#pragma once

#include <optional>

#include "kubectl-detgw/command.hpp"
#include "kubectl-detgw/kube_flags.hpp"

namespace detgw::kubectl_detgw {

// `kubectl detgw capacity`
class CapacityCommand : public Command {
 public:
  explicit CapacityCommand(CLI::App& parent);

 private:
  void run();
  KubeFlags kube_;
  std::optional<int> set_max_listeners_;
  bool probe_ = false;
  bool dry_run_ = false;
  bool yes_ = false;
};

}  // namespace detgw::kubectl_detgw
