#pragma once
// Loading untrusted YAML into a positioned tree within fixed bounds: a file size cap, a nesting
// cap, and a cap on every node (maps and lists too) with aliases expanded, so an alias bomb is
// refused while it is parsed.

#include <cstddef>
#include <string>
#include <string_view>

#include "core/support/error.hpp"
#include "core/yaml/node.hpp"

namespace detgw::yaml {

struct LoadLimits {
  std::size_t max_bytes = 16u << 20;
  std::size_t max_depth = 128;
  // Every node (map, list, scalar, null), an alias counted with its whole subtree at every use.
  std::size_t max_nodes = 2'000'000;
};

struct Document {
  std::string file;
  NodePtr root;  // a Null node for an empty document
};

// Parses the first YAML document of `text`. `file` names it in locations and messages.
Expected<Document> load_text(std::string_view text, const std::string& file,
                             const LoadLimits& limits = {});

// Reads `path` ("-" reads standard input, named "<stdin>") and parses it.
Expected<Document> load_file(const std::string& path, const LoadLimits& limits = {});

// Reads a whole file within `max_bytes`; the error names the file. "-" is standard input, an
// anonymous pipe (`<(…)`, /dev/fd/N) and a character device are read like it; a directory, a
// named FIFO, a socket and a block device are refused, saying which they are.
Expected<std::string> read_file(const std::string& path, std::size_t max_bytes);

}  // namespace detgw::yaml
