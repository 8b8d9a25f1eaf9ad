#pragma once
// Helm's --set family (pkg/strvals): `a.b=c,d[0].e=f`, escapes, lists `{x,y}`, `null`.

#include <string>
#include <vector>

#include "core/support/error.hpp"
#include "core/yaml/node.hpp"

namespace detgw::values {

enum class SetKind {
  Set,        // --set: values typed like Helm (ints, bools, null)
  SetString,  // --set-string: every value a string
  SetJson,    // --set-json: the value is JSON
  SetFile,    // --set-file: the value is a path whose content becomes a string
  SetLiteral  // --set-literal: the whole value verbatim
};

struct SetFlag {
  SetKind kind = SetKind::Set;
  std::string expression;  // as given after the flag, e.g. "a.b=1,c=2"
  int index = 0;           // 1-based position among all --set* flags, for locations
};

// The flag's spelling, e.g. "--set-string".
std::string flag_name(SetKind kind);

// Applies one flag onto `values` (a mapping or null) and returns the new tree; the nodes it
// creates are located at file "<command line>", line = flag index. Syntax errors and unreadable
// --set-file paths are Usage errors naming the flag.
Expected<yaml::NodePtr> apply_set_flag(const yaml::NodePtr& values, const SetFlag& flag);

// Applies all flags in Helm's order: --set-json, --set, --set-string, --set-file, --set-literal
// (each kind in the order given).
Expected<yaml::NodePtr> apply_set_flags(const yaml::NodePtr& values,
                                        const std::vector<SetFlag>& flags);

}  // namespace detgw::values
