#include "core/kube/transport.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <set>

#include "core/kube/curl_library.hpp"

namespace detgw::kube {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  return std::string(s);
}

const char* reason_phrase(int code) {
  switch (code) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 406:
      return "Not Acceptable";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Entity";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return "";
  }
}

struct ServerUrl {
  std::string scheme, host, port, prefix;  // host without brackets
};

std::optional<ServerUrl> parse_server(const std::string& server) {
  ServerUrl u;
  auto sep = server.find("://");
  std::string rest;
  if (sep == std::string::npos) {
    // client-go accepts a bare host[:port] and assumes https.
    u.scheme = "https";
    rest = server;
  } else {
    u.scheme = server.substr(0, sep);
    rest = server.substr(sep + 3);
  }
  std::transform(u.scheme.begin(), u.scheme.end(), u.scheme.begin(), ::tolower);
  if (u.scheme != "https" && u.scheme != "http") return std::nullopt;
  auto slash = rest.find('/');
  std::string hostport = rest.substr(0, slash);
  u.prefix = slash == std::string::npos ? "" : rest.substr(slash);
  while (!u.prefix.empty() && u.prefix.back() == '/') u.prefix.pop_back();
  if (hostport.empty()) return std::nullopt;
  if (hostport.front() == '[') {
    auto close = hostport.find(']');
    if (close == std::string::npos) return std::nullopt;
    u.host = hostport.substr(1, close - 1);
    if (close + 1 < hostport.size() && hostport[close + 1] == ':')
      u.port = hostport.substr(close + 2);
  } else {
    auto colon = hostport.rfind(':');
    if (colon != std::string::npos) {
      u.host = hostport.substr(0, colon);
      u.port = hostport.substr(colon + 1);
    } else {
      u.host = hostport;
    }
  }
  if (u.port.empty()) u.port = u.scheme == "https" ? "443" : "80";
  return u;
}

std::string bracket(const std::string& host) {
  return host.find(':') != std::string::npos ? "[" + host + "]" : host;
}

