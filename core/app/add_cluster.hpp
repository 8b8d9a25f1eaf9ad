#pragma once
// `helm multirm add-cluster NAME`: onboards one more cluster. Its credentials (one kubeconfig
// context, flattened; or a ServiceAccount's token made there) go into a Secret manifest for the
// release namespace, its RM entry into a values overlay with the whole new
// additional_resource_managers list. The overlay is linted with the existing values first and is
// not written when that finds errors in it. Both files are created 0600.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/app/lint.hpp"
#include "core/kube/environment.hpp"
#include "core/onboard/overlay.hpp"

namespace detgw::app {

struct AddClusterOptions {
  onboard::NewCluster cluster;
  std::string cluster_kubeconfig;  // "" = KUBECONFIG, else ~/.kube/config
  std::string cluster_context;     // "" = that kubeconfig's current context
  std::vector<std::string> values_files;
  std::string release_namespace;  // HELM_NAMESPACE: where the Secret goes
  bool allow_exec = false;
  std::string service_account;            // "" = use the context's own credentials
  std::string service_account_namespace;  // "" = default_namespace, else "default"
  std::chrono::seconds token_duration{std::chrono::hours(24 * 365)};
  std::string secret_out;  // "" = <NAME>-kubeconfig-secret.yaml
  std::string values_out;  // "" = <NAME>-values.yaml
  kube::Environment env = kube::Environment::current();
  std::string user_agent;
};

struct AddClusterResult {
  CommandResult lint;              // the lint of the overlay with the existing values
  std::vector<std::string> lines;  // for stdout: the files written, what was created
  std::vector<Error> errors;       // what stopped the run
  int exit_code = 0;
};

AddClusterResult add_cluster(AddClusterOptions options);

}  // namespace detgw::app
