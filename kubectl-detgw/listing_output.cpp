#include "kubectl-detgw/listing_output.hpp"

#include <iostream>

#include "core/report/format.hpp"
#include "core/report/listing.hpp"

namespace detgw::kubectl_detgw {

rapidjson::Value json_text(const std::string& text, JsonAllocator& a) {
  const auto valid = report::detail::valid_utf8(text);
  return rapidjson::Value(valid.c_str(), static_cast<rapidjson::SizeType>(valid.size()), a);
}

void print_listing(rapidjson::Document& doc, std::vector<rapidjson::Value>& items,
                   const std::string& output) {
  if (items.empty()) return;
  auto& a = doc.GetAllocator();
  if (items.size() == 1) {
    static_cast<rapidjson::Value&>(doc).Swap(items.front());
  } else {
    doc.SetObject();
    rapidjson::Value list(rapidjson::kArrayType);
    for (auto& item : items) list.PushBack(item, a);
    doc.AddMember("kind", "List", a);
    doc.AddMember("items", list, a);
  }
  std::cout << (output == "json" ? report::listing_json(doc) : report::listing_yaml(doc));
}

}  // namespace detgw::kubectl_detgw
