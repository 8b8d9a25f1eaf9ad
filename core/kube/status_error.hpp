#pragma once
// Errors from talking to a cluster, worded like kubectl's (cmdutil.StandardErrorMessage):
// a Kubernetes `Status` becomes `Error from server (Reason): message`, a failed connection
// `Unable to connect to the server: ...`. Every one is ErrorKind::Cluster (exit 4).

#include <string>
#include <string_view>
#include <utility>

#include "core/support/error.hpp"

namespace detgw::kube {

enum class FailureKind {
  Status,      // the server answered with an error status
  Connection,  // no (complete) answer: refused, DNS, reset, timeout
  Tls,         // the TLS handshake failed (unknown CA, name mismatch)
  Credential,  // credentials could not be obtained (exec plugin, token file)
  Decode,      // the server answered 2xx with something that is not the expected JSON
};

struct ApiError : Error {
  FailureKind failure = FailureKind::Status;
  int http_code = 0;           // 0 when there was no HTTP answer
  std::string reason;          // Status.reason: NotFound, Forbidden, Conflict, Invalid, ...
  std::string server_message;  // Status.message as the server sent it
  bool retry_after_given = false;
  int retry_after_seconds = 0;
  bool patch_test_failed = false;  // a JSON Patch `test` operation did not match

  bool is(std::string_view r) const { return reason == r; }
  bool not_found() const { return reason == "NotFound"; }
  bool forbidden() const { return reason == "Forbidden"; }
  bool unauthorized() const { return reason == "Unauthorized"; }
  // Somebody else changed the object: a 409 Conflict, or a JSON Patch `test` that failed.
  bool conflict() const {
    return reason == "Conflict" || reason == "AlreadyExists" || patch_test_failed;
  }
};

// The error for an HTTP error answer: `body` is a Status object when the server sent one,
// otherwise a generic error is derived from the code (client-go NewGenericServerResponse).
ApiError status_error(int http_code, std::string_view body, std::string_view content_type = {});

// The error for a request that got no complete answer. `detail` is the transport's reason
// (curl's message); `host` is host:port for the "connection refused" wording.
ApiError connection_error(FailureKind kind, const std::string& detail, const std::string& host);

ApiError credential_error(std::string message);
ApiError decode_error(std::string message);

// A value, or the ApiError that prevented it; converts to Expected<T> for callers that only
// need the generic Error.
template <typename T>
using Result = Expected<T, ApiError>;

}  // namespace detgw::kube
