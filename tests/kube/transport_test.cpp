#include "core/kube/transport.hpp"

#include <atomic>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <thread>

#include "core/kube/api_client.hpp"
#include "tests/common/test_support.hpp"
#include "tests/kube/faulty_http_server.hpp"
#include "tests/kube/kube_test_util.hpp"

using namespace detgw;
using namespace detgw::kube;
using detgw::kube::test::CannedResponse;
using detgw::kube::test::Fault;
using detgw::kube::test::FaultyHttpServer;
using std::chrono::milliseconds;

namespace {

RetryPolicy fast_retries() {
  RetryPolicy p;
  p.base_delay = milliseconds(10);
  p.max_delay = milliseconds(40);
  p.max_retries = 3;
  return p;
}

std::shared_ptr<Transport> transport_to(const std::string& url,
                                        milliseconds timeout = milliseconds(0),
                                        Logger logger = {}) {
  RestConfig c;
  c.server = url;
  c.timeout = timeout;
  auto t = Transport::create(c, logger, fast_retries());
  BOOST_REQUIRE(t.ok());
  return *t;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(kube_transport)

BOOST_AUTO_TEST_CASE(retry_rules) {
  BOOST_TEST(is_retry_safe("GET"));
  BOOST_TEST(is_retry_safe("HEAD"));
  BOOST_TEST(!is_retry_safe("POST"));
  BOOST_TEST(!is_retry_safe("PATCH"));
  RetryPolicy p;
  BOOST_TEST(retry_delay(1, 0, p).count() == 250);
  BOOST_TEST(retry_delay(2, 0, p).count() == 500);
  BOOST_TEST(retry_delay(10, 0, p).count() == 8000);    // capped
  BOOST_TEST(retry_delay(1, 3, p).count() == 3000);     // Retry-After honoured
  BOOST_TEST(retry_delay(1, 600, p).count() == 30000);  // but bounded
}

BOOST_AUTO_TEST_CASE(get_is_retried_after_a_connection_dropped_mid_response) {
  FaultyHttpServer server([](int n) { return n == 1 ? Fault::DropMidResponse : Fault::None; });
  auto t = transport_to(server.url());
  HttpRequest req;
  req.path = "/api/v1/namespaces";
  auto r = t->send(req);
  KUBE_REQUIRE_OK(r);
  BOOST_TEST(r->status == 200);
  BOOST_TEST(r->attempts == 2);
  BOOST_TEST(server.requests() == 2);
}

BOOST_AUTO_TEST_CASE(post_is_not_retried_after_a_dropped_connection) {
  FaultyHttpServer server([](int) { return Fault::DropMidResponse; });
  auto t = transport_to(server.url());
  HttpRequest req;
  req.method = "POST";
  req.path = "/api/v1/namespaces";
  req.body = "{}";
  auto r = t->send(req);
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(server.requests() == 1);
  BOOST_TEST((r.error().kind == ErrorKind::Cluster));
  BOOST_TEST(r.error().message.rfind("Unable to connect to the server: unexpected EOF", 0) == 0,
             r.error().message);
}

BOOST_AUTO_TEST_CASE(retries_are_bounded) {
  FaultyHttpServer server([](int) { return Fault::DropMidResponse; });
  auto t = transport_to(server.url());
  HttpRequest req;
  req.path = "/version";
  auto r = t->send(req);
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(server.requests() == 4);  // 1 + max_retries
}

BOOST_AUTO_TEST_CASE(a_stalled_response_hits_the_request_timeout) {
  // The server never answers on its own: only the client's timeout can end the request.
  FaultyHttpServer server([](int) { return Fault::Stall; });
  auto t = transport_to(server.url(), milliseconds(300));
  HttpRequest req;
  req.path = "/version";
  auto r = t->send(req);
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(r.error().message.find("Client.Timeout exceeded") != std::string::npos,
             r.error().message);
  BOOST_TEST((r.error().failure == FailureKind::Connection));
  BOOST_TEST(server.requests() == 1);  // a timeout is not retried
}

BOOST_AUTO_TEST_CASE(parallel_requests_are_in_flight_at_once) {
  // Each server holds its answer until both have a request: sent one after the other, the
  // first would wait for the second until the client's timeout.
  FaultyHttpServer a([](int) { return Fault::Stall; });
  FaultyHttpServer b([](int) { return Fault::Stall; });
  std::atomic<bool> finished{false};
  std::thread gate([&] {
    while (!finished && !(a.requests() == 1 && b.requests() == 1))
      std::this_thread::sleep_for(milliseconds(5));
    a.release();
    b.release();
  });
  auto ta = transport_to(a.url(), milliseconds(20000));
  auto tb = transport_to(b.url(), milliseconds(20000));
  HttpRequest req;
  req.path = "/version";
  auto results = Transport::send_all({{ta.get(), req}, {tb.get(), req}});
  finished = true;
  gate.join();
  BOOST_REQUIRE_EQUAL(results.size(), 2u);
  KUBE_REQUIRE_OK(results[0]);
  KUBE_REQUIRE_OK(results[1]);
  BOOST_TEST(a.abandoned() == 0);
  BOOST_TEST(b.abandoned() == 0);
}

BOOST_AUTO_TEST_CASE(retry_after_is_honoured) {
  // 429 with Retry-After: 1, then the answer. The wait is the one the policy computed from the
  // header (1 s), and the request was sent twice.
  FaultyHttpServer server(
      [](int) { return Fault::None; }, 0,
      [](int n) {
        CannedResponse r;
        if (n == 1) {
          r.status = 429;
          r.body = R"({"kind":"Status","status":"Failure","reason":"TooManyRequests","code":429})";
          r.extra_headers = "Retry-After: 1\r\n";
        }
        return r;
      });
  auto t = transport_to(server.url());
  HttpRequest req;
  req.method = "POST";  // a 429 is retried for every method: the server did not process it
  req.path = "/api/v1/namespaces";
  req.body = "{}";
  auto r = t->send(req);
  KUBE_REQUIRE_OK(r);
  BOOST_TEST(r->status == 200);
  BOOST_TEST(r->attempts == 2);
  BOOST_TEST(server.requests() == 2);
  BOOST_REQUIRE_EQUAL(r->retry_delays.size(), 1u);
  BOOST_TEST(r->retry_delays[0].count() == 1000);
}

BOOST_AUTO_TEST_CASE(backoff_delays_are_recorded_per_retry) {
  FaultyHttpServer server([](int) { return Fault::DropMidResponse; });
  auto t = transport_to(server.url());
  HttpRequest req;
  req.path = "/version";
  auto r = t->send(req);
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(server.requests() == 4);
  // The failed response is not returned; the delays of fast_retries() are 10, 20, 40 ms.
  FaultyHttpServer flaky([](int n) { return n < 3 ? Fault::DropMidResponse : Fault::None; });
  auto ok = transport_to(flaky.url())->send(req);
  KUBE_REQUIRE_OK(ok);
  BOOST_TEST(ok->attempts == 3);
  BOOST_TEST((ok->retry_delays == std::vector<milliseconds>{milliseconds(10), milliseconds(20)}));
}

BOOST_AUTO_TEST_CASE(a_body_over_the_limit_is_refused) {
  for (const bool chunked : {false, true}) {
    FaultyHttpServer server([](int) { return Fault::None; }, 0,
                            [chunked](int) {
                              CannedResponse r;
                              r.body = "{\"items\":\"" + std::string(300'000, 'x') + "\"}";
                              r.chunked = chunked;
                              return r;
                            });
    RestConfig c;
    c.server = server.url();
    c.max_response_bytes = 100'000;
    auto t = Transport::create(c, {}, fast_retries());
    BOOST_REQUIRE(t.ok());
    HttpRequest req;
    req.path = "/api/v1/secrets?limit=500";
    auto r = (*t)->send(req);
    BOOST_REQUIRE(!r.ok());
    BOOST_TEST(r.error().message == "Server returned an unexpected response: the answer to GET " +
                                        server.url() +
                                        "/api/v1/secrets?limit=500 is larger than 100000 bytes, "
                                        "the most this client accepts in one response",
               (chunked ? "chunked" : "Content-Length"));
    BOOST_TEST((r.error().kind == ErrorKind::Cluster));
    BOOST_TEST(server.requests() == 1);  // not retried
  }
  // At the limit exactly, the body is taken.
  FaultyHttpServer exact([](int) { return Fault::None; }, 0,
                         [](int) {
                           CannedResponse r;
                           r.body = "{\"a\":\"" + std::string(100'000 - 8, 'x') + "\"}";
                           r.chunked = true;
                           return r;
                         });
  RestConfig c;
  c.server = exact.url();
  c.max_response_bytes = 100'000;
  auto client = ApiClient::create(c, {}, fast_retries());
  BOOST_REQUIRE(client.ok());
  KUBE_REQUIRE_OK((*client)->get("/api/v1/namespaces/default"));
}

BOOST_AUTO_TEST_CASE(a_million_brackets_as_an_api_body_are_an_error_not_a_crash) {
  FaultyHttpServer server([](int) { return Fault::None; }, 0,
                          [](int) {
                            CannedResponse r;
                            r.body = std::string(1'000'000, '[');
                            r.chunked = true;
                            return r;
                          });
  std::string log;
  RestConfig c;
  c.server = server.url();
  auto client = ApiClient::create(
      c, Logger(9, [&](std::string_view line) { log += std::string(line) + "\n"; }),
      fast_retries());
  BOOST_REQUIRE(client.ok());
  auto r = (*client)->get("/api/v1/namespaces/default");
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(r.error().message ==
             "Server returned an unexpected response: the server's answer nests deeper than 1000 "
             "levels (HTTP 200, 1000000 bytes)");
  BOOST_TEST(log.find("Response Body: <body nested too deeply to show>") != std::string::npos,
             log.substr(0, 2000));
}

BOOST_AUTO_TEST_CASE(kubectl_detgw_reports_a_million_brackets_as_a_cluster_error) {
  FaultyHttpServer server([](int) { return Fault::None; }, 0,
                          [](int) {
                            CannedResponse r;
                            r.body = std::string(1'000'000, '[');
                            return r;
                          });
  auto r = detgw::test::run({DETGW_KUBECTL_DETGW, "status", "-A", "-v=8", "--server", server.url()},
                            {}, {"KUBECONFIG=/nonexistent/kubeconfig"});
  BOOST_TEST(r.exit_code == 4, r.err.substr(0, 2000));
  BOOST_TEST(r.err.find("the server's answer nests deeper than 1000 levels") != std::string::npos,
             r.err.substr(0, 2000));
  BOOST_TEST(r.err.find("[[[[") == std::string::npos);
  BOOST_TEST(server.requests() >= 1);
}

BOOST_AUTO_TEST_CASE(logs_requests_like_kubectl_at_v6) {
  FaultyHttpServer server([](int) { return Fault::None; });
  std::string log;
  auto t = transport_to(server.url(), milliseconds(0),
                        Logger(8, [&](std::string_view l) { log += std::string(l) + "\n"; }));
  HttpRequest req;
  req.path = "/version";
  req.headers = {{"Authorization", "Bearer very-secret-token"}};
  KUBE_REQUIRE_OK(t->send(req));
  BOOST_TEST(log.find("GET " + server.url() + "/version 200 OK in ") != std::string::npos, log);
  BOOST_TEST(log.find("Authorization: Bearer <masked>") != std::string::npos, log);
  BOOST_TEST(log.find("very-secret-token") == std::string::npos);
  BOOST_TEST(log.find("Response Body: ") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(proxy_url_carries_the_request) {
  // The "proxy" is the local server; the target address is unroutable, so an answer can only
  // have come through the proxy.
  FaultyHttpServer proxy([](int) { return Fault::None; });
  RestConfig c;
  c.server = "http://192.0.2.1:6443";  // TEST-NET-1, never routed
  c.proxy_url = proxy.url();
  c.timeout = milliseconds(3000);
  auto t = Transport::create(c, {}, fast_retries());
  BOOST_REQUIRE(t.ok());
  HttpRequest req;
  req.path = "/version";
  auto r = (*t)->send(req);
  KUBE_REQUIRE_OK(r);
  BOOST_TEST(r->status == 200);
  BOOST_TEST(proxy.requests() == 1);
}

BOOST_AUTO_TEST_CASE(refused_and_invalid_servers) {
  auto t = transport_to("https://127.0.0.1:1");
  HttpRequest req;
  req.path = "/version";
  auto r = t->send(req);
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(r.error().message ==
             "The connection to the server 127.0.0.1:1 was refused - did you specify the right "
             "host or port?");
  RestConfig bad;
  bad.server = "ftp://x";
  BOOST_TEST(!Transport::create(bad, {}).ok());
}

BOOST_AUTO_TEST_SUITE_END()
