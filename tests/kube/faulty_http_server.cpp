#include "tests/kube/faulty_http_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <stdexcept>

namespace detgw::kube::test {

FaultyHttpServer::FaultyHttpServer(std::function<Fault(int)> fault_for, int slow_ms,
                                   std::function<CannedResponse(int)> response_for)
    : fault_for_(std::move(fault_for)), slow_ms_(slow_ms), response_for_(std::move(response_for)) {
  if (!response_for_) response_for_ = [](int) { return CannedResponse{}; };
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

bool FaultyHttpServer::stall(int fd) {
  while (!stop_ && !released_) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 10) > 0) {
      char c;
      if (read(fd, &c, 1) <= 0) return false;  // the request was read whole: this is a hang-up
    }
  }
  return true;
}

namespace {

std::string reason(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    default:
      return "Status";
  }
}

bool write_all(int fd, const std::string& data) {
  std::size_t done = 0;
  while (done < data.size()) {
    // No SIGPIPE when the client has hung up (as it does on a body over its limit).
    const ssize_t n = send(fd, data.data() + done, data.size() - done, MSG_NOSIGNAL);
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

// The body in chunks of at most 64 KiB, then the last chunk.
std::string chunked(const std::string& body) {
  std::string out;
  char size[32];
  for (std::size_t at = 0; at < body.size(); at += 65536) {
    const std::size_t n = std::min<std::size_t>(65536, body.size() - at);
    std::snprintf(size, sizeof size, "%zx\r\n", n);
    out += size;
    out.append(body, at, n);
    out += "\r\n";
  }
  return out + "0\r\n\r\n";
}

}  // namespace

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
    const int n_request = ++requests_;
    const Fault fault = fault_for_(n_request);
    const CannedResponse response = response_for_(n_request);
    const std::string& body = response.body;
    std::string head = "HTTP/1.1 " + std::to_string(response.status) + " " +
                       reason(response.status) + "\r\nContent-Type: application/json\r\n" +
                       response.extra_headers;
    head += response.chunked ? "Transfer-Encoding: chunked\r\n\r\n"
                             : "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
    if (fault == Fault::Stall && !stall(fd)) {
      ++abandoned_;
      break;
    }
    if (fault == Fault::DropMidResponse) {
      write_all(fd, head + body.substr(0, 10));
      break;  // close with the body incomplete
    }
    if (fault == Fault::Slow) {
      const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(slow_ms_);
      while (!stop_ && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (!write_all(fd, head + (response.chunked ? chunked(body) : body))) break;
  }
  close(fd);
}

}  // namespace detgw::kube::test
