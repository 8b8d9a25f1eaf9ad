#include "core/kube/log.hpp"

#include <iostream>

namespace detgw::kube {

void Logger::emit(std::string_view line) const {
  if (sink_) {
    sink_(line);
  } else {
    std::cerr << line << '\n';
  }
}

void Logger::log(int level, std::string_view line) const {
  if (enabled(level)) emit(line);
}

void Logger::warn(std::string_view line) const { emit("Warning: " + std::string(line)); }

}  // namespace detgw::kube
