#include "core/kube/discovery.hpp"

namespace detgw::kube {
namespace {

std::string str(const rapidjson::Value& obj, const char* key) {
  if (!obj.IsObject()) return {};
  auto it = obj.FindMember(key);
  if (it == obj.MemberEnd() || !it->value.IsString()) return {};
  return {it->value.GetString(), it->value.GetStringLength()};
}

}  // namespace

Result<std::optional<GroupVersions>> served_versions(ApiClient& client, const std::string& group) {
  auto doc = client.get(group.empty() ? "/api" : "/apis/" + group);
  if (!doc) {
    if (doc.error().http_code == 404) return std::optional<GroupVersions>{};
    return doc.error();
  }
  GroupVersions out;
  out.group = group;
  auto versions = doc->FindMember("versions");
  if (versions == doc->MemberEnd() || !versions->value.IsArray())
    return decode_error("discovery of \"" + group + "\" returned no versions");
  for (const auto& v : versions->value.GetArray()) {
    // APIGroup lists {groupVersion, version}; the core APIVersions lists plain strings.
    if (v.IsString())
      out.versions.emplace_back(v.GetString());
    else
      out.versions.push_back(str(v, "version"));
  }
  if (auto p = doc->FindMember("preferredVersion"); p != doc->MemberEnd())
    out.preferred = str(p->value, "version");
  else if (!out.versions.empty())
    out.preferred = out.versions.front();
  return std::optional<GroupVersions>(std::move(out));
}

Result<std::optional<std::vector<ApiResource>>> served_resources(ApiClient& client,
                                                                 const std::string& group,
                                                                 const std::string& version) {
  auto doc = client.get(group.empty() ? "/api/" + version : "/apis/" + group + "/" + version);
  if (!doc) {
    if (doc.error().http_code == 404) return std::optional<std::vector<ApiResource>>{};
    return doc.error();
  }
  std::vector<ApiResource> out;
  if (auto rs = doc->FindMember("resources"); rs != doc->MemberEnd() && rs->value.IsArray()) {
    for (const auto& r : rs->value.GetArray()) {
      ApiResource res;
      res.name = str(r, "name");
      res.kind = str(r, "kind");
      if (auto n = r.FindMember("namespaced"); n != r.MemberEnd() && n->value.IsBool())
        res.namespaced = n->value.GetBool();
      if (auto verbs = r.FindMember("verbs"); verbs != r.MemberEnd() && verbs->value.IsArray())
        for (const auto& v : verbs->value.GetArray())
          if (v.IsString()) res.verbs.emplace_back(v.GetString());
      out.push_back(std::move(res));
    }
  }
  return std::optional<std::vector<ApiResource>>(std::move(out));
}

Result<ServerVersion> server_version(ApiClient& client) {
  auto doc = client.get("/version");
  if (!doc) return doc.error();
  ServerVersion v;
  v.git_version = str(*doc, "gitVersion");
  v.major = str(*doc, "major");
  v.minor = str(*doc, "minor");
  v.platform = str(*doc, "platform");
  return v;
}

}  // namespace detgw::kube
