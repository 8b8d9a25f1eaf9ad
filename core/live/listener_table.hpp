#pragma once
// The join behind `kubectl detgw status`: one row per listener of the Gateway, plus a row for each
// ownership annotation and each TCPRoute that has no listener, each with the state that explains
// it; and the capacity summary.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/live/gateway_snapshot.hpp"

namespace detgw::live {

enum class ListenerState {
  Ok,             // Determined's listener, its TCPRoute attached, its Service there
  Orphan,         // an annotation without a listener, or a det-* listener without its annotation
  NoRoute,        // Determined's listener without a TCPRoute (a starting task, or a leak)
  DanglingRoute,  // a TCPRoute whose listener is gone
  Conflict,       // the controller refused the listener, or route and annotation disagree
  Foreign,        // a listener Determined did not add
};
std::string_view to_string(ListenerState state);

struct ListenerRow {
  std::optional<int> port;
  std::string listener;                // "" for a row without a listener
  std::string owner;                   // the allocation id, or "foreign"
  std::vector<std::string> routes;     // ns/name of each TCPRoute attached
  std::string backend;                 // "ns/service:port" of the first route, "" when none
  std::optional<bool> backend_exists;  // nullopt: not known (Services not listed, foreign)
  std::string job;                     // determined.ai/job-name of the first route
  ListenerState state = ListenerState::Ok;
  std::string detail;                  // why the state, for humans
  std::optional<int> attached_routes;  // from the Gateway's status
  std::vector<Condition> conditions;   // the listener's, from the Gateway's status
};

struct ListenerSummary {
  int listeners = 0;
  std::optional<int> spec_cap;    // spec.listeners maxItems of gateway_write_version()
  std::optional<int> status_cap;  // its status.listeners maxItems
  int determined = 0;             // listeners with Determined's annotation
  int foreign = 0;
  std::optional<int> range_start, range_end;  // from the configuration, when given
  std::optional<int> free_in_range;           // ports in the range no listener uses
  int ok = 0;
  int problems = 0;  // rows in any state but ok and foreign

  // How many more listeners fit under the spec cap; nullopt when the cap is unknown.
  std::optional<int> headroom() const;
};

struct ListenerTable {
  std::vector<ListenerRow> rows;  // by port, then listener name
  ListenerSummary summary;
};

ListenerTable build_listener_table(const GatewaySnapshot& snapshot);

// The Gateway CRD version the master writes (v1), else the storage version: its caps are the ones
// the API server enforces on the master's updates. nullptr when the CRD was not read.
const CrdVersion* gateway_write_version(const GatewaySnapshot& snapshot);

// Whether a route's parentRef selects this listener (sectionName, port, or both must match).
bool parent_selects(const RouteParentRef& parent, const ObjectRef& gateway,
                    const GatewayListener& listener);

}  // namespace detgw::live
