#pragma once
// Name and address syntax the gateway rules check against.

#include <optional>
#include <string>
#include <string_view>

namespace detgw::rules {

// Determined's check.IsValidK8sLabel pattern: ^[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?$
bool matches_determined_label(std::string_view s);
bool is_dns1123_label(std::string_view s);      // namespaces
bool is_dns1123_subdomain(std::string_view s);  // object names
bool is_rfc1123_hostname(std::string_view s);

// A canonical form of an IP literal (v4, v6, v4-mapped v6 → v4), or nullopt if not one.
std::optional<std::string> canonical_ip(std::string_view s);
// How two gateway_ip values compare: IPs canonically, hostnames case-insensitively without a
// trailing dot.
std::string normalise_address(std::string_view s);

}  // namespace detgw::rules
