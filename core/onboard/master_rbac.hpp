#pragma once
// What the Determined master does in a cluster it manages, as RBAC rules: the verbs of the
// chart's ClusterRole (templates/master-permissions.yaml) plus, for the internal task gateway,
// those on Gateways, TCPRoutes and Services. `add-cluster --service-account` grants them and
// `lint --live` asks the API server whether an RM's identity has them (LIV063).

#include <string>
#include <vector>

namespace detgw::onboard {

struct PolicyRule {
  std::string group;  // "" = core
  std::string resource;
  std::vector<std::string> verbs;
};

// The chart ClusterRole's rules, then the gateway rules when `gateway`.
std::vector<PolicyRule> master_policy_rules(bool gateway);

// One rule per (group, resource): the rules above with the verbs of a resource merged.
std::vector<PolicyRule> merged_policy_rules(bool gateway);

}  // namespace detgw::onboard
