#pragma once
// Reads what the live commands need about a Gateway in a fixed number of requests, whatever the
// number of listeners: list once per kind, never a request per listener. The independent reads
// go out together.

#include <optional>
#include <string>
#include <vector>

#include "core/kube/api_client.hpp"
#include "core/live/gateway_snapshot.hpp"

namespace detgw::live {

struct SnapshotRequest {
  ObjectRef gateway;
  ExpectedGateway expected;
  // Doctor reads more than status does.
  bool tcproute_crd = false;
  bool gateway_class = false;
  // Access reviews for the master's identity (doctor --pre / --as-master). `master_subject` ""
  // asks for the caller's own identity (SelfSubjectAccessReview).
  bool master_access = false;
  std::string master_subject;
  std::string task_namespace;  // where the master creates Services and TCPRoutes
};

// A failure of the command's own requests (unreachable, TLS, 401, a 403 on the Gateway itself)
// is an error; what is missing (404) or forbidden on the side is recorded in the snapshot.
kube::Result<GatewaySnapshot> read_gateway_snapshot(kube::ApiClient& client,
                                                    const SnapshotRequest& request);

// Several Gateways of one cluster in the rounds one takes: each round's requests for every
// Gateway go out together, and what they share (CRDs, the TCPRoute and Service lists) is read
// once. One result per request, in order.
std::vector<kube::Result<GatewaySnapshot>> read_gateway_snapshots(
    kube::ApiClient& client, const std::vector<SnapshotRequest>& requests);

// Gateways in `namespace_` ("" = every namespace) that carry Determined's port annotations or
// `det-*` listeners.
kube::Result<std::vector<Gateway>> find_determined_gateways(kube::ApiClient& client,
                                                            const std::string& namespace_);

// The permissions the master needs for the gateway feature (get/update Gateways in the
// Gateway's namespace; create/list/delete TCPRoutes and Services where tasks run).
std::vector<AccessCheck> master_gateway_permissions(const std::string& gateway_namespace,
                                                    const std::string& task_namespace);

}  // namespace detgw::live
