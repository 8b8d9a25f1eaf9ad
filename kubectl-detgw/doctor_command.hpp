#pragma once

#include "kubectl-detgw/command.hpp"
#include "kubectl-detgw/kube_flags.hpp"

namespace detgw::kubectl_detgw {

// `kubectl detgw doctor`
class DoctorCommand : public Command {
 public:
  explicit DoctorCommand(CLI::App& parent);

 private:
  void run();
  KubeFlags kube_;
  GatewayFlags gateway_;
  bool pre_ = false;
  std::string as_master_;
  bool strict_ = false;
  std::string color_ = "auto";
  std::vector<std::string> disable_, enable_, suppress_;
};

}  // namespace detgw::kubectl_detgw
