#include "kubectl-detgw/kube_flags.hpp"

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
}

}  // namespace detgw::kubectl_detgw
