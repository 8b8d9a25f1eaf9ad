// Faults on the way to and from the API server while the read-only commands run (status, doctor,
// helm multirm lint --live): what the client retries, and the exit code and message when it
// gives up (SPEC §3: 4 = cluster error). The proxy counts requests; nothing here measures time.

#include <boost/test/unit_test.hpp>

#include "tests/faults/fault_lab.hpp"

namespace detgw::test::faults {
namespace {

const std::vector<std::string> kStatus = {"status", "--gateway", kGateway, "-o", "json"};

// stdout with the proxy's address (it differs from run to run) taken out.
std::string stdout_of(const RunResult& r, const FaultInjectingProxy& proxy) {
  std::string out = r.out;
  const std::string url = proxy.url();
  for (auto at = out.find(url); at != std::string::npos; at = out.find(url))
    out.replace(at, url.size(), "PROXY");
  return out;
}

// A fault-free run through the proxy, to compare a recovered run with.
std::string clean_stdout(const std::vector<std::string>& args, int* exit_code = nullptr) {
  ProxiedLab clean([](const ProxyRequest&) { return Fault::pass(); });
  auto r = detgw(args, clean.kubeconfig());
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0 || r.exit_code == 1, r.err);
  if (exit_code) *exit_code = r.exit_code;
  return stdout_of(r, clean.proxy());
}

// Every target the command asked for was seen exactly `n` times.
void each_target_seen(const FaultInjectingProxy& proxy, int n) {
  const auto counts = attempts_per_target(proxy);
  BOOST_REQUIRE(!counts.empty());
  for (const auto& [target, count] : counts) BOOST_TEST(count == n, target);
}

RunResult lint_live(const std::string& kubeconfig) {
  TempDir dir;
  const auto values = dir.write("values.yaml",
                                "maxSlotsPerPod: 1\n"
                                "initialUserPassword: Fault-Pass-1\n");
  return run({DETGW_HELM_MULTIRM, "lint", "--live", "--no-chart-render", "-f", values.string()}, {},
             {"KUBECONFIG=" + kubeconfig, "HELM_NAMESPACE=default", "HELM_KUBECONTEXT="});
}

}  // namespace

BOOST_AUTO_TEST_SUITE(read_faults)

BOOST_AUTO_TEST_CASE(a_connection_reset_mid_body_is_retried_for_a_get) {
  const auto expected = clean_stdout(kStatus);
  ProxiedLab faulty(first_attempts(1, Fault::reset_mid_body()));
  auto r = detgw(kStatus, faulty.kubeconfig());
  BOOST_TEST(r.exit_code == 0, r.err);
  each_target_seen(faulty.proxy(), 2);  // each GET once more
  BOOST_TEST(stdout_of(r, faulty.proxy()) == expected);
}

BOOST_AUTO_TEST_CASE(resets_on_every_attempt_are_exit_4_after_the_retry_budget) {
  ProxiedLab faulty([](const ProxyRequest&) { return Fault::reset_mid_body(); });
  auto r = detgw(kStatus, faulty.kubeconfig());
  BOOST_TEST(r.exit_code == 4);
  BOOST_TEST(r.out.empty());
  BOOST_TEST(r.err.find("connection reset by peer") != std::string::npos, r.err);
  each_target_seen(faulty.proxy(), 6);  // 1 + 5 retries, then no more
  require_no_credential(r.out + r.err);
}

BOOST_AUTO_TEST_CASE(a_stalled_response_ends_at_the_request_timeout_with_exit_4) {
  ProxiedLab faulty([](const ProxyRequest&) { return Fault::stall(); });
  auto r = detgw({"status", "--gateway", kGateway, "--request-timeout", "1s"}, faulty.kubeconfig());
  BOOST_TEST(r.exit_code == 4);
  BOOST_TEST(r.err.find("Client.Timeout exceeded") != std::string::npos, r.err);
  each_target_seen(faulty.proxy(), 1);  // a timeout is not retried
  require_no_credential(r.out + r.err);
}

BOOST_AUTO_TEST_CASE(too_many_requests_with_retry_after_then_success) {
  const auto expected = clean_stdout(kStatus);
  ProxiedLab faulty(first_attempts(2, Fault::answer(429, 1)));
  auto r = detgw(kStatus, faulty.kubeconfig());
  BOOST_TEST(r.exit_code == 0, r.err);
  each_target_seen(faulty.proxy(), 3);
  BOOST_TEST(stdout_of(r, faulty.proxy()) == expected);
}

