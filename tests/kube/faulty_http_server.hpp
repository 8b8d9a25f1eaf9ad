#pragma once
// FaultyHttpServer: a plain-HTTP server on 127.0.0.1 that produces the transport faults a real
// API server cannot be made to produce on demand (a connection dropped mid-response, a response
// that is too slow or never comes, a body that is too big or nested too deeply). It is NOT a
// Kubernetes API server and serves nothing else.

#include <atomic>
#include <functional>
#include <string>
#include <thread>

namespace detgw::kube::test {

enum class Fault {
  None,
  DropMidResponse,
  Slow,   // answers after slow_ms
  Stall,  // answers only after release(), or never when the client hangs up first
};

// The answer to a request without a fault.
struct CannedResponse {
  int status = 200;
  std::string body = R"({"kind":"Status","status":"Success","message":"ok"})";
  bool chunked = false;       // Transfer-Encoding: chunked instead of a Content-Length
  std::string extra_headers;  // complete lines: "Retry-After: 1\r\n"
};

class FaultyHttpServer {
 public:
  // `fault_for(n)` decides the fault for the n-th request (1-based), `response_for(n)` the
  // answer (default: a small JSON Status).
  explicit FaultyHttpServer(std::function<Fault(int)> fault_for, int slow_ms = 2000,
                            std::function<CannedResponse(int)> response_for = {});
  ~FaultyHttpServer();
  FaultyHttpServer(const FaultyHttpServer&) = delete;
  FaultyHttpServer& operator=(const FaultyHttpServer&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  // Requests received completely so far.
  int requests() const { return requests_.load(); }
  // Lets stalled requests be answered.
  void release() { released_ = true; }
  // Requests whose client hung up while the answer was stalled.
  int abandoned() const { return abandoned_.load(); }

 private:
  void serve();
  void handle(int fd);
  bool stall(int fd);  // false: the client hung up
  std::function<Fault(int)> fault_for_;
  int slow_ms_;
  std::function<CannedResponse(int)> response_for_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<int> requests_{0};
  std::atomic<int> abandoned_{0};
  std::atomic<bool> released_{false};
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace detgw::kube::test
