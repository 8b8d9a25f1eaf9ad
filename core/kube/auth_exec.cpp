#include "core/kube/auth_exec.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <map>
#include <mutex>

#include "core/kube/base64.hpp"
#include "core/kube/json_depth.hpp"
#include "core/support/subprocess.hpp"

namespace detgw::kube {
namespace {

// What exec.LookPath finds with PATH unset.
constexpr const char* kDefaultPath = "/usr/local/bin:/usr/bin:/bin";
// A person may take minutes to log in through a browser; a plugin that asks nobody may not.
constexpr std::chrono::milliseconds kInteractiveExecTimeout{std::chrono::minutes(10)};
// An ExecCredential with a certificate chain and key is a few KiB.
constexpr std::size_t kMaxExecOutput = 4u << 20;

struct CacheEntry {
  std::optional<ExecCredential> credential;
  int runs = 0;
};

std::mutex cache_mutex;
std::map<std::string, CacheEntry>& cache() {
  static std::map<std::string, CacheEntry> c;
  return c;
}

std::string str(const rapidjson::Value& obj, const char* key) {
  if (!obj.IsObject()) return {};
  auto it = obj.FindMember(key);
  if (it == obj.MemberEnd() || !it->value.IsString()) return {};
  return {it->value.GetString(), it->value.GetStringLength()};
}

void add_yaml_as_json(const yaml::Node& node, rapidjson::Value& out,
                      rapidjson::Document::AllocatorType& alloc, int depth = 0) {
  if (depth > 64) return;
  switch (node.kind) {
    case yaml::NodeKind::Null:
      out.SetNull();
      break;
    case yaml::NodeKind::Scalar:
      out.SetString(node.text.data(), static_cast<rapidjson::SizeType>(node.text.size()), alloc);
      break;
    case yaml::NodeKind::Sequence:
      out.SetArray();
      for (const auto& item : node.items) {
        rapidjson::Value v;
        add_yaml_as_json(*item, v, alloc, depth + 1);
        out.PushBack(v, alloc);
      }
      break;
    case yaml::NodeKind::Mapping:
      out.SetObject();
      for (const auto& e : node.entries) {
        rapidjson::Value v;
        add_yaml_as_json(*e.value, v, alloc, depth + 1);
        out.AddMember(
            rapidjson::Value(e.key.data(), static_cast<rapidjson::SizeType>(e.key.size()), alloc),
            v, alloc);
      }
      break;
  }
}

// "60s", "250ms".
std::string duration_text(std::chrono::milliseconds d) {
  const auto ms = d.count();
  return ms % 1000 == 0 ? std::to_string(ms / 1000) + "s" : std::to_string(ms) + "ms";
}

std::string cache_key(const RestConfig& c) {
  std::string k = c.exec->api_version + '\0' + c.exec->command + '\0';
  for (const auto& a : c.exec->args) k += a + '\0';
  for (const auto& e : c.exec->env) k += e.name + '=' + e.value + '\0';
  k += c.server + '\0' + c.tls_server_name + '\0' + c.ca_file + '\0' + c.ca_data;
  return k;
}

}  // namespace

std::optional<std::chrono::system_clock::time_point> parse_rfc3339(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)
  if (text.size() < 20) return std::nullopt;
  auto num = [&](std::size_t pos, std::size_t len) -> int {
    int v = 0;
    for (std::size_t i = pos; i < pos + len; ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      v = v * 10 + (text[i] - '0');
    }
    return v;
  };
  if (text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != 't' && text[10] != ' ') ||
      text[13] != ':' || text[16] != ':')
    return std::nullopt;
  std::tm tm{};
  tm.tm_year = num(0, 4) - 1900;
  tm.tm_mon = num(5, 2) - 1;
  tm.tm_mday = num(8, 2);
  tm.tm_hour = num(11, 2);
  tm.tm_min = num(14, 2);
  tm.tm_sec = num(17, 2);
  if (tm.tm_year < 0 || tm.tm_mon < 0 || tm.tm_mday < 0 || tm.tm_hour < 0 || tm.tm_min < 0 ||
      tm.tm_sec < 0)
    return std::nullopt;
  std::size_t i = 19;
  long long frac_ns = 0;
  if (i < text.size() && text[i] == '.') {
    ++i;
    long long scale = 100000000;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      frac_ns += (text[i] - '0') * scale;
      scale /= 10;
      ++i;
    }
  }
  long offset_s = 0;
  if (i < text.size() && (text[i] == 'Z' || text[i] == 'z')) {
    ++i;
  } else if (i + 6 == text.size() && (text[i] == '+' || text[i] == '-') && text[i + 3] == ':') {
    int h = num(i + 1, 2), m = num(i + 4, 2);
    if (h < 0 || m < 0) return std::nullopt;
    offset_s = (h * 3600 + m * 60) * (text[i] == '+' ? 1 : -1);
    i += 6;
  } else {
    return std::nullopt;
  }
  if (i != text.size()) return std::nullopt;
  const time_t t = timegm(&tm) - offset_s;
  return std::chrono::system_clock::from_time_t(t) +
         std::chrono::duration_cast<std::chrono::system_clock::duration>(
             std::chrono::nanoseconds(frac_ns));
}

