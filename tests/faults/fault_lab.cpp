#include "tests/faults/fault_lab.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <signal.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <thread>

namespace detgw::test::faults {
namespace {

namespace fs = std::filesystem;

RunResult sh(const std::string& script, const std::vector<std::string>& args = {}) {
  std::vector<std::string> argv = {"bash", "-c", script, "bash"};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv);
}

// Polls `ready` (an event, not a deadline: the bound only keeps a broken lab from hanging the
// run) until it is true.
bool wait_until(const std::function<bool()>& ready, int polls = 1200) {
  for (int i = 0; i < polls; ++i) {
    if (ready()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

// The lab, started on first use; a function-local static, so it is taken down when the test
// binary exits (only when this binary started it).
struct LabOwner {
  FaultLab lab;
  bool started = false;  // by us: taken down at the end
  std::unique_ptr<TempDir> pki_dir;
  std::vector<std::string> apiserver_cmdline;

  LabOwner() {
    const char* reuse = std::getenv("DETGW_FAULTS_LAB_DIR");
    lab.dir =
        reuse ? reuse : std::string(DETGW_BINARY_DIR) + "/lab-faults-" + std::to_string(getpid());
    if (!fs::exists(lab.dir + "/lab.env")) {
      auto up = run({source_dir().string() + "/tests/lab/up", "--clusters", "1", "--dir", lab.dir});
      if (up.exit_code != 0) throw std::runtime_error("tests/lab/up failed: " + up.err);
      started = true;
    }
    lab.kubeconfig = lab.dir + "/kubeconfig";
    lab.pki = lab.dir + "/lab1/pki";
    lab.apiserver_port = std::stoi(lab.env("LAB1_APISERVER_PORT"));

    // The proxy's own PKI: a test CA and a certificate for 127.0.0.1 it signs.
    pki_dir = std::make_unique<TempDir>();
    auto made = sh(R"(set -e; cd "$1"
      openssl req -x509 -nodes -newkey ec -pkeyopt ec_paramgen_curve:P-256 -days 1 \
        -subj /CN=fault-proxy-test-ca -keyout ca.key -out ca.crt 2>/dev/null
      openssl req -nodes -newkey ec -pkeyopt ec_paramgen_curve:P-256 -subj /CN=127.0.0.1 \
        -keyout proxy.key -out proxy.csr 2>/dev/null
      printf 'subjectAltName=IP:127.0.0.1\n' >ext
      openssl x509 -req -in proxy.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 1 \
        -extfile ext -out proxy.crt 2>/dev/null)",
                   {pki_dir->path().string()});
    if (made.exit_code != 0) throw std::runtime_error("openssl failed: " + made.err);
    lab.test_ca = (pki_dir->path() / "ca.crt").string();
    lab.proxy_cert = (pki_dir->path() / "proxy.crt").string();
    lab.proxy_key = (pki_dir->path() / "proxy.key").string();
  }

  ~LabOwner() {
    if (started) run({source_dir().string() + "/tests/lab/down", "--dir", lab.dir});
  }
};

LabOwner& owner() {
  static LabOwner instance;
  return instance;
}

}  // namespace

std::string FaultLab::env(const std::string& key) const {
  return detgw::test::lab_env_value(dir, key);
}

UpstreamTls FaultLab::upstream(bool admin_certificate) const {
  UpstreamTls u;
  u.port = apiserver_port;
  u.ca_file = pki + "/ca.crt";
  if (admin_certificate) {
    u.client_cert = pki + "/admin.crt";
    u.client_key = pki + "/admin.key";
  }
  return u;
}

const FaultLab& lab() { return owner().lab; }

std::string write_kubeconfig(const TempDir& dir, const std::string& server,
                             const std::string& ca_file, const std::string& user_yaml) {
  std::string text = "apiVersion: v1\nkind: Config\nclusters:\n- name: faulty\n  cluster:\n";
  text += "    server: " + server + "\n";
  text += "    certificate-authority: " + ca_file + "\n";
  text += "users:\n- name: faulty\n  user:";
  text += user_yaml.empty() ? " {}\n" : "\n" + user_yaml;
  text += "contexts:\n- name: faulty\n  context:\n    cluster: faulty\n    user: faulty\n";
  text += "    namespace: default\ncurrent-context: faulty\n";
  return dir.write("kubeconfig", text).string();
}

ProxiedLab::ProxiedLab(std::function<Fault(const ProxyRequest&)> fault_for, bool admin_certificate,
                       const std::string& user_yaml)
    : proxy_(lab().upstream(admin_certificate), lab().proxy_cert, lab().proxy_key,
             std::move(fault_for)),
      kubeconfig_(write_kubeconfig(dir_, proxy_.url(), lab().test_ca, user_yaml)) {}

std::function<Fault(const ProxyRequest&)> first_attempts(int times, Fault fault) {
  auto seen = std::make_shared<std::pair<std::mutex, std::map<std::string, int>>>();
  return [=](const ProxyRequest& r) {
    std::lock_guard lock(seen->first);
    return ++seen->second[r.method + " " + r.target] <= times ? fault : Fault::pass();
  };
}

std::map<std::string, int> attempts_per_target(const FaultInjectingProxy& proxy) {
  std::map<std::string, int> counts;
  for (const auto& r : proxy.requests()) ++counts[r.method + " " + r.target];
  return counts;
}

RunResult kubectl(std::vector<std::string> args) {
  std::vector<std::string> argv = {"kubectl", "--kubeconfig", lab().kubeconfig, "--context",
                                   kContext};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv);
}

RunResult detsim(std::vector<std::string> args) {
  std::vector<std::string> argv = {"detsim"};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.insert(argv.end(), {"--kubeconfig", lab().kubeconfig, "--context", kContext});
  return run(argv);
}

RunResult detgw(std::vector<std::string> args, const std::string& kubeconfig) {
  std::vector<std::string> argv = {DETGW_KUBECTL_DETGW};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.insert(argv.end(), {"--kubeconfig", kubeconfig});
  return run(argv);
}

rapidjson::Document parse(const std::string& text) {
  rapidjson::Document d;
  d.Parse(text.c_str());
  BOOST_REQUIRE_MESSAGE(!d.HasParseError(), "not JSON: " + text.substr(0, 300));
  return d;
}

std::string gateway_state(const std::string& ns) {
  auto got = kubectl({"-n", "projectcontour", "get", "gateway", "contour", "-o", "json"});
  BOOST_REQUIRE_MESSAGE(got.exit_code == 0, got.err);
  auto gw = parse(got.out);
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  gw["spec"]["listeners"].Accept(w);
  std::string text = buffer.GetString();
  buffer.Clear();
  w.Reset(buffer);
  if (gw["metadata"].HasMember("annotations")) gw["metadata"]["annotations"].Accept(w);
  text += buffer.GetString();
  auto objects = kubectl({"-n", ns, "get", "tcproutes.v1alpha2.gateway.networking.k8s.io,services",
                          "-l", "determined", "-o", "name"});
  BOOST_REQUIRE_MESSAGE(objects.exit_code == 0, objects.err);
  return text + "\n" + objects.out;
}

std::string listener_caps() {
  auto got = kubectl({"get", "crd", "gateways.gateway.networking.k8s.io", "-o",
                      "jsonpath={range .spec.versions[*]}{.name}:"
                      "{.schema.openAPIV3Schema.properties.spec.properties.listeners.maxItems}/"
                      "{.schema.openAPIV3Schema.properties.status.properties.listeners.maxItems} "
                      "{end}"});
  BOOST_REQUIRE_MESSAGE(got.exit_code == 0, got.err);
  return got.out;
}

void reset_gateway() { detgw::test::reset_lab_gateway(kubectl, "--wait=true"); }

bool kill_apiserver() {
  // Called from the proxy's thread at the moment a request arrives: no Boost assertions here.
  auto& o = owner();
  const std::string pid = o.lab.env("LAB1_APISERVER_PID");
  std::ifstream in("/proc/" + pid + "/cmdline", std::ios::binary);
  std::string arg;
  o.apiserver_cmdline.clear();
  while (std::getline(in, arg, '\0')) o.apiserver_cmdline.push_back(arg);
  if (o.apiserver_cmdline.size() < 2 ||
      o.apiserver_cmdline[0].find("kube-apiserver") == std::string::npos)
    return false;
  ::kill(std::stoi(pid), SIGKILL);
  // Gone once its command line is (a zombie of a reaped parent has none either).
  return wait_until([&] { return read_file_text("/proc/" + pid + "/cmdline").empty(); });
}

void restart_apiserver() {
  auto& o = owner();
  BOOST_REQUIRE(!o.apiserver_cmdline.empty());
  // Detached (setsid), logging where `up` logged it; its pid replaces the old one in lab.env so
  // tests/lab/down stops it.
  std::vector<std::string> args = {o.lab.dir + "/logs/lab1-apiserver.log"};
  args.insert(args.end(), o.apiserver_cmdline.begin(), o.apiserver_cmdline.end());
  auto started = sh(R"(log=$1; shift; setsid "$@" >>"$log" 2>&1 </dev/null & echo $!)", args);
  BOOST_REQUIRE_MESSAGE(started.exit_code == 0, started.err);
  std::string pid = started.out.substr(0, started.out.find('\n'));
  auto updated = sh(R"(sed -i "s/^LAB1_APISERVER_PID=.*/LAB1_APISERVER_PID=$2/" "$1")",
                    {o.lab.dir + "/lab.env", pid});
  BOOST_REQUIRE(updated.exit_code == 0);
  BOOST_REQUIRE_MESSAGE(wait_until([] {
                          return kubectl({"get", "--raw", "/readyz"}).exit_code == 0;
                        }),
                        "the restarted kube-apiserver never became ready");
}

std::vector<std::string> lab_secrets() {
  std::vector<std::string> secrets = kubeconfig_credentials(lab().kubeconfig);
  for (const auto& entry : fs::directory_iterator(lab().pki)) {
    const auto name = entry.path().filename().string();
    if (entry.path().extension() == ".key")
      for (auto& form : secret_forms(read_file_text(entry.path()))) secrets.push_back(form);
    if (name == "tokens.csv") {
      std::istringstream in(read_file_text(entry.path()));
      std::string line;
      while (std::getline(in, line))
        for (auto& form : secret_forms(line.substr(0, line.find(',')))) secrets.push_back(form);
    }
  }
  return secrets;
}

void require_no_credential(const std::string& text, const std::vector<std::string>& extra) {
  static const std::vector<std::string> secrets = lab_secrets();
  // The admin's key, the viewer's and the SA's tokens, the CA's key at least: never vacuous.
  BOOST_REQUIRE(secrets.size() >= 8);
  std::vector<std::string> all = secrets;
  for (const auto& e : extra)
    for (auto& form : secret_forms(e)) all.push_back(form);
  for (std::size_t i = 0; i < all.size(); ++i)
    BOOST_REQUIRE_MESSAGE(text.find(all[i]) == std::string::npos,
                          "credential #" + std::to_string(i) + " of the lab shows in the output");
}

}  // namespace detgw::test::faults
