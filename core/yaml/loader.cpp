#include "core/yaml/loader.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <istream>
#include <map>
#include <optional>
#include <span>
#include <streambuf>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/yaml/arena.hpp"

namespace detgw::yaml {
namespace {

std::string human_size(std::size_t bytes) {
  char buf[32];
  if (bytes >= (1u << 20))
    std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / (1u << 20));
  else
    std::snprintf(buf, sizeof buf, "%zu bytes", bytes);
  return buf;
}

// Rejects what yaml-cpp would silently truncate or mangle: NUL bytes and invalid UTF-8.
std::optional<Error> check_encoding(std::string_view text, const std::string& file) {
  int line = 1, column = 1;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t len = 0;
    if (c == 0) {
      return input_error("NUL byte in input: not a text file", {file, line, column});
    } else if (c < 0x80) {
      len = 1;
    } else if ((c & 0xE0) == 0xC0 && c >= 0xC2) {
      len = 2;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
    } else if ((c & 0xF8) == 0xF0 && c <= 0xF4) {
      len = 4;
    } else {
      return input_error("invalid UTF-8 byte sequence", {file, line, column});
    }
    if (i + len > text.size())
      return input_error("invalid UTF-8 byte sequence", {file, line, column});
    for (std::size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80)
        return input_error("invalid UTF-8 byte sequence", {file, line, column});
    }
    if (c == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    i += len;
  }
  return std::nullopt;
}

// yaml-cpp tokenizes a whole flow collection (`[…]`, `{…}`: it may turn out to be a mapping key)
// before it emits the first event inside it, so the node cap, counted on events, comes after the
// memory is spent: 16 MiB of `[[],[],…]` or `[0,0,…]` is about 2 GB of tokens. Each node in a
// flow collection after the first follows a `[`, `{` or `,`; counting them all, quoted text and
// comments included, bounds the tokens before parsing. Only data-like files have two million.
std::optional<Error> check_flow_size(std::string_view text, const std::string& file,
                                     const LoadLimits& limits) {
  std::size_t indicators = 0;
  int line = 1;
  for (const char c : text) {
    if (c == '\n') ++line;
    if (c != '[' && c != '{' && c != ',') continue;
    if (++indicators > limits.max_nodes)
      return input_error("more than " + std::to_string(limits.max_nodes) +
                             " flow indicators ([, { and ,): the document could hold more than " +
                             std::to_string(limits.max_nodes) + " nodes; refusing to load it",
                         {file, line, 0});
  }
  return std::nullopt;
}

struct LimitExceeded {
  Error error;
};

