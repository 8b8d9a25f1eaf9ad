#pragma once
// Boolean text the way Go's strconv.ParseBool reads it: Helm and kubectl hand plugins their
// settings as Go formats them (HELM_DEBUG, HELM_KUBEINSECURE_SKIP_TLS_VERIFY).

#include <optional>
#include <string_view>

namespace detgw {

// 1 t T TRUE true True → true; 0 f F FALSE false False → false; anything else nullopt.
std::optional<bool> go_parse_bool(std::string_view s);

}  // namespace detgw