bool transient_curl_error(CURLcode code) {
  switch (code) {
    case CURLE_GOT_NOTHING:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string HttpResponse::header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (iequals(k, name)) return v;
  return {};
}

bool is_retry_safe(std::string_view method) { return method == "GET" || method == "HEAD"; }

milliseconds retry_delay(int attempt, int retry_after_seconds, const RetryPolicy& policy) {
  if (retry_after_seconds > 0)
    return std::min(milliseconds{retry_after_seconds * 1000LL}, policy.max_retry_after);
  long long ms = policy.base_delay.count();
  for (int i = 1; i < attempt && ms < policy.max_delay.count(); ++i) ms *= 2;
  return milliseconds{std::min(ms, static_cast<long long>(policy.max_delay.count()))};
}

struct Transport::Impl {
  RestConfig config;
  RetryPolicy retry;
  ServerUrl url;
  std::string base;        // scheme://host:port/prefix used in request URLs
  std::string connect_to;  // CURLOPT_CONNECT_TO entry for tls-server-name
  std::string host_header;
  const CurlLibrary* curl = nullptr;  // loaded by Transport::create
  CURLSH* share = nullptr;
  std::set<std::string> warnings_seen;

  ~Impl() {
    if (share) curl->share_cleanup(share);
  }
};

namespace {

struct Job {
  Transport* transport = nullptr;
  const HttpRequest* request = nullptr;
  // attempt state
  CURL* easy = nullptr;
  curl_slist* header_list = nullptr;
  curl_slist* connect_list = nullptr;
  char errbuf[CURL_ERROR_SIZE] = {};
  HttpResponse response;
  Clock::time_point not_before{};
  Clock::time_point started{};
  Clock::time_point first_start{};
  bool done = false;
  bool too_large = false;  // the body outgrew RestConfig::max_response_bytes
  std::optional<ApiError> error;

  void cleanup() {
    const CurlLibrary& curl = *transport->impl().curl;
    if (easy) curl.easy_cleanup(easy);
    easy = nullptr;
    if (header_list) curl.slist_free_all(header_list);
    header_list = nullptr;
    if (connect_list) curl.slist_free_all(connect_list);
    connect_list = nullptr;
  }
};

// Bounds the body as it arrives (decompressed, chunked or not): CURLOPT_MAXFILESIZE only sees
// a Content-Length.
size_t on_body(char* data, size_t size, size_t n, void* user) {
  auto* job = static_cast<Job*>(user);
  const std::size_t bytes = size * n;
  if (job->response.body.size() + bytes > job->transport->impl().config.max_response_bytes) {
    job->too_large = true;
    return 0;  // curl ends the transfer with CURLE_WRITE_ERROR
  }
  job->response.body.append(data, bytes);
  return bytes;
}

std::string size_text(std::size_t bytes) {
  if (bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  return std::to_string(bytes) + " bytes";
}

size_t on_header(char* data, size_t size, size_t n, void* user) {
  auto* job = static_cast<Job*>(user);
  std::string_view line(data, size * n);
  if (line.rfind("HTTP/", 0) == 0) {
    job->response.headers.clear();  // a new response (after a proxy CONNECT or 100-continue)
  } else if (auto colon = line.find(':'); colon != std::string_view::npos) {
    job->response.headers.emplace_back(trim(line.substr(0, colon)), trim(line.substr(colon + 1)));
  }
  return size * n;
}

void log_request(const Transport& t, const Job& job, const std::string& url) {
  const Logger& log = t.logger();
  if (!log.enabled(kLogHeaders)) return;
  std::string line = "curl -v -X" + job.request->method;
  for (const auto& [k, v] : job.request->headers)
    line += " -H \"" + k + ": " + redact_header(k, v) + "\"";
  line += " '" + url + "'";
  log.log(kLogHeaders, const_cast<Transport&>(t).redactor().scrub(line));
  if (log.enabled(kLogBodies) && !job.request->body.empty()) {
    std::string body = const_cast<Transport&>(t).redactor().scrub(redact_json(job.request->body));
    if (!log.enabled(kLogFullBodies) && body.size() > kTruncatedBody)
      body =
          body.substr(0, kTruncatedBody) + " [truncated " + std::to_string(body.size()) + " chars]";
    log.log(kLogBodies, "Request Body: " + body);
  }
}

void log_response(Transport& t, const Job& job, const std::string& url) {
  const Logger& log = t.logger();
  if (!log.enabled(kLogRequests)) return;
  const auto& r = job.response;
  std::string status = r.status ? std::to_string(r.status) : "";
  if (r.status && *reason_phrase(r.status)) status += std::string(" ") + reason_phrase(r.status);
  log.log(kLogRequests, job.request->method + " " + url + " " + status + " in " +
                            std::to_string(r.latency.count()) + " milliseconds");
  if (log.enabled(kLogFullBodies)) {
    log.log(kLogFullBodies, "Response Headers:");
    for (const auto& [k, v] : r.headers)
      log.log(kLogFullBodies, "    " + k + ": " + t.redactor().scrub(redact_header(k, v)));
  }
  if (log.enabled(kLogBodies) && !r.body.empty()) {
    std::string body = t.redactor().scrub(redact_json(r.body));
    if (!log.enabled(kLogFullBodies) && body.size() > kTruncatedBody)
      body =
          body.substr(0, kTruncatedBody) + " [truncated " + std::to_string(body.size()) + " chars]";
    log.log(kLogBodies, "Response Body: " + body);
  }
}

std::string request_url(const Transport::Impl& impl, const HttpRequest& req) {
  return impl.base + req.path;
}

void setup_attempt(Transport& t, Transport::Impl& impl, Job& job) {
  job.cleanup();
  job.response.headers.clear();
  job.response.body.clear();
  job.response.status = 0;
  job.too_large = false;
  job.errbuf[0] = 0;
  const CurlLibrary& curl = *impl.curl;
  CURL* e = curl.easy_init();
  job.easy = e;
  const HttpRequest& req = *job.request;
  const RestConfig& c = impl.config;
  const std::string url = request_url(impl, req);
  curl.easy_setopt(e, CURLOPT_URL, url.c_str());
  curl.easy_setopt(e, CURLOPT_SHARE, impl.share);
  curl.easy_setopt(e, CURLOPT_PRIVATE, &job);
  curl.easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl.easy_setopt(e, CURLOPT_ERRORBUFFER, job.errbuf);
  curl.easy_setopt(e, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
  curl.easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
  curl.easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
  if (!c.disable_compression) curl.easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
  long connect_ms = 30000;
  if (c.timeout.count() > 0) {
    curl.easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(c.timeout.count()));
    connect_ms = std::min<long>(connect_ms, static_cast<long>(c.timeout.count()));
  }
  curl.easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, connect_ms);
  curl.easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(c.max_response_bytes));
  curl.easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
  curl.easy_setopt(e, CURLOPT_WRITEDATA, &job);
  curl.easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
  curl.easy_setopt(e, CURLOPT_HEADERDATA, &job);

  // Method and body.
  if (req.method == "GET") {
    curl.easy_setopt(e, CURLOPT_HTTPGET, 1L);
  } else if (req.method == "HEAD") {
    curl.easy_setopt(e, CURLOPT_NOBODY, 1L);
  } else {
    curl.easy_setopt(e, CURLOPT_CUSTOMREQUEST, req.method.c_str());
    curl.easy_setopt(e, CURLOPT_POSTFIELDSIZE, static_cast<long>(req.body.size()));
    curl.easy_setopt(e, CURLOPT_COPYPOSTFIELDS, req.body.c_str());
  }

  // Headers.
  curl_slist* h = nullptr;
  bool has_accept = false;
  for (const auto& [k, v] : req.headers) {
    if (iequals(k, "Accept")) has_accept = true;
    h = curl.slist_append(h, (k + ": " + v).c_str());
  }
  if (!has_accept) h = curl.slist_append(h, "Accept: application/json, */*");
  h = curl.slist_append(h, "Expect:");
  if (req.body.empty() && req.method != "GET" && req.method != "HEAD")
    h = curl.slist_append(h, "Content-Type:");
  if (!impl.host_header.empty()) h = curl.slist_append(h, ("Host: " + impl.host_header).c_str());
  job.header_list = h;
  curl.easy_setopt(e, CURLOPT_HTTPHEADER, h);
  curl.easy_setopt(e, CURLOPT_USERAGENT,
                   c.user_agent.empty() ? "detgw kubernetes-client" : c.user_agent.c_str());

  // TLS.
  if (c.insecure) {
    curl.easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 0L);
    curl.easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 0L);
  } else if (!c.ca_data.empty()) {
    curl_blob blob{const_cast<char*>(c.ca_data.data()), c.ca_data.size(), CURL_BLOB_COPY};
    curl.easy_setopt(e, CURLOPT_CAINFO_BLOB, &blob);
  } else if (!c.ca_file.empty()) {
    curl.easy_setopt(e, CURLOPT_CAINFO, c.ca_file.c_str());
  }
  if (!impl.connect_to.empty()) {
    job.connect_list = curl.slist_append(nullptr, impl.connect_to.c_str());
    curl.easy_setopt(e, CURLOPT_CONNECT_TO, job.connect_list);
  }
  const std::string& cert_data = !req.client_certificate_data.empty() ? req.client_certificate_data
                                                                      : c.client_certificate_data;
  const std::string& key_data =
      !req.client_key_data.empty() ? req.client_key_data : c.client_key_data;
  if (!cert_data.empty()) {
    curl_blob blob{const_cast<char*>(cert_data.data()), cert_data.size(), CURL_BLOB_COPY};
    curl.easy_setopt(e, CURLOPT_SSLCERT_BLOB, &blob);
    curl.easy_setopt(e, CURLOPT_SSLCERTTYPE, "PEM");
  } else if (!c.client_certificate_file.empty()) {
    curl.easy_setopt(e, CURLOPT_SSLCERT, c.client_certificate_file.c_str());
  }
  if (!key_data.empty()) {
    curl_blob blob{const_cast<char*>(key_data.data()), key_data.size(), CURL_BLOB_COPY};
    curl.easy_setopt(e, CURLOPT_SSLKEY_BLOB, &blob);
    curl.easy_setopt(e, CURLOPT_SSLKEYTYPE, "PEM");
  } else if (!c.client_key_file.empty()) {
    curl.easy_setopt(e, CURLOPT_SSLKEY, c.client_key_file.c_str());
  }

  // Proxy: proxy-url from the kubeconfig, else curl's own reading of *_proxy / NO_PROXY.
  // A kubeconfig proxy-url is used for every request (Go's http.ProxyURL ignores NO_PROXY);
  // without one, curl applies http(s)_proxy and NO_PROXY from the environment.
  if (!c.proxy_url.empty()) {
    curl.easy_setopt(e, CURLOPT_PROXY, c.proxy_url.c_str());
    curl.easy_setopt(e, CURLOPT_NOPROXY, "");
  }

  job.started = Clock::now();
  log_request(t, job, url);
}

