#pragma once
// Exec credential plugins (client.authentication.k8s.io/v1 and v1beta1): running the plugin with
// KUBERNETES_EXEC_INFO, parsing its ExecCredential, and caching the credential until its
// expirationTimestamp (process-wide, per plugin configuration and cluster).

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "core/kube/client_config.hpp"
#include "core/kube/status_error.hpp"

namespace detgw::kube {

struct ExecCredential {
  std::string token;
  std::string client_certificate_data;
  std::string client_key_data;
  std::optional<std::chrono::system_clock::time_point> expiration;  // none: valid for the process
};

// Parses the plugin's stdout for a plugin configured with `api_version`.
Result<ExecCredential> parse_exec_credential(std::string_view stdout_text,
                                             const std::string& api_version);

// RFC 3339 ("2026-01-02T15:04:05Z", fractional seconds and offsets allowed).
std::optional<std::chrono::system_clock::time_point> parse_rfc3339(std::string_view text);

// The KUBERNETES_EXEC_INFO value the plugin receives.
std::string exec_info_json(const RestConfig& config, bool interactive);

class ExecAuthenticator {
 public:
  using Now = std::function<std::chrono::system_clock::time_point()>;

  ExecAuthenticator(RestConfig config, Logger logger, Now now = {});

  // The cached credential while it is valid, otherwise a fresh one from the plugin.
  Result<ExecCredential> credential();
  // After a 401: drop the cached credential so the next call runs the plugin again.
  void invalidate();
  // How many times the plugin has run in this process for this configuration.
  int runs() const;

 private:
  Result<ExecCredential> run_plugin();
  RestConfig config_;
  Logger logger_;
  Now now_;
  std::string key_;
};

// Forgets every cached exec credential (tests).
void clear_exec_credential_cache();

}  // namespace detgw::kube
