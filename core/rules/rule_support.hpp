#pragma once
// Small helpers the rule families share.

#include <span>
#include <string>
#include <string_view>

#include "core/model/config_model.hpp"
#include "core/model/known_keys.hpp"

namespace detgw::rules {

std::string quoted(std::string_view text);  // "text", with control characters escaped

// `did you mean "x"?`, or "" when nothing is close.
std::string did_you_mean(std::string_view unknown, std::span<const model::KnownKey> known);

// A value a rule can judge: present, not null, and not an unexpanded `$VAR`.
bool checkable(const model::ConfigModel& model, const model::Field& field);

// The string value of a checkable field, if it is a string.
std::optional<std::string> string_of(const model::ConfigModel& model, const model::Field& field);
std::optional<std::int64_t> int_of(const model::ConfigModel& model, const model::Field& field);

// The field of one entry of a mapping field.
model::Field entry_field(const model::Field& map, const yaml::Entry& entry);

// The known keys of an RM block of this kind in this shape; empty when not checked (slurm/pbs).
std::span<const model::KnownKey> rm_keys(model::RmKind kind);

bool is_kubernetes(const model::ResourceManager& rm);

}  // namespace detgw::rules
