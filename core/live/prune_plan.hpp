#pragma once
// What `kubectl detgw prune` may remove, decided from observations only (no requests here).
// Leaked is what a crashed master leaves: a det-* listener of an allocation that has no TCPRoute,
// an ownership annotation without its listener, a TCPRoute whose listener is gone, and the
// Services of such an allocation. Never a listener without Determined's annotation, never
// anything of an allocation whose Job or Pod exists, never what was not already leaked in an
// observation --grace earlier.

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/live/gateway_snapshot.hpp"
#include "core/live/listener_table.hpp"

namespace detgw::live {

struct PruneItem {
  enum class Kind { Listener, Annotation, TcpRoute, Service };
  Kind kind = Kind::Listener;
  std::string allocation;
  std::optional<int> port;  // Listener, Annotation
  std::string name;         // the listener's name, or the route's / Service's namespace/name
  std::string uid;          // TcpRoute, Service: the object observed
  std::string reason;

  // Identity across observations: the same kind, allocation, port and object.
  std::string key() const;
  // "listener det-40002 (port 40002, allocation 3f1c.1)"
  std::string text() const;
};
std::string_view to_string(PruneItem::Kind kind);

// The leaks one observation shows, leaving out allocations in `running` (a Job or Pod labelled
// `determined=<allocation>` exists).
std::vector<PruneItem> leak_candidates(const GatewaySnapshot& snapshot,
                                       const ListenerTable& table,
                                       const std::set<std::string>& running);

// The items of `now` that `earlier` showed as well.
std::vector<PruneItem> confirmed(const std::vector<PruneItem>& earlier,
                                 const std::vector<PruneItem>& now);

// The JSON Patch (RFC 6902) that removes the listeners and annotations of `items` from `gateway`
// as it is now, each removal guarded by `test` operations on exactly the value removed (the
// listener's name and port at its index, the annotation's allocation), so a Gateway changed
// meanwhile rejects the whole patch. `removed` gets the items the patch covers: an item whose
// listener or annotation changed since it was observed is left out. "" when nothing to remove.
std::string gateway_prune_patch(const Gateway& gateway, const std::vector<PruneItem>& items,
                                std::vector<PruneItem>& removed);

}  // namespace detgw::live
