#include "core/onboard/cluster_probe.hpp"

#include "core/kube/access_review.hpp"
#include "core/kube/client_config.hpp"
#include "core/kube/discovery.hpp"
#include "core/live/read_snapshot.hpp"
#include "core/onboard/credentials.hpp"
#include "core/onboard/master_rbac.hpp"

namespace detgw::onboard {

std::vector<AccessCheck> master_cluster_permissions(const ClusterTarget& target) {
  std::vector<AccessCheck> checks;
  for (const auto& rule : onboard::master_policy_rules(target.gateway.has_value())) {
    std::string where = target.default_namespace;
    if (rule.resource == "namespaces") where.clear();
    if (rule.resource == "gateways" && target.gateway) where = target.gateway->namespace_;
    for (const auto& verb : rule.verbs)
      checks.push_back({verb, rule.group, rule.resource, where, false, {}});
  }
  return checks;
}

void probe_cluster(ClusterProbe& probe, std::chrono::milliseconds timeout,
                   const std::string& user_agent) {
  if (!probe.secret.kubeconfig) {
    if (probe.secret.has_key) probe.parse_error = "its value is not valid base64";
    return;
  }
  std::string source = "Secret ";
  source += probe.secret.release_namespace;
  source += "/";
  source += probe.target.secret_name;
  source += " key ";
  source += probe.target.secret_key;
  auto config = kube::parse_kubeconfig(*probe.secret.kubeconfig, source);
  if (!config) {
    probe.parse_error = config.error().message;
    return;
  }
  probe.helper = onboard::credential_helper(*config, {});
  auto client_config = kube::resolve_client_config(*config, {});
  if (!client_config) {
    probe.parse_error = client_config.error().message;
    return;
  }
  probe.server = client_config->rest.server;
  client_config->rest.timeout = timeout;
  client_config->rest.user_agent = user_agent;
  auto client = kube::ApiClient::create(client_config->rest);
  if (!client) {
    probe.connect_error = client.error().describe();
    return;
  }
  auto& api = **client;
  // Reachable and authenticated first; a cluster that does not answer is asked nothing more.
  auto version = kube::server_version(api);
  if (!version) {
    probe.connect_error = version.error().describe();
    return;
  }
  probe.reached = true;

  // The namespace and every permission in one round of requests.
  std::vector<kube::ApiClient::Call> calls = {
      {&api,
       "GET",
       kube::resource_path("", "v1", "namespaces", {}, probe.target.default_namespace),
       {},
       {}}};
  auto checks = master_cluster_permissions(probe.target);
  for (const auto& check : checks)
    calls.push_back(kube::review_call(
        api, {nullptr, {check.verb, check.group, check.resource, {}, check.namespace_, {}}}));
  auto answers = kube::ApiClient::call_all(calls);

  const auto& ns = answers.front();
  if (ns)
    probe.namespace_exists = true;
  else if (ns.error().not_found())
    probe.namespace_exists = false;
  else
    probe.namespace_error = ns.error().describe();

  for (std::size_t i = 0; i < checks.size(); ++i) {
    auto decision = kube::review_decision(std::move(answers[i + 1]));
    if (!decision) {
      probe.access_error = decision.error().describe();
      break;
    }
    checks[i].allowed = decision->allowed;
    checks[i].reason = decision->reason;
  }
  if (!probe.access_error) probe.access = std::move(checks);

  if (probe.target.gateway) {
    live::SnapshotRequest request;
    request.gateway = *probe.target.gateway;
    request.expected = probe.target.expected;
    request.tcproute_crd = true;
    request.gateway_class = true;
    request.task_namespace = probe.target.default_namespace;
    auto snapshot = live::read_gateway_snapshot(api, request);
    if (snapshot) {
      snapshot->server_version = version->git_version;
      probe.gateway = std::move(*snapshot);
    } else {
      probe.gateway_error = snapshot.error().describe();
    }
  }
}

}  // namespace detgw::onboard
