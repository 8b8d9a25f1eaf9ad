#pragma once
// Whether to colour output: only on a terminal, never with NO_COLOR, as --color says.

#include <optional>
#include <string>

namespace detgw::report {

enum class ColorMode { Auto, Always, Never };

std::optional<ColorMode> parse_color_mode(const std::string& name);
bool use_color(ColorMode mode, int fd);

}  // namespace detgw::report
