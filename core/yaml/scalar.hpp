#pragma once
// Scalar typing as gopkg.in/yaml.v2 resolves it, which is what both Helm (sigs.k8s.io/yaml) and
// the Determined master (ghodss/yaml) use: YAML 1.1 booleans (yes/no/on/off), Go integer syntax.

#include <cstdint>
#include <optional>
#include <string>

#include "core/yaml/node.hpp"

namespace detgw::yaml {

enum class ScalarType { Null, Bool, Int, Float, String };

struct ResolvedScalar {
  ScalarType type = ScalarType::String;
  bool boolean = false;
  std::int64_t integer = 0;
  double number = 0;  // set for Int and Float
};

ResolvedScalar resolve(const Node& node);

std::optional<std::int64_t> as_int(const Node& node);  // an Int, or a Float with no fraction
std::optional<double> as_number(const Node& node);     // Int or Float
std::optional<bool> as_bool(const Node& node);
// The text of a scalar that resolves to a string; nullopt for anything else.
std::optional<std::string> as_string(const Node& node);

}  // namespace detgw::yaml
