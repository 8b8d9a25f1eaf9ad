#include "core/kube/transport.hpp"

#include <boost/test/unit_test.hpp>
#include <chrono>

#include "core/kube/api_client.hpp"
#include "tests/kube/faulty_http_server.hpp"
#include "tests/kube/kube_test_util.hpp"

using namespace detgw;
using namespace detgw::kube;
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

BOOST_AUTO_TEST_CASE(slow_response_hits_the_request_timeout) {
  FaultyHttpServer server([](int) { return Fault::Slow; }, 3000);
  auto t = transport_to(server.url(), milliseconds(300));
  HttpRequest req;
  req.path = "/version";
  const auto t0 = std::chrono::steady_clock::now();
  auto r = t->send(req);
  const auto took = std::chrono::steady_clock::now() - t0;
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(r.error().message.find("Client.Timeout exceeded") != std::string::npos,
             r.error().message);
  BOOST_TEST(took < std::chrono::milliseconds(1500));
  BOOST_TEST(server.requests() == 1);  // a timeout is not retried
}

BOOST_AUTO_TEST_CASE(parallel_requests_to_slow_servers_take_one_delay_not_the_sum) {
  FaultyHttpServer a([](int) { return Fault::Slow; }, 400);
  FaultyHttpServer b([](int) { return Fault::Slow; }, 400);
  auto ta = transport_to(a.url());
  auto tb = transport_to(b.url());
  HttpRequest req;
  req.path = "/version";
  const auto t0 = std::chrono::steady_clock::now();
  auto results = Transport::send_all({{ta.get(), req}, {tb.get(), req}});
  const auto took = std::chrono::steady_clock::now() - t0;
  BOOST_REQUIRE_EQUAL(results.size(), 2u);
  BOOST_TEST(results[0].ok());
  BOOST_TEST(results[1].ok());
  BOOST_TEST(took < std::chrono::milliseconds(750));
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
