#pragma once
// `helm multirm lint --live`: what was read about one additional RM's cluster — its kubeconfig
// Secret in the release namespace, whether that kubeconfig reaches and authenticates, what its
// identity may do there, its default_namespace, its Gateway — and the checks over it
// (LIV060-LIV064 in liv_clusters.cpp, which never talk to a cluster).

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/kube/api_client.hpp"
#include "core/live/gateway_snapshot.hpp"
#include "core/live/live_check.hpp"
#include "core/report/finding.hpp"

namespace detgw::onboard {

using live::AccessCheck;
using live::ExpectedGateway;
using live::GatewaySnapshot;
using live::LiveCheckRun;
using live::ObjectRef;

// Where a finding about the RM points in the input.
struct InputPlace {
  SourceLocation location;
  std::string path;
  std::string pointer;
};

// What the input says about one additional RM's cluster.
struct ClusterTarget {
  std::string rm;  // the RM's effective cluster name
  std::string secret_name;
  std::string secret_key;
  std::string default_namespace;  // "default" when the RM sets none
  std::optional<ObjectRef> gateway;
  ExpectedGateway expected;
  InputPlace secret_place;     // kubeconfig_secret_name
  InputPlace key_place;        // kubeconfig_secret_value
  InputPlace namespace_place;  // default_namespace, or the RM's mapping without it
};

// The Secret as read from the release namespace.
struct SecretLookup {
  std::string release_namespace;
  bool found = false;
  std::vector<std::string> keys;          // the keys it has
  bool has_key = false;                   // it has kubeconfig_secret_value
  std::optional<std::string> kubeconfig;  // the value of the key: a credential, never shown
};

struct ClusterProbe {
  ClusterTarget target;
  SecretLookup secret;
  std::string parse_error;  // the kubeconfig does not parse or resolve to a cluster
  std::string helper;       // exec plugin / auth-provider it needs ("" = none)
  std::string server;       // where it points
  std::optional<std::string> connect_error;  // unreachable, TLS, authentication (LIV061)
  bool reached = false;
  std::vector<AccessCheck> access;          // LIV063
  std::optional<std::string> access_error;  // the reviews themselves failed
  std::optional<bool> namespace_exists;     // LIV062; nullopt = could not tell
  std::string namespace_error;
  std::optional<GatewaySnapshot> gateway;
  std::optional<std::string> gateway_error;
};

// The permissions the master needs in the RM's cluster (chart ClusterRole + gateway verbs).
std::vector<AccessCheck> master_cluster_permissions(const ClusterTarget& target);

// Everything about one cluster, with `timeout` on every request (a hung cluster costs one
// timeout: nothing more is asked once it did not answer). `probe.target` and `probe.secret` are
// filled in by the caller.
void probe_cluster(ClusterProbe& probe, std::chrono::milliseconds timeout,
                   const std::string& user_agent);

// LIV060-LIV064 over one probe (pure).
std::vector<report::Finding> cluster_findings(const ClusterProbe& probe);

// The Gateway checks of `kubectl detgw doctor` over the probe's Gateway, findings carrying the
// RM's name (pure).
LiveCheckRun cluster_gateway_checks(const ClusterProbe& probe);

}  // namespace detgw::onboard
