#include "core/app/status.hpp"

#include "core/app/exit_code.hpp"
#include "core/live/read_snapshot.hpp"

namespace detgw::app {

StatusResult status(const LiveOptions& options) {
  StatusResult result;
  auto session = open_live_session(options);
  if (!session) {
    result.errors.push_back(session.error());
    result.exit_code = exit_code_for({}, report::Severity::Error, result.errors);
    return result;
  }
  result.cluster = session->cluster_text();
  // Every target at once: their reads go out together, round by round.
  std::vector<live::SnapshotRequest> requests;
  for (const auto& target : session->targets) {
    live::SnapshotRequest request;
    request.gateway = target.gateway;
    request.expected = target.expected;
    requests.push_back(std::move(request));
  }
  auto snapshots = live::read_gateway_snapshots(*session->client, requests);
  for (std::size_t i = 0; i < session->targets.size(); ++i) {
    const auto& target = session->targets[i];
    auto& snapshot = snapshots[i];
    if (!snapshot) {
      result.errors.push_back(snapshot.error());
      break;
    }
    if (!snapshot->gateway) {
      result.errors.push_back(gateway_not_found(target.gateway, result.cluster));
      continue;
    }
    GatewayStatus gs{std::move(*snapshot), {}, target.rm};
    gs.table = live::build_listener_table(gs.snapshot);
    result.gateways.push_back(std::move(gs));
  }
  result.exit_code = exit_code_for({}, report::Severity::Error, result.errors);
  return result;
}

}  // namespace detgw::app
