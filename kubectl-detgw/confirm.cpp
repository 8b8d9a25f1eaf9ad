#include "kubectl-detgw/confirm.hpp"

#include <unistd.h>

#include <iostream>

namespace detgw::kubectl_detgw {

bool confirm_write(bool yes, const std::string& details, const std::string& question) {
  if (yes) return true;
  if (!isatty(STDIN_FILENO) || !isatty(STDERR_FILENO)) return false;
  std::cerr << details << question << " [y/N] " << std::flush;
  std::string answer;
  if (!std::getline(std::cin, answer)) return false;
  return answer == "y" || answer == "Y" || answer == "yes";
}

}  // namespace detgw::kubectl_detgw
