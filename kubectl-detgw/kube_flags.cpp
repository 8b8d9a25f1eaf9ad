#include "kubectl-detgw/kube_flags.hpp"

#include <iostream>

namespace detgw::kubectl_detgw {

void KubeFlags::add_to(CLI::App& command) {
  auto& o = overrides;
  command.add_option("--kubeconfig", o.kubeconfig, "Path to the kubeconfig file");
  command.add_option("--context", o.context, "The kubeconfig context to use");
  command.add_option("--cluster", o.cluster, "The kubeconfig cluster to use");
  command.add_option("--user", o.user, "The kubeconfig user to use");
  command.add_option("-n,--namespace", o.namespace_, "The namespace");
  command.add_option("-s,--server", o.server, "The address of the Kubernetes API server");
  command.add_option("--token", o.token, "Bearer token for authentication");
  command.add_option("--certificate-authority", o.certificate_authority,
                     "Path to a CA certificate file");
  command.add_option("--client-certificate", o.client_certificate,
                     "Path to a client certificate file");
  command.add_option("--client-key", o.client_key, "Path to a client key file");
  command.add_flag("--insecure-skip-tls-verify", o.insecure_skip_tls_verify,
                   "Do not verify the server's certificate (insecure)");
  command.add_option("--tls-server-name", o.tls_server_name,
                     "Server name for certificate verification");
  command.add_option("--as", o.as, "Username to impersonate");
  command.add_option("--as-group", o.as_groups, "Group to impersonate (repeatable)")
      ->allow_extra_args(false);
  command.add_option("--request-timeout", o.request_timeout,
                     "How long to wait for one request (0 = no limit), e.g. 30s");
  command.add_option("-v,--v", verbosity, "Log level: 6 requests, 8 bodies (credentials masked)");
  command.add_option("-o,--output", output, "Output format");
  command.add_flag("--no-headers", no_headers,
                   "Print no headers or summary (text and wide output)");
}

void GatewayFlags::add_to(CLI::App& command) {
  auto& s = selection;
  command.add_option("--gateway", s.gateway,
                     "The Gateway: NAME (in -n's namespace) or NAMESPACE/NAME");
  command.add_option("--values", s.values_file,
                     "Take the Gateway, gateway_ip and port range from an RM's "
                     "internal_task_gateway in this values, master.yaml or devcluster file");
  command.add_option("--rm", s.rm, "With --values: the cluster name of the RM to use");
  command
      .add_option("--input-format", s.input_format,
                  "With --values: auto, values, master or devcluster")
      ->capture_default_str();
  command.add_flag("-A,--all-namespaces", s.all_namespaces,
                   "Without --gateway or --values: look for Determined's Gateways in every "
                   "namespace");
}

app::LiveOptions live_options(const KubeFlags& kube, const GatewayFlags& gateway) {
  app::LiveOptions options;
  options.overrides = kube.overrides;
  options.selection = gateway.selection;
  options.logger = kube.logger();
  options.user_agent = app::user_agent("kubectl-detgw");
  return options;
}

void print_error(const Error& error) { std::cerr << "Error: " << error.describe() << "\n"; }

std::string format_list(std::initializer_list<std::string_view> formats) {
  std::string names;
  std::size_t i = 0;
  for (auto f : formats) {
    if (i > 0) names += i + 1 == formats.size() ? " or " : ", ";
    names += f;
    ++i;
  }
  return names;
}

void describe_output(CLI::App& command, std::initializer_list<std::string_view> formats) {
  command.get_option("--output")->description("Output format: " + format_list(formats));
}

bool check_output(const std::string& output, std::initializer_list<std::string_view> allowed) {
  for (auto a : allowed)
    if (output == a) return true;
  std::cerr << "Error: unknown output format \"" << output << "\" (use " << format_list(allowed)
            << ")\n";
  return false;
}

}  // namespace detgw::kubectl_detgw