Result<ExecCredential> parse_exec_credential(std::string_view text,
                                             const std::string& api_version) {
  if (json_nesting_exceeds(text))
    return credential_error(
        "getting credentials: decoding stdout: the exec plugin's output nests "
        "deeper than " +
        std::to_string(kMaxJsonNesting) + " levels");
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseIterativeFlag>(text.data(), text.size());
  if (doc.HasParseError() || !doc.IsObject())
    return credential_error(
        "getting credentials: decoding stdout: the exec plugin's output is "
        "not an ExecCredential JSON object");
  const std::string kind = str(doc, "kind");
  const std::string version = str(doc, "apiVersion");
  if (kind != "ExecCredential")
    return credential_error(
        "getting credentials: decoding stdout: expected kind ExecCredential, "
        "got \"" +
        kind + "\"");
  if (version != api_version)
    return credential_error("getting credentials: exec plugin is configured to use API version " +
                            api_version + ", plugin returned version " + version);
  auto status = doc.FindMember("status");
  if (status == doc.MemberEnd() || !status->value.IsObject())
    return credential_error("getting credentials: exec plugin didn't return a status field");
  ExecCredential cred;
  cred.token = str(status->value, "token");
  cred.client_certificate_data = str(status->value, "clientCertificateData");
  cred.client_key_data = str(status->value, "clientKeyData");
  if (cred.token.empty() && cred.client_certificate_data.empty() && cred.client_key_data.empty())
    return credential_error(
        "getting credentials: exec plugin didn't return a token or cert/key pair");
  if (cred.client_certificate_data.empty() != cred.client_key_data.empty())
    return credential_error(
        "getting credentials: exec plugin returned only certificate or key, not both");
  const std::string expiry = str(status->value, "expirationTimestamp");
  if (!expiry.empty()) {
    cred.expiration = parse_rfc3339(expiry);
    if (!cred.expiration)
      return credential_error(
          "getting credentials: decoding stdout: invalid expirationTimestamp \"" + expiry + "\"");
  }
  return cred;
}

std::string exec_info_json(const RestConfig& config, bool interactive) {
  rapidjson::Document doc(rapidjson::kObjectType);
  auto& a = doc.GetAllocator();
  doc.AddMember("kind", "ExecCredential", a);
  doc.AddMember("apiVersion", rapidjson::Value(config.exec->api_version.c_str(), a), a);
  rapidjson::Value spec(rapidjson::kObjectType);
  spec.AddMember("interactive", interactive, a);
  if (config.exec->provide_cluster_info) {
    rapidjson::Value cluster(rapidjson::kObjectType);
    cluster.AddMember("server", rapidjson::Value(config.server.c_str(), a), a);
    if (!config.tls_server_name.empty())
      cluster.AddMember("tls-server-name", rapidjson::Value(config.tls_server_name.c_str(), a), a);
    if (config.insecure) cluster.AddMember("insecure-skip-tls-verify", true, a);
    std::string ca = config.ca_data;
    if (ca.empty() && !config.ca_file.empty()) {
      if (FILE* f = std::fopen(config.ca_file.c_str(), "rb")) {
        char buf[4096];
        size_t n;
        while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) ca.append(buf, n);
        std::fclose(f);
      }
    }
    if (!ca.empty())
      cluster.AddMember("certificate-authority-data",
                        rapidjson::Value(base64_encode(ca).c_str(), a), a);
    if (!config.proxy_url.empty())
      cluster.AddMember("proxy-url", rapidjson::Value(config.proxy_url.c_str(), a), a);
    if (config.disable_compression) cluster.AddMember("disable-compression", true, a);
    if (config.exec_cluster_config) {
      rapidjson::Value ext;
      add_yaml_as_json(*config.exec_cluster_config, ext, a);
      cluster.AddMember("config", ext, a);
    }
    spec.AddMember("cluster", cluster, a);
  }
  doc.AddMember("spec", spec, a);
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  doc.Accept(w);
  return {buf.GetString(), buf.GetSize()};
}

