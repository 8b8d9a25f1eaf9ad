#pragma once
// A live check is a plain function from what was read about one Gateway to findings, with its
// code, default severity, the group it is shown in and a title. Each family lives in one file
// (liv_api.cpp, liv_gateway.cpp, liv_capacity.cpp, liv_consistency.cpp, liv_permissions.cpp).
// Checks never talk to the cluster: core/live/read_snapshot.cpp has read everything before.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/live/gateway_snapshot.hpp"
#include "core/live/listener_table.hpp"
#include "core/report/finding.hpp"

namespace detgw::live {

using report::Severity;

struct LiveModel {
  const GatewaySnapshot& snapshot;
  const ListenerTable& table;
  std::string rm;  // the RM's cluster name when the Gateway came from --values
};

// Collects what one check says: findings (with the check's code), or why it could not decide.
class CheckSink {
 public:
  CheckSink(std::string_view code, Severity severity, const LiveModel& model,
            std::vector<report::Finding>& out)
      : code_(code), severity_(severity), model_(model), out_(out) {}

  // A finding about `object` ("gateway/projectcontour/contour") at `path` ("spec.listeners[3]").
  void report(std::string message, std::string hint, std::string object = {},
              std::string path = {});
  void report(Severity severity, std::string message, std::string hint, std::string object = {},
              std::string path = {});
  // The check could not run (nothing to look at) or could not decide (status not written).
  void skip(std::string why) { skipped_ = std::move(why); }
  void unknown(std::string why) { unknown_ = std::move(why); }
  // What was seen, shown next to a passing check ("v1.3.0, experimental").
  void note(std::string detail) { detail_ = std::move(detail); }

  report::CheckResult result(std::string_view group, std::string_view title) const;

 private:
  std::string_view code_;
  Severity severity_;
  const LiveModel& model_;
  std::vector<report::Finding>& out_;
  int reported_ = 0;
  Severity worst_ = Severity::Info;
  std::string skipped_, unknown_, detail_;
};

using LiveCheckFn = void (*)(const LiveModel&, CheckSink&);

struct LiveCheck {
  std::string_view code;
  Severity severity;
  std::string_view group;
  std::string_view title;
  LiveCheckFn check;
  bool needs_access_review = false;  // runs only with doctor --pre / --as-master
};

std::span<const LiveCheck> api_checks();          // LIV001, LIV010-LIV012
std::span<const LiveCheck> gateway_checks();      // LIV020-LIV023
std::span<const LiveCheck> capacity_checks();     // LIV030-LIV034
std::span<const LiveCheck> consistency_checks();  // LIV040-LIV044
std::span<const LiveCheck> permission_checks();   // LIV050

// Every live check of `kubectl detgw doctor`, in the order doctor shows them.
std::vector<LiveCheck> all_live_checks();
const LiveCheck* find_live_check(std::string_view code);

struct LiveCheckRun {
  std::vector<report::Finding> findings;
  std::vector<report::CheckResult> checks;
};

// Runs `checks` over one Gateway; `group_suffix` tells several Gateways apart in the groups.
LiveCheckRun run_live_checks(const LiveModel& model, const std::vector<LiveCheck>& checks,
                             const std::string& group_suffix = {});

// `gateway/projectcontour/contour`: how findings name the object they are about.
std::string object_name(std::string_view kind, const ObjectRef& ref);

}  // namespace detgw::live
