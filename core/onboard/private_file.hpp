#pragma once
// Files that may hold credentials: created (or truncated) with mode 0600, whatever the umask.

#include <string>
#include <string_view>

#include "core/support/error.hpp"

namespace detgw::onboard {

// Writes `content` to `path` with mode 0600; an existing file is replaced and made 0600.
Expected<bool> write_private_file(const std::string& path, std::string_view content);

}  // namespace detgw::onboard