// Builds the positioned tree from yaml-cpp's parse events into one arena, enforcing the limits as
// it goes. The children of the open collections wait on two stacks (the innermost last) and are
// copied into the arena when their collection closes; a scalar key never becomes a node.
class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(std::string_view file, const LoadLimits& limits, Arena& arena)
      : file_(file), limits_(limits), arena_(arena) {}

  const Node* root() const { return root_; }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    count(1, mark);
    if (anchor == 0 && awaiting_key()) return set_key(arena_.intern("null"), at(mark), true);
    attach(arena_.null(at(mark)), anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto it = anchors_.find(anchor);
    if (it == anchors_.end()) throw_limit("alias to an unknown anchor", mark);
    count(it->second->weight, mark);
    attach(it->second, 0);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    count(1, mark);
    if (anchor == 0 && awaiting_key()) return set_key(arena_.intern(value), at(mark), true);
    attach(arena_.scalar(value, at(mark), tag == "?" ? std::string_view() : tag), anchor);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(NodeKind::Sequence, mark, tag, anchor);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(NodeKind::Mapping, mark, tag, anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    NodeKind kind = NodeKind::Sequence;
    Position at;
    std::string_view tag;
    YAML::anchor_t anchor = 0;
    std::size_t first = 0;  // where its children start on items_ or entries_
    bool has_key = false;   // Mapping: `key` waits for its value
    Entry key;
  };

  Position at(const YAML::Mark& mark) const { return {file_, mark.line + 1, mark.column + 1}; }

  [[noreturn]] void throw_limit(const std::string& message, const YAML::Mark& mark) {
    throw LimitExceeded{input_error(message, at(mark))};
  }

  void count(std::size_t nodes, const YAML::Mark& mark) {
    total_ += nodes;
    if (total_ > limits_.max_nodes)
      throw_limit("document has more than " + std::to_string(limits_.max_nodes) +
                      " nodes (maps, lists and scalars, an alias counted at every use); "
                      "refusing to load it",
                  mark);
  }

  bool awaiting_key() const {
    return !stack_.empty() && stack_.back().kind == NodeKind::Mapping && !stack_.back().has_key;
  }

  void set_key(std::string_view key, Position where, bool scalar) {
    Frame& map = stack_.back();
    map.key = Entry{key, where, nullptr, scalar, false};
    map.has_key = true;
  }

  void open(NodeKind kind, const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor) {
    if (stack_.size() >= limits_.max_depth)
      throw_limit("nesting deeper than " + std::to_string(limits_.max_depth) + " levels", mark);
    // Every node costs memory, empty ones too: `[[],[],…]` has no scalar at all.
    count(1, mark);
    Frame frame;
    frame.kind = kind;
    frame.at = at(mark);
    if (tag != "?" && tag != "!") frame.tag = arena_.intern(tag);
    frame.anchor = anchor;
    frame.first = kind == NodeKind::Sequence ? items_.size() : entries_.size();
    stack_.push_back(frame);
  }

  void close() {
    const Frame frame = stack_.back();
    stack_.pop_back();
    const Node* node = nullptr;
    if (frame.kind == NodeKind::Sequence) {
      node = arena_.sequence(std::span(items_).subspan(frame.first), frame.at, frame.tag);
      items_.resize(frame.first);
    } else {
      apply_merge_keys(frame.first);
      node = arena_.mapping(std::span(entries_).subspan(frame.first), frame.at, frame.tag);
      entries_.resize(frame.first);
    }
    attach(node, frame.anchor);
  }

  void attach(const Node* node, YAML::anchor_t anchor) {
    if (anchor != 0) anchors_[anchor] = node;
    if (stack_.empty()) {
      if (!root_) root_ = node;
      return;
    }
    Frame& parent = stack_.back();
    if (parent.kind == NodeKind::Sequence) {
      items_.push_back(node);
      return;
    }
    if (!parent.has_key) {
      // An anchored or aliased key, or a complex one (a map or list as key: key "").
      const std::string_view key = node->is_scalar() ? node->text
                                   : node->is_null() ? arena_.intern("null")
                                                     : std::string_view();
      set_key(key, node->location, node->is_scalar() || node->is_null());
      return;
    }
    Entry entry = parent.key;
    entry.value = node;
    entries_.push_back(entry);
    parent.has_key = false;
  }

  // `<<: *base` (or a list of them) brings in the keys the mapping (entries_ from `first`) does
  // not set itself; of the sources, the earlier wins, and within one its last duplicate.
  void apply_merge_keys(std::size_t first) {
    const std::span<const Entry> own = std::span(entries_).subspan(first);
    if (std::none_of(own.begin(), own.end(), [](const Entry& e) { return e.key == "<<"; })) return;
    std::unordered_set<std::string_view> own_keys;
    for (const Entry& entry : own)
      if (entry.key_is_scalar) own_keys.insert(entry.key);
    std::vector<Entry> merged;  // an entry overridden later in its source keeps no value
    std::unordered_map<std::string_view, std::size_t> latest;  // key -> its place in `merged`
    for (const Entry& entry : own) {
      if (entry.key != "<<") continue;
      std::vector<const Node*> sources;
      if (entry.value->is_mapping()) sources.push_back(entry.value);
      if (entry.value->is_sequence())
        for (const Node* item : entry.value->items)
          if (item->is_mapping()) sources.push_back(item);
      for (const Node* source : sources) {
        const std::size_t before = merged.size();
        for (const Entry& inherited : source->entries) {
          if (own_keys.count(inherited.key) != 0) continue;
          auto [it, inserted] = latest.try_emplace(inherited.key, merged.size());
          if (!inserted) {
            if (it->second < before) continue;  // an earlier source has it
            merged[it->second].value = nullptr;
            it->second = merged.size();
          }
          Entry copy = inherited;
          copy.from_merge = true;
          merged.push_back(copy);
        }
      }
    }
    if (std::none_of(merged.begin(), merged.end(), [](const Entry& e) { return e.value; })) return;
    std::size_t kept = first;
    for (std::size_t i = first; i < entries_.size(); ++i)
      if (entries_[i].key != "<<") entries_[kept++] = entries_[i];
    entries_.resize(kept);
    for (const Entry& entry : merged)
      if (entry.value) entries_.push_back(entry);
  }

  std::string_view file_;  // interned
  const LoadLimits& limits_;
  Arena& arena_;
  std::vector<Frame> stack_;
  std::vector<const Node*> items_;  // the items of the open sequences
  std::vector<Entry> entries_;      // the entries of the open mappings
  std::map<YAML::anchor_t, const Node*> anchors_;
  const Node* root_ = nullptr;
  std::size_t total_ = 0;
};

