#pragma once
// A minified, flattened kubeconfig of one context (`kubectl config view --minify --flatten`):
// only that context, its cluster and its user, certificate files embedded as data, and
// current-context set. For handing a cluster's credentials to another program (a Secret).

#include <string>

#include "core/kube/kubeconfig.hpp"

namespace detgw::kube {

struct FlattenOptions {
  bool embed_token_file = true;  // replace tokenFile by the token it holds
};

// The one-context kubeconfig for `context` ("" = current-context), files read and embedded.
Expected<Kubeconfig> minify_flatten(const Kubeconfig& config, const std::string& context,
                                    const FlattenOptions& options = {});

// Serialises a kubeconfig as kubectl writes one (keys sorted, -data fields base64).
std::string write_kubeconfig(const Kubeconfig& config);

}  // namespace detgw::kube
