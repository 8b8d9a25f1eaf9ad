#pragma once
// `kubectl detgw version`: the client version and what the kubeconfig and flags resolved to
// (never a credential), and the server version when the server answers.

#include <optional>
#include <string>

#include "core/kube/client_config.hpp"
#include "core/kube/log.hpp"
#include "core/support/error.hpp"

namespace detgw::app {

struct VersionReport {
  std::string client_version;
  std::string context;
  std::string cluster;
  std::string server;
  std::string user;
  std::string namespace_;
  bool in_cluster = false;
  std::optional<std::string> server_version;  // gitVersion, when reachable
};

struct VersionResult {
  VersionReport report;
  std::optional<Error> error;  // kubeconfig unusable (exit 3/2) or server unreachable (exit 4)
};

VersionResult version(const kube::ConfigOverrides& overrides, const kube::Logger& logger);

}  // namespace detgw::app
