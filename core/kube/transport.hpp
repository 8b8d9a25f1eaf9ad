#pragma once
// HTTP to one cluster over libcurl (loaded on first use, curl_library.hpp): TLS from the
// kubeconfig (CA file or in-memory data, client certificate, tls-server-name via
// CURLOPT_CONNECT_TO), proxies, HTTP/2, connection reuse (a share handle per cluster), timeouts,
// bounded retries with backoff, -v logging with redaction, and requests to several clusters at
// once on one curl multi handle.

#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/kube/client_config.hpp"
#include "core/kube/log.hpp"
#include "core/kube/redact.hpp"
#include "core/kube/status_error.hpp"

namespace detgw::kube {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "GET";
  std::string path;  // "/api/v1/namespaces?limit=5": appended to the server URL
  Headers headers;
  std::string body;
  // Client certificate from an exec credential plugin (overrides the configured one).
  std::string client_certificate_data;
  std::string client_key_data;
};

struct HttpResponse {
  int status = 0;
  Headers headers;
  std::string body;
  std::chrono::milliseconds latency{0};  // of the last attempt
  int attempts = 0;
  // The wait before each retry (Retry-After or backoff), in order.
  std::vector<std::chrono::milliseconds> retry_delays;
  long new_connections = 0;  // connections opened by the last attempt (0 = reused)
  long http_version = 0;     // 2 for HTTP/2

  std::string header(std::string_view name) const;  // first match, case-insensitive
};

struct RetryPolicy {
  int max_retries = 5;
  std::chrono::milliseconds base_delay{250};
  std::chrono::milliseconds max_delay{8000};
  std::chrono::milliseconds max_retry_after{30000};
};

class Transport {
 public:
  static Result<std::shared_ptr<Transport>> create(const RestConfig& config, Logger logger,
                                                   RetryPolicy retry = {});
  ~Transport();
  Transport(const Transport&) = delete;
  Transport& operator=(const Transport&) = delete;

  // Sends one request, retrying what is safe to retry. An HTTP error status is a response,
  // not an error; an error means no usable answer arrived.
  Result<HttpResponse> send(const HttpRequest& request);

  // Sends requests concurrently (each to its own transport), on one multi handle.
  static std::vector<Result<HttpResponse>> send_all(
      const std::vector<std::pair<Transport*, HttpRequest>>& requests);

  const std::string& server() const { return server_; }
  const Logger& logger() const { return logger_; }
  Redactor& redactor() { return redactor_; }

  struct Impl;
  Impl& impl() { return *impl_; }

 private:
  Transport() = default;
  std::string server_;
  Logger logger_;
  Redactor redactor_;
  std::unique_ptr<Impl> impl_;
  friend struct Impl;
};

// Whether a request with this method may be resent after a dropped connection or a 5xx
// without Retry-After (client-go retries those for GET only).
bool is_retry_safe(std::string_view method);

// The wait before attempt `attempt` (1-based retry number): Retry-After when the server gave
// one (capped), otherwise exponential backoff.
std::chrono::milliseconds retry_delay(int attempt, int retry_after_seconds,
                                      const RetryPolicy& policy);

}  // namespace detgw::kube
