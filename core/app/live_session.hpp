#pragma once
// What every live `kubectl detgw` command starts from: a client for the cluster the kubectl flags
// resolve to, and the Gateways to look at — named with --gateway, taken from an RM's
// internal_task_gateway in --values input, or found by Determined's marks on them.

#include <memory>
#include <string>
#include <vector>

#include "core/kube/api_client.hpp"
#include "core/kube/client_config.hpp"
#include "core/kube/log.hpp"
#include "core/live/gateway_snapshot.hpp"

namespace detgw::app {

struct GatewaySelection {
  std::string gateway;      // --gateway [NS/]NAME
  std::string values_file;  // --values: values, master.yaml or devcluster input
  std::string rm;           // --rm CLUSTER: which RM of the input
  std::string input_format = "auto";
  bool all_namespaces = false;  // -A: discovery across namespaces
};

struct LiveOptions {
  kube::ConfigOverrides overrides;
  GatewaySelection selection;
  kube::Logger logger;
  std::string user_agent;  // "kubectl-detgw/0.1.0 (linux/amd64)"
};

struct GatewayTarget {
  live::ObjectRef gateway;
  live::ExpectedGateway expected;  // from --values; empty otherwise
  std::string rm;                  // the RM's cluster name, from --values
};

struct LiveSession {
  std::unique_ptr<kube::ApiClient> client;
  kube::ConfigIdentity identity;
  std::string server;
  std::vector<GatewayTarget> targets;
  // "cluster lab1 (context lab1-admin, https://127.0.0.1:6443)": which cluster was reached.
  std::string cluster_text() const;
};

// A client for the cluster and the Gateways named by --gateway or --values; no request is sent
// yet. Usage errors (exit 2: an unknown --rm) and input errors (exit 3: the --values file, the
// kubeconfig) come back as the Error.
Expected<LiveSession> connect(const LiveOptions& options);

// When no Gateway was named: finds Determined's Gateways in the namespace (every namespace with
// -A). Nothing found is a usage error (exit 2) with a hint; a failed request a cluster error.
std::optional<Error> find_targets(LiveSession& session, const GatewaySelection& selection);

// connect, then find_targets.
Expected<LiveSession> open_live_session(const LiveOptions& options);

// The error of a command that needs a Gateway which does not exist (exit 4).
Error gateway_not_found(const live::ObjectRef& gateway, const std::string& cluster);

// "kubectl-detgw/0.1.0 (linux/amd64)": the User-Agent of a tool of this project.
std::string user_agent(std::string_view tool);

}  // namespace detgw::app
