#pragma once
// Pieces shared by the shape builders.

#include <string_view>

#include "core/model/config_model.hpp"

namespace detgw::model::detail {

// Key `key` (a string literal: the field keeps it) of `parent`, whose path is `at`: builders
// that read many keys of one mapping make its path once.
Field child(const Field& parent, const yaml::Path& at, std::string_view key, yaml::KeyMatch match);
Field child(const Field& parent, std::string_view key, yaml::KeyMatch match);
Field item(const Field& list, const yaml::Path& at, std::size_t index);  // `at`: list's path
Field root_field(const yaml::Node* node, const yaml::Path& path);

std::optional<std::string> string_value(const Field& field);

RmKind kind_from_type(const Field& type);

// Fills the fields read from a resource_manager block (root or additional) whose path is `at`.
void read_rm_block(ResourceManager& rm, const yaml::Path& at);
void read_pools(ResourceManager& rm);

// Maps reached from `node` through maps only: the ones viper lower-cases.
void collect_lowercased_maps(const yaml::Node* node, std::vector<const yaml::Node*>& out);

}  // namespace detgw::model::detail
