#pragma once
// JSON values for --set-json, read as Go's encoding/json decodes into interface{}: objects are
// maps (the last duplicate key wins), numbers are float64 (kept here as their JSON text with a
// !!float tag), strings !!str, true/false !!bool, null a Null node. Internal to core/values.

#include <cstddef>
#include <string>
#include <string_view>

#include "core/support/error.hpp"
#include "core/yaml/node.hpp"

namespace detgw::values::detail {

struct JsonPrefix {
  yaml::NodePtr value;
  std::size_t consumed = 0;  // bytes of `text` up to the end of the value (Go's InputOffset)
};

// Decodes the first JSON value at the start of `text` (after leading JSON whitespace) and says
// where it ended, like one json.Decoder.Decode call; what follows is not looked at.
// On failure the Error's message is the reason (the caller adds the flag).
Expected<JsonPrefix> decode_json_prefix(std::string_view text, const SourceLocation& at);

// Decodes `text` as exactly one JSON value, only whitespace after it (json.Unmarshal).
Expected<yaml::NodePtr> decode_json(std::string_view text, const SourceLocation& at);

}  // namespace detgw::values::detail
