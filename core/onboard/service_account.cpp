#include "core/onboard/service_account.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace detgw::onboard {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

constexpr const char* kManager = "helm-multirm";
constexpr const char* kRbacGroup = "rbac.authorization.k8s.io";

void str(Writer& w, const char* key, const std::string& value) {
  w.Key(key);
  w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
}

void metadata(Writer& w, const std::string& name, const std::string& namespace_) {
  w.Key("metadata");
  w.StartObject();
  str(w, "name", name);
  if (!namespace_.empty()) str(w, "namespace", namespace_);
  w.Key("labels");
  w.StartObject();
  str(w, "app.kubernetes.io/managed-by", kManager);
  w.EndObject();
  w.EndObject();
}

std::string service_account_json(const ServiceAccountRequest& r) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  str(w, "apiVersion", "v1");
  str(w, "kind", "ServiceAccount");
  metadata(w, r.name, r.namespace_);
  w.EndObject();
  return buffer.GetString();
}

std::string cluster_role_json(const ServiceAccountRequest& r) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  str(w, "apiVersion", "rbac.authorization.k8s.io/v1");
  str(w, "kind", "ClusterRole");
  metadata(w, r.cluster_role, {});
  w.Key("rules");
  w.StartArray();
  for (const auto& rule : r.rules) {
    w.StartObject();
    w.Key("apiGroups");
    w.StartArray();
    w.String(rule.group.c_str());
    w.EndArray();
    w.Key("resources");
    w.StartArray();
    w.String(rule.resource.c_str());
    w.EndArray();
    w.Key("verbs");
    w.StartArray();
    for (const auto& verb : rule.verbs) w.String(verb.c_str());
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return buffer.GetString();
}

std::string binding_json(const ServiceAccountRequest& r) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  str(w, "apiVersion", "rbac.authorization.k8s.io/v1");
  str(w, "kind", "ClusterRoleBinding");
  metadata(w, r.cluster_role, {});
  w.Key("roleRef");
  w.StartObject();
  str(w, "apiGroup", kRbacGroup);
  str(w, "kind", "ClusterRole");
  str(w, "name", r.cluster_role);
  w.EndObject();
  w.Key("subjects");
  w.StartArray();
  w.StartObject();
  str(w, "kind", "ServiceAccount");
  str(w, "name", r.name);
  str(w, "namespace", r.namespace_);
  w.EndObject();
  w.EndArray();
  w.EndObject();
  return buffer.GetString();
}

std::string token_request_json(const ServiceAccountRequest& r) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  str(w, "apiVersion", "authentication.k8s.io/v1");
  str(w, "kind", "TokenRequest");
  w.Key("spec");
  w.StartObject();
  w.Key("expirationSeconds");
  w.Int64(static_cast<int64_t>(r.token_duration.count()));
  w.EndObject();
  w.EndObject();
  return buffer.GetString();
}

}  // namespace

kube::Result<ServiceAccountToken> provision_service_account(kube::ApiClient& client,
                                                            const ServiceAccountRequest& request) {
  kube::ApplyOptions apply;
  apply.field_manager = kManager;
  apply.force = true;
  const std::string sa_path =
      kube::resource_path("", "v1", "serviceaccounts", request.namespace_, request.name);
  auto sa = client.apply(sa_path, service_account_json(request), apply);
  if (!sa) return sa.error();
  auto role =
      client.apply(kube::resource_path(kRbacGroup, "v1", "clusterroles", {}, request.cluster_role),
                   cluster_role_json(request), apply);
  if (!role) return role.error();
  auto binding = client.apply(
      kube::resource_path(kRbacGroup, "v1", "clusterrolebindings", {}, request.cluster_role),
      binding_json(request), apply);
  if (!binding) return binding.error();
  std::string token_path = sa_path;
  token_path += "/token";
  auto token = client.create(token_path, token_request_json(request));
  if (!token) return token.error();
  ServiceAccountToken out;
  const auto& doc = *token;
  if (doc.IsObject() && doc.HasMember("status") && doc["status"].IsObject()) {
    const auto& status = doc["status"];
    if (status.HasMember("token") && status["token"].IsString())
      out.token = status["token"].GetString();
    if (status.HasMember("expirationTimestamp") && status["expirationTimestamp"].IsString())
      out.expiration = status["expirationTimestamp"].GetString();
  }
  if (out.token.empty()) {
    kube::ApiError error;
    error.kind = ErrorKind::Cluster;
    error.message = "the TokenRequest for service account ";
    error.message += request.namespace_;
    error.message += "/";
    error.message += request.name;
    error.message += " returned no token";
    return error;
  }
  return out;
}

}  // namespace detgw::onboard
