#pragma once
// API discovery: the versions a group serves, the resources of a group version, the server
// version.

#include <optional>
#include <string>
#include <vector>

#include "core/kube/api_client.hpp"

namespace detgw::kube {

struct GroupVersions {
  std::string group;
  std::vector<std::string> versions;  // as the server lists them, preferred first
  std::string preferred;
};

// GET /apis/<group> (or /api for the core group). nullopt when the group is not served.
Result<std::optional<GroupVersions>> served_versions(ApiClient& client, const std::string& group);

struct ApiResource {
  std::string name;  // plural, or "name/subresource"
  std::string kind;
  bool namespaced = false;
  std::vector<std::string> verbs;
};

// GET /apis/<group>/<version> (or /api/<version>). nullopt when the version is not served.
Result<std::optional<std::vector<ApiResource>>> served_resources(ApiClient& client,
                                                                 const std::string& group,
                                                                 const std::string& version);

struct ServerVersion {
  std::string git_version;  // "v1.34.1"
  std::string major, minor, platform;
};

Result<ServerVersion> server_version(ApiClient& client);

}  // namespace detgw::kube
