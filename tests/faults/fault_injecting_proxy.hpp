#pragma once
// FaultInjectingProxy: a loopback proxy in front of the real lab kube-apiserver that injects the
// faults a healthy API server does not produce on demand. It is NOT an API server: every request
// it lets through is answered by the real one.
//
// It terminates TLS with a test certificate (the kubeconfig under test trusts the test CA),
// reads one HTTP/1.1 request per connection (it offers no HTTP/2, and answers `Connection:
// close`), and for each request asks `fault_for` what to do: pass it on to the upstream API server
// over a fresh TLS connection (verified against the lab CA, with an optional client certificate;
// the client's own headers, Authorization included, go through unchanged), or answer with a
// status of its own, reset the connection half way through the real response body, or stall.
// It counts every request it saw, so tests assert on what happened, never on time.

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace detgw::test::faults {

struct ProxyRequest {
  int number = 0;  // 1-based, in arrival order
  std::string method;
  std::string target;  // "/apis/...?..."
};

struct Fault {
  // Close: the connection closed cleanly before any answer.
  enum class Kind { Pass, Status, ResetMidBody, Stall, Close };
  Kind kind = Kind::Pass;
  int status = 0;       // Kind::Status: 429, 500, 503, ...
  int retry_after = 0;  // Kind::Status: a Retry-After header in seconds when > 0

  static Fault pass() { return {}; }
  static Fault answer(int status, int retry_after = 0) {
    return {Kind::Status, status, retry_after};
  }
  static Fault reset_mid_body() { return {Kind::ResetMidBody}; }
  static Fault stall() { return {Kind::Stall}; }
  static Fault close() { return {Kind::Close}; }
};

struct UpstreamTls {
  std::string host = "127.0.0.1";
  int port = 0;
  std::string ca_file;      // the lab CA the upstream certificate is verified against
  std::string client_cert;  // optional PEM files presented to the upstream API server
  std::string client_key;
};

class FaultInjectingProxy {
 public:
  // `server_cert`/`server_key`: PEM files of the proxy's own certificate (for 127.0.0.1).
  FaultInjectingProxy(UpstreamTls upstream, const std::string& server_cert,
                      const std::string& server_key,
                      std::function<Fault(const ProxyRequest&)> fault_for);
  ~FaultInjectingProxy();
  FaultInjectingProxy(const FaultInjectingProxy&) = delete;
  FaultInjectingProxy& operator=(const FaultInjectingProxy&) = delete;

  std::string url() const { return "https://127.0.0.1:" + std::to_string(port_); }
  // Every request seen, in order ("GET /apis/...").
  std::vector<ProxyRequest> requests() const;
  int count(const std::string& method) const;
  // Requests answered by the proxy's fault rather than by the upstream server.
  int faults_injected() const { return faults_.load(); }

 private:
  void serve();
  void handle(int fd);
  std::string forward(const std::string& request);

  UpstreamTls upstream_;
  std::function<Fault(const ProxyRequest&)> fault_for_;
  void* server_ctx_ = nullptr;  // SSL_CTX*
  void* client_ctx_ = nullptr;  // SSL_CTX*
  int listen_fd_ = -1;
  int port_ = 0;
  mutable std::mutex mu_;
  std::vector<ProxyRequest> requests_;
  std::atomic<int> faults_{0};
  std::atomic<bool> stop_{false};
  std::thread thread_;
  std::vector<std::thread> workers_;
};

}  // namespace detgw::test::faults
