#include "core/app/gateway_config.hpp"

#include "core/app/exit_code.hpp"
#include "core/live/listener_table.hpp"
#include "core/live/read_snapshot.hpp"

namespace detgw::app {
namespace {

// The Gateway CRD's default cap, assumed when the CRD cannot be read.
constexpr int kDefaultListenerCap = 64;

GatewayConfigBlock block_for(const live::GatewaySnapshot& s) {
  GatewayConfigBlock block;
  const live::Gateway& gw = *s.gateway;
  block.gateway = gw.ref;
  if (!gw.addresses.empty())
    block.ip = gw.addresses.front();
  else
    block.warnings.push_back(
        "the Gateway has no address in status.addresses: set gateway_ip to the address its "
        "controller exposes");
  block.listeners = static_cast<int>(gw.listeners.size());
  const auto* version = live::gateway_write_version(s);
  if (version && version->spec_max_listeners) block.cap = version->spec_max_listeners;
  const int cap = block.cap.value_or(kDefaultListenerCap);
  if (!block.cap)
    block.warnings.push_back("the Gateway CRD could not be read; assuming its default cap of " +
                             std::to_string(kDefaultListenerCap) + " listeners");
  std::set<int> used;
  for (const auto& l : gw.listeners) used.insert(l.port);
  const bool contour = s.gateway_class && s.gateway_class->controller == live::kContourController;
  block.range = live::suggest_port_range(used, cap - block.listeners, contour);
  if (!block.range)
    block.warnings.push_back("the Gateway has room for " +
                             std::to_string(std::max(0, cap - block.listeners)) +
                             " more listeners: too few for a port range; free leaked listeners "
                             "(kubectl detgw prune) or raise the cap (kubectl detgw capacity)");
  return block;
}

}  // namespace

GatewayConfigResult gateway_config(const LiveOptions& options) {
  GatewayConfigResult result;
  auto session = open_live_session(options);
  if (!session) {
    result.errors.push_back(session.error());
  } else {
    result.cluster = session->cluster_text();
    for (const auto& target : session->targets) {
      live::SnapshotRequest request;
      request.gateway = target.gateway;
      request.gateway_class = true;
      auto snapshot = live::read_gateway_snapshot(*session->client, request);
      if (!snapshot) {
        result.errors.push_back(snapshot.error());
        break;
      }
      if (!snapshot->gateway) {
        result.errors.push_back(gateway_not_found(target.gateway, result.cluster));
        continue;
      }
      result.blocks.push_back(block_for(*snapshot));
    }
  }
  result.exit_code = exit_code_for({}, report::Severity::Error, result.errors);
  if (result.exit_code == kExitOk)
    for (const auto& b : result.blocks)
      if (!b.range) result.exit_code = kExitFindings;
  return result;
}

}  // namespace detgw::app
