#pragma once
// Printing the listings of the live commands (status, prune, config) as JSON or YAML: one item
// as itself, several as a kubectl-style List.

#include <rapidjson/document.h>

#include <string>
#include <vector>

namespace detgw::kubectl_detgw {

using JsonAllocator = rapidjson::Document::AllocatorType;

// A JSON string of `text`, repaired to valid UTF-8.
rapidjson::Value json_text(const std::string& text, JsonAllocator& a);

// Prints `items` (allocated from `doc`) in `output` ("json" or "yaml"); nothing when empty.
void print_listing(rapidjson::Document& doc, std::vector<rapidjson::Value>& items,
                   const std::string& output);

}  // namespace detgw::kubectl_detgw
