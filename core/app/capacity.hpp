#pragma once
// `kubectl detgw capacity`: the Gateway listener caps, and raising them safely.

#include <functional>
#include <optional>
#include <string>

#include "core/kube/client_config.hpp"
#include "core/kube/log.hpp"
#include "core/live/capacity.hpp"

namespace detgw::app {

struct CapacityOptions {
  kube::ConfigOverrides overrides;
  kube::Logger logger;
  std::string user_agent;
  std::optional<int> set_max_listeners;
  bool probe = false;
  bool dry_run = false;
  // Asked before the CRD is written; false leaves it as it is.
  std::function<bool(int current, int wanted)> confirm;
};

struct CapacityResult {
  std::optional<live::CapacityInfo> before;
  std::optional<live::CapacityInfo> after;  // when a new cap was written
  std::optional<live::CapChange> change;    // the answer to --set-max-listeners
  bool written = false;
  std::optional<int> probed;  // --probe: the largest cap the server accepts
  std::string cluster;
  std::vector<Error> errors;
  int exit_code = 0;
};

CapacityResult capacity(const CapacityOptions& options);

}  // namespace detgw::app
