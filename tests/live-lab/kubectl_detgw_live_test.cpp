// kubectl detgw status, doctor and config against the real lab: the Gateway state is made the way
// the Determined master makes it (detsim, with the master's own libraries), or the way an
// administrator breaks it (kubectl), and every command runs as the real binary. Everything runs
// on cluster lab2, whose Gateway each test resets first.
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

#include "tests/common/test_support.hpp"
#include "tests/live-lab/lab_gateway.hpp"

using detgw::test::run;
using detgw::test::RunResult;

namespace {

const std::string kBinary = DETGW_KUBECTL_DETGW;
const std::string kHelmMultirm = DETGW_HELM_MULTIRM;

}  // namespace

using namespace detgw::test::lab2;

BOOST_AUTO_TEST_SUITE(kubectl_detgw_live)

BOOST_AUTO_TEST_CASE(status_rows_are_detsims_ground_truth) {
  reset_gateway();
  auto live = parse(alloc("alloc-live", 2).out);
  auto leak = parse(alloc("alloc-leak", 1, "after-listeners").out);
  auto r = plugin({"status", "--gateway", kGateway, "-o", "json"});
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  auto status = parse(r.out);
  BOOST_TEST(status["listeners"].Size() == 4u);
  for (std::size_t i = 0; i < 2; ++i) {
    const int port = live["ports"][static_cast<rapidjson::SizeType>(i)].GetInt();
    const auto* l = listener_at(status, port);
    BOOST_REQUIRE(l);
    BOOST_TEST((*l)["owner"].GetString() == std::string("alloc-live"));
    BOOST_TEST((*l)["name"].GetString() == "det-" + std::to_string(port));
    BOOST_TEST((*l)["state"].GetString() == std::string("ok"));
    BOOST_TEST((*l)["backendExists"].GetBool());
    const std::string route = (*l)["route"].GetString();
    BOOST_TEST(route ==
               "default/" +
                   std::string(live["routes"][static_cast<rapidjson::SizeType>(i)].GetString()));
  }
  const auto* leaked = listener_at(status, leak["ports"][0].GetInt());
  BOOST_REQUIRE(leaked);
  BOOST_TEST((*leaked)["owner"].GetString() == std::string("alloc-leak"));
  BOOST_TEST((*leaked)["state"].GetString() == std::string("no-route"));
  const auto* seed = listener_at(status, 52335);
  BOOST_REQUIRE(seed);
  BOOST_TEST((*seed)["state"].GetString() == std::string("foreign"));
  BOOST_TEST((*seed)["owner"].GetString() == std::string("foreign"));
  BOOST_TEST(status["summary"]["listeners"].GetInt() == 4);
  BOOST_TEST(status["summary"]["determined"].GetInt() == 3);
  BOOST_TEST(status["summary"]["specCap"].GetInt() == 64);

  auto text = plugin({"status", "-A"});
  BOOST_TEST(text.exit_code == 0, text.err);
  BOOST_TEST(text.out.find("no-route") != std::string::npos, text.out);
  BOOST_TEST(text.out.find("4/64 listeners") != std::string::npos, text.out);
  std::istringstream lines(text.out);
  std::string line;
  while (std::getline(lines, line)) BOOST_TEST(line.size() <= 100u, line);
}

