#include "tests/live-lab/lab_gateway.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

namespace detgw::test::lab2 {
namespace {

const std::string kBinary = DETGW_KUBECTL_DETGW;

// Requests the API server logged from kubectl-detgw (its User-Agent) in lab2's audit log.
int detgw_requests() {
  std::ifstream in(run_dir() + "/audit/lab2.log");
  std::string line;
  int n = 0;
  while (std::getline(in, line))
    if (line.find("\"userAgent\":\"kubectl-detgw/") != std::string::npos) ++n;
  return n;
}

}  // namespace

std::string run_dir() {
  const char* dir = std::getenv("DETGW_LAB_RUN_DIR");
  BOOST_REQUIRE_MESSAGE(dir && *dir, "DETGW_LAB_RUN_DIR is not set: start a lab with tests/lab/up");
  return dir;
}
std::string kubeconfig() { return run_dir() + "/kubeconfig"; }

RunResult kubectl(std::vector<std::string> args, const std::string& context) {
  std::vector<std::string> argv = {"kubectl", "--kubeconfig", kubeconfig(), "--context", context};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv);
}

RunResult detsim(std::vector<std::string> args) {
  std::vector<std::string> argv = {"detsim"};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.insert(argv.end(), {"--kubeconfig", kubeconfig(), "--context", kContext});
  return run(argv);
}

// `detsim alloc` of `ports` listeners for allocation `id` in namespace default.
RunResult alloc(const std::string& id, int ports, const std::string& leak) {
  std::vector<std::string> args = {
      "alloc",   "--gateway",           kGateway,      "--range", "40000-40999",
      "--ports", std::to_string(ports), "--namespace", "default", "--alloc",
      id};
  if (!leak.empty()) args.insert(args.end(), {"--leak", leak});
  auto r = detsim(args);
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, "detsim alloc " + id + ": " + r.err);
  return r;
}

RunResult plugin(std::vector<std::string> args) {
  std::vector<std::string> argv = {kBinary};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.insert(argv.end(), {"--kubeconfig", kubeconfig(), "--context", kContext});
  return run(argv);
}

rapidjson::Document parse(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.c_str());
  BOOST_REQUIRE_MESSAGE(!doc.HasParseError() && doc.IsObject(), "not JSON: " + text);
  return doc;
}

std::set<std::string> codes(const rapidjson::Document& report) {
  std::set<std::string> out;
  for (const auto& f : report["findings"].GetArray()) out.insert(f["code"].GetString());
  return out;
}

std::set<std::string> doctor_codes(std::vector<std::string> args) {
  args.insert(args.begin(), "doctor");
  args.insert(args.end(), {"-o", "json"});
  auto r = plugin(args);
  BOOST_TEST_INFO("doctor stderr: " << r.err);
  BOOST_REQUIRE(r.exit_code == 0 || r.exit_code == 1);
  return codes(parse(r.out));
}

// Polls doctor until `code` shows (Contour writes status asynchronously); the last result.
std::set<std::string> doctor_until(const std::string& code, std::vector<std::string> args) {
  std::set<std::string> found;
  for (int attempt = 0; attempt < 60; ++attempt) {
    found = doctor_codes(args);
    if (found.count(code)) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  return found;
}

// The Gateway as the lab made it: the seed listener only, no annotation; no task objects.
void reset_gateway() {
  detgw::test::reset_lab_gateway([](std::vector<std::string> args) { return kubectl(args); },
                                 "--wait=false");
}

const rapidjson::Value* listener_at(const rapidjson::Document& status, int port) {
  for (const auto& l : status["listeners"].GetArray())
    if (l["port"].IsInt() && l["port"].GetInt() == port) return &l;
  return nullptr;
}

std::string write_file(const std::string& name, const std::string& text) {
  const std::string path = run_dir() + "/" + name;
  std::ofstream(path) << text;
  return path;
}

std::string values_with_gateway(const std::string& gateway_block) {
  std::string indented;
  std::istringstream in(gateway_block);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty() && line[0] != '#') indented += "      " + line + "\n";
  return "maxSlotsPerPod: 1\n"
         "initialUserPassword: Lab-Password-1\n"
         "additional_resource_managers:\n"
         "  - resource_manager:\n"
         "      type: kubernetes\n"
         "      cluster_name: east\n"
         "      max_slots_per_pod: 1\n"
         "      default_namespace: default\n"
         "      kubeconfig_secret_name: east-kubeconfig\n"
         "      kubeconfig_secret_value: config\n"
         "      determined_master_host: determined.example.com\n"
         "      determined_master_port: 8080\n" +
         indented +
         "    resource_pools:\n"
         "      - pool_name: east-pool\n";
}

int requests_of(const std::vector<std::string>& args) {
  const int before = detgw_requests();
  auto r = plugin(args);
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0 || r.exit_code == 1, r.err);
  // The audit backend writes asynchronously: wait until the count stops growing.
  int after = detgw_requests(), stable = 0;
  while (stable < 5) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    const int now = detgw_requests();
    stable = now == after ? stable + 1 : 0;
    after = now;
  }
  return after - before;
}

std::string gateway_spec_and_annotations() {
  auto gw = parse(kubectl({"-n", "projectcontour", "get", "gateway", "contour", "-o", "json"}).out);
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  gw["spec"]["listeners"].Accept(w);
  std::string text = buffer.GetString();
  buffer.Clear();
  w.Reset(buffer);
  if (gw["metadata"].HasMember("annotations")) gw["metadata"]["annotations"].Accept(w);
  return text + buffer.GetString();
}

}  // namespace detgw::test::lab2
