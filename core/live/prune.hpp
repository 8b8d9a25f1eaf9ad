#pragma once
// Prunes what leaked from one Gateway: observes, waits --grace and observes again, then removes
// only what both observations showed as leaked, with guarded writes re-planned on conflict.

#include <chrono>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "core/kube/api_client.hpp"
#include "core/live/prune_plan.hpp"

namespace detgw::live {

struct PruneRequest {
  ObjectRef gateway;
  std::chrono::milliseconds grace{30000};
  // Called with the confirmed leaks before anything is written; false = dry run.
  std::function<bool(const std::vector<PruneItem>&)> confirm;
  std::function<void(const std::string&)> progress;  // "waiting 30s to confirm 3 leaks"
  std::function<void(std::chrono::milliseconds)> sleep;
  int max_attempts = 10;  // Gateway patches re-planned after a conflict
};

struct PruneOutcome {
  std::vector<PruneItem> leaks;    // leaked in both observations
  std::vector<PruneItem> removed;  // written away
  std::vector<PruneItem> skipped;  // leaked, but changed before the write (left alone)
  std::set<std::string> running;   // allocations with a Job or Pod: never pruned
  int conflicts = 0;               // Gateway patches rejected because it changed meanwhile
  bool applied = false;
};

// Allocations with a Job or Pod labelled `determined=<allocation>`, in every namespace.
kube::Result<std::set<std::string>> running_allocations(kube::ApiClient& client);

kube::Result<PruneOutcome> prune_gateway(kube::ApiClient& client, const PruneRequest& request);

}  // namespace detgw::live
