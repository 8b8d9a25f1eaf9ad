#include "core/support/error.hpp"

namespace detgw {

// Appends piece by piece: `":" + std::to_string(n)` makes GCC 12 at -O3 report a false
// -Wrestrict in the inlined string insert (GCC bug 105651).
std::string Error::describe() const {
  std::string out;
  if (!where.file.empty()) {
    out += where.file;
    if (where.line > 0) {
      out += ':';
      out += std::to_string(where.line);
      if (where.column > 0) {
        out += ':';
        out += std::to_string(where.column);
      }
    }
    out += ": ";
  }
  out += message;
  return out;
}

}  // namespace detgw
