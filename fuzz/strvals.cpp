// The --set family parser (Helm's pkg/strvals): the input is one flag's expression, applied by
// each kind of flag that takes its value from the command line onto a small values tree.
// --set-file is left out: its value is a path, and the fuzzer must not read the machine's files.

#include "core/values/strvals.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/yaml/loader.hpp"

using namespace detgw;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string expression(reinterpret_cast<const char*>(data), size);
  static const yaml::NodePtr base = [] {
    auto doc = yaml::load_text("a:\n  b: [1, {c: d}]\nlist: [x, y]\nname: value\n", "base.yaml");
    return doc ? doc->root : nullptr;
  }();
  for (const auto kind : {values::SetKind::Set, values::SetKind::SetString,
                          values::SetKind::SetJson, values::SetKind::SetLiteral}) {
    (void)values::apply_set_flag(nullptr, {kind, expression, 1});
    (void)values::apply_set_flag(base, {kind, expression, 1});
  }
  return 0;
}
