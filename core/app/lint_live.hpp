#pragma once
// `helm multirm lint --live`: lint, then the live pre-install checks against the release
// namespace of the default cluster (Helm's HELM_NAMESPACE, HELM_KUBECONTEXT, KUBECONFIG): each
// additional RM's kubeconfig Secret (LIV060), its cluster reached and authenticated (LIV061), its
// default_namespace (LIV062), its identity's permissions (LIV063), helper binaries (LIV064) and
// its Gateway with the checks of kubectl detgw doctor. Clusters are checked concurrently; a
// cluster the input names that fails is a finding, the default cluster failing is exit 4.

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "core/app/lint.hpp"
#include "core/kube/environment.hpp"

namespace detgw::app {

struct LiveLintOptions {
  kube::Environment env = kube::Environment::current();
  std::chrono::milliseconds timeout{10000};  // per cluster
  std::string user_agent;
  // Called now and then while clusters are checked: how many are done of how many.
  std::function<void(std::size_t done, std::size_t total)> progress;
};

// The LIV codes lint --live reports (LIV060-LIV064 and the Gateway checks).
std::vector<std::string> lint_live_codes();

CommandResult lint_live(LintOptions options, const LiveLintOptions& live);

}  // namespace detgw::app
