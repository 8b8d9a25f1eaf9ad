#pragma once
// The kubeconfig model (clientcmd api v1) and the parsing of one file. Relative paths are resolved
// against the file's own directory as they are read; `*-data` fields hold decoded bytes.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/support/error.hpp"
#include "core/yaml/node.hpp"

namespace detgw::kube {

struct ClusterInfo {
  std::string server;
  std::string tls_server_name;
  bool insecure_skip_tls_verify = false;
  std::string certificate_authority;       // a path
  std::string certificate_authority_data;  // PEM bytes
  std::string proxy_url;
  bool disable_compression = false;
  // extensions[client.authentication.k8s.io/exec].extension, handed to exec plugins as
  // spec.cluster.config when provideClusterInfo is set.
  yaml::NodePtr exec_extension;
  SourceLocation origin;
};

struct ExecEnvVar {
  std::string name;
  std::string value;
};

struct ExecConfig {
  std::string api_version;
  std::string command;
  std::vector<std::string> args;
  std::vector<ExecEnvVar> env;
  std::string install_hint;
  bool provide_cluster_info = false;
  std::string interactive_mode;  // Never, IfAvailable, Always; "" = unset
  SourceLocation origin;
};

struct AuthProviderConfig {
  std::string name;
  std::map<std::string, std::string> config;
};

struct AuthInfo {
  std::string client_certificate;       // a path
  std::string client_certificate_data;  // PEM bytes
  std::string client_key;               // a path
  std::string client_key_data;          // PEM bytes
  std::string token;
  std::string token_file;
  std::string as;
  std::string as_uid;
  std::vector<std::string> as_groups;
  std::map<std::string, std::vector<std::string>> as_user_extra;
  std::string username;
  std::string password;
  std::optional<AuthProviderConfig> auth_provider;
  std::optional<ExecConfig> exec;
  SourceLocation origin;
};

struct Context {
  std::string cluster;
  std::string user;
  std::string namespace_;
  SourceLocation origin;
};

struct Kubeconfig {
  std::map<std::string, ClusterInfo> clusters;
  std::map<std::string, AuthInfo> users;
  std::map<std::string, Context> contexts;
  std::string current_context;
  SourceLocation current_context_origin;
  std::vector<std::string> files;  // the files it was loaded from, in precedence order

  bool empty() const { return clusters.empty() && users.empty() && contexts.empty(); }
};

// Parses kubeconfig YAML `text` read from `file` (used for positions and relative paths).
Expected<Kubeconfig> parse_kubeconfig(std::string_view text, const std::string& file);
// Reads and parses one kubeconfig file.
Expected<Kubeconfig> load_kubeconfig_file(const std::string& path);

// `path` joined to `base_dir` unless it is empty or absolute (client-go ResolvePath).
std::string resolve_path(const std::string& path, const std::string& base_dir);

}  // namespace detgw::kube
