#pragma once
// kubectl-style verbosity logging (-v=N) to an injectable sink. Everything that reaches the sink
// has already been redacted by the caller (see redact.hpp).

#include <functional>
#include <string>
#include <string_view>

namespace detgw::kube {

// -v levels as kubectl uses them for HTTP traffic.
inline constexpr int kLogRequests = 6;    // method, URL, status, latency
inline constexpr int kLogHeaders = 7;     // + request headers (redacted)
inline constexpr int kLogBodies = 8;      // + request and response bodies, truncated
inline constexpr int kLogFullBodies = 9;  // + whole bodies, response headers
inline constexpr std::size_t kTruncatedBody = 10240;

class Logger {
 public:
  using Sink = std::function<void(std::string_view line)>;

  Logger() = default;  // verbosity 0, lines go to stderr
  Logger(int verbosity, Sink sink) : verbosity_(verbosity), sink_(std::move(sink)) {}

  int verbosity() const { return verbosity_; }
  bool enabled(int level) const { return verbosity_ >= level; }
  // A line at `level`, written only when -v >= level.
  void log(int level, std::string_view line) const;
  // Warnings are written at every level, prefixed "Warning: " like kubectl's.
  void warn(std::string_view line) const;

 private:
  void emit(std::string_view line) const;
  int verbosity_ = 0;
  Sink sink_;
};

}  // namespace detgw::kube
