#include "core/onboard/credentials.hpp"

namespace detgw::onboard {

std::string credential_helper(const kube::Kubeconfig& config, const std::string& context) {
  const std::string name = context.empty() ? config.current_context : context;
  auto ctx = config.contexts.find(name);
  if (ctx == config.contexts.end()) return {};
  auto user = config.users.find(ctx->second.user);
  if (user == config.users.end()) return {};
  std::string helper;
  if (user->second.exec) {
    helper = "exec plugin \"";
    helper += user->second.exec->command;
    helper += "\"";
  } else if (user->second.auth_provider) {
    helper = "auth-provider \"";
    helper += user->second.auth_provider->name;
    helper += "\"";
  }
  return helper;
}

kube::Kubeconfig with_token(const kube::Kubeconfig& config, const std::string& user_name,
                            const std::string& token) {
  kube::Kubeconfig out = config;
  out.users.clear();
  kube::AuthInfo user;
  user.token = token;
  out.users[user_name] = user;
  for (auto& [name, context] : out.contexts) context.user = user_name;
  return out;
}

}  // namespace detgw::onboard
