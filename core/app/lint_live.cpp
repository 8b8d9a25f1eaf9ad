#include "core/app/lint_live.hpp"

#include <algorithm>
#include <future>
#include <map>

#include "core/app/config_input.hpp"
#include "core/app/exit_code.hpp"
#include "core/kube/api_client.hpp"
#include "core/kube/base64.hpp"
#include "core/kube/client_config.hpp"
#include "core/kube/discovery.hpp"
#include "core/live/live_check.hpp"
#include "core/onboard/cluster_probe.hpp"
#include "core/yaml/scalar.hpp"

namespace detgw::app {
namespace {

std::string text_of(const model::Field& field) {
  if (!field.node || !field.node->is_scalar()) return {};
  return yaml::as_string(*field.node).value_or(std::string(field.node->text));
}

onboard::InputPlace place(const model::Field& field) {
  const yaml::Path path = field.path();
  return {field.value_location(), path.dotted(), path.pointer()};
}

// The additional RMs of values input whose kubeconfig comes from a Secret.
std::vector<onboard::ClusterTarget> cluster_targets(const LintOptions& options,
                                                    std::vector<std::string>& notes) {
  std::vector<Error> errors;
  auto input = read_config_input(options, errors);
  if (!input) return {};
  if (input->shape != model::InputShape::Values) {
    std::string note =
        "--live checks the kubeconfig Secrets of Helm values; this input names none (it is ";
    note += model::to_string(input->shape);
    note += " config)";
    notes.push_back(std::move(note));
    return {};
  }
  auto models = build_models(options, input->documents, input->shape, errors, notes);
  std::vector<onboard::ClusterTarget> targets;
  for (const auto& m : models) {
    for (const auto& rm : m.rms) {
      if (rm.is_root) continue;
      const std::string secret = text_of(rm.kubeconfig_secret_name);
      const std::string key = text_of(rm.kubeconfig_secret_value);
      if (secret.empty() || key.empty()) continue;  // HLM001/HLM002 say so
      onboard::ClusterTarget t;
      t.rm = rm.effective_name.empty() ? rm.label() : rm.effective_name;
      t.secret_name = secret;
      t.secret_key = key;
      t.default_namespace = text_of(rm.default_namespace);
      if (t.default_namespace.empty()) t.default_namespace = "default";
      t.secret_place = place(rm.kubeconfig_secret_name);
      t.key_place = place(rm.kubeconfig_secret_value);
      t.namespace_place = place(rm.default_namespace);
      if (rm.gateway) {
        const std::string ns = text_of(rm.gateway->namespace_);
        const std::string name = text_of(rm.gateway->name);
        if (!ns.empty() && !name.empty()) {
          t.gateway = live::ObjectRef{ns, name};
          t.expected.source = m.file;
          t.expected.source += " (RM ";
          t.expected.source += t.rm;
          t.expected.source += ")";
          if (rm.gateway->ip) t.expected.ip = text_of(rm.gateway->ip);
          if (rm.gateway->start && rm.gateway->end) {
            t.expected.range_start = static_cast<int>(*rm.gateway->start);
            t.expected.range_end = static_cast<int>(*rm.gateway->end);
          }
          t.expected.task_namespace = t.default_namespace;
        }
      }
      targets.push_back(std::move(t));
    }
  }
  return targets;
}

Error cluster_error(std::string message) {
  return Error{ErrorKind::Cluster, std::move(message), {}};
}

void fill_key(onboard::SecretLookup& lookup, const kube::Json& secret, const std::string& key) {
  if (!secret.IsObject() || !secret.HasMember("data") || !secret["data"].IsObject()) return;
  for (const auto& m : secret["data"].GetObject()) {
    lookup.keys.emplace_back(m.name.GetString());
    if (key != m.name.GetString()) continue;
    lookup.has_key = true;
    if (m.value.IsString()) lookup.kubeconfig = kube::base64_decode(m.value.GetString());
  }
}

}  // namespace

std::vector<std::string> lint_live_codes() {
  std::vector<std::string> codes = {"LIV060", "LIV061", "LIV062", "LIV063", "LIV064"};
  for (const auto& check : live::all_live_checks())
    if (check.code != "LIV001" && !check.needs_access_review) codes.emplace_back(check.code);
  return codes;
}

CommandResult lint_live(LintOptions options, const LiveLintOptions& live) {
  options.extra_codes = lint_live_codes();
  CommandResult result = lint(options);
  if (!result.errors.empty()) return result;
  const auto fail_level = options.strict ? report::Severity::Warning : report::Severity::Error;
  auto finish = [&] {
    report::sort_findings(result.report.findings);
    note_input_errors(result.report, result.errors);
    result.exit_code = exit_code_for(result.report.findings, fail_level, result.errors);
    return std::move(result);
  };

  // The default cluster: where the release and its Secrets are.
  auto config = kube::load_client_config(kube::overrides_from_helm_env(live.env), live.env);
  if (!config) {
    result.errors.push_back(config.error());
    return finish();
  }
  config->rest.timeout = live.timeout;
  config->rest.user_agent = live.user_agent;
  std::string release_namespace = config->identity.namespace_;
  if (release_namespace.empty()) release_namespace = "default";
  auto client = kube::ApiClient::create(config->rest);
  if (!client) {
    result.errors.push_back(cluster_error(client.error().describe()));
    return finish();
  }
  kube::ApiClient& release = **client;
  if (auto version = kube::server_version(release); !version) {
    std::string message = "the release cluster (context ";
    message += config->identity.context;
    message += ") does not answer: ";
    message += version.error().describe();
    result.errors.push_back(cluster_error(std::move(message)));
    return finish();
  }

  auto targets = cluster_targets(options, result.notes);
  // Every kubeconfig Secret at once, each name once.
  std::vector<std::string> names;
  for (const auto& t : targets)
    if (std::find(names.begin(), names.end(), t.secret_name) == names.end())
      names.push_back(t.secret_name);
  std::vector<std::pair<kube::ApiClient*, std::string>> reads;
  for (const auto& name : names)
    reads.emplace_back(&release, kube::resource_path("", "v1", "secrets", release_namespace, name));
  auto answers = kube::ApiClient::get_all(reads);
  std::map<std::string, kube::Json> secrets;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (answers[i]) {
      secrets.emplace(names[i], std::move(*answers[i]));
    } else if (!answers[i].error().not_found()) {
      // Reading the release namespace is this command's own need: a cluster error.
      std::string message = "reading Secret ";
      message += release_namespace;
      message += "/";
      message += names[i];
      message += " in the release cluster: ";
      message += answers[i].error().describe();
      result.errors.push_back(cluster_error(std::move(message)));
      return finish();
    }
  }
  std::vector<onboard::ClusterProbe> probes(targets.size());
  for (std::size_t i = 0; i < targets.size(); ++i) {
    probes[i].target = targets[i];
    probes[i].secret.release_namespace = release_namespace;
    if (auto it = secrets.find(targets[i].secret_name); it != secrets.end()) {
      probes[i].secret.found = true;
      fill_key(probes[i].secret, it->second, targets[i].secret_key);
    }
  }

