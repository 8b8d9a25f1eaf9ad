#include "core/kube/client_config.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>

#include "core/kube/kubeconfig_merge.hpp"
#include "core/support/go_bool.hpp"
#include "core/yaml/loader.hpp"

namespace detgw::kube {
namespace {

Error config_error(std::string message) {
  return Error{ErrorKind::Input, "invalid configuration: " + std::move(message), {}};
}

std::string trim(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return s.substr(i);
}

Expected<std::string> read_token_file(const std::string& path) {
  auto text = yaml::read_file(path, 1u << 20);
  if (!text) return Error{ErrorKind::Input, text.error().message, {path, 0, 0}};
  return trim(*text);
}

// Applies the cluster-level overrides the way client-go's getCluster does.
void override_cluster(ClusterInfo& c, const ConfigOverrides& o) {
  if (!o.server.empty()) c.server = o.server;
  if (o.insecure_skip_tls_verify || !o.certificate_authority.empty()) {
    c.insecure_skip_tls_verify = o.insecure_skip_tls_verify;
    c.certificate_authority = o.certificate_authority;
    c.certificate_authority_data.clear();
  }
  // --server clears the kubeconfig's tls-server-name unless --tls-server-name is given too.
  if (!o.tls_server_name.empty() || !o.server.empty()) c.tls_server_name = o.tls_server_name;
}

void override_user(AuthInfo& u, const ConfigOverrides& o) {
  if (!o.token.empty()) {
    u.token = o.token;
    u.token_file.clear();
  }
  if (!o.client_certificate.empty()) {
    u.client_certificate = o.client_certificate;
    u.client_certificate_data.clear();
  }
  if (!o.client_key.empty()) {
    u.client_key = o.client_key;
    u.client_key_data.clear();
  }
  if (!o.as.empty()) u.as = o.as;
  if (!o.as_groups.empty()) u.as_groups = o.as_groups;
}

std::optional<Error> validate_user(const std::string& name, const AuthInfo& u) {
  if (u.auth_provider && u.exec)
    return config_error("authProvider and exec are both specified for " + name +
                        "; only one is allowed");
  if (u.auth_provider)
    return Error{ErrorKind::Cluster, auth_provider_message(u.auth_provider->name), u.origin};
  if (!u.client_certificate.empty() && !u.client_certificate_data.empty())
    return config_error("client-cert-data and client-cert are both specified for " + name +
                        "; client-cert-data will override");
  if (!u.client_key.empty() && !u.client_key_data.empty())
    return config_error("client-key-data and client-key are both specified for " + name +
                        "; client-key-data will override");
  const bool has_cert = !u.client_certificate.empty() || !u.client_certificate_data.empty();
  const bool has_key = !u.client_key.empty() || !u.client_key_data.empty();
  if (has_cert != has_key)
    return config_error("client-key-data or client-key must be specified for " + name +
                        " to use the clientCert authentication method");
  if ((!u.token.empty() || !u.token_file.empty()) && (!u.username.empty() || !u.password.empty()))
    return config_error("more than one authentication method found for " + name +
                        "; found [token basicAuth], only one is allowed");
  if (u.exec) {
    const auto& e = *u.exec;
    if (e.command.empty())
      return config_error("command must be specified for " + name +
                          " to use exec authentication plugin");
    if (e.api_version.empty())
      return config_error("apiVersion must be specified for " + name +
                          " to use exec authentication plugin");
    if (e.interactive_mode.empty() && e.api_version == "client.authentication.k8s.io/v1")
      return config_error("interactiveMode must be specified for " + name +
                          " to use exec authentication plugin");
    if (!e.interactive_mode.empty() && e.interactive_mode != "Never" &&
        e.interactive_mode != "IfAvailable" && e.interactive_mode != "Always")
      return config_error("invalid interactiveMode for " + name + ": \"" + e.interactive_mode +
                          "\" (must be Never, IfAvailable or Always)");
  }
  return std::nullopt;
}

std::string in_cluster_server(const Environment& env) {
  std::string host = *env.get("KUBERNETES_SERVICE_HOST");
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  return "https://" + host + ":" + *env.get("KUBERNETES_SERVICE_PORT");
}

Expected<ClientConfig> in_cluster_config(const ConfigOverrides& o, const Environment& env) {
  ClientConfig out;
  out.identity.in_cluster = true;
  out.identity.context = "(in-cluster)";
  RestConfig& r = out.rest;
  r.server = o.server.empty() ? in_cluster_server(env) : o.server;
  r.token_file = env.service_account_dir + "/token";
  if (!o.token.empty()) {
    r.token = o.token;
    r.token_file.clear();
  } else {
    auto token = read_token_file(r.token_file);
    if (!token) return Error{ErrorKind::Cluster, token.error().message, token.error().where};
    r.token = *token;
  }
  r.ca_file = o.certificate_authority.empty() ? env.service_account_dir + "/ca.crt"
                                              : o.certificate_authority;
  r.insecure = o.insecure_skip_tls_verify;
  if (r.insecure) r.ca_file.clear();
  r.tls_server_name = o.tls_server_name;
  r.impersonate_user = o.as;
  r.impersonate_groups = o.as_groups;
  if (!o.namespace_.empty()) {
    out.identity.namespace_ = o.namespace_;
    out.identity.namespace_explicit = true;
  }
  return out;
}

// client-go's in-cluster namespace: POD_NAMESPACE, then the service account's namespace file.
std::string in_cluster_namespace(const Environment& env) {
  if (auto ns = env.get("POD_NAMESPACE")) return *ns;
  auto text = yaml::read_file(env.service_account_dir + "/namespace", 4096);
  if (text) {
    std::string ns = trim(*text);
    if (!ns.empty()) return ns;
  }
  return "default";
}

bool is_empty_cluster(const ClusterInfo& c) {
  return c.server.empty() && c.tls_server_name.empty() && !c.insecure_skip_tls_verify &&
         c.certificate_authority.empty() && c.certificate_authority_data.empty() &&
         c.proxy_url.empty() && !c.disable_compression;
}

struct EmptyConfig {};

}  // namespace

Expected<std::chrono::milliseconds> parse_request_timeout(const std::string& text) {
  using std::chrono::milliseconds;
  if (text.empty()) return milliseconds{0};
  const Error bad = usage_error("invalid timeout value \"" + text +
                                "\": timeout must be a single integer in seconds, or an integer "
                                "followed by a corresponding time unit (e.g. 1s | 2m | 3h)");
  // Go's time.Duration ends after 292 years; anything longer is a typo, not a timeout.
  const Error too_long = usage_error("invalid timeout value \"" + text +
                                     "\": out of range, the longest timeout is 2562047h "
                                     "(about 292 years)");
  constexpr double kLongestMs = 9223372036854.0;
  bool all_digits = std::all_of(text.begin(), text.end(),
                                [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  if (all_digits) {
    // Leading zeros aside, more than 13 digits of seconds are past the longest.
    const std::string digits = text.substr(std::min(text.find_first_not_of('0'), text.size()));
    if (digits.size() > 13) return too_long;
    const long long seconds = digits.empty() ? 0 : std::stoll(digits);
    if (seconds * 1000.0 > kLongestMs) return too_long;
    return milliseconds{seconds * 1000};
  }
  // Go time.ParseDuration subset: sequence of <number><unit>.
  double total_ms = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t j = i;
    while (j < text.size() && (std::isdigit(static_cast<unsigned char>(text[j])) || text[j] == '.'))
      ++j;
    if (j == i) return bad;
    // A few hundred digits still fit a double; more would only be an attack on stod.
    if (j - i > 300) return too_long;
    char* end = nullptr;
    const std::string number = text.substr(i, j - i);
    const double value = std::strtod(number.c_str(), &end);
    if (end != number.c_str() + number.size()) return bad;  // "1.2.3"
    std::size_t k = j;
    while (k < text.size() && std::isalpha(static_cast<unsigned char>(text[k]))) ++k;
    const std::string unit = text.substr(j, k - j);
    double factor = 0;
    if (unit == "ms")
      factor = 1;
    else if (unit == "s")
      factor = 1000;
    else if (unit == "m")
      factor = 60000;
    else if (unit == "h")
      factor = 3600000;
    else if (unit == "us" || unit == "µs")
      factor = 0.001;
    else if (unit == "ns")
      factor = 0.000001;
    else
      return bad;
    total_ms += value * factor;
    if (!(total_ms <= kLongestMs)) return too_long;
    i = k;
  }
  return milliseconds{static_cast<long long>(std::llround(total_ms))};
}

bool in_cluster_possible(const Environment& env) {
  if (!env.get("KUBERNETES_SERVICE_HOST") || !env.get("KUBERNETES_SERVICE_PORT")) return false;
  std::error_code ec;
  const auto token = env.service_account_dir + "/token";
  return std::filesystem::exists(token, ec) && !std::filesystem::is_directory(token, ec);
}

std::string auth_provider_message(const std::string& name) {
  if (name == "gcp")
    return "The gcp auth plugin has been removed.\nPlease use the \"gke-gcloud-auth-plugin\" "
           "kubectl/client-go credential plugin instead.\nSee "
           "https://cloud.google.com/blog/products/containers-kubernetes/"
           "kubectl-auth-changes-in-gke"
           " for further details";
  if (name == "azure")
    return "The azure auth plugin has been removed.\nPlease use the \"kubelogin\" "
           "kubectl/client-go credential plugin instead.\nSee "
           "https://kubernetes.io/docs/reference/access-authn-authz/authentication/"
           "#client-go-credential-plugins for further details";
  if (name == "oidc")
    return "The oidc auth-provider is not supported by this client.\nPlease use an exec "
           "credential plugin instead, such as \"kubelogin\" (kubectl oidc-login, "
           "https://github.com/int128/kubelogin).\nSee "
           "https://kubernetes.io/docs/reference/access-authn-authz/authentication/"
           "#client-go-credential-plugins for further details";
  return "no Auth Provider found for name \"" + name +
         "\"; auth-providers are not supported by this client, use an exec credential plugin";
}

Expected<ClientConfig> resolve_client_config(const Kubeconfig& config, const ConfigOverrides& o) {
  ClientConfig out;
  out.raw = config;
  ConfigIdentity& id = out.identity;
  id.context = o.context.empty() ? config.current_context : o.context;

  Context ctx;
  bool context_missing = false;
  if (!id.context.empty()) {
    auto it = config.contexts.find(id.context);
    if (it != config.contexts.end())
      ctx = it->second;
    else
      context_missing = true;
  }
  id.cluster = o.cluster.empty() ? ctx.cluster : o.cluster;
  id.user = o.user.empty() ? ctx.user : o.user;

  ClusterInfo cluster;
  if (auto it = config.clusters.find(id.cluster); it != config.clusters.end()) cluster = it->second;
  override_cluster(cluster, o);
  AuthInfo user;
  if (auto it = config.users.find(id.user); it != config.users.end()) user = it->second;
  override_user(user, o);

  // Validation, in client-go's order; an empty cluster alone means "no configuration".
  std::vector<std::string> problems;
  if (context_missing)
    problems.push_back("context was not found for specified context: " + id.context);
  if (!o.cluster.empty() && !config.clusters.count(o.cluster) && o.server.empty())
    problems.push_back("cluster \"" + o.cluster + "\" does not exist");
  if (!o.user.empty() && !config.users.count(o.user))
    problems.push_back("auth info \"" + o.user + "\" does not exist");
  if (auto e = validate_user(id.user, user)) {
    if (e->kind == ErrorKind::Cluster) return *e;
    problems.push_back(e->message.substr(std::string("invalid configuration: ").size()));
  }
  const bool empty_cluster = is_empty_cluster(cluster);
  if (empty_cluster && problems.empty())
    return config_error(
        "no configuration has been provided, try setting KUBERNETES_MASTER "
        "environment variable");
  if (empty_cluster)
    problems.push_back("cluster has no server defined");
  else if (cluster.server.empty())
    problems.push_back("no server found for cluster \"" + id.cluster + "\"");
  if (!problems.empty()) {
    std::string joined;
    for (const auto& p : problems) joined += (joined.empty() ? "" : ", ") + p;
    Error e = config_error(problems.size() == 1 ? joined : "[" + joined + "]");
    return e;
  }
  if (cluster.insecure_skip_tls_verify &&
      (!cluster.certificate_authority.empty() || !cluster.certificate_authority_data.empty()))
    return Error{ErrorKind::Input,
                 "specifying a root certificates file with the insecure flag is not allowed",
                 cluster.origin};

  RestConfig& r = out.rest;
  r.server = cluster.server;
  r.tls_server_name = cluster.tls_server_name;
  r.insecure = cluster.insecure_skip_tls_verify;
  r.ca_file = cluster.certificate_authority;
  r.ca_data = cluster.certificate_authority_data;
  r.proxy_url = cluster.proxy_url;
  r.disable_compression = cluster.disable_compression;
  r.client_certificate_file = user.client_certificate;
  r.client_certificate_data = user.client_certificate_data;
  r.client_key_file = user.client_key;
  r.client_key_data = user.client_key_data;
  if (!user.token.empty()) {
    r.token = user.token;
  } else if (!user.token_file.empty()) {
    auto token = read_token_file(user.token_file);
    if (!token) return token.error();
    r.token = *token;
    r.token_file = user.token_file;
  }
  r.username = user.username;
  r.password = user.password;
  r.exec = user.exec;
  r.exec_cluster_config = cluster.exec_extension;
  r.impersonate_user = user.as;
  r.impersonate_uid = user.as_uid;
  r.impersonate_groups = user.as_groups;
  r.impersonate_extra = user.as_user_extra;
  auto timeout = parse_request_timeout(o.request_timeout);
  if (!timeout) return timeout.error();
  r.timeout = *timeout;

  if (!o.namespace_.empty()) {
    id.namespace_ = o.namespace_;
    id.namespace_explicit = true;
  } else {
    id.namespace_ = ctx.namespace_.empty() ? "default" : ctx.namespace_;
  }
  return out;
}

Expected<ClientConfig> load_client_config(const ConfigOverrides& o, const Environment& env,
                                          const Logger& logger) {
  auto raw = load_kubeconfig(o.kubeconfig, env, logger);
  if (!raw) return raw.error();
  auto resolved = resolve_client_config(*raw, o);
  const bool icc = in_cluster_possible(env);
  if (!resolved) {
    const bool empty =
        resolved.error().message.find("no configuration has been provided") != std::string::npos;
    if (!(empty && icc)) return resolved;
    logger.log(4, "Using in-cluster configuration");
    auto in = in_cluster_config(o, env);
    if (!in) return in;
    in->raw = *raw;
    if (!in->identity.namespace_explicit) in->identity.namespace_ = in_cluster_namespace(env);
    auto timeout = parse_request_timeout(o.request_timeout);
    if (!timeout) return timeout.error();
    in->rest.timeout = *timeout;
    return in;
  }
  // A usable kubeconfig wins, but an implicit "default" namespace yields to the pod's own
  // namespace when running in a cluster (DeferredLoadingClientConfig.Namespace).
  if (icc && !resolved->identity.namespace_explicit) {
    auto ctx = raw->contexts.find(resolved->identity.context);
    const bool implicit = ctx == raw->contexts.end() || ctx->second.namespace_.empty();
    if (implicit) resolved->identity.namespace_ = in_cluster_namespace(env);
  }
  return resolved;
}

ConfigOverrides overrides_from_helm_env(const Environment& env) {
  ConfigOverrides o;
  auto get = [&](const char* name) { return env.get(name).value_or(""); };
  o.namespace_ = get("HELM_NAMESPACE");
  o.context = get("HELM_KUBECONTEXT");  // empty = the kubeconfig's current context
  o.token = get("HELM_KUBETOKEN");
  o.server = get("HELM_KUBEAPISERVER");
  o.certificate_authority = get("HELM_KUBECAFILE");
  o.insecure_skip_tls_verify =
      go_parse_bool(get("HELM_KUBEINSECURE_SKIP_TLS_VERIFY")).value_or(false);
  o.tls_server_name = get("HELM_KUBETLS_SERVER_NAME");
  o.as = get("HELM_KUBEASUSER");
  const std::string groups = get("HELM_KUBEASGROUPS");
  std::size_t start = 0;
  while (!groups.empty() && start <= groups.size()) {
    auto end = groups.find(',', start);
    if (end == std::string::npos) end = groups.size();
    std::string g = trim(groups.substr(start, end - start));
    if (!g.empty()) o.as_groups.push_back(g);
    start = end + 1;
  }
  // KUBECONFIG is read by the loading rules themselves (Helm sets it only for --kubeconfig).
  return o;
}

}  // namespace detgw::kube
