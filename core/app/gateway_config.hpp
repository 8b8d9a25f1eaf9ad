#pragma once
// `kubectl detgw config`: the internal_task_gateway block for the values of an additional RM,
// from the live Gateway: its name and namespace, its address, and a port range that fits the
// listeners it has room for and avoids every port in use. Reads only.

#include <optional>
#include <string>
#include <vector>

#include "core/app/live_session.hpp"
#include "core/live/port_range.hpp"

namespace detgw::app {

struct GatewayConfigBlock {
  live::ObjectRef gateway;
  std::string ip;  // status.addresses[0], "" when the Gateway has none
  std::optional<live::PortRange> range;
  int listeners = 0;
  std::optional<int> cap;
  std::vector<std::string> warnings;  // for comments in the output and stderr
};

struct GatewayConfigResult {
  std::vector<GatewayConfigBlock> blocks;
  std::string cluster;
  std::vector<Error> errors;
  int exit_code = 0;
};

GatewayConfigResult gateway_config(const LiveOptions& options);

}  // namespace detgw::app
