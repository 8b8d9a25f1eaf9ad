#include "core/kube/kubeconfig.hpp"

#include <filesystem>

#include "core/kube/base64.hpp"
#include "core/yaml/loader.hpp"
#include "core/yaml/scalar.hpp"

namespace detgw::kube {
namespace {

constexpr std::size_t kMaxKubeconfigBytes = 16u << 20;
constexpr const char* kExecExtension = "client.authentication.k8s.io/exec";

class Reader {
 public:
  explicit Reader(std::string base_dir) : base_dir_(std::move(base_dir)) {}

  std::optional<Error> error;
  yaml::NodePtr tree;  // the document being read

  void fail(std::string message, const SourceLocation& at) {
    if (!error) error = input_error(std::move(message), at);
  }

  std::string string(const yaml::Node& map, std::string_view key) {
    const yaml::Node* node = map.find(key);
    if (!node || node->is_null()) return {};
    if (!node->is_scalar()) {
      fail("kubeconfig field \"" + std::string(key) + "\" must be a string, not " +
               yaml::describe_type(*node),
           node->location);
      return {};
    }
    return std::string(node->text);
  }

  bool boolean(const yaml::Node& map, std::string_view key) {
    const yaml::Node* node = map.find(key);
    if (!node || node->is_null()) return false;
    auto value = node->is_scalar() ? yaml::as_bool(*node) : std::nullopt;
    if (!value) {
      fail("kubeconfig field \"" + std::string(key) + "\" must be true or false", node->location);
      return false;
    }
    return *value;
  }

  std::string path(const yaml::Node& map, std::string_view key) {
    return resolve_path(string(map, key), base_dir_);
  }

  std::string data(const yaml::Node& map, std::string_view key) {
    std::string text = string(map, key);
    if (text.empty()) return {};
    auto decoded = base64_decode(text);
    if (!decoded) {
      fail("kubeconfig field \"" + std::string(key) + "\" is not valid base64",
           map.find(key)->location);
      return {};
    }
    return *decoded;
  }

  std::vector<std::string> strings(const yaml::Node& map, std::string_view key) {
    std::vector<std::string> out;
    const yaml::Node* node = map.find(key);
    if (!node || node->is_null()) return out;
    if (!node->is_sequence()) {
      fail("kubeconfig field \"" + std::string(key) + "\" must be a list of strings",
           node->location);
      return out;
    }
    for (const auto& item : node->items) {
      if (!item->is_scalar()) {
        fail("kubeconfig field \"" + std::string(key) + "\" must be a list of strings",
             item->location);
        continue;
      }
      out.emplace_back(item->text);
    }
    return out;
  }

  const yaml::Node* mapping(const yaml::Node& map, std::string_view key) {
    const yaml::Node* node = map.find(key);
    if (!node || node->is_null()) return nullptr;
    if (!node->is_mapping()) {
      fail("kubeconfig field \"" + std::string(key) + "\" must be a mapping, not " +
               yaml::describe_type(*node),
           node->location);
      return nullptr;
    }
    return node;
  }

  const std::string& base_dir() const { return base_dir_; }