ApiError classify_failure(const Transport::Impl& impl, CURLcode code, const char* errbuf,
                          long os_errno) {
  const std::string curl_detail = *errbuf ? errbuf : impl.curl->easy_strerror(code);
  const std::string hostport = bracket(impl.url.host) + ":" + impl.url.port;
  std::string detail;
  FailureKind kind = FailureKind::Connection;
  switch (code) {
    case CURLE_COULDNT_CONNECT:
      if (os_errno == ECONNREFUSED)
        detail = "dial tcp " + hostport + ": connect: connection refused";
      else
        detail = "dial tcp " + hostport + ": connect: " +
                 (os_errno ? std::string(std::strerror(static_cast<int>(os_errno))) : curl_detail);
      break;
    case CURLE_COULDNT_RESOLVE_HOST:
      detail = "dial tcp: lookup " + impl.url.host + ": no such host";
      break;
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_PROXY:
      detail = "proxyconnect tcp: " + curl_detail;
      break;
    case CURLE_OPERATION_TIMEDOUT:
      detail = "net/http: request canceled (Client.Timeout exceeded: " + curl_detail + ")";
      break;
    case CURLE_PEER_FAILED_VERIFICATION:
      kind = FailureKind::Tls;
      if (curl_detail.find("no alternative certificate subject name") != std::string::npos ||
          curl_detail.find("does not match") != std::string::npos)
        detail =
            "tls: failed to verify certificate: x509: certificate is not valid for the "
            "requested host name (" +
            curl_detail + ")";
      else if (curl_detail.find("expired") != std::string::npos)
        detail =
            "tls: failed to verify certificate: x509: certificate has expired or is not yet "
            "valid (" +
            curl_detail + ")";
      else
        detail =
            "tls: failed to verify certificate: x509: certificate signed by unknown "
            "authority (" +
            curl_detail + ")";
      break;
    case CURLE_SSL_CACERT_BADFILE:
      kind = FailureKind::Tls;
      detail = "unable to load root certificates (" + curl_detail + ")";
      break;
    case CURLE_SSL_CERTPROBLEM:
      kind = FailureKind::Tls;
      detail = "unable to load the client certificate or key (" + curl_detail + ")";
      break;
    case CURLE_SSL_CONNECT_ERROR:
      kind = FailureKind::Tls;
      detail = "tls: handshake failure (" + curl_detail + ")";
      break;
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
      detail = "unexpected EOF (" + curl_detail + ")";
      break;
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
      detail = "connection reset by peer (" + curl_detail + ")";
      break;
    default:
      detail = curl_detail;
  }
  return connection_error(kind, detail, hostport);
}

