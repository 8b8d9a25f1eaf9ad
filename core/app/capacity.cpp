#include "core/app/capacity.hpp"

#include "core/app/exit_code.hpp"
#include "core/app/live_session.hpp"

namespace detgw::app {

CapacityResult capacity(const CapacityOptions& options) {
  CapacityResult result;
  auto finish = [&] {
    result.exit_code = exit_code_for({}, report::Severity::Error, result.errors);
    if (result.exit_code == kExitOk && result.change && !result.change->accepted)
      result.exit_code = kExitFindings;
    return std::move(result);
  };
  if (options.set_max_listeners && *options.set_max_listeners < 1) {
    result.errors.push_back(usage_error("--set-max-listeners takes a number of at least 1"));
    return finish();
  }
  LiveOptions live;
  live.overrides = options.overrides;
  live.logger = options.logger;
  live.user_agent = options.user_agent;
  auto session = connect(live);
  if (!session) {
    result.errors.push_back(session.error());
    return finish();
  }
  result.cluster = session->cluster_text();
  auto& client = *session->client;
  auto info = live::read_capacity(client);
  if (!info) {
    result.errors.push_back(info.error());
    return finish();
  }
  result.before = *info;
  if (!info->crd.present) {
    result.errors.push_back(Error{
        ErrorKind::Cluster, "the Gateway API CRDs are not installed in " + result.cluster, {}});
    return finish();
  }

  if (options.set_max_listeners) {
    const int wanted = *options.set_max_listeners;
    // The server's verdict first, without writing anything.
    auto dry = live::change_max_listeners(client, info->crd, wanted, true);
    if (!dry) {
      result.errors.push_back(dry.error());
      return finish();
    }
    result.change = *dry;
    const auto* v1 = info->crd.version("v1");
    const int current = v1 && v1->spec_max_listeners ? *v1->spec_max_listeners : 0;
    if (dry->accepted && !options.dry_run && options.confirm && options.confirm(current, wanted)) {
      auto real = live::change_max_listeners(client, info->crd, wanted, false);
      if (!real) {
        result.errors.push_back(real.error());
        return finish();
      }
      result.change = *real;
      result.written = real->accepted;
      if (result.written) {
        auto now = live::read_capacity(client);
        if (now) result.after = *now;
      }
    }
  }
  if (options.probe) {
    auto probed = live::probe_max_listeners(client, info->crd);
    if (!probed) {
      result.errors.push_back(probed.error());
      return finish();
    }
    result.probed = *probed;
  }
  return finish();
}

}  // namespace detgw::app