BOOST_AUTO_TEST_CASE(a_consistent_gateway_passes_every_check) {
  reset_gateway();
  alloc("alloc-ok", 2);
  // Wait for Contour to accept the routes, as an administrator would before judging.
  for (int i = 0; i < 60; ++i) {
    auto s = parse(plugin({"status", "--gateway", kGateway, "-o", "json"}).out);
    if (s["listeners"][0]["attachedRoutes"].IsInt() &&
        s["listeners"][0]["attachedRoutes"].GetInt() == 1)
      break;
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  auto r = plugin({"doctor", "--gateway", kGateway, "--pre", "-o", "json"});
  BOOST_TEST(r.exit_code == 0, r.out << r.err);
  auto report = parse(r.out);
  BOOST_TEST(report["findings"].Size() == 0u, r.out);
  BOOST_TEST(report["checks"].Size() == 19u);
  auto text = plugin({"doctor", "--gateway", kGateway});
  BOOST_TEST(text.out.find("✔ all checks passed") != std::string::npos, text.out);
}

BOOST_AUTO_TEST_CASE(doctor_finds_what_a_crashed_master_and_hand_edits_leave) {
  reset_gateway();
  alloc("alloc-ok", 1);
  alloc("alloc-leak", 1, "after-listeners");  // LIV041
  auto dangling = parse(alloc("alloc-dangling", 1).out);
  auto missing_svc = parse(alloc("alloc-nosvc", 1).out);
  // LIV042: the listener and annotation of alloc-dangling are gone, its route stays.
  const std::string port = std::to_string(dangling["ports"][0].GetInt());
  auto gw = parse(kubectl({"-n", "projectcontour", "get", "gateway", "contour", "-o", "json"}).out);
  int index = 0;
  for (const auto& l : gw["spec"]["listeners"].GetArray()) {
    if (l["name"].GetString() == "det-" + port) break;
    ++index;
  }
  auto r = kubectl(
      {"-n", "projectcontour", "patch", "gateway", "contour", "--type=json", "-p",
       R"([{"op":"remove","path":"/spec/listeners/)" + std::to_string(index) +
           R"("},{"op":"remove","path":"/metadata/annotations/determined.ai~1det-gateway-port-)" +
           port + R"("}])"});
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  // LIV043 (and, once Contour notices, LIV044): the Service of alloc-nosvc is deleted.
  r = kubectl({"-n", "default", "delete", "service", missing_svc["services"][0].GetString()});
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  // LIV040 twice: an annotation without listener, a det-* listener without annotation.
  r = kubectl({"-n", "projectcontour", "annotate", "gateway", "contour",
               "determined.ai/det-gateway-port-40900=alloc-ghost"});
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  r = kubectl(
      {"-n", "projectcontour", "patch", "gateway", "contour", "--type=json", "-p",
       R"([{"op":"add","path":"/spec/listeners/-","value":{"name":"det-40901",)"
       R"("protocol":"TCP","port":40901,"allowedRoutes":{"namespaces":{"from":"All"}}}}])"});
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);

  auto found = doctor_until("LIV044", {"--gateway", kGateway});
  for (const char* code : {"LIV040", "LIV041", "LIV042", "LIV043", "LIV044"})
    BOOST_TEST(found.count(code) == 1u, code);
  BOOST_TEST(found.count("LIV030") == 0u);

  auto status = parse(plugin({"status", "--gateway", kGateway, "-o", "json"}).out);
  BOOST_TEST(listener_at(status, 40900)->operator[]("state").GetString() == std::string("orphan"));
  BOOST_TEST(listener_at(status, 40901)->operator[]("state").GetString() == std::string("orphan"));
  BOOST_TEST(listener_at(status, std::stoi(port))->operator[]("state").GetString() ==
             std::string("dangling-route"));
  reset_gateway();
}

BOOST_AUTO_TEST_CASE(a_full_gateway_fails_the_next_allocation_as_doctor_says) {
  reset_gateway();
  alloc("alloc-full", 63);  // + the seed listener = 64, the CRD's cap
  auto found = doctor_codes({"--gateway", kGateway});
  BOOST_TEST(found.count("LIV030") == 1u);
  auto r = plugin({"doctor", "--gateway", kGateway});
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(r.out.find("64/64 listeners") != std::string::npos, r.out);
  // What the master would see: the API server refuses the 65th listener.
  auto next = detsim({"alloc", "--gateway", kGateway, "--range", "40000-40999", "--ports", "1",
                      "--namespace", "default", "--alloc", "alloc-one-more"});
  BOOST_TEST(next.exit_code != 0);
  BOOST_TEST(next.err.find("Too many") != std::string::npos, next.err);
  auto config = plugin({"config", "--gateway", kGateway});
  BOOST_TEST(config.exit_code == 1, config.out << config.err);
  reset_gateway();
}

BOOST_AUTO_TEST_CASE(values_give_the_address_and_range_doctor_compares_with) {
  reset_gateway();
  const auto values =
      write_file("live-values.yaml", values_with_gateway("internal_task_gateway:\n"
                                                         "  gateway_name: contour\n"
                                                         "  gateway_namespace: projectcontour\n"
                                                         "  gateway_ip: 10.1.2.3\n"
                                                         "  gateway_port_range_start: 52333\n"
                                                         "  gateway_port_range_end: 52336\n"));
  auto r = plugin({"doctor", "--values", values, "--rm", "east", "-o", "json", "--strict"});
  BOOST_REQUIRE_MESSAGE(r.exit_code == 1, r.out << r.err);
  auto found = codes(parse(r.out));
  BOOST_TEST(found.count("LIV023") == 1u);  // 10.1.2.3 is not the Gateway's 127.0.0.1
  BOOST_TEST(found.count("LIV031") == 1u);  // the seed listener 52335 is inside the range
  BOOST_TEST(found.count("LIV033") == 1u);  // 3 of 4 ports free: a small range
  BOOST_TEST(r.out.find("\"rm\": \"east\"") != std::string::npos);
  auto unknown_rm = plugin({"doctor", "--values", values, "--rm", "west"});
  BOOST_TEST(unknown_rm.exit_code == 2);
  BOOST_TEST(unknown_rm.err.find("east") != std::string::npos, unknown_rm.err);
}

