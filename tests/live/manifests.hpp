#pragma once
// A GatewaySnapshot from Kubernetes manifests written as YAML (what `kubectl get -o yaml` shows),
// so live checks are tested on the objects a reader recognises. What the manifests leave out
// takes the lab's defaults: Gateway API v1.3.0 experimental CRDs (caps 64), GatewayClass contour.

#include <string>

#include "core/live/gateway_snapshot.hpp"
#include "core/live/live_check.hpp"

namespace detgw::test {

// Documents separated by `---` lines. Kinds: CustomResourceDefinition, GatewayClass, Gateway,
// TCPRoute, Service, SelfSubjectAccessReview (the master's permissions), and a document with a
// top-level `internal_task_gateway` (what --values says).
live::GatewaySnapshot snapshot_from_manifests(const std::string& yaml_stream);

// The codes the checks report on that snapshot (access-review checks included).
std::vector<report::Finding> check_manifests(const std::string& yaml_stream);
bool has_code(const std::vector<report::Finding>& findings, const std::string& code);

}  // namespace detgw::test
