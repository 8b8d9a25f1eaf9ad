#pragma once
// The Gateway listener cap: what the Gateway CRD allows (spec and status, each served version),
// and raising it the only safe way — a guarded patch of the CRD after a server-side dry run,
// never by deleting the CRD (which deletes every Gateway).

#include <optional>
#include <string>

#include "core/kube/api_client.hpp"
#include "core/live/gateway_snapshot.hpp"

namespace detgw::live {

struct CapacityInfo {
  Crd crd;  // gateways.gateway.networking.k8s.io
  std::optional<bool> safe_upgrades_policy;  // nullopt: could not be read
};

kube::Result<CapacityInfo> read_capacity(kube::ApiClient& client);

// JSON Patch setting spec and status listeners maxItems to `n` in every served version, each
// guarded by `test`s on the version's name and the value it replaces.
std::string max_listeners_patch(const Crd& crd, int n);

// What the API server says to a cap of `n`, tried as a server-side dry run or written.
struct CapChange {
  bool accepted = false;
  std::string refusal;      // the server's message when not accepted
  std::string explanation;  // the same in plain words
};
kube::Result<CapChange> change_max_listeners(kube::ApiClient& client, const Crd& crd, int n,
                                             bool dry_run);

// The largest cap the API server accepts, by dry runs only: from the current cap up to `limit`.
kube::Result<int> probe_max_listeners(kube::ApiClient& client, const Crd& crd, int limit = 65536);

}  // namespace detgw::live
