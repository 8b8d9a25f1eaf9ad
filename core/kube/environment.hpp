#pragma once
// The process environment as a value, so configuration loading can be tested without touching
// the real environment or the real service-account directory.

#include <map>
#include <optional>
#include <string>

namespace detgw::kube {

struct Environment {
  std::map<std::string, std::string> vars;
  // Where in-cluster credentials live (client-go's fixed path).
  std::string service_account_dir = "/var/run/secrets/kubernetes.io/serviceaccount";

  static Environment current();
  // The value of a variable that is set and non-empty.
  std::optional<std::string> get(const std::string& name) const;
  // HOME, as client-go's homedir.HomeDir() finds it on Unix.
  std::string home() const;
};

}  // namespace detgw::kube
