#include "tests/faults/fault_injecting_proxy.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace detgw::test::faults {
namespace {

// Requests are small (a JSON Patch at most); anything larger is not a request of the plugins.
constexpr std::size_t kMaxRequest = 4 << 20;

SSL_CTX* ctx_of(void* p) { return static_cast<SSL_CTX*>(p); }

std::string ssl_error() {
  char buf[256];
  ERR_error_string_n(ERR_get_error(), buf, sizeof buf);
  return buf;
}

// Waits until `fd` is readable (or closed); false when the proxy stops first.
bool wait_readable(int fd, SSL* ssl, const std::atomic<bool>& stop) {
  while (!stop) {
    if (ssl && SSL_pending(ssl) > 0) return true;
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 50) > 0) return true;
  }
  return false;
}

bool write_all(SSL* ssl, std::string_view data) {
  while (!data.empty()) {
    const int n = SSL_write(ssl, data.data(), static_cast<int>(data.size()));
    if (n <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

std::size_t content_length(std::string_view head) {
  std::string lower(head);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const auto at = lower.find("\r\ncontent-length:");
  if (at == std::string::npos) return 0;
  try {
    return std::stoul(lower.substr(at + 17));
  } catch (...) {
    return 0;
  }
}

// The request with `Connection: close` in place of any Connection header: one request per
// upstream connection, so the upstream closing it marks the end of the response.
std::string with_connection_close(const std::string& request, std::size_t head_end) {
  std::string out;
  std::size_t pos = 0;
  bool first = true;
  while (pos < head_end) {
    const std::size_t eol = request.find("\r\n", pos);
    std::string line = request.substr(pos, eol - pos);
    pos = eol + 2;
    std::string lower = line;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (!first && lower.rfind("connection:", 0) == 0) continue;
    out += line;
    out += "\r\n";
    if (first) out += "Connection: close\r\n";
    first = false;
  }
  out += "\r\n";
  out += request.substr(head_end + 4);
  return out;
}

std::string status_response(int status, int retry_after) {
  const char* reason = status == 429   ? "Too Many Requests"
                       : status == 500 ? "Internal Server Error"
                       : status == 503 ? "Service Unavailable"
                                       : "Error";
  std::string body = R"({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",)";
  body += R"("message":"injected by the fault-injecting proxy: )";
  body += reason;
  body += R"(","reason":")";
  body += status == 429   ? "TooManyRequests"
          : status == 503 ? "ServiceUnavailable"
                          : "InternalError";
  body += R"(","code":)";
  body += std::to_string(status);
  body += "}";
  std::string head = "HTTP/1.1 " + std::to_string(status);
  head += ' ';
  head += reason;
  head += "\r\nContent-Type: application/json\r\nConnection: close\r\n";
  if (retry_after > 0) head += "Retry-After: " + std::to_string(retry_after) + "\r\n";
  head += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  return head + body;
}

int listen_loopback(int& port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || listen(fd, 64) != 0)
    throw std::runtime_error("FaultInjectingProxy: cannot listen on 127.0.0.1");
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  port = ntohs(addr.sin_port);
  return fd;
}

}  // namespace

FaultInjectingProxy::FaultInjectingProxy(UpstreamTls upstream, const std::string& server_cert,
                                         const std::string& server_key,
                                         std::function<Fault(const ProxyRequest&)> fault_for)
    : upstream_(std::move(upstream)), fault_for_(std::move(fault_for)) {
  SSL_CTX* server = SSL_CTX_new(TLS_server_method());
  if (SSL_CTX_use_certificate_chain_file(server, server_cert.c_str()) != 1 ||
      SSL_CTX_use_PrivateKey_file(server, server_key.c_str(), SSL_FILETYPE_PEM) != 1)
    throw std::runtime_error("FaultInjectingProxy: server certificate: " + ssl_error());
  server_ctx_ = server;
  SSL_CTX* client = SSL_CTX_new(TLS_client_method());
  SSL_CTX_set_verify(client, SSL_VERIFY_PEER, nullptr);
  if (SSL_CTX_load_verify_locations(client, upstream_.ca_file.c_str(), nullptr) != 1)
    throw std::runtime_error("FaultInjectingProxy: upstream CA: " + ssl_error());
  if (!upstream_.client_cert.empty() &&
      (SSL_CTX_use_certificate_chain_file(client, upstream_.client_cert.c_str()) != 1 ||
       SSL_CTX_use_PrivateKey_file(client, upstream_.client_key.c_str(), SSL_FILETYPE_PEM) != 1))
    throw std::runtime_error("FaultInjectingProxy: upstream client certificate: " + ssl_error());
  client_ctx_ = client;
  listen_fd_ = listen_loopback(port_);
  thread_ = std::thread([this] { serve(); });
}

