#pragma once
// Helm's values merging, so every later check sees what `helm install` would hand the chart and
// every value still knows the file and line (or the --set flag) that supplied it.

#include <string>
#include <vector>

#include "core/support/error.hpp"
#include "core/yaml/node.hpp"

namespace detgw::values {

// Merges `overlay` onto `base` the way Helm merges successive -f files (pkg/cli/values
// mergeMaps): maps merge key by key, recursively; anything else (lists included) in the overlay
// replaces the base value; a null in the overlay is kept as null (it deletes only when coalesced
// with the chart defaults). Either argument may be null (NodePtr == nullptr means "absent").
yaml::NodePtr merge_maps(const yaml::NodePtr& base, const yaml::NodePtr& overlay);

// Coalesces the user's values onto the chart defaults as Helm's chartutil.CoalesceValues does:
// user values win, maps merge recursively, and a user null deletes the key from the result.
yaml::NodePtr coalesce_with_chart(const yaml::NodePtr& chart_defaults,
                                  const yaml::NodePtr& user_values);

// What Helm logs (and otherwise ignores) while coalescing: a user value and a chart default of
// which one is a map and the other is not. `key` is the dotted path; `where` the user's node.
struct CoalesceWarning {
  std::string key;
  std::string message;
  SourceLocation where;
};

// As above, also collecting Helm's warnings (when `warnings` is not null).
yaml::NodePtr coalesce_with_chart(const yaml::NodePtr& chart_defaults,
                                  const yaml::NodePtr& user_values,
                                  std::vector<CoalesceWarning>* warnings);

// The values as the JSON Helm's `toJson .Values` would print: keys sorted, one per key (the
// last duplicate), scalars typed like yaml.v2, numbers as Go prints a float64. For comparing
// with a dump from real Helm.
std::string to_canonical_json(const yaml::NodePtr& values);

}  // namespace detgw::values
