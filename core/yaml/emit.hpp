#pragma once
// Writing a parsed document back out as YAML (yaml-cpp's emitter), for the files the tools
// generate from input: a kubeconfig, a values overlay.

#include <yaml-cpp/yaml.h>

#include "core/yaml/node.hpp"

namespace detgw::yaml {

// Emits `node`; a quoted or !!str scalar stays a string, a plain one keeps the type it had.
// Below `max_depth` levels the subtree is written as null.
void emit_node(YAML::Emitter& out, const Node& node, int max_depth, int depth = 0);

}  // namespace detgw::yaml
