// Helm's --set family (pkg/strvals parser.go and literal_parser.go, pkg/cli/values options.go),
// re-expressed on positioned nodes. Like Helm, a flag is parsed *into* the values built so far
// (ParseInto on the merged -f files), so `a[1]=x` edits a list a file supplied, `a.b=1` adds to
// a file's map, and a type clash (`a.b=1` where a is a string) is Helm's "interface conversion"
// error. The parser works on a small mutable tree (W) that wraps the immutable nodes and opens
// only the maps and lists a flag walks through; everything else stays shared. The nodes a flag
// makes go to one arena, which keeps the values it was applied to alive.

#include "core/values/strvals.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string_view>

#include "core/support/go_int.hpp"
#include "core/values/json_value.hpp"
#include "core/values/merge.hpp"
#include "core/values/tree.hpp"
#include "core/yaml/loader.hpp"

namespace detgw::values {
namespace {

using detail::flag_location;
using yaml::Node;
using yaml::NodePtr;

// Helm's limits (strvals.MaxIndex, strvals.MaxNestedNameLevel).
constexpr long long kMaxIndex = 65536;
constexpr int kMaxNestedNameLevel = 30;
// Not in Helm (Go's stack grows): a bound on `a[0][0][0]...` recursion here.
constexpr int kMaxRecursion = 2000;
constexpr std::size_t kMaxSetFileBytes = 16u << 20;
// Not in Helm: a bound on the nulls that list indices add, over all flags of a run. MaxIndex
// bounds one index, but `a[65536],b[65536],…` in one argument adds 65536 nulls per 12 bytes.
constexpr std::size_t kMaxPadding = 1u << 20;

// ---- the working tree -------------------------------------------------------------------

struct W;
using WPtr = std::shared_ptr<W>;

struct WEntry {
  std::string_view key;  // in the arena, or in the tree it keeps
  yaml::Position key_location;
  WPtr value;
};

struct W {
  enum class Kind { Leaf, Map, List } kind = Kind::Leaf;
  const Node* node = nullptr;  // Leaf: the value. Map/List: the node it was opened from, if any.
  std::vector<WEntry> entries;
  std::vector<WPtr> items;
};

WPtr leaf(const Node* node) {
  auto w = std::make_shared<W>();
  w->node = node;
  return w;
}

WPtr new_container(W::Kind kind) {
  auto w = std::make_shared<W>();
  w->kind = kind;
  return w;
}

bool is_go_nil(const W& w) { return w.kind == W::Kind::Leaf && detail::is_nil(*w.node); }

// Go's `v.(map[string]interface{})` that succeeds: a map already open, or a mapping node opened
// in place so every holder of this W sees the edits, as with a Go map.
bool open_map(W& w) {
  if (w.kind == W::Kind::Map) return true;
  if (w.kind != W::Kind::Leaf || !detail::is_table(*w.node)) return false;
  w.kind = W::Kind::Map;
  for (const yaml::Entry& e : detail::effective_entries(*w.node))
    if (e.key_is_scalar) w.entries.push_back({e.key, e.key_location, leaf(e.value)});
  return true;
}

bool open_list(W& w) {
  if (w.kind == W::Kind::List) return true;
  if (w.kind != W::Kind::Leaf || !detail::is_list(*w.node)) return false;
  w.kind = W::Kind::List;
  for (const Node* item : w.node->items) w.items.push_back(leaf(item));
  return true;
}

std::string go_type(const W& w) {
  switch (w.kind) {
    case W::Kind::Map:
      return "map[string]interface {}";
    case W::Kind::List:
      return "[]interface {}";
    case W::Kind::Leaf:
      break;
  }
  return detail::go_type_name(*w.node);
}

const Node* freeze(const W& w, yaml::Position at, yaml::Arena& arena) {
  switch (w.kind) {
    case W::Kind::Leaf:
      return w.node;
    case W::Kind::Map: {
      std::vector<yaml::Entry> entries;
      entries.reserve(w.entries.size());
      for (const WEntry& e : w.entries) {
        yaml::Entry entry;
        entry.key = e.key;
        entry.key_location = e.key_location;
        entry.value = freeze(*e.value, at, arena);
        entries.push_back(entry);
      }
      return arena.mapping(entries, w.node ? w.node->location : at,
                           w.node ? w.node->tag : std::string_view());
    }
    case W::Kind::List: {
      std::vector<const Node*> items;
      items.reserve(w.items.size());
      for (const WPtr& item : w.items) items.push_back(freeze(*item, at, arena));
      return arena.sequence(items, w.node ? w.node->location : at,
                            w.node ? w.node->tag : std::string_view());
    }
  }
  return w.node;
}

WEntry* find(W& map, std::string_view key) {
  for (WEntry& e : map.entries)
    if (e.key == key) return &e;
  return nullptr;
}

// ---- Go-isms ------------------------------------------------------------------------------

// strconv.Quote, enough for messages.
std::string go_quote(std::string_view s) {
  static const char* hex = "0123456789abcdef";
  std::string out = "\"";
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c == 0x7F) {
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 0xF];
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

bool equal_fold(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// strconv.Atoi, with its error text.
std::optional<long long> go_atoi(std::string_view s, std::string& error) {
  std::string_view digits = s;
  if (!digits.empty() && (digits[0] == '+' || digits[0] == '-')) digits.remove_prefix(1);
  bool syntax = !digits.empty();
  for (char c : digits) syntax = syntax && c >= '0' && c <= '9';
  if (!syntax) {
    error = "strconv.Atoi: parsing " + go_quote(s) + ": invalid syntax";
    return std::nullopt;
  }
  auto value = go_parse_int(s);
  if (!value) {
    error = "strconv.Atoi: parsing " + go_quote(s) + ": value out of range";
    return std::nullopt;
  }
  return static_cast<long long>(*value);
}

bool go_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

// ---- the parser ---------------------------------------------------------------------------

enum class Mode { Typed, String, Json, File, Literal };

enum class St { Ok, Eof, Fail };
struct R {
  St st = St::Ok;
  std::string message;
};
R ok() { return {}; }
R eof() { return {St::Eof, {}}; }
R fail(std::string message) { return {St::Fail, std::move(message)}; }
R type_panic(const W& have, std::string_view want) {
  return fail("unable to parse key: interface conversion: interface {} is " + go_type(have) +
              ", not " + std::string(want));
}

struct Scan {
  std::string text;
  char last = 0;
  bool eof = false;
};

class Parser {
 public:
  // `padding_left`: how many more nulls list indices may add, shared by the flags of a run.
  Parser(std::string_view input, Mode mode, const SourceLocation& at, yaml::Arena& arena,
         std::size_t& padding_left)
      : in_(input), mode_(mode), at_(at), where_(at), arena_(arena), padding_left_(padding_left) {}

  R parse(W& root) {
    for (;;) {
      R r = key(root, 0);
      if (r.st == St::Ok) continue;
      if (r.st == St::Eof) return ok();
      return r;
    }
  }

 private:
  // runesUntil: up to one of `stop`; a backslash takes the next character literally (not in
  // --set-literal, whose keys have no escapes).
  Scan until(std::string_view stop) {
    Scan out;
    const bool escapes = mode_ != Mode::Literal;
    while (pos_ < in_.size()) {
      const char c = in_[pos_++];
      if (stop.find(c) != std::string_view::npos) {
        out.last = c;
        return out;
      }
      if (escapes && c == '\\') {
        if (pos_ >= in_.size()) {
          out.eof = true;
          return out;
        }
        // One whole UTF-8 character.
        out.text += in_[pos_++];
        while (pos_ < in_.size() && (static_cast<unsigned char>(in_[pos_]) & 0xC0) == 0x80)
          out.text += in_[pos_++];
        continue;
      }
      out.text += c;
    }
    out.eof = true;
    return out;
  }

  void set(W& data, const std::string& key, const WPtr& value) {
    if (key.empty()) return;  // Helm ignores an empty key
    if (WEntry* e = find(data, key)) {
      if (e->value == value) return;  // the same map/list, edited in place
      e->value = value;
      e->key_location = where_;
      return;
    }
    data.entries.push_back({arena_.intern(key), where_, value});
  }

  R set_index(W& list, long long index, const WPtr& value) {
    if (index < 0) return fail("negative " + std::to_string(index) + " index not allowed");
    if (index > kMaxIndex)
      return fail("index of " + std::to_string(index) +
                  " is greater than maximum supported index of " + std::to_string(kMaxIndex));
    const auto i = static_cast<std::size_t>(index);
    if (list.items.size() <= i) {
      const std::size_t added = i + 1 - list.items.size();
      if (added > padding_left_)
        return fail("list indices would add more than " + std::to_string(kMaxPadding) +
                    " null entries in all; refusing (index " + std::to_string(index) + ")");
      padding_left_ -= added;
    }
    while (list.items.size() <= i) list.items.push_back(leaf(padding()));
    list.items[i] = value;
    return ok();
  }

  // The null that list indices pad with: one node, shared.
  const Node* padding() {
    if (!padding_) padding_ = arena_.null(where_);
    return padding_;
  }

  WPtr string_value(std::string_view text) {
    return leaf(arena_.scalar(text, where_, detail::kStrTag));
  }

  // typedVal: true/false/null in any case, integers that do not start with 0 (and "0"),
  // everything else a string.
  WPtr typed_value(std::string text) {
    if (equal_fold(text, "true") || equal_fold(text, "false"))
      return leaf(
          arena_.scalar(equal_fold(text, "true") ? "true" : "false", where_, detail::kBoolTag));
    if (equal_fold(text, "null")) return leaf(arena_.null(where_));
    if (text == "0") return leaf(arena_.scalar("0", where_, detail::kIntTag));
    if (!text.empty() && text[0] != '0') {
      if (auto n = go_parse_int(text))
        return leaf(arena_.scalar(std::to_string(*n), where_, detail::kIntTag));
    }
    return string_value(text);
  }

  // The value reader of the mode (Helm's RunesValueReader).
  R read_value(std::string text, WPtr& out) {
    switch (mode_) {
      case Mode::Typed:
        out = typed_value(std::move(text));
        return ok();
      case Mode::File: {
        std::string path = text;
        const auto first = path.find_first_not_of(" \t\n\r\v\f");
        const auto last = path.find_last_not_of(" \t\n\r\v\f");
        const std::string trimmed =
            first == std::string::npos ? std::string() : path.substr(first, last - first + 1);
        for (std::string_view scheme : {"http://", "https://", "oci://"}) {
          if (trimmed.size() >= scheme.size() &&
              equal_fold(std::string_view(trimmed).substr(0, scheme.size()), scheme))
            return fail("cannot fetch " + go_quote(trimmed) +
                        ": reading a URL is not supported here, download it first");
        }
        auto content = yaml::read_file(trimmed == "-" ? "-" : path, kMaxSetFileBytes);
        if (!content) return fail("open " + path + ": " + content.error().message);
        out = string_value(*content);
        return ok();
      }
      case Mode::String:
      case Mode::Json:
      case Mode::Literal:
        break;
    }
    out = string_value(text);
    return ok();
  }

  // valList: `{a,b,c}` (Ok), not a list (Eof: nothing left; NotList otherwise).
  enum class ListSt { Ok, Eof, NotList, Fail };
  ListSt value_list(WPtr& out, R& error) {
    if (pos_ >= in_.size()) return ListSt::Eof;
    if (in_[pos_] != '{') return ListSt::NotList;
    ++pos_;
    out = new_container(W::Kind::List);
    for (;;) {
      Scan s = until(",}");
      if (s.eof) {
        error = fail("list must terminate with '}'");
        return ListSt::Fail;
      }
      WPtr item;
      if (s.last == '}') {
        if (pos_ < in_.size() && in_[pos_] == ',') ++pos_;
        error = read_value(std::move(s.text), item);
        if (error.st != St::Ok) return ListSt::Fail;
        out->items.push_back(item);
        return ListSt::Ok;
      }
      error = read_value(std::move(s.text), item);
      if (error.st != St::Ok) return ListSt::Fail;
      out->items.push_back(item);
    }
  }

  // emptyVal: skips spaces; true at the end or at a comma (consumed).
  bool empty_value() {
    while (pos_ < in_.size()) {
      const char c = in_[pos_++];
      if (c == ',') return true;
      if (!go_space(c)) {
        --pos_;
        return false;
      }
    }
    return true;
  }

  // The value after `=`, for a map key or a list index; `store` puts it in place.
  R value(const std::function<R(const WPtr&)>& store) {
    if (mode_ == Mode::Literal) {
      const std::string_view rest = in_.substr(pos_);
      pos_ = in_.size();
      return store(string_value(rest));
    }
    if (mode_ == Mode::Json) {
      if (empty_value()) return store(leaf(arena_.null(where_)));
      auto decoded = detail::decode_json_prefix(in_.substr(pos_), at_);
      if (!decoded) return fail(decoded.error().message);
      arena_.keep(decoded->value);
      R r = store(leaf(decoded->value.get()));
      if (r.st != St::Ok) return r;
      pos_ += decoded->consumed;
      empty_value();
      return ok();
    }
    WPtr list;
    R error;
    switch (value_list(list, error)) {
      case ListSt::Ok:
        return store(list);
      case ListSt::Eof:  // `a=` at the very end: an empty string
        return store(string_value(""));
      case ListSt::NotList: {
        Scan s = until(",");
        WPtr item;
        R r = read_value(std::move(s.text), item);
        if (r.st != St::Ok) return r;
        return store(item);
      }
      case ListSt::Fail:
        break;
    }
    return error;
  }

  R key_index(long long& index) {
    Scan s = until("]");
    if (s.eof) return fail("error parsing index: EOF");
    std::string error;
    auto value = go_atoi(s.text, error);
    if (!value) return fail("error parsing index: " + error);
    index = *value;
    return ok();
  }

  R key(W& data, int level) {
    if (++depth_ > kMaxRecursion) return fail("value name is nested too deeply");
    R r = key_inner(data, level);
    --depth_;
    return r;
  }

  R key_inner(W& data, int level) {
    Scan s = until(mode_ == Mode::Literal ? "=[." : "=[,.");
    if (s.eof) {
      if (s.text.empty()) return eof();
      return fail("key " + go_quote(s.text) + " has no value");
    }
    const std::string& k = s.text;
    switch (s.last) {
      case '[': {
        long long index = 0;
        if (R r = key_index(index); r.st != St::Ok) return r;
        WPtr list;
        if (WEntry* e = find(data, k)) {
          if (!open_list(*e->value)) return type_panic(*e->value, "[]interface {}");
          list = e->value;
        } else {
          list = new_container(W::Kind::List);
        }
        R r = list_item(*list, index, level);
        set(data, k, list);
        return r;
      }
      case '=':
        return value([&](const WPtr& v) {
          set(data, k, v);
          return ok();
        });
      case ',':
        set(data, k, string_value(""));
        return fail("key " + go_quote(k) + " has no value (cannot end with ,)");
      case '.': {
        if (++level > kMaxNestedNameLevel)
          return fail("value name nested level is greater than maximum supported nested level of " +
                      std::to_string(kMaxNestedNameLevel));
        WPtr inner;
        if (WEntry* e = find(data, k)) {
          if (!open_map(*e->value)) return type_panic(*e->value, "map[string]interface {}");
          inner = e->value;
        } else {
          inner = new_container(W::Kind::Map);
        }
        R r = key(*inner, level);
        if (r.st == St::Ok && inner->entries.empty())
          return fail("key map " + go_quote(k) + " has no value");
        if (!inner->entries.empty()) set(data, k, inner);
        return r;
      }
      default:
        break;
    }
    return fail("parse error");
  }

  R list_item(W& list, long long i, int level) {
    if (++depth_ > kMaxRecursion) return fail("list index is nested too deeply");
    R r = list_item_inner(list, i, level);
    --depth_;
    return r;
  }

  R list_item_inner(W& list, long long i, int level) {
    if (i < 0) return fail("negative " + std::to_string(i) + " index not allowed");
    Scan s = until("[.=");
    if (!s.text.empty()) return fail("unexpected data at end of array index: " + go_quote(s.text));
    if (s.eof) return eof();  // `a[0]` alone: Helm keeps the list as it is, no error
    switch (s.last) {
      case '=':
        return value([&](const WPtr& v) { return set_index(list, i, v); });
      case '[': {
        long long next = 0;
        if (R r = key_index(next); r.st != St::Ok) return r;
        WPtr inner = new_container(W::Kind::List);
        const auto at = static_cast<std::size_t>(i);
        if (list.items.size() > at && !is_go_nil(*list.items[at])) {
          if (!open_list(*list.items[at])) return type_panic(*list.items[at], "[]interface {}");
          inner = list.items[at];
        }
        R r = list_item(*inner, next, level);
        if (r.st != St::Ok) return r;
        return set_index(list, i, inner);
      }
      case '.': {
        WPtr inner = new_container(W::Kind::Map);
        const auto at = static_cast<std::size_t>(i);
        if (list.items.size() > at) {
          // Indices out of order: whatever was there that is not a map becomes an empty map.
          if (!open_map(*list.items[at])) list.items[at] = new_container(W::Kind::Map);
          inner = list.items[at];
        }
        R r = key(*inner, level);
        if (r.st != St::Ok) return r;
        return set_index(list, i, inner);
      }
      default:
        break;
    }
    return fail("parse error: unexpected token " + std::string(1, s.last));
  }

  std::string_view in_;
  std::size_t pos_ = 0;
  Mode mode_;
  const SourceLocation at_;
  const yaml::Position where_;  // at_, for nodes
  yaml::Arena& arena_;
  const Node* padding_ = nullptr;
  std::size_t& padding_left_;
  int depth_ = 0;
};

Mode mode_of(SetKind kind) {
  switch (kind) {
    case SetKind::Set:
      return Mode::Typed;
    case SetKind::SetString:
      return Mode::String;
    case SetKind::SetJson:
      return Mode::Json;
    case SetKind::SetFile:
      return Mode::File;
    case SetKind::SetLiteral:
      return Mode::Literal;
  }
  return Mode::Typed;
}

int order_of(SetKind kind) {
  switch (kind) {
    case SetKind::SetJson:
      return 0;
    case SetKind::Set:
      return 1;
    case SetKind::SetString:
      return 2;
    case SetKind::SetFile:
      return 3;
    case SetKind::SetLiteral:
      return 4;
  }
  return 5;
}

Error flag_error(const SetFlag& flag, const std::string& detail) {
  const std::string name = flag_name(flag.kind);
  std::string message;
  if (flag.kind == SetKind::SetJson)  // Helm names the expression itself for --set-json
    message = "failed parsing " + name + " data " + flag.expression + ": " + detail;
  else
    message = "failed parsing " + name + " data: " + detail + " (in " + name + " " +
              go_quote(flag.expression) + ")";
  return usage_error(std::move(message));
}

}  // namespace

std::string flag_name(SetKind kind) {
  switch (kind) {
    case SetKind::Set:
      return "--set";
    case SetKind::SetString:
      return "--set-string";
    case SetKind::SetJson:
      return "--set-json";
    case SetKind::SetFile:
      return "--set-file";
    case SetKind::SetLiteral:
      return "--set-literal";
  }
  return "--set";
}

namespace {

Expected<NodePtr> apply_one(const NodePtr& values, const SetFlag& flag, std::size_t& padding_left) {
  const SourceLocation at = flag_location(flag.index);
  if (values && !detail::is_nil(*values) && !detail::is_table(*values))
    return Error{ErrorKind::Internal,
                 "values to apply " + flag_name(flag.kind) + " to are " +
                     yaml::describe_type(*values) + ", not a map",
                 values->location};

  if (flag.kind == SetKind::SetJson) {
    // Helm 4 (pkg/cli/values/options.go): a value starting with `{` is a whole JSON object,
    // merged like a values file.
    const auto first = flag.expression.find_first_not_of(" \t\n\r\v\f");
    if (first != std::string::npos && flag.expression[first] == '{') {
      auto object = detail::decode_json(std::string_view(flag.expression).substr(first), at);
      if (!object)
        return usage_error("failed parsing --set-json data JSON: " + flag.expression + ": " +
                           object.error().message);
      return merge_maps(values, *object);
    }
  }

  auto arena = std::make_shared<yaml::Arena>();
  arena->keep(values);
  WPtr root =
      values && detail::is_table(*values) ? leaf(values.get()) : new_container(W::Kind::Map);
  open_map(*root);
  Parser parser(flag.expression, mode_of(flag.kind), at, *arena, padding_left);
  R r = parser.parse(*root);
  if (r.st == St::Fail) return flag_error(flag, r.message);
  const Node* frozen = detail::normalize(*arena, freeze(*root, yaml::Position(at), *arena));
  return yaml::share(std::move(arena), frozen);
}

}  // namespace

Expected<NodePtr> apply_set_flag(const NodePtr& values, const SetFlag& flag) {
  std::size_t padding_left = kMaxPadding;
  return apply_one(values, flag, padding_left);
}

Expected<NodePtr> apply_set_flags(const NodePtr& values, const std::vector<SetFlag>& flags) {
  std::vector<const SetFlag*> ordered;
  ordered.reserve(flags.size());
  for (const SetFlag& flag : flags) ordered.push_back(&flag);
  std::stable_sort(ordered.begin(), ordered.end(), [](const SetFlag* a, const SetFlag* b) {
    return order_of(a->kind) < order_of(b->kind);
  });
  NodePtr current = values;
  std::size_t padding_left = kMaxPadding;
  for (const SetFlag* flag : ordered) {
    auto next = apply_one(current, *flag, padding_left);
    if (!next) return next.error();
    current = *next;
  }
  return current;
}

}  // namespace detgw::values
