#pragma once
// Standard base64 (RFC 4648, with padding), as Kubernetes stores []byte fields in YAML and JSON.

#include <optional>
#include <string>
#include <string_view>

namespace detgw::kube {

std::string base64_encode(std::string_view bytes);
// nullopt when `text` is not valid base64 (whitespace and line breaks are ignored).
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace detgw::kube