FaultInjectingProxy::~FaultInjectingProxy() {
  stop_ = true;
  thread_.join();
  for (auto& w : workers_) w.join();
  close(listen_fd_);
  SSL_CTX_free(ctx_of(server_ctx_));
  SSL_CTX_free(ctx_of(client_ctx_));
}

std::vector<ProxyRequest> FaultInjectingProxy::requests() const {
  std::lock_guard lock(mu_);
  return requests_;
}

int FaultInjectingProxy::count(const std::string& method) const {
  std::lock_guard lock(mu_);
  return static_cast<int>(std::count_if(requests_.begin(), requests_.end(),
                                        [&](const ProxyRequest& r) { return r.method == method; }));
}

void FaultInjectingProxy::serve() {
  while (!stop_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (poll(&p, 1, 50) <= 0) continue;
    const int fd = accept(listen_fd_, nullptr, nullptr);
    if (fd >= 0) workers_.emplace_back([this, fd] { handle(fd); });
  }
}

void FaultInjectingProxy::handle(int fd) {
  SSL* ssl = SSL_new(ctx_of(server_ctx_));
  SSL_set_fd(ssl, fd);
  auto finish = [&](bool reset) {
    if (reset) {
      // SO_LINGER 0: close() sends a TCP RST, as a crashed peer or a middlebox does.
      linger l{1, 0};
      setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
    }
    SSL_free(ssl);
    ::close(fd);
  };
  if (SSL_accept(ssl) != 1) return finish(false);

  // One request: its head, then Content-Length bytes of body.
  std::string request;
  std::size_t head_end = std::string::npos;
  while (head_end == std::string::npos ||
         request.size() < head_end + 4 + content_length(request.substr(0, head_end + 2))) {
    if (request.size() > kMaxRequest || !wait_readable(fd, ssl, stop_)) return finish(false);
    char buf[16384];
    const int n = SSL_read(ssl, buf, sizeof buf);
    if (n <= 0) return finish(false);
    request.append(buf, static_cast<std::size_t>(n));
    if (head_end == std::string::npos) head_end = request.find("\r\n\r\n");
  }
  ProxyRequest seen;
  const std::size_t sp1 = request.find(' '), sp2 = request.find(' ', sp1 + 1);
  seen.method = request.substr(0, sp1);
  seen.target = request.substr(sp1 + 1, sp2 - sp1 - 1);
  {
    std::lock_guard lock(mu_);
    seen.number = static_cast<int>(requests_.size()) + 1;
    requests_.push_back(seen);
  }
  const Fault fault = fault_for_(seen);
  if (fault.kind != Fault::Kind::Pass) ++faults_;
  switch (fault.kind) {
    case Fault::Kind::Close:
      SSL_shutdown(ssl);
      return finish(false);
    case Fault::Kind::Status:
      write_all(ssl, status_response(fault.status, fault.retry_after));
      SSL_shutdown(ssl);
      return finish(false);
    case Fault::Kind::Stall:
      // Hold the connection without a byte of answer until the client gives up (or the proxy
      // stops): the client's own timeout must end the command.
      while (wait_readable(fd, ssl, stop_)) {
        char buf[512];
        if (SSL_read(ssl, buf, sizeof buf) <= 0) break;
      }
      return finish(false);
    case Fault::Kind::Pass:
    case Fault::Kind::ResetMidBody:
      break;
  }
  const std::string response = forward(with_connection_close(request, head_end));
  // No answer upstream (the API server is down): the client sees its connection reset, as
  // behind a load balancer.
  if (response.empty()) return finish(true);
  if (fault.kind == Fault::Kind::Pass) {
    write_all(ssl, response);
    SSL_shutdown(ssl);
    return finish(false);
  }
  // The real status line, headers and half of the real body, then a reset.
  const std::size_t body_at = response.find("\r\n\r\n");
  const std::size_t cut = body_at == std::string::npos
                              ? response.size() / 2
                              : body_at + 4 + (response.size() - body_at - 4) / 2;
  write_all(ssl, std::string_view(response).substr(0, cut));
  return finish(true);
}

// The upstream API server's whole response, "" when it could not be reached.
std::string FaultInjectingProxy::forward(const std::string& request) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(upstream_.port));
  inet_pton(AF_INET, upstream_.host.c_str(), &addr.sin_addr);
  std::string response;
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return response;
  }
  SSL* ssl = SSL_new(ctx_of(client_ctx_));
  SSL_set_fd(ssl, fd);
  X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), upstream_.host.c_str());
  if (SSL_connect(ssl) == 1 && write_all(ssl, request)) {
    char buf[16384];
    int n;
    while ((n = SSL_read(ssl, buf, sizeof buf)) > 0)
      response.append(buf, static_cast<std::size_t>(n));
  }
  SSL_free(ssl);
  ::close(fd);
  return response;
}

}  // namespace detgw::test::faults
