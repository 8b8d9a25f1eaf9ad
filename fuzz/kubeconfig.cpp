// Kubeconfig text through what every command does with it before any network: parsed with
// positions, merged with another file the way KUBECONFIG lists are (both orders), resolved to a
// client configuration for each of its contexts, and written back the way add-cluster writes one.

#include "core/kube/kubeconfig.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/kube/client_config.hpp"
#include "core/kube/kubeconfig_merge.hpp"
#include "core/kube/kubeconfig_write.hpp"

using namespace detgw;

namespace {

// A second file of the KUBECONFIG list, with names the fuzzed file may reuse.
constexpr const char* kOther = R"(apiVersion: v1
kind: Config
clusters:
- name: lab
  cluster: {server: "https://127.0.0.1:6443", insecure-skip-tls-verify: true}
users:
- name: admin
  user: {token: abc}
contexts:
- name: lab
  context: {cluster: lab, user: admin, namespace: default}
current-context: lab
)";

void resolve_each_context(const kube::Kubeconfig& config) {
  (void)kube::resolve_client_config(config, {});
  std::size_t n = 0;
  for (const auto& [name, context] : config.contexts) {
    if (++n > 8) break;
    kube::ConfigOverrides overrides;
    overrides.context = name;
    (void)kube::resolve_client_config(config, overrides);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto config = kube::parse_kubeconfig(text, "/fuzz/kubeconfig");
  if (!config) return 0;
  static const kube::Kubeconfig other = *kube::parse_kubeconfig(kOther, "/fuzz/other");
  resolve_each_context(*config);
  resolve_each_context(kube::merge_kubeconfigs({*config, other}));
  resolve_each_context(kube::merge_kubeconfigs({other, *config}));
  // What the writer prints must read back.
  const std::string written = kube::write_kubeconfig(*config);
  if (!kube::parse_kubeconfig(written, "/fuzz/written")) __builtin_trap();
  return 0;
}
