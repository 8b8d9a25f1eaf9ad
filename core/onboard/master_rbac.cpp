#include "core/onboard/master_rbac.hpp"

#include <algorithm>

namespace detgw::onboard {
namespace {

constexpr const char* kGatewayGroup = "gateway.networking.k8s.io";

}  // namespace

std::vector<PolicyRule> master_policy_rules(bool gateway) {
  const std::vector<std::string> crgd = {"create", "get", "list", "delete"};
  std::vector<PolicyRule> rules = {
      {"", "pods", crgd},
      {"", "configmaps", crgd},
      {"", "namespaces", crgd},
      {"", "resourcequotas", crgd},
      {"", "services", {"get", "list"}},
      {"batch", "jobs", {"create", "get", "list", "delete", "watch"}},
  };
  if (gateway) {
    rules.push_back({kGatewayGroup, "gateways", {"get", "update"}});
    rules.push_back({kGatewayGroup, "tcproutes", {"create", "list", "delete"}});
    rules.push_back({"", "services", {"create", "delete"}});
  }
  return rules;
}

std::vector<PolicyRule> merged_policy_rules(bool gateway) {
  std::vector<PolicyRule> merged;
  for (const auto& rule : master_policy_rules(gateway)) {
    auto same = std::find_if(merged.begin(), merged.end(), [&](const PolicyRule& r) {
      return r.group == rule.group && r.resource == rule.resource;
    });
    if (same == merged.end()) {
      merged.push_back(rule);
      continue;
    }
    for (const auto& verb : rule.verbs)
      if (std::find(same->verbs.begin(), same->verbs.end(), verb) == same->verbs.end())
        same->verbs.push_back(verb);
  }
  return merged;
}

}  // namespace detgw::onboard
