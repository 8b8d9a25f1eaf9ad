#pragma once

#include <span>
#include <string>
#include <string_view>

namespace detgw {

// Damerau-Levenshtein (optimal string alignment) distance, case-insensitive.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The known key closest to `unknown`, or "" when nothing is close enough to be a plausible typo.
// Keys that differ only in `_`/case, or where one contains the other, count as close.
std::string closest_key(std::string_view unknown, std::span<const std::string_view> known);

}  // namespace detgw
