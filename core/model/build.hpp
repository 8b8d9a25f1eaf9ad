#pragma once
// From parsed input to models: one per master configuration the input describes.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/model/config_model.hpp"
#include "core/yaml/loader.hpp"

namespace detgw::model {

// Decides the shape of one document as SPEC §4.1 orders it: a top-level `stages` is a devcluster
// file, a top-level `resource_manager` or `resource_pools` a master config, anything else values.
InputShape detect_shape(const yaml::Node& root);

// A master config (master.yaml) located at `prefix` inside `file`.
ConfigModel build_master_model(const yaml::NodePtr& config, const std::string& file,
                               const yaml::Path& prefix = {});

// Helm values as merged (chart defaults, -f files, --set flags). `documents` are the user's
// files as written, for checks of the text itself.
ConfigModel build_values_model(const yaml::NodePtr& merged_values, const std::string& file,
                               std::vector<const yaml::Node*> documents);

// Looks up an environment variable; nullopt when unset.
using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;

// Every master stage of a devcluster file, with `$VAR`/`${VAR}` expanded in string scalars the
// way devcluster does it (DOCKER_LOCALHOST is always set by devcluster itself).
std::vector<ConfigModel> build_devcluster_models(const yaml::Document& document,
                                                 const EnvLookup& env);

}  // namespace detgw::model
