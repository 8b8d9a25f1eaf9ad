#pragma once
// How the chart's templates print a value of the merged values: `{{ x }}` (Go's %v, with Helm's
// empty text for a missing value), `{{ quote x }}` and `{{ toYaml x }}` (keys sorted). The text is
// only ever re-read as YAML, so equal data is what matters, not byte-equal output.

#include <string>

#include "core/yaml/node.hpp"

namespace detgw::render {

// `{{ x }}`: a string as it is, a number in Go's shortest form, true/false, "" for nil.
std::string go_print(const yaml::Node* node);

// `{{ quote x }}`: go_print in double quotes, escaped.
std::string go_quote(const yaml::Node* node);

// `text` in double quotes, escaped as Go's %q does for printable text.
std::string quote_text(const std::string& text);

// Sprig's `empty` (what `if`, `default` and `coalesce` test): nil, "", false, 0, {} or [].
bool go_empty(const yaml::Node* node);

// `{{ toYaml x | nindent n }}` without the leading newline: block YAML, every line indented by
// `indent` spaces, map keys sorted; "null" for nil, "{}"/"[]" when empty.
std::string to_yaml(const yaml::Node* node, int indent);

}  // namespace detgw::render
