#include "core/kube/kubeconfig_write.hpp"

#include <yaml-cpp/yaml.h>

#include "core/kube/base64.hpp"
#include "core/yaml/emit.hpp"
#include "core/yaml/loader.hpp"

namespace detgw::kube {
namespace {

constexpr std::size_t kMaxEmbeddedFile = 1u << 20;
constexpr int kMaxExtensionDepth = 64;

Expected<std::string> embed(const std::string& path) {
  auto text = yaml::read_file(path, kMaxEmbeddedFile);
  if (!text) return text.error();
  return *text;
}

void kv(YAML::Emitter& out, const char* key, const std::string& value) {
  if (!value.empty()) out << YAML::Key << key << YAML::Value << value;
}
void kv_data(YAML::Emitter& out, const char* key, const std::string& bytes) {
  if (!bytes.empty()) out << YAML::Key << key << YAML::Value << base64_encode(bytes);
}

void emit_cluster(YAML::Emitter& out, const ClusterInfo& c) {
  out << YAML::BeginMap;
  kv_data(out, "certificate-authority-data", c.certificate_authority_data);
  kv(out, "certificate-authority", c.certificate_authority);
  if (c.disable_compression) out << YAML::Key << "disable-compression" << YAML::Value << true;
  if (c.exec_extension) {
    out << YAML::Key << "extensions" << YAML::Value << YAML::BeginSeq << YAML::BeginMap;
    out << YAML::Key << "extension" << YAML::Value;
    yaml::emit_node(out, *c.exec_extension, kMaxExtensionDepth);
    out << YAML::Key << "name" << YAML::Value << "client.authentication.k8s.io/exec";
    out << YAML::EndMap << YAML::EndSeq;
  }
  if (c.insecure_skip_tls_verify)
    out << YAML::Key << "insecure-skip-tls-verify" << YAML::Value << true;
  kv(out, "proxy-url", c.proxy_url);
  kv(out, "server", c.server);
  kv(out, "tls-server-name", c.tls_server_name);
  out << YAML::EndMap;
}

void emit_user(YAML::Emitter& out, const AuthInfo& u) {
  out << YAML::BeginMap;
  kv(out, "as", u.as);
  if (!u.as_groups.empty()) {
    out << YAML::Key << "as-groups" << YAML::Value << YAML::BeginSeq;
    for (const auto& g : u.as_groups) out << g;
    out << YAML::EndSeq;
  }
  kv(out, "as-uid", u.as_uid);
  if (u.auth_provider) {
    out << YAML::Key << "auth-provider" << YAML::Value << YAML::BeginMap;
    if (!u.auth_provider->config.empty()) {
      out << YAML::Key << "config" << YAML::Value << YAML::BeginMap;
      for (const auto& [k, v] : u.auth_provider->config) out << YAML::Key << k << YAML::Value << v;
      out << YAML::EndMap;
    }
    out << YAML::Key << "name" << YAML::Value << u.auth_provider->name << YAML::EndMap;
  }
  kv(out, "client-certificate", u.client_certificate);
  kv_data(out, "client-certificate-data", u.client_certificate_data);
  kv(out, "client-key", u.client_key);
  kv_data(out, "client-key-data", u.client_key_data);
  if (u.exec) {
    const auto& e = *u.exec;
    out << YAML::Key << "exec" << YAML::Value << YAML::BeginMap;
    kv(out, "apiVersion", e.api_version);
    if (!e.args.empty()) {
      out << YAML::Key << "args" << YAML::Value << YAML::BeginSeq;
      for (const auto& a : e.args) out << a;
      out << YAML::EndSeq;
    }
    kv(out, "command", e.command);
    if (!e.env.empty()) {
      out << YAML::Key << "env" << YAML::Value << YAML::BeginSeq;
      for (const auto& v : e.env)
        out << YAML::BeginMap << YAML::Key << "name" << YAML::Value << v.name << YAML::Key
            << "value" << YAML::Value << v.value << YAML::EndMap;
      out << YAML::EndSeq;
    }
    kv(out, "installHint", e.install_hint);
    kv(out, "interactiveMode", e.interactive_mode);
    if (e.provide_cluster_info) out << YAML::Key << "provideClusterInfo" << YAML::Value << true;
    out << YAML::EndMap;
  }
  kv(out, "password", u.password);
  kv(out, "token", u.token);
  kv(out, "tokenFile", u.token_file);
  kv(out, "username", u.username);
  out << YAML::EndMap;
}

}  // namespace

Expected<Kubeconfig> minify_flatten(const Kubeconfig& config, const std::string& context,
                                    const FlattenOptions& options) {
  const std::string name = context.empty() ? config.current_context : context;
  if (name.empty()) return input_error("current-context must exist in order to minify");
  auto ctx = config.contexts.find(name);
  if (ctx == config.contexts.end()) return input_error("cannot locate context " + name);
  Kubeconfig out;
  out.files = config.files;
  out.current_context = name;
  out.contexts[name] = ctx->second;
  if (auto c = config.clusters.find(ctx->second.cluster); c != config.clusters.end()) {
    ClusterInfo cluster = c->second;
    if (!cluster.certificate_authority.empty()) {
      auto data = embed(cluster.certificate_authority);
      if (!data) return data.error();
      cluster.certificate_authority_data = *data;
      cluster.certificate_authority.clear();
    }
    out.clusters[c->first] = std::move(cluster);
  }
  if (auto u = config.users.find(ctx->second.user); u != config.users.end()) {
    AuthInfo user = u->second;
    if (!user.client_certificate.empty()) {
      auto data = embed(user.client_certificate);
      if (!data) return data.error();
      user.client_certificate_data = *data;
      user.client_certificate.clear();
    }
    if (!user.client_key.empty()) {
      auto data = embed(user.client_key);
      if (!data) return data.error();
      user.client_key_data = *data;
      user.client_key.clear();
    }
    if (options.embed_token_file && !user.token_file.empty() && user.token.empty()) {
      auto data = embed(user.token_file);
      if (!data) return data.error();
      std::string token = *data;
      while (!token.empty() &&
             (token.back() == '\n' || token.back() == '\r' || token.back() == ' '))
        token.pop_back();
      user.token = token;
      user.token_file.clear();
    }
    out.users[u->first] = std::move(user);
  }
  return out;
}

std::string write_kubeconfig(const Kubeconfig& config) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "apiVersion" << YAML::Value << "v1";
  out << YAML::Key << "clusters" << YAML::Value << YAML::BeginSeq;
  for (const auto& [name, c] : config.clusters) {
    out << YAML::BeginMap << YAML::Key << "cluster" << YAML::Value;
    emit_cluster(out, c);
    out << YAML::Key << "name" << YAML::Value << name << YAML::EndMap;
  }
  out << YAML::EndSeq;
  out << YAML::Key << "contexts" << YAML::Value << YAML::BeginSeq;
  for (const auto& [name, c] : config.contexts) {
    out << YAML::BeginMap << YAML::Key << "context" << YAML::Value << YAML::BeginMap;
    kv(out, "cluster", c.cluster);
    kv(out, "namespace", c.namespace_);
    kv(out, "user", c.user);
    out << YAML::EndMap << YAML::Key << "name" << YAML::Value << name << YAML::EndMap;
  }
  out << YAML::EndSeq;
  out << YAML::Key << "current-context" << YAML::Value << config.current_context;
  out << YAML::Key << "kind" << YAML::Value << "Config";
  out << YAML::Key << "preferences" << YAML::Value << YAML::BeginMap << YAML::EndMap;
  out << YAML::Key << "users" << YAML::Value << YAML::BeginSeq;
  for (const auto& [name, u] : config.users) {
    out << YAML::BeginMap << YAML::Key << "name" << YAML::Value << name;
    out << YAML::Key << "user" << YAML::Value;
    emit_user(out, u);
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
  out << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

}  // namespace detgw::kube
