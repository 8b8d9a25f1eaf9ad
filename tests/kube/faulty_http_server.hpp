#pragma once
// FaultyHttpServer: a plain-HTTP server on 127.0.0.1 that produces the transport faults a real
// API server cannot be made to produce on demand (a connection dropped mid-response, a response
// that is too slow). It is NOT a Kubernetes API server and serves nothing else.

#include <atomic>
#include <functional>
#include <string>
#include <thread>

namespace detgw::kube::test {

enum class Fault { None, DropMidResponse, Slow };

class FaultyHttpServer {
 public:
  // `fault_for(n)` decides the fault for the n-th request (1-based).
  explicit FaultyHttpServer(std::function<Fault(int)> fault_for, int slow_ms = 2000);
  ~FaultyHttpServer();
  FaultyHttpServer(const FaultyHttpServer&) = delete;
  FaultyHttpServer& operator=(const FaultyHttpServer&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int requests() const { return requests_.load(); }

 private:
  void serve();
  void handle(int fd);
  std::function<Fault(int)> fault_for_;
  int slow_ms_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<int> requests_{0};
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace detgw::kube::test