BOOST_AUTO_TEST_CASE(missing_gateway_and_missing_gatewayclass) {
  reset_gateway();
  auto found = doctor_codes({"--gateway", "projectcontour/nope"});
  BOOST_TEST(found.count("LIV020") == 1u);
  auto apply =
      run({"kubectl", "--kubeconfig", kubeconfig(), "--context", kContext, "apply", "-f", "-"},
          "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\n"
          "metadata: {name: classless, namespace: projectcontour}\n"
          "spec:\n  gatewayClassName: no-such-class\n  listeners:\n"
          "  - {name: det-41000, port: 41000, protocol: TCP}\n");
  BOOST_REQUIRE_MESSAGE(apply.exit_code == 0, apply.err);
  found = doctor_codes({"--gateway", "projectcontour/classless"});
  BOOST_TEST(found.count("LIV021") == 1u);
  BOOST_TEST(found.count("LIV020") == 0u);
  kubectl({"-n", "projectcontour", "delete", "gateway", "classless"});
}

BOOST_AUTO_TEST_CASE(a_spec_only_cap_of_128_is_reported) {
  reset_gateway();
  const std::string path =
      "/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/listeners/maxItems";
  auto patch = [&](int n) {
    return kubectl({"patch", "crd", "gateways.gateway.networking.k8s.io", "--type=json", "-p",
                    R"([{"op":"test","path":"/spec/versions/0/name","value":"v1"},)"
                    R"({"op":"replace","path":")" +
                        path + R"(","value":)" + std::to_string(n) + "}]"});
  };
  auto r = patch(128);
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  auto found = doctor_codes({"--gateway", kGateway});
  r = patch(64);  // restore before judging, so a failure leaves the lab as it was
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  BOOST_TEST(found.count("LIV012") == 1u);
  BOOST_TEST(doctor_codes({"--gateway", kGateway}).count("LIV012") == 0u);
}

BOOST_AUTO_TEST_CASE(the_viewer_as_master_lacks_the_gateway_permissions) {
  reset_gateway();
  auto found = doctor_codes({"--gateway", kGateway, "--as-master", "viewer"});
  BOOST_TEST(found.count("LIV050") == 1u);
  BOOST_TEST(doctor_codes({"--gateway", kGateway, "--pre"}).count("LIV050") == 0u);
  BOOST_TEST(doctor_codes({"--gateway", kGateway}).count("LIV050") == 0u);  // not asked
  // Doctor run *as* the viewer cannot read the Gateway: a cluster error, no report.
  auto r = run({kBinary, "doctor", "--gateway", kGateway, "--kubeconfig", kubeconfig(), "--context",
                "lab2-viewer"});
  BOOST_TEST(r.exit_code == 4);
  BOOST_TEST(r.out.empty(), r.out);
  BOOST_TEST(r.err.find("Forbidden") != std::string::npos, r.err);
}

BOOST_AUTO_TEST_CASE(contour_port_pairs_collide) {
  reset_gateway();
  auto r = kubectl({"-n", "projectcontour", "patch", "gateway", "contour", "--type=json", "-p",
                    R"([{"op":"add","path":"/spec/listeners/-","value":{"name":"extra-57536",)"
                    R"("protocol":"TCP","port":57536}},)"
                    R"({"op":"add","path":"/spec/listeners/-","value":{"name":"extra-58559",)"
                    R"("protocol":"TCP","port":58559}}])"});
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  auto found = doctor_until("LIV032", {"--gateway", kGateway});
  BOOST_TEST(found.count("LIV034") == 1u);
  BOOST_TEST(found.count("LIV032") == 1u);  // Contour refused the later one: PortUnavailable
  reset_gateway();
  BOOST_TEST(doctor_codes({"--gateway", kGateway}).count("LIV034") == 0u);
}

