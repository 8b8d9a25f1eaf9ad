#pragma once

#include "kubectl-detgw/command.hpp"
#include "kubectl-detgw/kube_flags.hpp"

namespace detgw::kubectl_detgw {

// `kubectl detgw config`
class ConfigCommand : public Command {
 public:
  explicit ConfigCommand(CLI::App& parent);

 private:
  void run();
  KubeFlags kube_;
  GatewayFlags gateway_;
};

}  // namespace detgw::kubectl_detgw
