// kubectl detgw prune and capacity: the two commands that write to a live Gateway and its CRD,
// against the real lab. Leaks are made the way a crashed master makes them (detsim --leak), the
// race with a running master is real (detsim churn), and every refusal leaves things as they were.
#include <sys/types.h>

#include <boost/test/unit_test.hpp>
#include <csignal>
#include <future>
#include <thread>

#include "core/kube/api_client.hpp"
#include "core/kube/client_config.hpp"
#include "core/live/capacity.hpp"
#include "core/live/prune_plan.hpp"
#include "tests/common/test_support.hpp"
#include "tests/live-lab/lab_gateway.hpp"

using detgw::test::run;
using detgw::test::RunResult;
using namespace detgw::test::lab2;

namespace {

const std::string kCrd = "gateways.gateway.networking.k8s.io";

// A Job of the allocation, as the master creates one before the task's listeners (no
// controller-manager runs in the lab, so it stays as created).
void create_job(const std::string& allocation) {
  auto r = run({"kubectl", "--kubeconfig", kubeconfig(), "--context", kContext, "apply", "-f", "-"},
               "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: job-" + allocation +
                   "\n  namespace: default\n  labels: {determined: " + allocation +
                   "}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n"
                   "      containers: [{name: task, image: task}]\n");
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
}

std::string state_of(const rapidjson::Document& status, int port) {
  const auto* l = listener_at(status, port);
  return l ? (*l)["state"].GetString() : "absent";
}

std::string crd_caps() {
  return kubectl({"get", "crd", kCrd, "-o",
                  "jsonpath={range .spec.versions[*]}{.name}:{.schema.openAPIV3Schema.properties."
                  "spec.properties.listeners.maxItems}/{.schema.openAPIV3Schema.properties.status."
                  "properties.listeners.maxItems} {end}"})
      .out;
}

std::string lab_env(const std::string& key) { return detgw::test::lab_env_value(run_dir(), key); }

std::unique_ptr<detgw::kube::ApiClient> admin_client() {
  detgw::kube::ConfigOverrides o;
  o.kubeconfig = kubeconfig();
  o.context = kContext;
  auto config = detgw::kube::load_client_config(o);
  BOOST_REQUIRE(config.ok());
  auto client = detgw::kube::ApiClient::create(config->rest);
  BOOST_REQUIRE(client.ok());
  return std::move(*client);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(kubectl_detgw_write)

BOOST_AUTO_TEST_CASE(prune_removes_exactly_what_leaked) {
  reset_gateway();
  auto live = parse(alloc("live", 2).out);
  auto leak_listener = parse(alloc("leak-listener", 1, "after-listeners").out);
  auto leak_service = parse(alloc("leak-service", 1, "after-service").out);
  // A task that is starting: its listener is there, its route not yet, its Job exists.
  create_job("starting");
  auto starting = parse(alloc("starting", 1, "after-listeners").out);
  // A route whose listener is gone (a hand edit, or a master that freed the port first).
  auto dangling = parse(alloc("dangling", 1).out);
  const int dangling_port = dangling["ports"][0].GetInt();
  auto gw = parse(kubectl({"-n", "projectcontour", "get", "gateway", "contour", "-o", "json"}).out);
  int index = 0;
  for (const auto& l : gw["spec"]["listeners"].GetArray()) {
    if (l["port"].GetInt() == dangling_port) break;
    ++index;
  }
  auto r = kubectl(
      {"-n", "projectcontour", "patch", "gateway", "contour", "--type=json", "-p",
       R"([{"op":"remove","path":"/spec/listeners/)" + std::to_string(index) +
           R"("},{"op":"remove","path":"/metadata/annotations/determined.ai~1det-gateway-port-)" +
           std::to_string(dangling_port) + R"("}])"});
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);

  // The dry run says what would go and changes nothing.
  const auto before = gateway_spec_and_annotations();
  auto dry = plugin({"prune", "--gateway", kGateway, "--grace", "0s", "-o", "json"});
  BOOST_REQUIRE_MESSAGE(dry.exit_code == 0, dry.err);
  auto plan = parse(dry.out);
  BOOST_TEST(plan["dryRun"].GetBool());
  BOOST_TEST(plan["removed"].Size() == 0u);
  BOOST_TEST(plan["leaks"].Size() == 7u,
             dry.out);  // 2 listeners, 2 annotations, 1 route, 2 services
  BOOST_TEST(gateway_spec_and_annotations() == before);

  auto applied = plugin({"prune", "--gateway", kGateway, "--grace", "0s", "--yes", "-o", "json"});
  BOOST_REQUIRE_MESSAGE(applied.exit_code == 0, applied.err);
  auto done = parse(applied.out);
  BOOST_TEST(!done["dryRun"].GetBool());
  BOOST_TEST(done["removed"].Size() == 7u, applied.out);
  std::set<std::string> removed_allocations;
  for (const auto& item : done["removed"].GetArray())
    removed_allocations.insert(item["allocation"].GetString());
  BOOST_TEST(
      (removed_allocations == std::set<std::string>{"leak-listener", "leak-service", "dangling"}));

  auto status = parse(plugin({"status", "--gateway", kGateway, "-o", "json"}).out);
  for (const auto& p : live["ports"].GetArray()) BOOST_TEST(state_of(status, p.GetInt()) == "ok");
  BOOST_TEST(state_of(status, starting["ports"][0].GetInt()) == "no-route");  // kept: Job exists
  BOOST_TEST(state_of(status, leak_listener["ports"][0].GetInt()) == "absent");
  BOOST_TEST(state_of(status, leak_service["ports"][0].GetInt()) == "absent");
  BOOST_TEST(state_of(status, dangling_port) == "absent");
  BOOST_TEST(state_of(status, 52335) == "foreign");
  auto services = kubectl({"get", "services", "-A", "-l", "determined", "-o", "name"}).out;
  BOOST_TEST(services.find(leak_service["services"][0].GetString()) == std::string::npos);
  BOOST_TEST(services.find(dangling["services"][0].GetString()) == std::string::npos);
  BOOST_TEST(services.find(live["services"][0].GetString()) != std::string::npos);
  auto routes = kubectl({"get", "tcproutes", "-A", "-o", "name"}).out;
  BOOST_TEST(routes.find(dangling["routes"][0].GetString()) == std::string::npos);
  BOOST_TEST(routes.find(live["routes"][1].GetString()) != std::string::npos);

  // Nothing left to do: a second run removes nothing.
  auto again =
      parse(plugin({"prune", "--gateway", kGateway, "--grace", "0s", "--yes", "-o", "json"}).out);
  BOOST_TEST(again["removed"].Size() == 0u);
  kubectl({"delete", "job", "job-starting", "-n", "default"});
  reset_gateway();
}