BOOST_AUTO_TEST_CASE(request_count_does_not_grow_with_listeners) {
  reset_gateway();
  alloc("alloc-few", 7);  // 8 listeners
  const int status_8 = requests_of({"status", "--gateway", kGateway});
  const int doctor_8 = requests_of({"doctor", "--gateway", kGateway, "--pre"});
  alloc("alloc-many", 52);  // 60 listeners
  const int status_60 = requests_of({"status", "--gateway", kGateway});
  const int doctor_60 = requests_of({"doctor", "--gateway", kGateway, "--pre"});
  BOOST_TEST(status_8 == status_60);
  BOOST_TEST(doctor_8 == doctor_60);
  BOOST_TEST(status_8 == 4);  // Gateway CRD, Gateway, TCPRoutes, Services
  BOOST_TEST(doctor_8 > status_8);
  reset_gateway();
}

namespace {

// One JSON value as compact text, to compare reports item by item.
std::string json_text(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  value.Accept(w);
  return buffer.GetString();
}

// Gateways in namespaces of their own carrying Determined's marks (a det-* listener and its
// port annotation), which Contour does not program: their state does not change under a test.
const std::vector<std::string> kMarkedGateways = {"multi-a/bench", "multi-b/bench",
                                                  "multi-c/bench"};

std::string marked_gateways_manifest() {
  std::string manifest;
  int port = 40100;
  for (const auto& ref : kMarkedGateways) {
    const std::string ns = ref.substr(0, ref.find('/'));
    const std::string p = std::to_string(port++);
    manifest += "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + ns + "\n---\n";
    manifest +=
        "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: bench\n"
        "  namespace: " +
        ns + "\n  annotations:\n    determined.ai/det-gateway-port-" + p + ": alloc-" + ns +
        "\nspec:\n  gatewayClassName: contour\n  listeners:\n"
        "    - name: det-" +
        p + "\n      protocol: TCP\n      port: " + p + "\n---\n";
  }
  return manifest;
}

}  // namespace

// Several Gateways (found with -A) are read together, round by round, and what they share once;
// the report is what one run per Gateway says, in the same order.
BOOST_AUTO_TEST_CASE(several_gateways_are_read_together_and_reported_as_one_by_one) {
  reset_gateway();  // projectcontour/contour without Determined's marks: not found by -A
  auto r = kubectl({"apply", "-f", write_file("marked-gateways.yaml", marked_gateways_manifest())});
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);

  // --pre: the permission reviews of every Gateway go out together too.
  auto all = plugin({"doctor", "-A", "--pre", "-o", "json"});
  BOOST_REQUIRE_MESSAGE(all.exit_code == 0 || all.exit_code == 1, all.err);
  auto report = parse(all.out);
  std::vector<std::string> checks, expected_checks, inputs, expected_inputs;
  std::multiset<std::string> findings, expected_findings;
  for (const auto& c : report["checks"].GetArray()) checks.push_back(json_text(c));
  for (const auto& f : report["findings"].GetArray()) findings.insert(json_text(f));
  for (const auto& i : report["inputs"].GetArray()) inputs.push_back(json_text(i));
  std::vector<std::string> status_items;
  auto status = parse(plugin({"status", "-A", "-o", "json"}).out);
  for (const auto& item : status["items"].GetArray()) status_items.push_back(json_text(item));
  std::vector<std::string> expected_status_items;
  for (const auto& gateway : kMarkedGateways) {
    auto one = parse(plugin({"doctor", "--gateway", gateway, "--pre", "-o", "json"}).out);
    for (auto& c : one["checks"].GetArray()) {
      // With several Gateways each group names its Gateway.
      const std::string group = c["group"].GetString() + std::string(" (gateway ") + gateway + ")";
      c["group"].SetString(group.c_str(), static_cast<rapidjson::SizeType>(group.size()),
                           one.GetAllocator());
      expected_checks.push_back(json_text(c));
    }
    for (const auto& f : one["findings"].GetArray()) expected_findings.insert(json_text(f));
    for (const auto& i : one["inputs"].GetArray()) expected_inputs.push_back(json_text(i));
    expected_status_items.push_back(
        json_text(parse(plugin({"status", "--gateway", gateway, "-o", "json"}).out)));
  }
  BOOST_TEST(checks.size() == 3 * 19u);  // every check, LIV050 included, for each Gateway
  BOOST_TEST(checks == expected_checks, boost::test_tools::per_element());
  BOOST_TEST(findings == expected_findings, boost::test_tools::per_element());
  BOOST_TEST(inputs == expected_inputs, boost::test_tools::per_element());
  BOOST_TEST(status_items == expected_status_items, boost::test_tools::per_element());

  // What the Gateways share (the CRDs, every TCPRoute and Service, their GatewayClass) is read
  // once: each further Gateway costs one request, and -A one list to find them.
  const int doctor_one = requests_of({"doctor", "--gateway", kMarkedGateways[0]});
  const int status_one = requests_of({"status", "--gateway", kMarkedGateways[0]});
  BOOST_TEST(requests_of({"doctor", "-A"}) == doctor_one + 1 + 2);
  BOOST_TEST(requests_of({"status", "-A"}) == status_one + 1 + 2);

  for (const auto& gateway : kMarkedGateways) {
    const auto slash = gateway.find('/');
    r = kubectl({"-n", gateway.substr(0, slash), "delete", "gateway", gateway.substr(slash + 1)});
    BOOST_TEST(r.exit_code == 0, r.err);
  }
}

