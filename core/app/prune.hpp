#pragma once
// `kubectl detgw prune`: removes what leaked from Determined's Gateways. A dry run unless
// confirmed.

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "core/app/live_session.hpp"
#include "core/live/prune.hpp"

namespace detgw::app {

struct PruneOptions : LiveOptions {
  std::chrono::milliseconds grace{30000};
  // Asked with the leaks of each Gateway before anything is written; false = dry run.
  std::function<bool(const live::ObjectRef&, const std::vector<live::PruneItem>&)> confirm;
  std::function<void(const std::string&)> progress;
  std::function<void(std::chrono::milliseconds)> sleep;
};

struct GatewayPrune {
  live::ObjectRef gateway;
  live::PruneOutcome outcome;
};

struct PruneResult {
  std::vector<GatewayPrune> gateways;
  std::string cluster;
  std::vector<Error> errors;
  int exit_code = 0;
};

PruneResult prune(const PruneOptions& options);

}  // namespace detgw::app
