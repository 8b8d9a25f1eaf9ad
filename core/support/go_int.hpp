#pragma once
// Integer text to int64 the way Go's strconv.ParseInt does it, for every parser that must agree
// with a Go program on where an integer ends and a string begins: Helm's --set typing
// (core/values/strvals) and YAML scalar resolution (core/yaml/scalar).

#include <cstdint>
#include <optional>
#include <string_view>

namespace detgw {

// strconv.ParseInt(s, base, 64) for 2 <= base <= 16: an optional `+`/`-`, then at least one
// digit of `base`, nothing else (no prefix, no `_`). nullopt on bad syntax and outside int64:
// 9223372036854775808 is out of range, -9223372036854775808 is not.
std::optional<std::int64_t> go_parse_int(std::string_view s, int base = 10);

}  // namespace detgw
