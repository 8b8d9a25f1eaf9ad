#include "core/app/completion_sources.hpp"

#include "core/kube/api_client.hpp"
#include "core/kube/kubeconfig_merge.hpp"

namespace detgw::app {
namespace {

std::string string_member(const rapidjson::Value& object, const char* key) {
  if (!object.IsObject()) return {};
  auto it = object.FindMember(key);
  return it != object.MemberEnd() && it->value.IsString() ? it->value.GetString() : std::string();
}

Choice choice_for(const rapidjson::Value& gateway, const std::string& current_namespace) {
  const auto meta = gateway.FindMember("metadata");
  const auto spec = gateway.FindMember("spec");
  const std::string name = meta != gateway.MemberEnd() ? string_member(meta->value, "name") : "";
  const std::string ns = meta != gateway.MemberEnd() ? string_member(meta->value, "namespace") : "";
  Choice out;
  out.value = ns == current_namespace ? name : ns + "/" + name;
  if (spec != gateway.MemberEnd()) {
    // Appended piece by piece: `"literal" + std::string&&` trips GCC 12's false -Wrestrict.
    out.description = "class ";
    out.description += string_member(spec->value, "gatewayClassName");
    auto listeners = spec->value.FindMember("listeners");
    if (listeners != spec->value.MemberEnd() && listeners->value.IsArray()) {
      const auto count = listeners->value.Size();
      out.description += ", ";
      out.description += std::to_string(count);
      out.description += count == 1 ? " listener" : " listeners";
    }
  }
  return out;
}

}  // namespace

Expected<std::vector<Choice>> complete_contexts(const kube::ConfigOverrides& overrides) {
  auto config = kube::load_kubeconfig(overrides.kubeconfig, kube::Environment::current());
  if (!config) return config.error();
  std::vector<Choice> out;
  for (const auto& [name, context] : config->contexts)
    out.push_back({name, "cluster " + context.cluster});
  return out;
}

Expected<std::vector<Choice>> complete_gateways(kube::ConfigOverrides overrides) {
  if (overrides.request_timeout.empty()) overrides.request_timeout = "5s";
  auto config = kube::load_client_config(overrides);
  if (!config) return config.error();
  auto client = kube::ApiClient::create(config->rest);
  if (!client) return Error(client.error());
  const std::string& current = config->identity.namespace_;
  const char* group = "gateway.networking.k8s.io";

  auto listed = config->identity.namespace_explicit
                    ? (*client)->list(kube::resource_path(group, "v1", "gateways", current))
                    : (*client)->list(kube::resource_path(group, "v1", "gateways"));
  if (!listed && !config->identity.namespace_explicit)  // e.g. only namespace-scoped RBAC
    listed = (*client)->list(kube::resource_path(group, "v1", "gateways", current));
  if (!listed) return Error(listed.error());

  std::vector<Choice> out;
  const auto& list = listed->list;
  auto items = list.FindMember("items");
  if (items != list.MemberEnd() && items->value.IsArray()) {
    for (const auto& gateway : items->value.GetArray())
      if (gateway.IsObject()) out.push_back(choice_for(gateway, current));
  }
  return out;
}

}  // namespace detgw::app
