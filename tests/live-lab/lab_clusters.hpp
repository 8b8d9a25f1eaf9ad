#pragma once
// The lab's two clusters as the onboarding tests use them: lab1 holds the release (its namespace
// gets the kubeconfig Secrets), lab2 is the cluster being added. Fresh namespaces, Secrets read
// back, the lab's credentials (to prove no output carries them), helm-multirm runs.

#include <string>
#include <vector>

#include "tests/common/test_support.hpp"

namespace detgw::test::labs {

inline const std::string kRelease = "lab1-admin";
inline const std::string kAdded = "lab2-admin";

// A namespace that did not exist, created in the cluster of `context` (lab namespaces stay
// Terminating once deleted: never reused). Its Secrets and itself are deleted at the end.
class LabNamespace {
 public:
  LabNamespace(const std::string& context, const std::string& prefix);
  ~LabNamespace();
  LabNamespace(const LabNamespace&) = delete;
  LabNamespace& operator=(const LabNamespace&) = delete;
  const std::string& name() const { return name_; }

 private:
  std::string context_, name_;
};

RunResult kubectl_in(const std::string& context, std::vector<std::string> args,
                     const std::string& stdin_text = {});
// helm-multirm with `env` added (HELM_NAMESPACE=..., ...).
RunResult helm_multirm(std::vector<std::string> args, const std::vector<std::string>& env = {});

// The decoded `key` of Secret `ns/name` in the cluster of `context` ("" when absent).
std::string secret_data(const std::string& context, const std::string& ns, const std::string& name,
                        const std::string& key);

// Every token and private key of the lab's kubeconfig, plus `extra`: none may show in output.
std::vector<std::string> lab_credentials();
void require_no_credential(const std::string& text, const std::vector<std::string>& extra = {});

// A value of lab.env (LAB2_APISERVER_PID, ...).
std::string lab_env(const std::string& key);

// Helm values for a release in lab1 with one additional RM `west` already (a cluster that is not
// there: the Secret it names does not exist).
std::string base_values();

}  // namespace detgw::test::labs
