#pragma once
// `add-cluster --service-account`: in the new cluster, a ServiceAccount with the RBAC the master
// needs there (a ClusterRole of master_policy_rules and its binding, applied server-side so a
// second run updates them) and a TokenRequest token for the kubeconfig the master gets.

#include <chrono>
#include <string>
#include <vector>

#include "core/kube/api_client.hpp"
#include "core/onboard/master_rbac.hpp"

namespace detgw::onboard {

struct ServiceAccountRequest {
  std::string namespace_;
  std::string name;
  std::string cluster_role;  // name of the ClusterRole and ClusterRoleBinding
  std::vector<PolicyRule> rules;
  std::chrono::seconds token_duration{std::chrono::hours(24 * 365)};
};

struct ServiceAccountToken {
  std::string token;  // a credential: never printed
  std::string expiration;
};

// Creates or updates the ServiceAccount, ClusterRole and ClusterRoleBinding, then asks for a
// token. Any failure is the API error of the step that failed.
kube::Result<ServiceAccountToken> provision_service_account(kube::ApiClient& client,
                                                            const ServiceAccountRequest& request);

}  // namespace detgw::onboard
