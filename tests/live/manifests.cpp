#include "tests/live/manifests.hpp"

#include <boost/test/unit_test.hpp>
#include <sstream>

#include "core/live/listener_table.hpp"
#include "core/yaml/loader.hpp"
#include "core/yaml/scalar.hpp"

namespace detgw::test {
namespace {

rapidjson::Value to_json(const yaml::Node& node, rapidjson::Document::AllocatorType& a) {
  switch (node.kind) {
    case yaml::NodeKind::Null:
      return rapidjson::Value(rapidjson::kNullType);
    case yaml::NodeKind::Scalar: {
      const auto r = yaml::resolve(node);
      switch (r.type) {
        case yaml::ScalarType::Null:
          return rapidjson::Value(rapidjson::kNullType);
        case yaml::ScalarType::Bool:
          return rapidjson::Value(r.boolean);
        case yaml::ScalarType::Int:
          return rapidjson::Value(static_cast<int64_t>(r.integer));
        case yaml::ScalarType::Float:
          return rapidjson::Value(r.number);
        case yaml::ScalarType::String:
          return rapidjson::Value(node.text.data(),
                                  static_cast<rapidjson::SizeType>(node.text.size()), a);
      }
      break;
    }
    case yaml::NodeKind::Sequence: {
      rapidjson::Value out(rapidjson::kArrayType);
      for (const auto& item : node.items) out.PushBack(to_json(*item, a), a);
      return out;
    }
    case yaml::NodeKind::Mapping: {
      rapidjson::Value out(rapidjson::kObjectType);
      for (const auto& e : node.entries)
        out.AddMember(
            rapidjson::Value(e.key.data(), static_cast<rapidjson::SizeType>(e.key.size()), a),
            to_json(*e.value, a), a);
      return out;
    }
  }
  return rapidjson::Value(rapidjson::kNullType);
}

std::vector<std::string> split_documents(const std::string& stream) {
  std::vector<std::string> docs(1);
  std::istringstream in(stream);
  std::string line;
  while (std::getline(in, line)) {
    if (line == "---")
      docs.emplace_back();
    else
      docs.back() += line + "\n";
  }
  return docs;
}

live::Crd default_crd(const std::string& name, std::vector<live::CrdVersion> versions) {
  live::Crd crd;
  crd.present = true;
  crd.name = name;
  crd.bundle_version = "v1.3.0";
  crd.channel = "experimental";
  crd.versions = std::move(versions);
  return crd;
}

}  // namespace

live::GatewaySnapshot snapshot_from_manifests(const std::string& yaml_stream) {
  live::GatewaySnapshot s;
  s.routes_listed = true;
  s.services_listed = true;
  s.tcproute_version = "v1alpha2";
  s.server_version = "v1.34.4";
  s.gateway_ref = {"projectcontour", "contour"};
  std::vector<live::AccessCheck> access;
  for (const auto& text : split_documents(yaml_stream)) {
    auto doc = yaml::load_text(text, "example.yaml");
    BOOST_REQUIRE_MESSAGE(doc.ok(), (doc.ok() ? "" : doc.error().describe()));
    if (!doc->root->is_mapping()) continue;
    rapidjson::Document json;
    auto value = to_json(*doc->root, json.GetAllocator());
    static_cast<rapidjson::Value&>(json).Swap(value);
    const yaml::Node* kind = doc->root->find("kind");
    const std::string k = kind ? std::string(kind->text) : "";
    if (k == "CustomResourceDefinition") {
      auto crd = live::parse_crd(json);
      (crd.name.starts_with("tcproutes.") ? s.tcproute_crd : s.gateway_crd) = crd;
    } else if (k == "GatewayClass") {
      s.gateway_class = live::parse_gateway_class(json);
    } else if (k == "Gateway") {
      s.gateway = live::parse_gateway(json);
      s.gateway_ref = s.gateway->ref;
    } else if (k == "TCPRoute") {
      s.routes.push_back(live::parse_tcproute(json));
    } else if (k == "Service") {
      s.services.push_back(live::parse_service(json));
    } else if (k == "SelfSubjectAccessReview") {
      const auto& ra = json["spec"]["resourceAttributes"];
      auto field = [&](const char* key) {
        return ra.HasMember(key) ? std::string(ra[key].GetString()) : std::string();
      };
      access.push_back({field("verb"),
                        field("group"),
                        field("resource"),
                        field("namespace"),
                        json["status"]["allowed"].GetBool(),
                        {}});
    } else if (const auto* itg = doc->root->find("internal_task_gateway")) {
      auto text_of = [&](const char* key) -> std::optional<std::string> {
        const auto* n = itg->find(key);
        return n ? std::optional<std::string>(n->text) : std::nullopt;
      };
      s.expected.source = "values.yaml (RM east)";
      s.expected.ip = text_of("gateway_ip");
      s.expected.range_start = 32768;
      s.expected.range_end = 65535;
      if (auto v = text_of("gateway_port_range_start")) s.expected.range_start = std::stoi(*v);
      if (auto v = text_of("gateway_port_range_end")) s.expected.range_end = std::stoi(*v);
      if (!s.gateway) s.gateway_ref = {*text_of("gateway_namespace"), *text_of("gateway_name")};
    }
  }
  if (!s.gateway_crd) {
    live::CrdVersion v1{"v1", 0, true, true, false, 64, 64};
    live::CrdVersion v1beta1{"v1beta1", 1, true, false, false, 64, 64};
    s.gateway_crd = default_crd("gateways.gateway.networking.k8s.io", {v1, v1beta1});
  }
  if (!s.tcproute_crd)
    s.tcproute_crd = default_crd("tcproutes.gateway.networking.k8s.io",
                                 {{"v1alpha2", 0, true, true, false, {}, {}}});
  if (!s.gateway_class) {
    s.gateway_class = live::GatewayClass{};
    s.gateway_class->present = true;
    s.gateway_class->name = "contour";
    s.gateway_class->controller = std::string(live::kContourController);
  }
  if (!access.empty()) s.master_access = access;
  return s;
}

std::vector<report::Finding> check_manifests(const std::string& yaml_stream) {
  const auto snapshot = snapshot_from_manifests(yaml_stream);
  const auto table = live::build_listener_table(snapshot);
  const live::LiveModel model{snapshot, table, "east"};
  return live::run_live_checks(model, live::all_live_checks()).findings;
}

bool has_code(const std::vector<report::Finding>& findings, const std::string& code) {
  for (const auto& f : findings)
    if (f.code == code) return true;
  return false;
}

}  // namespace detgw::test
