#pragma once
// A bound on how deeply JSON from outside (API bodies, exec plugin output) may nest: RapidJSON
// parses any depth iteratively, but walking or printing the result recurses once per level.

#include <string_view>

namespace detgw::kube {

// Deeper than any Kubernetes object (CRD schemas included) and far below what the stack holds.
inline constexpr int kMaxJsonNesting = 1000;

// Whether `text` opens more than `limit` arrays or objects inside each other (brackets within
// strings do not count).
bool json_nesting_exceeds(std::string_view text, int limit = kMaxJsonNesting);

}  // namespace detgw::kube
