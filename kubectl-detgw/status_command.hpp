#pragma once

#include "kubectl-detgw/command.hpp"
#include "kubectl-detgw/kube_flags.hpp"

namespace detgw::kubectl_detgw {

// `kubectl detgw status`
class StatusCommand : public Command {
 public:
  explicit StatusCommand(CLI::App& parent);

 private:
  void run();
  KubeFlags kube_;
  GatewayFlags gateway_;
};

}  // namespace detgw::kubectl_detgw