// A read-only stream over text already in memory: yaml-cpp reads a std::istream, and an
// istringstream would copy the whole input. Nothing writes through the pointers: there is no put
// area, and putting back a character that was read only moves the read position.
class TextBuffer : public std::streambuf {
 public:
  explicit TextBuffer(std::string_view text) {
    char* begin = const_cast<char*>(text.data());
    setg(begin, begin, begin + text.size());
  }
};

std::string strip_yaml_cpp_prefix(std::string message) {
  // "yaml-cpp: error at line 2, column 1: end of sequence flow not found" -> the last part.
  const std::string marker = ": ";
  if (message.rfind("yaml-cpp: error at line", 0) == 0) {
    auto pos = message.find(marker, std::strlen("yaml-cpp: error at line"));
    if (pos != std::string::npos) return message.substr(pos + marker.size());
  }
  return message;
}

// Closes the descriptor it owns.
class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

// Reads `fd` to its end within `max_bytes`; `what` names it in messages ("standard input").
// `expected_size` (a regular file's size) saves growing the string while reading.
Expected<std::string> read_stream(int fd, const SourceLocation& where, const std::string& what,
                                  std::size_t max_bytes, std::size_t expected_size = 0) {
  std::string content;
  content.reserve(expected_size);
  char chunk[65536];
  for (;;) {
    const ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return input_error("cannot read " + what + ": " + std::strerror(errno), where);
    if (n == 0) return content;
    content.append(chunk, static_cast<std::size_t>(n));
    if (content.size() > max_bytes)
      return input_error(
          what + " is larger than the " + human_size(max_bytes) + " limit for an input file",
          where);
  }
}

std::string kind_of(const struct stat& st) {
  if (S_ISFIFO(st.st_mode)) return "pipe";
  if (S_ISCHR(st.st_mode)) return "character device";
  return "file";
}

// `-f <(…)` names /dev/fd/N, a link (through /proc/self/fd) to "pipe:[inode]": an anonymous pipe
// whose writer already runs, read like standard input. A named FIFO resolves to a path on disk.
bool is_anonymous_pipe(std::string path) {
  for (int hop = 0; hop < 40; ++hop) {  // 40: the kernel's own limit on symbolic links
    char target[4096];
    const ssize_t n = ::readlink(path.c_str(), target, sizeof target);
    if (n < 0 || static_cast<std::size_t>(n) == sizeof target) return false;
    std::string link(target, static_cast<std::size_t>(n));
    if (link.starts_with("pipe:")) return true;
    if (!link.starts_with('/')) {
      const auto slash = path.rfind('/');
      link = (slash == std::string::npos ? std::string() : path.substr(0, slash + 1)) + link;
    }
    path = std::move(link);
  }
  return false;
}