ExecAuthenticator::ExecAuthenticator(RestConfig config, Logger logger, Now now)
    : config_(std::move(config)), logger_(std::move(logger)), now_(std::move(now)) {
  if (!now_) now_ = [] { return std::chrono::system_clock::now(); };
  key_ = cache_key(config_);
}

Result<ExecCredential> ExecAuthenticator::credential() {
  {
    std::lock_guard<std::mutex> lock(cache_mutex);
    auto& entry = cache()[key_];
    if (entry.credential &&
        (!entry.credential->expiration || now_() < *entry.credential->expiration))
      return *entry.credential;
  }
  auto fresh = run_plugin();
  std::lock_guard<std::mutex> lock(cache_mutex);
  auto& entry = cache()[key_];
  entry.runs += 1;
  if (fresh) entry.credential = *fresh;
  return fresh;
}

void ExecAuthenticator::invalidate() {
  std::lock_guard<std::mutex> lock(cache_mutex);
  cache()[key_].credential.reset();
}

int ExecAuthenticator::runs() const {
  std::lock_guard<std::mutex> lock(cache_mutex);
  auto it = cache().find(key_);
  return it == cache().end() ? 0 : it->second.runs;
}

Result<ExecCredential> ExecAuthenticator::run_plugin() {
  const ExecConfig& exec = *config_.exec;
  const char* search_path = std::getenv("PATH");
  const std::string path =
      support::find_executable(exec.command, search_path ? search_path : kDefaultPath);
  if (path.empty()) {
    std::string msg = "exec: executable " + exec.command +
                      " not found\n\nIt looks like you are trying to use a client-go credential "
                      "plugin that is not installed.\n\nTo learn more about this feature, consult "
                      "the documentation available at:\n      "
                      "https://kubernetes.io/docs/reference/access-authn-authz/authentication/"
                      "#client-go-credential-plugins";
    if (!exec.install_hint.empty()) msg += "\n\n" + exec.install_hint;
    return credential_error("getting credentials: " + msg);
  }
  const std::string mode = exec.interactive_mode.empty() ? "IfAvailable" : exec.interactive_mode;
  const bool tty = isatty(STDIN_FILENO) != 0;
  if (mode == "Always" && !tty)
    return credential_error(
        "getting credentials: exec plugin cannot support interactive mode: "
        "standard input is not a terminal");
  const bool interactive = mode != "Never" && tty;

  // As client-go: the kubeconfig's env after this process's (so it wins), then the exec info.
  std::vector<std::string> env;
  for (const auto& v : exec.env) env.push_back(v.name + "=" + v.value);
  env.push_back("KUBERNETES_EXEC_INFO=" + exec_info_json(config_, interactive));
  std::vector<std::string> argv{path};
  argv.insert(argv.end(), exec.args.begin(), exec.args.end());
  support::ProcessLimits limits;
  limits.timeout =
      interactive ? std::max(config_.exec_timeout, kInteractiveExecTimeout) : config_.exec_timeout;
  limits.max_output = kMaxExecOutput;
  support::ProcessStreams streams;
  streams.inherit_stdin = interactive;  // the plugin may ask the user
  streams.inherit_stderr = true;        // its messages reach the user, as with kubectl
  logger_.log(4, "running exec credential plugin " + exec.command);
  auto run = support::run_process(argv, env, limits, streams);
  const std::string failed = "getting credentials: exec: executable " + exec.command;
  if (!run.started) return credential_error("getting credentials: exec: " + run.error);
  if (run.timed_out)
    return credential_error(failed + " did not finish within " + duration_text(limits.timeout) +
                            " and was stopped");
  if (run.truncated)
    return credential_error(failed + " printed more than " + std::to_string(kMaxExecOutput >> 20) +
                            " MiB, which is no ExecCredential");
  if (run.exit_code != 0)
    return credential_error(failed + " failed with exit code " + std::to_string(run.exit_code));
  return parse_exec_credential(run.out, exec.api_version);
}

void clear_exec_credential_cache() {
  std::lock_guard<std::mutex> lock(cache_mutex);
  cache().clear();
}

}  // namespace detgw::kube
