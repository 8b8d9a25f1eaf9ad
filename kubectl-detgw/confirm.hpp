#pragma once
// Asking before a write: --yes answers for the user; otherwise only a person at a terminal can.

#include <string>

namespace detgw::kubectl_detgw {

// True with --yes; else shows `details` and asks `question` on the terminal (stdin and stderr
// both one) and reads y/yes; false when there is no terminal to ask.
bool confirm_write(bool yes, const std::string& details, const std::string& question);

}  // namespace detgw::kubectl_detgw
