// Numbers and durations on the command line of both plugins: out of range, negative or not a
// number is a usage error (exit 2) with a message naming the flag, never an exception, an
// abort or a silently clamped value.
#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "tests/common/test_support.hpp"

using detgw::test::run;

namespace {

const std::string kHelm = DETGW_HELM_MULTIRM;
const std::string kKubectl = DETGW_KUBECTL_DETGW;

// No cluster is reachable: a flag that got through would fail later with exit 3 or 4.
const std::vector<std::string> kNoCluster = {"KUBECONFIG=/nonexistent/kubeconfig"};

void expect_usage_error(const std::vector<std::string>& argv, const std::string& message) {
  BOOST_TEST_CONTEXT(argv[1] << " " << argv[2] << " " << argv[3] << " " << argv.back()) {
    auto r = run(argv, {}, kNoCluster);
    BOOST_TEST(r.exit_code == 2, r.err);
    BOOST_TEST(r.err.find(message) != std::string::npos, r.err);
    BOOST_TEST(r.err.find("terminate called") == std::string::npos, r.err);
    BOOST_TEST(r.err.find("were not expected") == std::string::npos, r.err);
    BOOST_TEST(r.out.empty(), r.out);
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(e2e_flag_values)

BOOST_AUTO_TEST_CASE(request_timeout_out_of_range_before_or_after_the_command) {
  const std::string out_of_range =
      "--request-timeout: invalid timeout value \"99999999999999999999\": out of range";
  expect_usage_error({kKubectl, "--request-timeout", "99999999999999999999", "status"},
                     out_of_range);
  expect_usage_error({kKubectl, "status", "--request-timeout", "99999999999999999999"},
                     out_of_range);
  expect_usage_error({kKubectl, "doctor", "--request-timeout=99999999999999999999h", "-A"},
                     "out of range");
  for (const char* bad : {"-5", "soon", "1.2.3s", "5x"})
    expect_usage_error({kKubectl, "prune", "--request-timeout", bad},
                       "timeout must be a single integer in seconds");
}

BOOST_AUTO_TEST_CASE(kubectl_flags_go_before_the_command_as_with_kubectl) {
  // Accepted there, they reach the command: the missing kubeconfig is what fails.
  auto r = run({kKubectl, "--context", "nowhere", "-v=6", "status"}, {}, kNoCluster);
  BOOST_TEST(r.exit_code == 3, r.err);
  BOOST_TEST(
      r.err.find("context was not found for specified context: nowhere") != std::string::npos,
      r.err);
  expect_usage_error({kKubectl, "--bogus", "status", "-A"}, "--bogus");
}

BOOST_AUTO_TEST_CASE(other_numbers_of_kubectl_detgw) {
  expect_usage_error({kKubectl, "status", "-v", "99999999999999999999"}, "--v");
  expect_usage_error({kKubectl, "status", "-v", "loud"}, "--v");
  for (const char* bad : {"99999999999999999999", "-1", "0", "many"})
    expect_usage_error({kKubectl, "capacity", "--set-max-listeners", bad}, "--set-max-listeners");
  for (const char* bad : {"99999999999999999999", "-1s", "soon"})
    expect_usage_error({kKubectl, "prune", "--grace", bad}, "--grace takes a duration");
}

BOOST_AUTO_TEST_CASE(numbers_of_helm_multirm) {
  for (const char* command : {"lint", "render"})
    for (const char* bad : {"99999999999999999999", "-1", "0", "many"})
      expect_usage_error({kHelm, command, "--max-listeners", bad}, "--max-listeners");
  for (const char* bad : {"99999999999999999999", "99999999999999999999h", "0", "soon"})
    expect_usage_error({kHelm, "lint", "--live", "--timeout", bad}, "--timeout");
  for (const char* bad : {"99999999999999999999", "-5", "many"})
    expect_usage_error({kHelm, "add-cluster", "east", "--max-slots-per-pod", bad},
                       "--max-slots-per-pod");
  for (const char* bad : {"99999999999999999999", "70000", "0", "-7"})
    expect_usage_error({kHelm, "add-cluster", "east", "--master-port", bad}, "--master-port");
  for (const char* bad : {"99999999999999999999", "99999999999999999999h", "1m"})
    expect_usage_error({kHelm, "add-cluster", "east", "--token-duration", bad}, "--token-duration");
}

BOOST_AUTO_TEST_SUITE_END()