int retry_after_of(const HttpResponse& r) {
  std::string v = r.header("Retry-After");
  if (v.empty()) return 0;
  try {
    return std::max(0, std::stoi(v));
  } catch (...) {
    return 0;
  }
}

void surface_warnings(Transport::Impl& impl, const Transport& t, const HttpResponse& r) {
  for (const auto& [k, v] : r.headers) {
    if (!iequals(k, "Warning")) continue;
    // 299 - "message"
    std::string text = v;
    auto q = text.find('"');
    if (q != std::string::npos && text.size() > q + 1 && text.back() == '"')
      text = text.substr(q + 1, text.size() - q - 2);
    if (impl.warnings_seen.insert(text).second) t.logger().warn(text);
  }
}

// Finishes an attempt; returns true when the job is to be retried (not_before is then set).
bool finish_attempt(Job& job, CURLcode code) {
  Transport& t = *job.transport;
  Transport::Impl& impl = t.impl();
  const HttpRequest& req = *job.request;
  const CurlLibrary& curl = *impl.curl;
  CURL* e = job.easy;
  long status = 0, connects = 0, version = 0, os_errno = 0;
  curl_off_t total_us = 0;
  curl.easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
  curl.easy_getinfo(e, CURLINFO_NUM_CONNECTS, &connects);
  curl.easy_getinfo(e, CURLINFO_HTTP_VERSION, &version);
  curl.easy_getinfo(e, CURLINFO_OS_ERRNO, &os_errno);
  curl.easy_getinfo(e, CURLINFO_TOTAL_TIME_T, &total_us);
  HttpResponse& r = job.response;
  r.attempts += 1;
  r.status = code == CURLE_OK ? static_cast<int>(status) : 0;
  r.new_connections = connects;
  r.http_version = version == CURL_HTTP_VERSION_2_0 ? 2 : version == CURL_HTTP_VERSION_3 ? 3 : 1;
  r.latency = milliseconds{total_us / 1000};
  const std::string url = request_url(impl, req);
  const int retries_done = r.attempts - 1;
  const bool budget_left = retries_done < impl.retry.max_retries;
  auto within_timeout = [&](milliseconds delay) {
    if (impl.config.timeout.count() <= 0) return true;
    return Clock::now() + delay - job.first_start < impl.config.timeout;
  };

  if (job.too_large || code == CURLE_FILESIZE_EXCEEDED) {
    job.error = decode_error("the answer to " + req.method + " " + url + " is larger than " +
                             size_text(impl.config.max_response_bytes) +
                             ", the most this client accepts in one response");
    t.logger().log(kLogRequests, job.error->message);
    return false;
  }

  // kube-apiserver answers a failed authentication over HTTP/2 with the response and a GOAWAY;
  // curl 7.88 then often reports the complete response as a partial transfer. A response whose
  // body has exactly its Content-Length arrived whole.
  // Sometimes the body is lost with the connection: an error status is still the server's
  // answer (it decides re-authentication), so it is kept with whatever body arrived.
  const bool whole = r.header("Content-Encoding").empty() && !r.header("Content-Length").empty() &&
                     r.header("Content-Length") == std::to_string(r.body.size());
  if (code != CURLE_OK && status > 0 && transient_curl_error(code) && (whole || status >= 400)) {
    t.logger().log(4, "complete response before the connection closed (" +
                          std::string(curl.easy_strerror(code)) + "): accepted");
    code = CURLE_OK;
    r.status = static_cast<int>(status);
  }
  if (code != CURLE_OK) {
    ApiError err = classify_failure(impl, code, job.errbuf, os_errno);
    t.logger().log(kLogRequests, req.method + " " + url + "  in " +
                                     std::to_string(r.latency.count()) + " milliseconds (" +
                                     err.message + ")");
    const milliseconds delay = retry_delay(r.attempts, 0, impl.retry);
    if (transient_curl_error(code) && is_retry_safe(req.method) && budget_left &&
        within_timeout(delay)) {
      t.logger().log(4, "Retrying " + req.method + " " + url + " after " + err.message);
      r.retry_delays.push_back(delay);
      job.not_before = Clock::now() + delay;
      return true;
    }
    job.error = std::move(err);
    return false;
  }

  log_response(t, job, url);
  surface_warnings(impl, t, r);
  const int retry_after = retry_after_of(r);
  bool retry = false;
  if (r.status == 429)
    retry = true;  // rejected before processing: safe for every method
  else if (r.status >= 500 && retry_after > 0)
    retry = true;  // the server asks for a retry
  else if ((r.status == 502 || r.status == 503 || r.status == 504) && is_retry_safe(req.method))
    retry = true;
  if (retry && budget_left) {
    const milliseconds delay = retry_delay(r.attempts, retry_after, impl.retry);
    if (within_timeout(delay)) {
      t.logger().log(4, "Got a Retry-After " + std::to_string(delay.count()) +
                            "ms response for attempt " + std::to_string(r.attempts) + " to " + url);
      r.retry_delays.push_back(delay);
      job.not_before = Clock::now() + delay;
      return true;
    }
  }
  return false;
}

