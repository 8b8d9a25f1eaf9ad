#include "core/values/json_value.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>
#include <rapidjson/stream.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/values/tree.hpp"

namespace detgw::values::detail {
namespace {

// Go's encoding/json refuses deeper nesting than this ("exceeded max depth").
constexpr std::size_t kMaxDepth = 10000;

constexpr unsigned kFlags = rapidjson::kParseStopWhenDoneFlag |
                            rapidjson::kParseNumbersAsStringsFlag | rapidjson::kParseIterativeFlag;

// Builds nodes from RapidJSON's SAX events into one arena, with an explicit stack (no recursion).
class Builder : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, Builder> {
 public:
  Builder(yaml::Arena& arena, const SourceLocation& at) : arena_(arena), at_(at) {}

  bool Null() { return add(arena_.null(at_)); }
  bool Bool(bool b) { return add(arena_.scalar(b ? "true" : "false", at_, kBoolTag)); }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool) {
    const std::string text(s, n);
    errno = 0;
    const double d = std::strtod(text.c_str(), nullptr);
    if (errno == ERANGE && std::isinf(d)) {
      error_ = "json: cannot unmarshal number " + text + " into Go value of type float64";
      return false;
    }
    return add(arena_.scalar(text, at_, kFloatTag));
  }
  bool String(const char* s, rapidjson::SizeType n, bool) {
    return add(arena_.scalar({s, n}, at_, kStrTag));
  }
  bool StartObject() { return open(true); }
  bool Key(const char* s, rapidjson::SizeType n, bool) {
    stack_.back().key = arena_.intern({s, n});
    return true;
  }
  bool EndObject(rapidjson::SizeType) {
    Frame frame = std::move(stack_.back());
    stack_.pop_back();
    return add(arena_.mapping(effective_entries(frame.entries), at_));
  }
  bool StartArray() { return open(false); }
  bool EndArray(rapidjson::SizeType) {
    Frame frame = std::move(stack_.back());
    stack_.pop_back();
    return add(arena_.sequence(frame.items, at_));
  }

  const yaml::Node* result() const { return result_; }
  const std::string& error() const { return error_; }

 private:
  struct Frame {
    bool object = false;
    std::string_view key;
    std::vector<yaml::Entry> entries;
    std::vector<const yaml::Node*> items;
  };

  bool open(bool object) {
    if (stack_.size() >= kMaxDepth) {
      error_ = "exceeded max depth";
      return false;
    }
    stack_.push_back(Frame{object, {}, {}, {}});
    return true;
  }

  bool add(const yaml::Node* node) {
    if (stack_.empty()) {
      result_ = node;
      return true;
    }
    Frame& top = stack_.back();
    if (top.object)
      top.entries.push_back(yaml::Entry{top.key, at_, node, true, false});
    else
      top.items.push_back(node);
    return true;
  }

  yaml::Arena& arena_;
  const yaml::Position at_;
  std::vector<Frame> stack_;
  const yaml::Node* result_ = nullptr;
  std::string error_;
};

bool json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

Expected<JsonPrefix> decode_json_prefix(std::string_view text, const SourceLocation& at) {
  const std::string copy(text);  // RapidJSON's StringStream reads up to a NUL
  rapidjson::StringStream stream(copy.c_str());
  rapidjson::Reader reader;
  auto arena = std::make_shared<yaml::Arena>();
  Builder builder(*arena, at);
  rapidjson::ParseResult ok = reader.Parse<kFlags>(stream, builder);
  if (!ok) {
    std::string reason = builder.error();
    if (reason.empty()) {
      reason = rapidjson::GetParseError_En(ok.Code());
      reason += " at offset " + std::to_string(ok.Offset());
    }
    return usage_error(std::move(reason));
  }
  return JsonPrefix{yaml::share(std::move(arena), builder.result()), stream.Tell()};
}

Expected<yaml::NodePtr> decode_json(std::string_view text, const SourceLocation& at) {
  auto prefix = decode_json_prefix(text, at);
  if (!prefix) return prefix.error();
  for (std::size_t i = prefix->consumed; i < text.size(); ++i)
    if (!json_space(text[i]))
      return usage_error("invalid character after top-level value at offset " + std::to_string(i));
  return prefix->value;
}

}  // namespace detgw::values::detail