// What cannot be read as an input file, named for what it is. Character devices are read:
// `-f /dev/null` is how people pass empty values, and Helm reads it.
std::optional<Error> refuse_non_file(const struct stat& st, const std::string& path) {
  const SourceLocation where{path, 0, 0};
  if (S_ISDIR(st.st_mode)) return input_error("is a directory, not a file", where);
  if (S_ISBLK(st.st_mode)) return input_error("is a block device, not a file", where);
  if (S_ISSOCK(st.st_mode)) return input_error("is a socket, not a file", where);
  // Opening a named FIFO blocks until some process opens it for writing, possibly forever, and
  // nothing can tell beforehand whether one will. Refused; its content can come on stdin.
  if (S_ISFIFO(st.st_mode) && !is_anonymous_pipe(path))
    return input_error(
        "is a named pipe (FIFO), which is not read as a file: opening it waits for a writer; "
        "pass its content on standard input instead (for example -f - < " +
            path + ")",
        where);
  return std::nullopt;
}

}  // namespace

Expected<Document> load_text(std::string_view text, const std::string& file,
                             const LoadLimits& limits) {
  if (text.size() > limits.max_bytes)
    return input_error("file is " + human_size(text.size()) + ", larger than the " +
                           human_size(limits.max_bytes) + " limit for an input file",
                       {file, 0, 0});
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (auto bad = check_encoding(text, file)) return *bad;
  if (auto bad = check_flow_size(text, file, limits)) return *bad;

  const std::string_view name = intern_file_name(file);
  auto arena = std::make_shared<Arena>();
  TreeBuilder builder(name, limits, *arena);
  try {
    TextBuffer buffer(text);
    std::istream in(&buffer);
    YAML::Parser parser(in);
    parser.HandleNextDocument(builder);
  } catch (const LimitExceeded& e) {
    return e.error;
  } catch (const YAML::Exception& e) {
    std::string message = strip_yaml_cpp_prefix(e.what());
    // yaml-cpp's own recursion guard reports "bad file"; say what it means.
    if (message == "bad file") message = "nesting too deep";
    return input_error("YAML syntax error: " + message, {file, e.mark.line + 1, e.mark.column + 1});
  }
  const Node* root = builder.root() ? builder.root() : arena->null({name, 1, 1});
  return Document{file, share(std::move(arena), root)};
}

Expected<std::string> read_file(const std::string& path, std::size_t max_bytes) {
  if (path == "-") return read_stream(STDIN_FILENO, {"<stdin>", 0, 0}, "standard input", max_bytes);
  struct stat st;
  if (::stat(path.c_str(), &st) != 0)
    return input_error(std::string("cannot read file: ") + std::strerror(errno), {path, 0, 0});
  if (auto refused = refuse_non_file(st, path)) return *refused;
  const Descriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0)
    return input_error(std::string("cannot read file: ") + std::strerror(errno), {path, 0, 0});
  // What was opened, not what the path named a moment ago.
  if (::fstat(fd.get(), &st) != 0)
    return input_error(std::string("cannot read file: ") + std::strerror(errno), {path, 0, 0});
  if (auto refused = refuse_non_file(st, path)) return *refused;
  if (S_ISREG(st.st_mode) && static_cast<std::size_t>(st.st_size) > max_bytes)
    return input_error("file is " + human_size(static_cast<std::size_t>(st.st_size)) +
                           ", larger than the " + human_size(max_bytes) +
                           " limit for an input file",
                       {path, 0, 0});
  // Read to the end rather than trusting st_size: a file may grow meanwhile, and pipes and
  // character devices have no size.
  return read_stream(fd.get(), {path, 0, 0}, kind_of(st), max_bytes,
                     S_ISREG(st.st_mode) ? static_cast<std::size_t>(st.st_size) : 0);
}

Expected<Document> load_file(const std::string& path, const LoadLimits& limits) {
  auto text = read_file(path, limits.max_bytes);
  if (!text) return text.error();
  return load_text(*text, path == "-" ? "<stdin>" : path, limits);
}

}  // namespace detgw::yaml