// The longest wait for socket activity while transfers run. libcurl 7.88 sometimes leaves an
// answer in its buffers without a timer to hand it over (HTTP/2 streams read together, OpenSSL's
// read-ahead; fixed in later curl: curl/curl#17636): a poll of its sockets then waits for its
// whole timeout. With 1 s, one doctor run in twenty behind a slow link stalled for a second.
constexpr milliseconds kRunningPoll{10};

std::vector<Result<HttpResponse>> run_jobs(std::vector<Job>& jobs) {
  if (jobs.empty()) return {};
  const CurlLibrary& curl = *jobs.front().transport->impl().curl;
  CURLM* multi = curl.multi_init();
  std::size_t remaining = jobs.size();
  for (auto& job : jobs) job.first_start = Clock::now();
  std::vector<Job*> waiting;
  for (auto& job : jobs) waiting.push_back(&job);
  while (remaining > 0) {
    const auto now = Clock::now();
    milliseconds wait{1000};
    for (auto it = waiting.begin(); it != waiting.end();) {
      Job* job = *it;
      if (job->not_before <= now) {
        setup_attempt(*job->transport, job->transport->impl(), *job);
        curl.multi_add_handle(multi, job->easy);
        it = waiting.erase(it);
      } else {
        wait = std::min(wait, std::chrono::duration_cast<milliseconds>(job->not_before - now) +
                                  milliseconds{1});
        ++it;
      }
    }
    int running = 0;
    curl.multi_perform(multi, &running);
    int queued = 0;
    while (CURLMsg* msg = curl.multi_info_read(multi, &queued)) {
      if (msg->msg != CURLMSG_DONE) continue;
      Job* job = nullptr;
      curl.easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, reinterpret_cast<char**>(&job));
      const CURLcode code = msg->data.result;
      curl.multi_remove_handle(multi, msg->easy_handle);
      if (finish_attempt(*job, code)) {
        job->cleanup();
        waiting.push_back(job);
      } else {
        job->cleanup();
        job->done = true;
        --remaining;
      }
    }
    if (remaining == 0) break;
    if (running > 0 || !waiting.empty()) {
      curl.multi_poll(
          multi, nullptr, 0,
          static_cast<int>(running > 0 ? std::min(wait, kRunningPoll).count() : wait.count()),
          nullptr);
    }
  }
  curl.multi_cleanup(multi);
  std::vector<Result<HttpResponse>> out;
  for (auto& job : jobs) {
    if (job.error)
      out.emplace_back(std::move(*job.error));
    else
      out.emplace_back(std::move(job.response));
  }
  return out;
}

}  // namespace

