#pragma once
// The credentials a master gets for one more cluster: one context of a kubeconfig, minified and
// flattened (kubectl config view --minify --flatten), and whether they need a helper binary
// (exec plugin, auth-provider) that the master pod would not have.

#include <string>

#include "core/kube/kubeconfig.hpp"

namespace detgw::onboard {

// What helper the context's user needs, e.g. `exec plugin "aws"` or `auth-provider "gcp"`;
// "" when the credentials are self-contained (token, certificate, basic auth).
std::string credential_helper(const kube::Kubeconfig& config, const std::string& context);

// The kubeconfig `config` with its one context's user replaced by a bearer token for
// `user_name` (a service account's TokenRequest token).
kube::Kubeconfig with_token(const kube::Kubeconfig& config, const std::string& user_name,
                            const std::string& token);

}  // namespace detgw::onboard
