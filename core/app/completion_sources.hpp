#pragma once
// What shell completion offers for values that live in the kubeconfig or the cluster.

#include <string>
#include <vector>

#include "core/kube/client_config.hpp"
#include "core/support/error.hpp"

namespace detgw::app {

struct Choice {
  std::string value;
  std::string description;
};

// The contexts of the kubeconfig the flags select (--kubeconfig, else KUBECONFIG, else
// ~/.kube/config), each described by its cluster.
Expected<std::vector<Choice>> complete_contexts(const kube::ConfigOverrides& overrides);

// The Gateways a `--gateway [NS/]NAME` flag can name: NAME for those in the namespace the flags
// resolve to, NS/NAME for the others ("class contour, 3 listeners"). Lists Gateways in every
// namespace, or only in the resolved namespace when -n was given or the cluster-wide list is
// forbidden. A short request timeout applies unless the flags set one: a shell waits on this.
Expected<std::vector<Choice>> complete_gateways(kube::ConfigOverrides overrides);

}  // namespace detgw::app
