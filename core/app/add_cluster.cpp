#include "core/app/add_cluster.hpp"

#include "core/app/exit_code.hpp"
#include "core/kube/api_client.hpp"
#include "core/kube/client_config.hpp"
#include "core/kube/kubeconfig_merge.hpp"
#include "core/kube/kubeconfig_write.hpp"
#include "core/onboard/credentials.hpp"
#include "core/onboard/private_file.hpp"
#include "core/onboard/service_account.hpp"
#include "core/values/merge.hpp"
#include "core/yaml/loader.hpp"

namespace detgw::app {
namespace {

AddClusterResult fail(AddClusterResult result, Error error) {
  result.errors.push_back(std::move(error));
  result.exit_code =
      exit_code_for(result.lint.report.findings, report::Severity::Error, result.errors);
  return result;
}

// The list the existing values hold (merged as Helm merges the -f files), or nullptr.
Expected<yaml::NodePtr> existing_list(const std::vector<std::string>& files) {
  yaml::NodePtr merged;
  for (const auto& path : files) {
    auto doc = yaml::load_file(path);
    if (!doc) return doc.error();
    merged = values::merge_maps(merged, doc->root);
  }
  if (!merged || !merged->is_mapping()) return yaml::NodePtr{};
  const auto* entry = merged->find_entry("additional_resource_managers");
  if (!entry) return yaml::NodePtr{};
  // Keep the merged tree alive through the entry's value.
  return yaml::share(merged, entry->value);
}

// The credentials of a new ServiceAccount in the cluster that `config`/`context` reach.
Expected<kube::Kubeconfig> service_account_kubeconfig(const AddClusterOptions& options,
                                                      const kube::Kubeconfig& config,
                                                      const kube::Kubeconfig& one,
                                                      std::vector<std::string>& lines) {
  kube::ConfigOverrides overrides;
  overrides.context = options.cluster_context;
  auto client_config = kube::resolve_client_config(config, overrides);
  if (!client_config) return client_config.error();
  client_config->rest.user_agent = options.user_agent;
  auto client = kube::ApiClient::create(client_config->rest);
  if (!client) return Error(client.error());
  onboard::ServiceAccountRequest request;
  request.name = options.service_account;
  request.namespace_ = options.service_account_namespace;
  if (request.namespace_.empty()) request.namespace_ = options.cluster.default_namespace;
  if (request.namespace_.empty()) request.namespace_ = "default";
  request.cluster_role = "determined-master-";
  request.cluster_role += options.cluster.name;
  request.rules = onboard::merged_policy_rules(options.cluster.gateway.has_value());
  request.token_duration = options.token_duration;
  auto token = onboard::provision_service_account(**client, request);
  if (!token) {
    Error error = token.error();
    error.kind = ErrorKind::Cluster;
    return error;
  }
  std::string line = "service account ";
  line += request.namespace_;
  line += "/";
  line += request.name;
  line += " with ClusterRole and ClusterRoleBinding ";
  line += request.cluster_role;
  line += " in context ";
  line += client_config->identity.context;
  if (!token->expiration.empty()) {
    line += " (token expires ";
    line += token->expiration;
    line += ")";
  }
  lines.push_back(std::move(line));
  std::string user = request.name;
  user += "@";
  user += options.cluster.name;
  return onboard::with_token(one, user, token->token);
}

bool overlay_has_errors(const report::Report& report, const std::string& overlay) {
  for (const auto& f : report.findings)
    if (f.severity == report::Severity::Error && f.location.file == overlay) return true;
  return false;
}

}  // namespace

AddClusterResult add_cluster(AddClusterOptions options) {
  AddClusterResult result;
  auto& c = options.cluster;
  if (c.name.empty()) return fail(std::move(result), usage_error("add-cluster needs a NAME"));
  if (options.release_namespace.empty()) options.release_namespace = "default";
  if (c.secret_name.empty()) c.secret_name = c.name + "-kubeconfig";
  if (c.secret_key.empty()) c.secret_key = "config";
  if (options.secret_out.empty()) options.secret_out = c.name + "-kubeconfig-secret.yaml";
  if (options.values_out.empty()) options.values_out = c.name + "-values.yaml";
  if (options.secret_out == options.values_out)
    return fail(std::move(result), usage_error("--secret-out and --values-out name one file"));

  auto config = kube::load_kubeconfig(options.cluster_kubeconfig, options.env);
  if (!config) return fail(std::move(result), config.error());
  if (config->empty()) {
    return fail(std::move(result),
                input_error("no kubeconfig to take the cluster's credentials from "
                            "(use --cluster-kubeconfig)"));
  }
  auto one = kube::minify_flatten(*config, options.cluster_context);
  if (!one) return fail(std::move(result), one.error());
  kube::Kubeconfig credentials = *one;
  if (!options.service_account.empty()) {
    auto sa = service_account_kubeconfig(options, *config, *one, result.lines);
    if (!sa) return fail(std::move(result), sa.error());
    credentials = std::move(*sa);
  } else if (auto helper = onboard::credential_helper(*one, {});
             !helper.empty() && !options.allow_exec) {
    std::string message = "context ";
    message += one->current_context;
    message += " authenticates with ";
    message += helper;
    message +=
        ", which the master pod does not have: use --service-account NAME to create a "
        "ServiceAccount and token there, or --allow-exec if the master image has the helper";
    return fail(std::move(result), usage_error(std::move(message)));
  }

  auto existing = existing_list(options.values_files);
  if (!existing) return fail(std::move(result), existing.error());
  const std::string overlay = onboard::values_overlay(existing->get(), c);

  LintOptions lint_options;
  lint_options.values_files = options.values_files;
  lint_options.inline_values.push_back({options.values_out, overlay});
  result.lint = lint(lint_options);
  result.lint.report.tool = "helm multirm add-cluster";
  if (!result.lint.errors.empty()) {
    result.errors = result.lint.errors;
    result.exit_code = result.lint.exit_code;
    return result;
  }
  if (overlay_has_errors(result.lint.report, options.values_out)) {
    result.exit_code = kExitFindings;
    std::string line = "not written: the overlay for ";
    line += c.name;
    line += " has errors";
    result.lines.push_back(std::move(line));
    return result;
  }

  const std::string secret = onboard::secret_manifest(
      c.secret_name, options.release_namespace, c.secret_key, kube::write_kubeconfig(credentials));
  for (const auto& [path, text] :
       {std::pair{options.secret_out, secret}, std::pair{options.values_out, overlay}}) {
    auto written = onboard::write_private_file(path, text);
    if (!written) return fail(std::move(result), written.error());
  }
  std::string line = "wrote ";
  line += options.secret_out;
  line += " (Secret ";
  line += options.release_namespace;
  line += "/";
  line += c.secret_name;
  line += ", key ";
  line += c.secret_key;
  line += ", context ";
  line += credentials.current_context;
  line += ")";
  result.lines.push_back(std::move(line));
  line = "wrote ";
  line += options.values_out;
  line += " (additional_resource_managers: ";
  line += c.name;
  line += " and the entries the values had)";
  result.lines.push_back(std::move(line));
  result.exit_code = kExitOk;
  return result;
}

}  // namespace detgw::app