BOOST_AUTO_TEST_CASE(prune_with_grace_keeps_what_was_not_leaked_long_enough) {
  reset_gateway();
  alloc("early", 1, "after-listeners");
  auto r = plugin({"prune", "--gateway", kGateway, "--grace", "3s", "--yes", "-o", "json"});
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  BOOST_TEST(parse(r.out)["removed"].Size() == 2u);  // still leaked 3 s later: listener, annotation
  reset_gateway();
  // A leak whose allocation's listener goes away and comes back under another owner is not
  // the same leak: the port's annotation names a new allocation in the second observation.
  alloc("first", 1, "after-listeners");
  auto prune = std::async(std::launch::async, [] {
    return plugin({"prune", "--gateway", kGateway, "--grace", "4s", "--yes", "-o", "json"});
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // inside the grace period
  reset_gateway();
  auto second = parse(alloc("second", 1, "after-listeners").out);
  auto result = prune.get();
  BOOST_REQUIRE_MESSAGE(result.exit_code == 0, result.err);
  BOOST_TEST(parse(result.out)["removed"].Size() == 0u, result.out);
  auto status = parse(plugin({"status", "--gateway", kGateway, "-o", "json"}).out);
  BOOST_TEST(state_of(status, second["ports"][0].GetInt()) == "no-route");
  reset_gateway();
}

BOOST_AUTO_TEST_CASE(prune_racing_a_running_master_never_loses_a_live_listener) {
  reset_gateway();
  std::atomic<bool> churning{true};
  auto churn = std::async(std::launch::async, [&] {
    auto r = detsim({"churn", "--gateway", kGateway, "--range", "41000-41999", "--namespace",
                     "default", "--rate", "10", "--duration", "8s", "--workers", "1"});
    churning = false;
    return r;
  });
  auto pruner = std::async(std::launch::async, [&] {
    int runs = 0, failures = 0;
    while (churning) {
      auto r = plugin({"prune", "--gateway", kGateway, "--grace", "1s", "--yes"});
      ++runs;
      if (r.exit_code != 0) ++failures;
    }
    return std::pair{runs, failures};
  });
  // Long-lived tasks started while both run.
  std::vector<rapidjson::Document> held;
  for (int i = 0; i < 6; ++i) {
    held.push_back(parse(alloc("held-" + std::to_string(i), 2).out));
    std::this_thread::sleep_for(std::chrono::milliseconds(700));
  }
  auto churned = churn.get();
  auto [runs, failures] = pruner.get();
  BOOST_TEST_MESSAGE("prune ran " << runs << " times during the churn");
  BOOST_REQUIRE_MESSAGE(churned.exit_code == 0, churned.err);
  auto churn_result = parse(churned.out);
  BOOST_TEST(churn_result["errors"].GetInt() == 0, churned.out);
  BOOST_TEST(churn_result["duplicate_ports"].GetInt() == 0, churned.out);
  BOOST_TEST(runs > 1);
  BOOST_TEST(failures == 0);
  auto status = parse(plugin({"status", "--gateway", kGateway, "-o", "json"}).out);
  for (const auto& h : held)
    for (const auto& p : h["ports"].GetArray())
      BOOST_TEST(state_of(status, p.GetInt()) == "ok", h["alloc"].GetString() << " " << p.GetInt());
  for (const auto& h : held)
    for (const auto& p : h["ports"].GetArray())
      BOOST_TEST((*listener_at(status, p.GetInt()))["backendExists"].GetBool());
  reset_gateway();
}

BOOST_AUTO_TEST_CASE(refusals_leave_gateway_and_crd_as_they_were) {
  reset_gateway();
  alloc("leak-403", 1, "after-listeners");
  const auto gateway_before = gateway_spec_and_annotations();
  const auto caps_before = crd_caps();

  // 403: the viewer may not read, let alone write.
  auto viewer = run({DETGW_KUBECTL_DETGW, "prune", "--gateway", kGateway, "--grace", "0s", "--yes",
                     "--kubeconfig", kubeconfig(), "--context", "lab2-viewer"});
  BOOST_TEST(viewer.exit_code == 4);
  BOOST_TEST(viewer.err.find("Forbidden") != std::string::npos, viewer.err);
  auto viewer_cap = run({DETGW_KUBECTL_DETGW, "capacity", "--set-max-listeners", "128", "--yes",
                         "--kubeconfig", kubeconfig(), "--context", "lab2-viewer"});
  BOOST_TEST(viewer_cap.exit_code == 4);
  BOOST_TEST(viewer_cap.err.find("Forbidden") != std::string::npos, viewer_cap.err);

  // 409: writes planned on what changed meanwhile are refused by their guards.
  auto client = admin_client();
  auto stale_crd = detgw::live::read_capacity(*client);
  BOOST_REQUIRE(stale_crd.ok());
  for (auto& v : stale_crd->crd.versions) v.spec_max_listeners = 63;  // not what the CRD says
  auto conflict = detgw::live::change_max_listeners(*client, stale_crd->crd, 128, false);
  BOOST_REQUIRE(!conflict.ok());
  BOOST_TEST(conflict.error().conflict(), conflict.error().describe());
  auto gw =
      client->get("/apis/gateway.networking.k8s.io/v1/namespaces/projectcontour/gateways/contour");
  BOOST_REQUIRE(gw.ok());
  auto stale_gateway = detgw::live::parse_gateway(*gw);
  std::vector<detgw::live::PruneItem> removed;
  const auto port = stale_gateway.port_owners.begin()->first;
  auto patch = detgw::live::gateway_prune_patch(
      stale_gateway,
      {{detgw::live::PruneItem::Kind::Listener,
        "leak-403",
        port,
        "det-" + std::to_string(port),
        {},
        {}},
       {detgw::live::PruneItem::Kind::Annotation, "leak-403", port, {}, {}, {}}},
      removed);
  BOOST_REQUIRE(!patch.empty());
  // Meanwhile the master gives the port to another allocation.
  auto r = kubectl({"-n", "projectcontour", "annotate", "--overwrite", "gateway", "contour",
                    "determined.ai/det-gateway-port-" + std::to_string(port) + "=reused"});
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  auto refused = client->json_patch(
      "/apis/gateway.networking.k8s.io/v1/namespaces/projectcontour/gateways/contour", patch);
  BOOST_REQUIRE(!refused.ok());
  BOOST_TEST(refused.error().conflict(), refused.error().describe());
  r = kubectl({"-n", "projectcontour", "annotate", "--overwrite", "gateway", "contour",
               "determined.ai/det-gateway-port-" + std::to_string(port) + "=leak-403"});
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);

  // A stopped API server: exit 4 within the request timeout.
  const pid_t apiserver = std::stoi(lab_env("LAB2_APISERVER_PID"));
  RunResult stopped, stopped_cap;
  {
    BOOST_REQUIRE(kill(apiserver, SIGSTOP) == 0);
    struct Resume {
      pid_t pid;
      ~Resume() { kill(pid, SIGCONT); }
    } resume{apiserver};
    stopped = plugin(
        {"prune", "--gateway", kGateway, "--grace", "0s", "--yes", "--request-timeout", "3s"});
    stopped_cap =
        plugin({"capacity", "--set-max-listeners", "128", "--yes", "--request-timeout", "3s"});
  }
  BOOST_TEST(stopped.exit_code == 4, stopped.err);
  BOOST_TEST(stopped_cap.exit_code == 4, stopped_cap.err);
  BOOST_TEST(stopped.err.find("Error: ") != std::string::npos, stopped.err);

  BOOST_TEST(gateway_spec_and_annotations() == gateway_before);
  BOOST_TEST(crd_caps() == caps_before);
  reset_gateway();
}

BOOST_AUTO_TEST_CASE(capacity_raises_every_cap_and_the_gateway_holds_100_listeners) {
  reset_gateway();
  auto shown = parse(plugin({"capacity", "-o", "json"}).out);
  BOOST_TEST(shown["before"]["versions"][0]["specMaxListeners"].GetInt() == 64);
  BOOST_TEST(shown["before"]["bundleVersion"].GetString() == std::string("v1.3.0"));

  auto dry = plugin({"capacity", "--set-max-listeners", "128", "--dry-run"});
  BOOST_TEST(dry.exit_code == 0, dry.err);
  BOOST_TEST(crd_caps() == "v1:64/64 v1beta1:64/64 ");

  auto probe = parse(plugin({"capacity", "--probe", "-o", "json"}).out);
  BOOST_TEST(probe["probedMaxListeners"].GetInt() >= 128);
  BOOST_TEST_MESSAGE("largest accepted cap: " << probe["probedMaxListeners"].GetInt());
  BOOST_TEST(crd_caps() == "v1:64/64 v1beta1:64/64 ");  // probing writes nothing
  auto too_many = plugin({"capacity", "--set-max-listeners", "100000", "--yes"});
  BOOST_TEST(too_many.exit_code == 1, too_many.out << too_many.err);
  BOOST_TEST(too_many.out.find("budget") != std::string::npos, too_many.out);
  BOOST_TEST(crd_caps() == "v1:64/64 v1beta1:64/64 ");

  auto set = plugin({"capacity", "--set-max-listeners", "128", "--yes"});
  BOOST_TEST(set.exit_code == 0, set.out << set.err);
  BOOST_TEST(crd_caps() == "v1:128/128 v1beta1:128/128 ");
  alloc("hundred", 99);  // + the seed listener
  // Contour still writes the status of all 100 listeners.
  int listed = 0;
  for (int i = 0; i < 60 && listed != 100; ++i) {
    listed = std::stoi(kubectl({"-n", "projectcontour", "get", "gateway", "contour", "-o",
                                "go-template={{len .status.listeners}}"})
                           .out);
    if (listed != 100) std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  BOOST_TEST(listed == 100);
  auto status = parse(plugin({"status", "--gateway", kGateway, "-o", "json"}).out);
  BOOST_TEST(status["summary"]["listeners"].GetInt() == 100);
  BOOST_TEST(status["summary"]["specCap"].GetInt() == 128);
  reset_gateway();
  auto back = plugin({"capacity", "--set-max-listeners", "64", "--yes"});
  BOOST_TEST(back.exit_code == 0, back.err);
  BOOST_TEST(crd_caps() == "v1:64/64 v1beta1:64/64 ");
}

BOOST_AUTO_TEST_SUITE_END()
