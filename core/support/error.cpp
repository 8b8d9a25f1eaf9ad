#include "core/support/error.hpp"

namespace detgw {

std::string Error::describe() const {
  std::string out;
  if (!where.file.empty()) {
    out += where.file;
    if (where.line > 0) {
      out += ":" + std::to_string(where.line);
      if (where.column > 0) out += ":" + std::to_string(where.column);
    }
    out += ": ";
  }
  return out + message;
}

}  // namespace detgw
