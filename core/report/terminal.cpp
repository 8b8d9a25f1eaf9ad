#include "core/report/terminal.hpp"

#include <unistd.h>

#include <cstdlib>

namespace detgw::report {

std::optional<ColorMode> parse_color_mode(const std::string& name) {
  if (name == "auto") return ColorMode::Auto;
  if (name == "always") return ColorMode::Always;
  if (name == "never") return ColorMode::Never;
  return std::nullopt;
}

bool use_color(ColorMode mode, int fd) {
  if (mode == ColorMode::Never) return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  if (mode == ColorMode::Always) return true;
  return isatty(fd) != 0;
}

}  // namespace detgw::report
