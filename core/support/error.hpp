#pragma once
// Errors are values: every failure carries where it came from, so a caller can report
// `file:line:column: message` without knowing which layer produced it.

#include <string>
#include <type_traits>
#include <utility>
#include <variant>

namespace detgw {

// A place in an input. `line`/`column` are 1-based; 0 means "not known" (a whole file, a flag).
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
};

enum class ErrorKind {
  Usage,    // bad flags or arguments: exit 2
  Input,    // unreadable or unparseable input: exit 3
  Cluster,  // the command's own cluster failed: exit 4
  Internal,
};

struct Error {
  ErrorKind kind = ErrorKind::Input;
  std::string message;
  SourceLocation where;

  // `file:line:column: message`, omitting the parts that are unknown.
  std::string describe() const;
};

inline Error input_error(std::string message, SourceLocation where = {}) {
  return Error{ErrorKind::Input, std::move(message), std::move(where)};
}
inline Error usage_error(std::string message) {
  return Error{ErrorKind::Usage, std::move(message), {}};
}

// A value or the error that prevented it. Small on purpose: std::expected is C++23. A layer
// with richer errors (kube::ApiError) uses its own E; it converts to the plain one.
template <typename T, typename E = Error>
class Expected {
 public:
  Expected(T value) : state_(std::move(value)) {}
  Expected(E error) : state_(std::move(error)) {}
  template <typename Derived>
  requires(!std::is_same_v<Derived, E> && std::is_base_of_v<E, Derived>)
      Expected(Expected<T, Derived>&& other)
      : state_(other.ok() ? std::variant<T, E>(std::move(other.value()))
                          : std::variant<T, E>(static_cast<const E&>(other.error()))) {}

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() { return std::get<0>(state_); }
  const T& value() const { return std::get<0>(state_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const E& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, E> state_;
};

}  // namespace detgw
