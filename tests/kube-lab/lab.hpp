#pragma once
// The running lab these tests talk to: DETGW_LAB_RUN_DIR/{kubeconfig,lab.env}. Without it every
// test fails (they are built only with -DDETGW_LAB_TESTS=ON, where the lab is started first).

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/kube/api_client.hpp"
#include "core/kube/client_config.hpp"

namespace detgw::kube::labtest {

struct Lab {
  std::string run_dir;
  std::string kubeconfig;
  std::string kubectl;
  std::string server;  // lab1's https://127.0.0.1:PORT
  std::string port;
  std::string pki;  // lab1's pki directory
  std::map<std::string, std::string> env;
};

// The lab, or a failed test naming what is missing.
const Lab& lab();

// The client config for `context` of the lab's kubeconfig, plus extra overrides.
ClientConfig config_for(const std::string& context, ConfigOverrides extra = {});
std::unique_ptr<ApiClient> client_for(const std::string& context, ConfigOverrides extra = {},
                                      Logger logger = {});
std::unique_ptr<ApiClient> client_for(const RestConfig& rest, Logger logger = {});

// The username the API server sees (SelfSubjectReview).
std::string whoami(ApiClient& client);

// Runs the lab's kubectl with KUBECONFIG=lab's unless env overrides it.
struct KubectlResult {
  int exit_code;
  std::string out, err;
};
KubectlResult kubectl(const std::vector<std::string>& args,
                      const std::vector<std::string>& env = {});

std::string read_text(const std::string& path);
std::string json_string(const rapidjson::Value& v, const std::vector<std::string>& path);

// A namespace created for one test and deleted afterwards.
class ScratchNamespace {
 public:
  explicit ScratchNamespace(ApiClient& admin, const std::string& prefix);
  ~ScratchNamespace();
  const std::string& name() const { return name_; }

 private:
  ApiClient& admin_;
  std::string name_;
};

}  // namespace detgw::kube::labtest

#define KUBE_REQUIRE_OK_LAB(x)                                                                    \
  do {                                                                                            \
    const auto& kube_result_ = (x);                                                               \
    BOOST_REQUIRE_MESSAGE(kube_result_.ok(),                                                      \
                          (kube_result_.ok() ? std::string() : kube_result_.error().describe())); \
  } while (false)