  // Every cluster at once: a hung one costs one timeout, the others are checked meanwhile.
  std::vector<std::future<void>> running;
  for (auto& probe : probes)
    running.push_back(std::async(std::launch::async, [&probe, &live] {
      onboard::probe_cluster(probe, live.timeout, live.user_agent);
    }));
  for (;;) {
    std::size_t done = 0;
    for (auto& f : running)
      if (f.wait_for(std::chrono::milliseconds(0)) == std::future_status::ready) ++done;
    if (live.progress) live.progress(done, running.size());
    if (done == running.size()) break;
    for (auto& f : running)
      if (f.wait_for(std::chrono::milliseconds(200)) != std::future_status::ready) break;
  }

  for (auto& probe : probes) {
    probe.secret.kubeconfig.reset();  // the credential is not needed any longer
    auto findings = onboard::cluster_findings(probe);
    auto gateway = onboard::cluster_gateway_checks(probe);
    findings.insert(findings.end(), std::make_move_iterator(gateway.findings.begin()),
                    std::make_move_iterator(gateway.findings.end()));
    for (auto& f : findings)
      if (options.selection.is_enabled(f.code) && !options.selection.is_suppressed(f))
        result.report.findings.push_back(std::move(f));
    std::string input = "cluster of RM ";
    input += probe.target.rm;
    result.report.inputs.push_back({std::move(input), "live"});
  }
  result.report.subject_summary += ", ";
  result.report.subject_summary += std::to_string(probes.size());
  result.report.subject_summary += probes.size() == 1 ? " cluster" : " clusters";
  result.report.subject_summary += " checked live";
  return finish();
}

}  // namespace detgw::app
