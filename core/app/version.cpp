#include "core/app/version.hpp"

#include "core/kube/api_client.hpp"
#include "core/version.hpp"

namespace detgw::app {

VersionResult version(const kube::ConfigOverrides& overrides, const kube::Logger& logger) {
  VersionResult result;
  result.report.client_version = kVersion;
  auto config = kube::load_client_config(overrides, kube::Environment::current(), logger);
  if (!config) {
    result.error = config.error();
    return result;
  }
  const auto& id = config->identity;
  result.report.context = id.context;
  result.report.cluster = id.cluster;
  result.report.user = id.user;
  result.report.namespace_ = id.namespace_;
  result.report.in_cluster = id.in_cluster;
  result.report.server = config->rest.server;

  auto client = kube::ApiClient::create(config->rest, logger);
  if (!client) {
    result.error = client.error();
    return result;
  }
  auto answer = (*client)->get("/version");
  if (!answer) {
    result.error = answer.error();
    return result;
  }
  const auto& json = *answer;
  if (json.IsObject() && json.HasMember("gitVersion") && json["gitVersion"].IsString())
    result.report.server_version = json["gitVersion"].GetString();
  return result;
}

}  // namespace detgw::app
