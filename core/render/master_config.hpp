#pragma once
// The resource-manager part of the master.yaml that the Determined 0.38.1 chart renders
// (templates/master-config.yaml L203-261) from the merged values: `resource_manager`,
// `additional_resource_managers` (kubeconfig_path: /mount/determined/secrets/<i>/<key>) and
// `resource_pools`, as the chart writes them.

#include <string>
#include <vector>

#include "core/model/config_model.hpp"

namespace detgw::render {

struct ReleaseSettings {
  std::string release = "release-name";  // as `helm template` names it
  std::string namespace_ = "default";    // HELM_NAMESPACE
};

struct RenderedMasterConfig {
  std::string yaml;  // the RM keys of master.yaml ("" when the chart refuses)
  // The chart's own messages when it refuses these values (required values missing).
  std::vector<std::string> refusals;
};

// `values` is a Helm values model (the merged values).
RenderedMasterConfig render_master_config(const model::ConfigModel& values,
                                          const ReleaseSettings& settings);

// The chart's mount point for additional RM i's kubeconfig Secret.
std::string kubeconfig_mount(std::size_t index);

}  // namespace detgw::render
