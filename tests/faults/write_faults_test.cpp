// Faults while `prune --yes` and `capacity --set-max-listeners` write. After each fault the
// objects are read back from the real API server (not through the proxy): the Gateway is either
// untouched or carries the whole change, never a part of it; a clean run afterwards finishes the
// job. Writes are never resent after an ambiguous failure (connection reset, 5xx without
// Retry-After); a 429 was refused before processing and is resent.

#include <atomic>
#include <boost/test/unit_test.hpp>

#include "tests/faults/fault_lab.hpp"

namespace detgw::test::faults {
namespace {

const std::string kNamespace = "faults-prune";

// Two allocations leaked by a master that crashed after their Service (a listener, its
// annotation and a Service each, no route) beside one live allocation. Fixed ids and a reset
// Gateway make the state the same every time.
void leak_two_beside_a_live_one() {
  reset_gateway();
  kubectl({"create", "namespace", kNamespace});  // exists after the first test: fine
  auto alloc = [](const std::string& id, const std::string& leak) {
    std::vector<std::string> args = {"alloc",       "--gateway", kGateway, "--range",
                                     "40000-40999", "--ports",   "1",      "--namespace",
                                     kNamespace,    "--alloc",   id};
    if (!leak.empty()) args.insert(args.end(), {"--leak", leak});
    auto r = detsim(args);
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, "detsim alloc " + id + ": " + r.err);
  };
  alloc("fault-leak-a", "after-service");
  alloc("fault-live", "");
  alloc("fault-leak-b", "after-service");
}

// The Gateway's listeners and annotations in a gateway_state().
std::string gateway_part(const std::string& state) { return state.substr(0, state.find('\n')); }

const std::vector<std::string> kPrune = {"prune", "--gateway", kGateway, "--grace",
                                         "0s",    "--yes",     "-o",     "json"};

// The states prune goes through: before; the leaked Services removed and the Gateway as before
// (prune removes the Gateway's part last); after.
struct PruneStates {
  std::string before, objects_removed, after;
};

const PruneStates& prune_states() {
  static const PruneStates states = [] {
    PruneStates s;
    leak_two_beside_a_live_one();
    s.before = gateway_state(kNamespace);
    ProxiedLab stop_at_gateway([](const ProxyRequest& r) {
      return r.method == "PATCH" ? Fault::answer(503) : Fault::pass();
    });
    detgw(kPrune, stop_at_gateway.kubeconfig());
    s.objects_removed = gateway_state(kNamespace);
    auto rerun = detgw(kPrune, lab().kubeconfig);
    BOOST_REQUIRE_MESSAGE(rerun.exit_code == 0, rerun.err);
    s.after = gateway_state(kNamespace);
    BOOST_REQUIRE(s.before != s.objects_removed);
    BOOST_REQUIRE(s.objects_removed != s.after);
    BOOST_REQUIRE(gateway_part(s.objects_removed) == gateway_part(s.before));
    // The live allocation keeps its listener, route and Service.
    BOOST_REQUIRE(s.after.find("fault-live") != std::string::npos);
    BOOST_REQUIRE(s.after.find("fault-leak") == std::string::npos);
    return s;
  }();
  return states;
}

// The clean rerun completes whatever the fault left.
void rerun_completes() {
  auto r = detgw(kPrune, lab().kubeconfig);
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(gateway_state(kNamespace) == prune_states().after);
}

std::string caps_of(const std::string& n) {
  return "v1:" + n + "/" + n + " v1beta1:" + n + "/" + n + " ";
}

bool is_real_write(const ProxyRequest& r) {
  return r.method == "PATCH" && r.target.find("dryRun") == std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(write_faults)

BOOST_AUTO_TEST_CASE(prune_unavailable_on_the_gateway_patch_leaves_the_gateway_untouched) {
  const auto& states = prune_states();
  leak_two_beside_a_live_one();
  BOOST_REQUIRE(gateway_state(kNamespace) == states.before);
  ProxiedLab faulty([](const ProxyRequest& r) {
    return r.method == "PATCH" ? Fault::answer(503) : Fault::pass();
  });
  auto r = detgw(kPrune, faulty.kubeconfig());
  BOOST_TEST(r.exit_code == 4);
  BOOST_TEST(r.err.find("Service Unavailable") != std::string::npos, r.err);
  BOOST_TEST(faulty.proxy().count("PATCH") == 1);  // never resent
  BOOST_TEST(gateway_state(kNamespace) == states.objects_removed);
  rerun_completes();
}

BOOST_AUTO_TEST_CASE(prune_reset_after_the_gateway_patch_is_exit_4_and_the_whole_patch) {
  const auto& states = prune_states();
  leak_two_beside_a_live_one();
  // The server applies the patch; its answer is cut half way.
  ProxiedLab faulty([](const ProxyRequest& r) {
    return r.method == "PATCH" ? Fault::reset_mid_body() : Fault::pass();
  });
  auto r = detgw(kPrune, faulty.kubeconfig());
  BOOST_TEST(r.exit_code == 4);
  BOOST_TEST(r.err.find("connection reset by peer") != std::string::npos, r.err);
  BOOST_TEST(faulty.proxy().count("PATCH") == 1);
  BOOST_TEST(
      r.err.find("may or may not have been applied: run the prune again") != std::string::npos,
      r.err);
  BOOST_TEST(gateway_state(kNamespace) == states.after);
  rerun_completes();
}

BOOST_AUTO_TEST_CASE(prune_too_many_requests_on_the_patch_is_resent_and_succeeds) {
  const auto& states = prune_states();
  leak_two_beside_a_live_one();
  std::atomic<int> patches{0};
  ProxiedLab faulty([&](const ProxyRequest& r) {
    return r.method == "PATCH" && ++patches == 1 ? Fault::answer(429, 1) : Fault::pass();
  });
  auto r = detgw(kPrune, faulty.kubeconfig());
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(faulty.proxy().count("PATCH") == 2);
  BOOST_TEST(gateway_state(kNamespace) == states.after);
}

BOOST_AUTO_TEST_CASE(prune_500s_on_the_deletes_are_not_resent_and_write_nothing) {
  const auto& states = prune_states();
  leak_two_beside_a_live_one();
  ProxiedLab faulty([](const ProxyRequest& r) {
    return r.method == "DELETE" ? Fault::answer(500) : Fault::pass();
  });
  auto r = detgw(kPrune, faulty.kubeconfig());
  BOOST_TEST(r.exit_code == 4);
  BOOST_TEST(faulty.proxy().count("DELETE") == 1);  // the first failure ends the run
  BOOST_TEST(faulty.proxy().count("PATCH") == 0);
  BOOST_TEST(gateway_state(kNamespace) == states.before);
  rerun_completes();
}

BOOST_AUTO_TEST_CASE(prune_with_the_apiserver_killed_at_the_gateway_patch) {
  const auto& states = prune_states();
  leak_two_beside_a_live_one();
  std::atomic<bool> killed{false};
  ProxiedLab faulty([&](const ProxyRequest& r) {
    if (r.method == "PATCH" && !killed) killed = kill_apiserver();
    return Fault::pass();
  });
  auto r = detgw(kPrune, faulty.kubeconfig());
  restart_apiserver();
  BOOST_REQUIRE(killed);
  BOOST_TEST(r.exit_code == 4);
  BOOST_TEST(r.err.find("connection reset by peer") != std::string::npos, r.err);
  BOOST_TEST(r.err.find("run the prune again") != std::string::npos, r.err);
  BOOST_TEST(gateway_state(kNamespace) == states.objects_removed);
  rerun_completes();
}

BOOST_AUTO_TEST_CASE(prune_with_the_apiserver_killed_between_two_deletes) {
  const auto& states = prune_states();
  leak_two_beside_a_live_one();
  std::atomic<int> deletes{0};
  std::atomic<bool> killed{false};
  ProxiedLab faulty([&](const ProxyRequest& r) {
    if (r.method == "DELETE" && ++deletes == 2) killed = kill_apiserver();
    return Fault::pass();
  });
  auto r = detgw(kPrune, faulty.kubeconfig());
  restart_apiserver();
  BOOST_REQUIRE(killed);
  BOOST_TEST(r.exit_code == 4);
  // One Service gone, the other and the whole Gateway as before; the rerun finds the rest.
  const auto state = gateway_state(kNamespace);
  BOOST_TEST(gateway_part(state) == gateway_part(states.before));
  BOOST_TEST(state != states.before);
  BOOST_TEST(state != states.objects_removed);
  rerun_completes();
}

BOOST_AUTO_TEST_CASE(capacity_unavailable_on_the_write_changes_no_cap) {
  const std::string before = listener_caps();
  ProxiedLab faulty(
      [](const ProxyRequest& r) { return is_real_write(r) ? Fault::answer(503) : Fault::pass(); });
  auto r = detgw({"capacity", "--set-max-listeners", "80", "--yes"}, faulty.kubeconfig());
  BOOST_TEST(r.exit_code == 4);
  BOOST_TEST(r.err.find("Service Unavailable") != std::string::npos, r.err);
  BOOST_TEST(faulty.proxy().count("PATCH") == 2);  // the dry run, the write once
  BOOST_TEST(listener_caps() == before);
}

BOOST_AUTO_TEST_CASE(capacity_with_the_apiserver_killed_at_the_write_changes_no_cap) {
  const std::string before = listener_caps();
  std::atomic<bool> killed{false};
  ProxiedLab faulty([&](const ProxyRequest& r) {
    if (is_real_write(r) && !killed) killed = kill_apiserver();
    return Fault::pass();
  });
  auto r = detgw({"capacity", "--set-max-listeners", "80", "--yes"}, faulty.kubeconfig());
  restart_apiserver();
  BOOST_REQUIRE(killed);
  BOOST_TEST(r.exit_code == 4);
  BOOST_TEST(listener_caps() == before);
}

BOOST_AUTO_TEST_CASE(capacity_reset_after_the_write_is_exit_4_and_every_cap_raised) {
  ProxiedLab faulty([](const ProxyRequest& r) {
    return is_real_write(r) ? Fault::reset_mid_body() : Fault::pass();
  });
  auto r = detgw({"capacity", "--set-max-listeners", "90", "--yes"}, faulty.kubeconfig());
  BOOST_TEST(r.exit_code == 4);
  BOOST_TEST(r.err.find("connection reset by peer") != std::string::npos, r.err);
  BOOST_TEST(faulty.proxy().count("PATCH") == 2);
  BOOST_TEST(r.err.find("the caps may or may not have been raised") != std::string::npos, r.err);
  BOOST_TEST(listener_caps() == caps_of("90"));  // one patch: every version, spec and status
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace detgw::test::faults
