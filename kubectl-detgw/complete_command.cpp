#include "kubectl-detgw/complete_command.hpp"

#include "cli/completion.hpp"
#include "cli/rule_codes.hpp"
#include "core/app/completion_sources.hpp"

namespace detgw::kubectl_detgw {
namespace {

// The standard kubectl flags typed before the word being completed, so that the Gateways
// and contexts offered are those of the cluster the command will talk to.
kube::ConfigOverrides overrides_from(const cli::CompletionContext& c) {
  kube::ConfigOverrides o;
  o.kubeconfig = c.value("--kubeconfig");
  o.context = c.value("--context");
  o.cluster = c.value("--cluster");
  o.user = c.value("--user");
  o.namespace_ = c.value("--namespace");
  o.server = c.value("--server");
  o.token = c.value("--token");
  o.certificate_authority = c.value("--certificate-authority");
  o.client_certificate = c.value("--client-certificate");
  o.client_key = c.value("--client-key");
  o.insecure_skip_tls_verify = c.value("--insecure-skip-tls-verify") == "true";
  o.tls_server_name = c.value("--tls-server-name");
  o.as = c.value("--as");
  o.request_timeout = c.value("--request-timeout");
  return o;
}

// A failure (no cluster, no kubeconfig) offers nothing: the shell must stay quiet.
template <typename Load>
cli::ValueSource from_cluster(Load load) {
  return [load](const cli::CompletionContext& context) {
    std::vector<cli::Candidate> out;
    auto choices = load(overrides_from(context));
    if (choices) {
      for (auto& choice : *choices) out.push_back({choice.value, choice.description});
    }
    return out;
  };
}

}  // namespace

std::optional<int> run_completion(CLI::App& app, int argc, const char* const* argv) {
  return cli::complete_if_asked(app, argc, argv, [](cli::Completer& completer) {
    completer.values_for("--gateway", from_cluster(app::complete_gateways));
    completer.values_for("--context", from_cluster(app::complete_contexts));
    cli::add_rule_code_sources(completer);
  });
}

}  // namespace detgw::kubectl_detgw
