#pragma once
// Listings that are not findings (`kubectl detgw status`, `config`): the command builds one JSON
// document, printed as JSON or as the same data in YAML.

#include <rapidjson/document.h>

#include <string>

namespace detgw::report {

std::string listing_json(const rapidjson::Value& document);
// Block-style YAML; every string double-quoted, so no value can change the structure.
std::string listing_yaml(const rapidjson::Value& document);

}  // namespace detgw::report
