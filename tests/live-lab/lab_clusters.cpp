#include "tests/live-lab/lab_clusters.hpp"

#include <unistd.h>

#include <atomic>
#include <boost/test/unit_test.hpp>

#include "core/kube/base64.hpp"
#include "tests/live-lab/lab_gateway.hpp"

namespace detgw::test::labs {

LabNamespace::LabNamespace(const std::string& context, const std::string& prefix)
    : context_(context) {
  static std::atomic<int> counter{0};
  std::string name = prefix;
  name += "-";
  name += std::to_string(::getpid());
  name += "-";
  name += std::to_string(++counter);
  auto r = kubectl_in(context, {"create", "namespace", name});
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  name_ = name;
}

LabNamespace::~LabNamespace() {
  kubectl_in(context_, {"delete", "secrets", "--all", "-n", name_});
  kubectl_in(context_, {"delete", "namespace", name_, "--wait=false"});
}

RunResult kubectl_in(const std::string& context, std::vector<std::string> args,
                     const std::string& stdin_text) {
  std::vector<std::string> argv = {"kubectl", "--kubeconfig", lab2::kubeconfig(), "--context",
                                   context};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv, stdin_text);
}

RunResult helm_multirm(std::vector<std::string> args, const std::vector<std::string>& env) {
  std::vector<std::string> argv = {DETGW_HELM_MULTIRM};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv, {}, env);
}

std::string secret_data(const std::string& context, const std::string& ns, const std::string& name,
                        const std::string& key) {
  std::string path = "jsonpath={.data['";
  for (char c : key) {
    if (c == '.') path += '\\';
    path += c;
  }
  path += "']}";
  auto r = kubectl_in(context, {"get", "secret", "-n", ns, name, "-o", path});
  if (r.exit_code != 0) return {};
  return kube::base64_decode(r.out).value_or("");
}

std::vector<std::string> lab_credentials() {
  auto secrets = kubeconfig_credentials(lab2::kubeconfig());
  // The viewer's and the SA's tokens and the admin's key, at least: never a vacuous check.
  BOOST_REQUIRE(secrets.size() >= 6);
  return secrets;
}

void require_no_credential(const std::string& text, const std::vector<std::string>& extra) {
  auto secrets = lab_credentials();
  secrets.insert(secrets.end(), extra.begin(), extra.end());
  for (const auto& secret : secrets) {
    if (secret.size() < 8) continue;
    BOOST_REQUIRE_MESSAGE(text.find(secret) == std::string::npos,
                          "a credential of the lab shows in the output");
  }
}

std::string lab_env(const std::string& key) {
  return detgw::test::lab_env_value(lab2::run_dir(), key);
}

std::string base_values() {
  return "maxSlotsPerPod: 4\n"
         "initialUserPassword: Passw0rd-lab\n"
         "resourcePools:\n"
         "  - pool_name: default\n"
         "additional_resource_managers:\n"
         "  - resource_manager:\n"
         "      type: kubernetes\n"
         "      cluster_name: west\n"
         "      max_slots_per_pod: 2\n"
         "      kubeconfig_secret_name: west-kubeconfig\n"
         "      kubeconfig_secret_value: config\n"
         "      determined_master_host: \"10.0.0.1\"\n"
         "      determined_master_port: 8080\n"
         "    resource_pools:\n"
         "      - pool_name: west\n";
}

}  // namespace detgw::test::labs
