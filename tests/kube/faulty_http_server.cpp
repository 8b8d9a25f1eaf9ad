#include "tests/kube/faulty_http_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>

namespace detgw::kube::test {

FaultyHttpServer::FaultyHttpServer(std::function<Fault(int)> fault_for, int slow_ms)
    : fault_for_(std::move(fault_for)), slow_ms_(slow_ms) {
  listen_fd_ = socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      listen(listen_fd_, 16) != 0)
    throw std::runtime_error("FaultyHttpServer: cannot listen on 127.0.0.1");
  socklen_t len = sizeof addr;
  getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  thread_ = std::thread([this] { serve(); });
}

FaultyHttpServer::~FaultyHttpServer() {
  stop_ = true;
  thread_.join();
  close(listen_fd_);
}

void FaultyHttpServer::serve() {
  while (!stop_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (poll(&p, 1, 50) <= 0) continue;
    int fd = accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) continue;
    handle(fd);
  }
}

void FaultyHttpServer::handle(int fd) {
  // Requests on one keep-alive connection, until a fault closes it or the client does.
  std::string buf;
  while (!stop_) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 50) < 0) break;
    if (!(p.revents & (POLLIN | POLLHUP))) continue;
    char chunk[4096];
    ssize_t n = read(fd, chunk, sizeof chunk);
    if (n <= 0) break;
    buf.append(chunk, static_cast<std::size_t>(n));
    auto end = buf.find("\r\n\r\n");
    if (end == std::string::npos) continue;
    std::size_t body_len = 0;
    auto cl = buf.find("Content-Length: ");
    if (cl == std::string::npos) cl = buf.find("content-length: ");
    if (cl != std::string::npos && cl < end) body_len = std::stoul(buf.substr(cl + 16));
    if (buf.size() < end + 4 + body_len) continue;
    buf.erase(0, end + 4 + body_len);
    const Fault fault = fault_for_(++requests_);
    const std::string body = R"({"kind":"Status","status":"Success","message":"ok"})";
    std::string head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                       std::to_string(body.size()) + "\r\n\r\n";
    if (fault == Fault::DropMidResponse) {
      std::string partial = head + body.substr(0, 10);
      (void)!write(fd, partial.data(), partial.size());
      break;  // close with the body incomplete
    }
    if (fault == Fault::Slow) {
      const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(slow_ms_);
      while (!stop_ && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    std::string all = head + body;
    if (write(fd, all.data(), all.size()) < 0) break;
  }
  close(fd);
}

}  // namespace detgw::kube::test
