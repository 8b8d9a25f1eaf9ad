#include "core/yaml/emit.hpp"

namespace detgw::yaml {

void emit_node(YAML::Emitter& out, const Node& node, int max_depth, int depth) {
  if (depth > max_depth) {
    out << YAML::Null;
    return;
  }
  switch (node.kind) {
    case NodeKind::Null:
      out << YAML::Null;
      break;
    case NodeKind::Scalar:
      if (node.tag == "!" || node.tag == "tag:yaml.org,2002:str")
        out << YAML::DoubleQuoted << std::string(node.text);
      else
        out << std::string(node.text);
      break;
    case NodeKind::Sequence:
      out << YAML::BeginSeq;
      for (const auto& item : node.items) emit_node(out, *item, max_depth, depth + 1);
      out << YAML::EndSeq;
      break;
    case NodeKind::Mapping:
      out << YAML::BeginMap;
      for (const auto& e : node.entries) {
        out << YAML::Key << std::string(e.key) << YAML::Value;
        emit_node(out, *e.value, max_depth, depth + 1);
      }
      out << YAML::EndMap;
      break;
  }
}

}  // namespace detgw::yaml