Result<std::shared_ptr<Transport>> Transport::create(const RestConfig& config, Logger logger,
                                                     RetryPolicy retry) {
  auto url = parse_server(config.server);
  if (!url) {
    ApiError e;
    e.kind = ErrorKind::Input;
    e.failure = FailureKind::Connection;
    e.message =
        "invalid configuration: host must be a URL or a host:port pair: \"" + config.server + "\"";
    return e;
  }
  auto curl = curl_library();
  if (!curl) return curl.error();
  std::shared_ptr<Transport> t(new Transport());
  t->server_ = config.server;
  t->logger_ = std::move(logger);
  t->impl_ = std::make_unique<Impl>();
  Impl& impl = *t->impl_;
  impl.config = config;
  impl.retry = retry;
  impl.url = *url;
  impl.curl = *curl;
  if (!config.tls_server_name.empty() && url->scheme == "https") {
    // Put the TLS name in the URL (SNI and certificate check) and connect to the real address.
    impl.base =
        url->scheme + "://" + bracket(config.tls_server_name) + ":" + url->port + url->prefix;
    impl.connect_to = bracket(config.tls_server_name) + ":" + url->port + ":" + bracket(url->host) +
                      ":" + url->port;
    impl.host_header = bracket(url->host) + ":" + url->port;
  } else {
    impl.base = url->scheme + "://" + bracket(url->host) + ":" + url->port + url->prefix;
  }
  impl.share = impl.curl->share_init();
  for (auto data : {CURL_LOCK_DATA_CONNECT, CURL_LOCK_DATA_DNS, CURL_LOCK_DATA_SSL_SESSION})
    impl.curl->share_setopt(impl.share, CURLSHOPT_SHARE, data);
  for (const auto* s : {&config.token, &config.password, &config.client_key_data})
    t->redactor_.add_secret(*s);
  if (config.insecure)
    t->logger_.warn(
        "the server's certificate will not be verified (insecure-skip-tls-verify "
        "is set for " +
        config.server + "); the connection is not secure");
  return t;
}

Transport::~Transport() = default;

Result<HttpResponse> Transport::send(const HttpRequest& request) {
  std::vector<Job> jobs(1);
  jobs[0].transport = this;
  jobs[0].request = &request;
  auto results = run_jobs(jobs);
  return std::move(results[0]);
}

std::vector<Result<HttpResponse>> Transport::send_all(
    const std::vector<std::pair<Transport*, HttpRequest>>& requests) {
  std::vector<Job> jobs(requests.size());
  for (std::size_t i = 0; i < requests.size(); ++i) {
    jobs[i].transport = requests[i].first;
    jobs[i].request = &requests[i].second;
  }
  return run_jobs(jobs);
}

}  // namespace detgw::kube
