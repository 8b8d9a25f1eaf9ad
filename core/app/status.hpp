#pragma once
// `kubectl detgw status`: every listener of the Gateway with its owner, route, backend and state,
// and the capacity summary. Reads only.

#include <string>
#include <vector>

#include "core/app/live_session.hpp"
#include "core/live/listener_table.hpp"

namespace detgw::app {

struct GatewayStatus {
  live::GatewaySnapshot snapshot;
  live::ListenerTable table;
  std::string rm;  // the RM it belongs to, from --values
};

struct StatusResult {
  std::vector<GatewayStatus> gateways;
  std::string cluster;  // which cluster was reached (LiveSession::cluster_text)
  std::vector<Error> errors;
  int exit_code = 0;
};

StatusResult status(const LiveOptions& options);

}  // namespace detgw::app