BOOST_AUTO_TEST_CASE(too_many_requests_forever_is_exit_4_with_the_servers_message) {
  ProxiedLab faulty([](const ProxyRequest&) { return Fault::answer(429, 1); });
  auto r = detgw(kStatus, faulty.kubeconfig());
  BOOST_TEST(r.exit_code == 4);
  BOOST_TEST(r.out.empty());
  BOOST_TEST(r.err.find("Too Many Requests") != std::string::npos, r.err);
  each_target_seen(faulty.proxy(), 6);
}

BOOST_AUTO_TEST_CASE(a_burst_of_unavailable_is_retried_for_gets) {
  const auto expected = clean_stdout(kStatus);
  ProxiedLab faulty(first_attempts(3, Fault::answer(503)));
  auto r = detgw(kStatus, faulty.kubeconfig());
  BOOST_TEST(r.exit_code == 0, r.err);
  each_target_seen(faulty.proxy(), 4);
  BOOST_TEST(stdout_of(r, faulty.proxy()) == expected);
}

BOOST_AUTO_TEST_CASE(a_burst_of_500s_with_retry_after_is_retried_for_gets) {
  const auto expected = clean_stdout(kStatus);
  ProxiedLab faulty(first_attempts(3, Fault::answer(500, 1)));
  auto r = detgw(kStatus, faulty.kubeconfig());
  BOOST_TEST(r.exit_code == 0, r.err);
  each_target_seen(faulty.proxy(), 4);
  BOOST_TEST(stdout_of(r, faulty.proxy()) == expected);
}

BOOST_AUTO_TEST_CASE(a_plain_500_is_the_servers_answer_exit_4) {
  // As client-go: a 500 without Retry-After is not a transient condition.
  ProxiedLab faulty([](const ProxyRequest&) { return Fault::answer(500); });
  auto r = detgw(kStatus, faulty.kubeconfig());
  BOOST_TEST(r.exit_code == 4);
  BOOST_TEST(r.err.find("Internal Server Error") != std::string::npos, r.err);
  each_target_seen(faulty.proxy(), 1);
}

BOOST_AUTO_TEST_CASE(doctor_recovers_from_a_burst_of_unavailable) {
  const std::vector<std::string> args = {"doctor", "--gateway", kGateway, "-o", "json"};
  int expected_exit = -1;
  const auto expected = clean_stdout(args, &expected_exit);
  ProxiedLab faulty(first_attempts(2, Fault::answer(503)));
  auto r = detgw(args, faulty.kubeconfig());
  BOOST_TEST(r.exit_code == expected_exit, r.err);
  each_target_seen(faulty.proxy(), 3);
  BOOST_TEST(stdout_of(r, faulty.proxy()) == expected);
}

BOOST_AUTO_TEST_CASE(doctor_with_connections_closed_unanswered_is_exit_4) {
  ProxiedLab faulty([](const ProxyRequest&) { return Fault::close(); });
  auto r = detgw({"doctor", "--gateway", kGateway}, faulty.kubeconfig());
  BOOST_TEST(r.exit_code == 4);
  BOOST_TEST(r.err.find("unexpected EOF") != std::string::npos, r.err);
  require_no_credential(r.out + r.err);
}

BOOST_AUTO_TEST_CASE(lint_live_recovers_from_too_many_requests) {
  ProxiedLab faulty(first_attempts(1, Fault::answer(429, 1)));
  auto r = lint_live(faulty.kubeconfig());
  BOOST_TEST(r.exit_code == 0, r.out + r.err);
  each_target_seen(faulty.proxy(), 2);
}

BOOST_AUTO_TEST_CASE(lint_live_against_a_default_cluster_that_always_refuses_is_exit_4) {
  ProxiedLab faulty([](const ProxyRequest&) { return Fault::answer(429, 1); });
  auto r = lint_live(faulty.kubeconfig());
  BOOST_TEST(r.exit_code == 4, r.out + r.err);
  BOOST_TEST(r.err.find("Too Many Requests") != std::string::npos, r.err);
  require_no_credential(r.out + r.err);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace detgw::test::faults
