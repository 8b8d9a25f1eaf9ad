#include "tests/kube-lab/lab.hpp"

#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <fstream>
#include <random>
#include <sstream>

#include "tests/common/test_support.hpp"

namespace detgw::kube::labtest {

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const Lab& lab() {
  static std::unique_ptr<Lab> cached;
  if (cached) return *cached;
  const char* dir = std::getenv("DETGW_LAB_RUN_DIR");
  BOOST_REQUIRE_MESSAGE(dir && *dir, "DETGW_LAB_RUN_DIR is not set: start a lab with tests/lab/up");
  auto l = std::make_unique<Lab>();
  l->run_dir = dir;
  const std::string env_text = read_text(l->run_dir + "/lab.env");
  BOOST_REQUIRE_MESSAGE(!env_text.empty(), "no lab.env in " + l->run_dir);
  std::istringstream lines(env_text);
  for (std::string line; std::getline(lines, line);) {
    auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    std::string v = line.substr(eq + 1);
    if (v == "''") v.clear();
    l->env[line.substr(0, eq)] = v;
  }
  l->kubeconfig = l->run_dir + "/kubeconfig";
  l->kubectl = l->env["LAB_BIN"] + "/kubectl";
  l->server = l->env["LAB1_SERVER"];
  l->port = l->env["LAB1_APISERVER_PORT"];
  l->pki = l->run_dir + "/lab1/pki";
  BOOST_REQUIRE_MESSAGE(!l->server.empty(), "lab.env has no LAB1_SERVER");
  cached = std::move(l);
  return *cached;
}

ClientConfig config_for(const std::string& context, ConfigOverrides extra) {
  extra.kubeconfig = lab().kubeconfig;
  extra.context = context;
  Environment env = Environment::current();
  env.vars.erase("KUBERNETES_SERVICE_HOST");
  auto c = load_client_config(extra, env);
  BOOST_REQUIRE_MESSAGE(c.ok(), (c.ok() ? std::string() : c.error().describe()));
  return *c;
}

std::unique_ptr<ApiClient> client_for(const RestConfig& rest, Logger logger) {
  auto c = ApiClient::create(rest, std::move(logger));
  BOOST_REQUIRE_MESSAGE(c.ok(), (c.ok() ? std::string() : c.error().describe()));
  return std::move(*c);
}

std::unique_ptr<ApiClient> client_for(const std::string& context, ConfigOverrides extra,
                                      Logger logger) {
  return client_for(config_for(context, std::move(extra)).rest, std::move(logger));
}

std::string json_string(const rapidjson::Value& v, const std::vector<std::string>& path) {
  const rapidjson::Value* cur = &v;
  for (const auto& key : path) {
    if (!cur->IsObject()) return {};
    auto it = cur->FindMember(key.c_str());
    if (it == cur->MemberEnd()) return {};
    cur = &it->value;
  }
  return cur->IsString() ? cur->GetString() : "";
}

std::string whoami(ApiClient& client) {
  auto r = client.create("/apis/authentication.k8s.io/v1/selfsubjectreviews",
                         R"({"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"})");
  BOOST_REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string() : r.error().describe()));
  return json_string(*r, {"status", "userInfo", "username"});
}

KubectlResult kubectl(const std::vector<std::string>& args, const std::vector<std::string>& env) {
  std::vector<std::string> argv{lab().kubectl};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<std::string> full_env{"KUBECONFIG=" + lab().kubeconfig};
  full_env.insert(full_env.end(), env.begin(), env.end());
  auto r = test::run(argv, {}, full_env);
  return {r.exit_code, r.out, r.err};
}

ScratchNamespace::ScratchNamespace(ApiClient& admin, const std::string& prefix) : admin_(admin) {
  std::random_device rd;
  name_ = prefix + "-" + std::to_string(getpid()) + "-" + std::to_string(rd() % 100000);
  auto r = admin_.create(
      "/api/v1/namespaces",
      R"({"apiVersion":"v1","kind":"Namespace","metadata":{"name":")" + name_ + "\"}}");
  BOOST_REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string() : r.error().describe()));
}

ScratchNamespace::~ScratchNamespace() { (void)admin_.remove("/api/v1/namespaces/" + name_); }

}  // namespace detgw::kube::labtest