BOOST_AUTO_TEST_CASE(config_output_lints_clean_and_avoids_ports_in_use) {
  reset_gateway();
  auto used = parse(alloc("alloc-cfg", 3).out);
  auto r = plugin({"config", "--gateway", kGateway});
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  BOOST_TEST(r.out.find("gateway_ip: \"127.0.0.1\"") != std::string::npos, r.out);
  const auto values = write_file("config-values.yaml", values_with_gateway(r.out));
  auto lint = run({kHelmMultirm, "lint", "-f", values});
  BOOST_TEST(lint.exit_code == 0, lint.out << lint.err);
  BOOST_TEST(lint.out.find("no problems found") != std::string::npos, lint.out);

  auto json = parse(plugin({"config", "--gateway", kGateway, "-o", "json"}).out);
  const auto& itg = json["internal_task_gateway"];
  const int start = itg["gateway_port_range_start"].GetInt();
  const int end = itg["gateway_port_range_end"].GetInt();
  BOOST_TEST(end - start + 1 == 64 - 4);  // the room left: 64 minus seed and 3 listeners
  std::set<int> in_use = {52335};
  for (const auto& p : used["ports"].GetArray()) in_use.insert(p.GetInt());
  for (int p : in_use) BOOST_TEST((p < start || p > end), p);
  reset_gateway();
}

BOOST_AUTO_TEST_CASE(standard_channel_crds_lack_tcproute_v1alpha2) {
  const std::string dir = run_dir() + "-standard";
  const std::string lab = (detgw::test::source_dir() / "tests" / "lab").string();
  auto up = run({lab + "/up", "--clusters", "1", "--dir", dir, "--crds", "v1.6.1-standard"});
  BOOST_REQUIRE_MESSAGE(up.exit_code == 0, up.err);
  auto r = run({kBinary, "doctor", "--gateway", kGateway, "-o", "json", "--kubeconfig",
                dir + "/kubeconfig", "--context", "lab1-admin"});
  run({lab + "/down", "--dir", dir});
  BOOST_TEST(r.exit_code == 1, r.out << r.err);
  auto found = codes(parse(r.out));
  BOOST_TEST(found.count("LIV011") == 1u);
  BOOST_TEST(found.count("LIV010") == 0u);
  BOOST_TEST(r.out.find("only v1 is") != std::string::npos, r.out);
}

BOOST_AUTO_TEST_CASE(kubectl_finds_the_plugin) {
  const std::string dir = std::filesystem::path(kBinary).parent_path().string();
  const std::string path = "PATH=" + dir + ":" + std::getenv("PATH");
  auto list = run({"kubectl", "plugin", "list"}, {}, {path});
  BOOST_TEST(list.out.find(dir + "/kubectl-detgw") != std::string::npos, list.out << list.err);
  auto help = run({"kubectl", "detgw", "--help"}, {}, {path});
  BOOST_TEST(help.exit_code == 0, help.err);
  for (const char* command : {"status", "doctor", "config", "prune", "capacity", "version"})
    BOOST_TEST(help.out.find(command) != std::string::npos, help.out);
  auto unknown = run({"kubectl", "detgw", "frobnicate"}, {}, {path});
  BOOST_TEST(unknown.exit_code == 2);
  BOOST_TEST(unknown.err.find("unknown command \"frobnicate\"") != std::string::npos, unknown.err);
  BOOST_TEST(
      unknown.err.find("status, doctor, config, prune, capacity, version") != std::string::npos,
      unknown.err);
}

BOOST_AUTO_TEST_SUITE_END()
