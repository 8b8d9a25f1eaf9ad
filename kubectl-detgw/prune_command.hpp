#pragma once

#include "kubectl-detgw/command.hpp"
#include "kubectl-detgw/kube_flags.hpp"

namespace detgw::kubectl_detgw {

// `kubectl detgw prune`
class PruneCommand : public Command {
 public:
  explicit PruneCommand(CLI::App& parent);

 private:
  void run();
  KubeFlags kube_;
  GatewayFlags gateway_;
  bool yes_ = false;
  std::string grace_ = "30s";
};

}  // namespace detgw::kubectl_detgw
