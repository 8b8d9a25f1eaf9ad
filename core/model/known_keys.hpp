#pragma once
// The keys Determined 0.38.1's master and the Determined chart know, with the type the master
// decodes each into. Written from the 0.38.1 source and the chart's values.yaml (commented keys
// included); see docs/known-keys.md.

#include <span>
#include <string_view>

namespace detgw::model {

enum class ValueType {
  Any,  // not type-checked here
  String,
  Int,
  Number,  // float or int
  Bool,
  Map,
  List,
  StringMap,  // map[string]string
};

struct KnownKey {
  std::string_view name;
  ValueType type = ValueType::Any;
};

std::span<const KnownKey> master_top_level_keys();
std::span<const KnownKey> additional_rm_wrapper_keys();  // resource_manager, resource_pools
std::span<const KnownKey> kubernetes_rm_keys();          // type included
std::span<const KnownKey> agent_rm_keys();               // type included
std::span<const KnownKey> chart_additional_rm_keys();    // kubeconfig_secret_name/_value
std::span<const KnownKey> gateway_keys();
std::span<const KnownKey> pool_keys();
std::span<const KnownKey> slot_resource_requests_keys();
std::span<const KnownKey> fluent_keys();
std::span<const KnownKey> chart_top_level_keys();  // every key of the chart's values.yaml

const KnownKey* find_key(std::span<const KnownKey> keys, std::string_view name, bool ignore_case);

std::string_view describe(ValueType type);  // "a string", "an integer", ...

}  // namespace detgw::model
