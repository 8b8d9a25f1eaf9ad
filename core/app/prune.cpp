#include "core/app/prune.hpp"

#include "core/app/exit_code.hpp"

namespace detgw::app {

PruneResult prune(const PruneOptions& options) {
  PruneResult result;
  auto session = open_live_session(options);
  if (!session) {
    result.errors.push_back(session.error());
  } else {
    result.cluster = session->cluster_text();
    for (const auto& target : session->targets) {
      live::PruneRequest request;
      request.gateway = target.gateway;
      request.grace = options.grace;
      request.progress = options.progress;
      request.sleep = options.sleep;
      request.confirm = [&](const std::vector<live::PruneItem>& leaks) {
        return options.confirm && options.confirm(target.gateway, leaks);
      };
      auto outcome = live::prune_gateway(*session->client, request);
      if (!outcome) {
        result.errors.push_back(outcome.error());
        break;
      }
      result.gateways.push_back({target.gateway, std::move(*outcome)});
    }
  }
  result.exit_code = exit_code_for({}, report::Severity::Error, result.errors);
  return result;
}

}  // namespace detgw::app