 private:
  std::string base_dir_;
};

ClusterInfo read_cluster(Reader& r, const yaml::Node& node) {
  ClusterInfo c;
  c.origin = node.location;
  c.server = r.string(node, "server");
  c.tls_server_name = r.string(node, "tls-server-name");
  c.insecure_skip_tls_verify = r.boolean(node, "insecure-skip-tls-verify");
  c.certificate_authority = r.path(node, "certificate-authority");
  c.certificate_authority_data = r.data(node, "certificate-authority-data");
  c.proxy_url = r.string(node, "proxy-url");
  c.disable_compression = r.boolean(node, "disable-compression");
  if (const yaml::Node* exts = node.find("extensions"); exts && exts->is_sequence()) {
    for (const auto& ext : exts->items) {
      if (ext->is_mapping() && r.string(*ext, "name") == kExecExtension)
        c.exec_extension = ext->find_entry("extension")
                               ? yaml::share(r.tree, ext->find_entry("extension")->value)
                               : nullptr;
    }
  }
  return c;
}

ExecConfig read_exec(Reader& r, const yaml::Node& node) {
  ExecConfig e;
  e.origin = node.location;
  e.api_version = r.string(node, "apiVersion");
  e.command = r.string(node, "command");
  // Only a command with a path separator is resolved against the file (client-go).
  if (e.command.find('/') != std::string::npos) e.command = resolve_path(e.command, r.base_dir());
  e.args = r.strings(node, "args");
  if (const yaml::Node* env = node.find("env"); env && env->is_sequence()) {
    for (const auto& item : env->items) {
      if (!item->is_mapping()) {
        r.fail("exec env entries must be mappings with name and value", item->location);
        continue;
      }
      e.env.push_back({r.string(*item, "name"), r.string(*item, "value")});
    }
  }
  e.install_hint = r.string(node, "installHint");
  e.provide_cluster_info = r.boolean(node, "provideClusterInfo");
  e.interactive_mode = r.string(node, "interactiveMode");
  return e;
}

AuthInfo read_user(Reader& r, const yaml::Node& node) {
  AuthInfo u;
  u.origin = node.location;
  u.client_certificate = r.path(node, "client-certificate");
  u.client_certificate_data = r.data(node, "client-certificate-data");
  u.client_key = r.path(node, "client-key");
  u.client_key_data = r.data(node, "client-key-data");
  u.token = r.string(node, "token");
  u.token_file = r.path(node, "tokenFile");
  u.as = r.string(node, "as");
  u.as_uid = r.string(node, "as-uid");
  u.as_groups = r.strings(node, "as-groups");
  if (const yaml::Node* extra = r.mapping(node, "as-user-extra")) {
    for (const auto& entry : extra->entries)
      u.as_user_extra[std::string(entry.key)] = r.strings(*extra, entry.key);
  }
  u.username = r.string(node, "username");
  u.password = r.string(node, "password");
  if (const yaml::Node* ap = r.mapping(node, "auth-provider")) {
    AuthProviderConfig p;
    p.name = r.string(*ap, "name");
    if (const yaml::Node* cfg = r.mapping(*ap, "config")) {
      for (const auto& entry : cfg->entries)
        p.config[std::string(entry.key)] = r.string(*cfg, entry.key);
    }
    u.auth_provider = std::move(p);
  }
  if (const yaml::Node* exec = r.mapping(node, "exec")) u.exec = read_exec(r, *exec);
  return u;
}

Context read_context(Reader& r, const yaml::Node& node) {
  Context c;
  c.origin = node.location;
  c.cluster = r.string(node, "cluster");
  c.user = r.string(node, "user");
  c.namespace_ = r.string(node, "namespace");
  return c;
}

// Reads a named list (`clusters`, `users`, `contexts`): [{name, <inner>: {...}}].
template <typename T, typename ReadFn>
void read_named_list(Reader& r, const yaml::Node& root, std::string_view list_key,
                     std::string_view inner_key, std::map<std::string, T>& out, ReadFn read) {
  const yaml::Node* list = root.find(list_key);
  if (!list || list->is_null()) return;
  if (!list->is_sequence()) {
    r.fail("kubeconfig field \"" + std::string(list_key) + "\" must be a list", list->location);
    return;
  }
  for (const auto& item : list->items) {
    if (!item->is_mapping()) {
      r.fail("entries of \"" + std::string(list_key) + "\" must be mappings", item->location);
      continue;
    }
    std::string name = r.string(*item, "name");
    if (out.count(name)) {
      r.fail("duplicate name \"" + name + "\" in \"" + std::string(list_key) + "\"",
             item->location);
      continue;
    }
    const yaml::Node* inner = item->find(inner_key);
    T value{};
    if (inner && inner->is_mapping()) {
      value = read(r, *inner);
    } else if (inner && !inner->is_null()) {
      r.fail("\"" + std::string(inner_key) + "\" must be a mapping", inner->location);
      continue;
    }
    value.origin = item->location;
    out.emplace(std::move(name), std::move(value));
  }
}

}  // namespace

std::string resolve_path(const std::string& path, const std::string& base_dir) {
  if (path.empty() || base_dir.empty() || std::filesystem::path(path).is_absolute()) return path;
  return (std::filesystem::path(base_dir) / path).lexically_normal().string();
}

Expected<Kubeconfig> parse_kubeconfig(std::string_view text, const std::string& file) {
  auto doc = yaml::load_text(text, file);
  if (!doc) return doc.error();
  Kubeconfig config;
  config.files.push_back(file);
  const yaml::Node& root = *doc->root;
  if (root.is_null()) return config;
  if (!root.is_mapping()) {
    return input_error("a kubeconfig must be a mapping, not " + yaml::describe_type(root),
                       root.location);
  }
  std::string base_dir;
  if (!file.empty() && file != "<stdin>") {
    auto abs = std::filesystem::absolute(file);
    base_dir = abs.parent_path().string();
  }
  Reader r(base_dir);
  r.tree = doc->root;
  read_named_list(r, root, "clusters", "cluster", config.clusters, read_cluster);
  read_named_list(r, root, "users", "user", config.users, read_user);
  read_named_list(r, root, "contexts", "context", config.contexts, read_context);
  config.current_context = r.string(root, "current-context");
  if (const yaml::Entry* e = root.find_entry("current-context"))
    config.current_context_origin = e->value->location;
  if (r.error) return *r.error;
  return config;
}

Expected<Kubeconfig> load_kubeconfig_file(const std::string& path) {
  auto text = yaml::read_file(path, kMaxKubeconfigBytes);
  if (!text) return text.error();
  return parse_kubeconfig(*text, path);
}

}  // namespace detgw::kube
