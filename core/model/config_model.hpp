#pragma once
// The typed view of one master configuration, whatever shape it came in: the root RM and the
// additional RMs with their pools and gateways. Every field keeps the node it came from and its
// path in the input's own coordinates, so rules can say exactly where a problem is.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/yaml/loader.hpp"
#include "core/yaml/node.hpp"
#include "core/yaml/path.hpp"

namespace detgw::model {

enum class InputShape { Values, Master, Devcluster };
std::string to_string(InputShape shape);

// One key of the input. `node` is null when the key is absent; `parent` is then the mapping
// that would hold it, where a finding about the absence points.
struct Field {
  const yaml::Node* node = nullptr;
  const yaml::Entry* entry = nullptr;  // the key, when present
  const yaml::Node* parent = nullptr;

  explicit operator bool() const { return node != nullptr; }
  bool present_and_not_null() const { return node && !node->is_null(); }
  SourceLocation value_location() const;  // the value, else the key, else the parent
  SourceLocation key_location() const;    // the key, else the parent

  // Where the field is in the input. A model has tens of fields per RM and rules report few of
  // them, so a field keeps the path of its mapping (shared with its siblings) and its own key,
  // and the whole path is made only when asked for.
  yaml::Path path() const;
  void set_path(yaml::Path path);
  // Key `key` of the mapping at `holder`. The key is not copied: it must be the entry's own key
  // (the document outlives the model) or a string literal.
  void set_path(yaml::Path holder, std::string_view key);
  void set_path(yaml::Path holder, std::size_t index);  // item `index` of the list at `holder`

 private:
  // 32-bit size and index keep a field at 48 bytes; anything larger is stored as a whole path.
  static constexpr std::uint32_t kNone = UINT32_MAX;
  yaml::Path holder_;  // the whole path when there is neither key nor index
  const char* key_ = nullptr;
  std::uint32_t key_size_ = 0;
  std::uint32_t index_ = kNone;
};

enum class RmKind { Missing, Agent, Kubernetes, Slurm, Pbs, Unknown };

struct Pool {
  Field entry;  // resource_pools[i]
  Field name;   // pool_name
};

struct GatewayConfig {
  Field block;
  Field name;
  Field namespace_;
  Field ip;
  Field port_start;
  Field port_end;
  // Effective range: the master pre-fills 32768-65535 and keeps defaults for omitted keys.
  std::optional<std::int64_t> start = 32768;
  std::optional<std::int64_t> end = 65535;
};

// Which cluster an RM talks to: the master's own, or one named by a kubeconfig.
struct ClusterRef {
  enum class Kind { MasterCluster, KubeconfigPath, KubeconfigSecret };
  Kind kind = Kind::MasterCluster;
  std::string key;  // the kubeconfig path, or "secret/key"
  bool operator==(const ClusterRef&) const = default;
};

struct ResourceManager {
  bool is_root = false;
  std::size_t index = 0;           // position in additional_resource_managers
  bool rendered_by_chart = false;  // Helm's root RM: built by the chart from top-level values
  Field wrapper;                   // additional_resource_managers[i]
  Field block;                     // the resource_manager mapping
  yaml::KeyMatch key_match = yaml::KeyMatch::Exact;  // how the master matches keys in `block`

  RmKind kind = RmKind::Missing;
  Field type;
  Field cluster_name;
  Field name;
  std::string effective_name;  // what the master calls it; "" when it has none

  Field max_slots_per_pod;
  Field pools_field;
  std::vector<Pool> pools;
  bool implicit_default_pool = false;  // root without resource_pools

  Field slot_type;
  Field slot_resource_requests;
  Field default_scheduler;
  Field master_host;
  Field master_port;
  Field master_scheme;
  Field master_ip;
  Field kubeconfig_path;
  Field kubeconfig_secret_name;
  Field kubeconfig_secret_value;
  Field default_compute_pool;
  Field default_aux_pool;
  Field no_default_pools;
  Field default_namespace;
  Field gateway_field;  // internal_task_gateway
  std::optional<GatewayConfig> gateway;
  ClusterRef cluster;

  // "root RM" or "additional RM #2 (cluster east)", for messages.
  std::string label() const;
};

struct ConfigModel {
  InputShape shape = InputShape::Master;
  std::string file;                  // the input (values: the last -f file, or <chart defaults>)
  yaml::Path prefix;                 // devcluster: stages[i].master.config_file
  const yaml::Node* root = nullptr;  // the values, or the master config
  std::vector<ResourceManager> rms;  // rms[0] is the root RM
  Field task_container_defaults_max_slots;  // master shape only
  // Every document as written, for checks of the text itself (duplicate keys).
  std::vector<const yaml::Node*> documents;
  // Master keys that viper lower-cases (the maps reached from the root through maps only).
  std::vector<const yaml::Node*> lowercased_maps;
  // Devcluster: scalars whose `$VAR` stayed literal because VAR is unset.
  struct Placeholder {
    std::string variable;  // "$GATEWAY_IP"
    yaml::Path path;
  };
  std::map<const yaml::Node*, Placeholder> unset_placeholders;
  std::size_t max_listeners = 64;
  std::vector<yaml::NodePtr> owned;  // trees made while building (devcluster expansion)

  bool is_placeholder(const yaml::Node* node) const {
    return node && unset_placeholders.count(node) > 0;
  }
  std::size_t pool_count() const;
  std::size_t gateway_count() const;
};

}  // namespace detgw::model
