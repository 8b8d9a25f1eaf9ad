#pragma once
// "Can I?" and "can they?": SelfSubjectAccessReview for the client's own identity,
// SubjectAccessReview for a named user or service account.

#include <string>
#include <vector>

#include "core/kube/api_client.hpp"

namespace detgw::kube {

struct ResourceAttributes {
  std::string verb;
  std::string group;
  std::string resource;
  std::string subresource;
  std::string namespace_;  // "" = cluster-wide
  std::string name;
};

struct AccessDecision {
  bool allowed = false;
  bool denied = false;  // explicitly denied (not just "no opinion")
  std::string reason;
  std::string evaluation_error;
};

Result<AccessDecision> can_i(ApiClient& client, const ResourceAttributes& what);

struct Subject {
  std::string user;  // "system:serviceaccount:ns:name" for a service account
  std::vector<std::string> groups;
};

// The subject of a service account, with the groups the API server gives it.
Subject service_account_subject(const std::string& namespace_, const std::string& name);

Result<AccessDecision> can_subject(ApiClient& client, const Subject& who,
                                   const ResourceAttributes& what);

struct AccessQuestion {
  const Subject* who = nullptr;  // nullptr: the client's own identity
  ResourceAttributes what;
};

// Several questions in one round of requests; answers in order.
std::vector<Result<AccessDecision>> review_all(ApiClient& client,
                                               const std::vector<AccessQuestion>& questions);

// The request that asks one question, and the decision in its answer: for sending questions
// together with other requests (ApiClient::call_all).
ApiClient::Call review_call(ApiClient& client, const AccessQuestion& question);
Result<AccessDecision> review_decision(Result<Json> answer);

}  // namespace detgw::kube
