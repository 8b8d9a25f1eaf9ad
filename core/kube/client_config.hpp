#pragma once
// From kubeconfig + standard kubectl flags to what a client needs to reach one cluster
// (client-go DirectClientConfig / DeferredLoadingClientConfig semantics, in-cluster fallback).

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/kube/environment.hpp"
#include "core/kube/kubeconfig.hpp"
#include "core/kube/log.hpp"

namespace detgw::kube {

// The standard kubectl flags (cli-runtime ConfigFlags). Empty = not given.
struct ConfigOverrides {
  std::string kubeconfig;
  std::string context;
  std::string cluster;
  std::string user;
  std::string namespace_;
  std::string server;
  std::string token;
  std::string certificate_authority;
  std::string client_certificate;
  std::string client_key;
  bool insecure_skip_tls_verify = false;
  std::string tls_server_name;
  std::string as;
  std::vector<std::string> as_groups;
  std::string request_timeout;  // "0", "30", "1m30s"
};

// What a client needs to talk to one cluster. Credentials stay in memory only.
struct RestConfig {
  std::string server;
  std::string tls_server_name;
  bool insecure = false;
  std::string ca_file;
  std::string ca_data;
  std::string proxy_url;
  bool disable_compression = false;

  std::string client_certificate_file;
  std::string client_certificate_data;
  std::string client_key_file;
  std::string client_key_data;
  std::string token;
  std::string token_file;  // re-read while the process runs (projected SA tokens rotate)
  std::string username;
  std::string password;
  std::optional<ExecConfig> exec;  // used only without token, basic or certificate auth
  yaml::NodePtr exec_cluster_config;

  std::string impersonate_user;
  std::string impersonate_uid;
  std::vector<std::string> impersonate_groups;
  std::map<std::string, std::vector<std::string>> impersonate_extra;

  std::chrono::milliseconds timeout{0};  // 0 = none
  // How long an exec credential plugin that asks nobody may run. client-go waits forever; a
  // plugin stuck on the network would then hang every command (in CI: until the job's limit).
  // A minute is far beyond what a token exchange takes. Interactive runs get at least 10 min.
  std::chrono::milliseconds exec_timeout{std::chrono::minutes(1)};
  // The largest response body accepted (after decompression); a larger one is an error, not
  // an out-of-memory. The largest objects (CRDs with big schemas) are a few MiB.
  std::size_t max_response_bytes = 64u << 20;
  // Sent with every request, so the server's audit log names the tool ("kubectl-detgw/0.1.0
  // (linux/amd64)"); empty = the library's default.
  std::string user_agent;

  bool has_token_auth() const { return !token.empty() || !token_file.empty(); }
  bool has_basic_auth() const { return !username.empty() || !password.empty(); }
  bool has_cert_auth() const {
    return !client_certificate_file.empty() || !client_certificate_data.empty();
  }
};

// Where the configuration came from; never holds a credential (safe to print).
struct ConfigIdentity {
  std::string context;
  std::string cluster;
  std::string user;
  std::string namespace_;
  bool namespace_explicit = false;  // from -n
  bool in_cluster = false;
};

struct ClientConfig {
  RestConfig rest;
  ConfigIdentity identity;
  Kubeconfig raw;  // the merged kubeconfig
};

// Go duration ("1m30s", "500ms") or plain seconds ("30"); error names the flag value.
Expected<std::chrono::milliseconds> parse_request_timeout(const std::string& text);

// Resolves overrides against the kubeconfig files `env` selects, falling back to in-cluster.
Expected<ClientConfig> load_client_config(const ConfigOverrides& overrides,
                                          const Environment& env = Environment::current(),
                                          const Logger& logger = {});

// Resolves against an already loaded kubeconfig (no files, no in-cluster fallback).
Expected<ClientConfig> resolve_client_config(const Kubeconfig& config,
                                             const ConfigOverrides& overrides);

// In-cluster configuration is possible: KUBERNETES_SERVICE_HOST/PORT set and the token exists.
bool in_cluster_possible(const Environment& env);

// The message client-go gives for an auth-provider, which this client does not run.
std::string auth_provider_message(const std::string& name);

// Overrides from the variables Helm hands a plugin (HELM_NAMESPACE, HELM_KUBECONTEXT, ...).
ConfigOverrides overrides_from_helm_env(const Environment& env);

}  // namespace detgw::kube
