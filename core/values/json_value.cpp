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

// Builds nodes from RapidJSON's SAX events with an explicit stack (no recursion).
class Builder : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, Builder> {
 public:
  explicit Builder(const SourceLocation& at) : at_(at) {}

  bool Null() { return add(yaml::make_null(at_)); }
  bool Bool(bool b) {
    return add(yaml::make_scalar(b ? "true" : "false", at_, std::string(kBoolTag)));
  }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool) {
    std::string text(s, n);
    errno = 0;
    const double d = std::strtod(text.c_str(), nullptr);
    if (errno == ERANGE && std::isinf(d)) {
      error_ = "json: cannot unmarshal number " + text + " into Go value of type float64";
      return false;
    }
    return add(yaml::make_scalar(std::move(text), at_, std::string(kFloatTag)));
  }
  bool String(const char* s, rapidjson::SizeType n, bool) {
    return add(yaml::make_scalar(std::string(s, n), at_, std::string(kStrTag)));
  }
  bool StartObject() { return open(true); }
  bool Key(const char* s, rapidjson::SizeType n, bool) {
    stack_.back().key.assign(s, n);
    return true;
  }
  bool EndObject(rapidjson::SizeType) {
    Frame frame = std::move(stack_.back());
    stack_.pop_back();
    yaml::Node tmp;
    tmp.kind = yaml::NodeKind::Mapping;
    tmp.entries = std::move(frame.entries);
    return add(make_mapping(effective_entries(tmp), at_, {}));
  }
  bool StartArray() { return open(false); }
  bool EndArray(rapidjson::SizeType) {
    Frame frame = std::move(stack_.back());
    stack_.pop_back();
    return add(make_sequence(std::move(frame.items), at_, {}));
  }

  yaml::NodePtr result() const { return result_; }
  const std::string& error() const { return error_; }

 private:
  struct Frame {
    bool object = false;
    std::string key;
    std::vector<yaml::Entry> entries;
    std::vector<yaml::NodePtr> items;
  };

  bool open(bool object) {
    if (stack_.size() >= kMaxDepth) {
      error_ = "exceeded max depth";
      return false;
    }
    stack_.push_back(Frame{object, {}, {}, {}});
    return true;
  }

  bool add(yaml::NodePtr node) {
    if (stack_.empty()) {
      result_ = std::move(node);
      return true;
    }
    Frame& top = stack_.back();
    if (top.object) {
      yaml::Entry entry;
      entry.key = std::move(top.key);
      entry.key_location = at_;
      entry.value = std::move(node);
      top.entries.push_back(std::move(entry));
    } else {
      top.items.push_back(std::move(node));
    }
    return true;
  }

  const SourceLocation& at_;
  std::vector<Frame> stack_;
  yaml::NodePtr result_;
  std::string error_;
};

bool json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

Expected<JsonPrefix> decode_json_prefix(std::string_view text, const SourceLocation& at) {
  const std::string copy(text);  // RapidJSON's StringStream reads up to a NUL
  rapidjson::StringStream stream(copy.c_str());
  rapidjson::Reader reader;
  Builder builder(at);
  rapidjson::ParseResult ok = reader.Parse<kFlags>(stream, builder);
  if (!ok) {
    std::string reason = builder.error();
    if (reason.empty()) {
      reason = rapidjson::GetParseError_En(ok.Code());
      reason += " at offset " + std::to_string(ok.Offset());
    }
    return usage_error(std::move(reason));
  }
  return JsonPrefix{builder.result(), stream.Tell()};
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
