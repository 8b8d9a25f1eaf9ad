#include "core/kube/status_error.hpp"

#include <rapidjson/document.h>

#include <algorithm>
#include <vector>

namespace detgw::kube {
namespace {

struct Generic {
  const char* reason;
  const char* message;
};

// client-go apierrors.NewGenericServerResponse.
Generic generic_for(int code) {
  switch (code) {
    case 400:
      return {"BadRequest", "the server rejected our request for an unknown reason"};
    case 401:
      return {"Unauthorized", "the server has asked for the client to provide credentials"};
    case 403:
      return {"Forbidden", "the server does not allow access to the requested resource"};
    case 404:
      return {"NotFound", "the server could not find the requested resource"};
    case 405:
      return {"MethodNotAllowed",
              "the server does not allow this method on the requested resource"};
    case 406:
      return {"NotAcceptable",
              "the server was unable to respond with a content type that the client supports"};
    case 409:
      return {"Conflict", "the server reported a conflict"};
    case 410:
      return {"Expired", "the requested resource is no longer available"};
    case 413:
      return {"RequestEntityTooLarge",
              "the server has rejected the request because it is too large"};
    case 415:
      return {"UnsupportedMediaType",
              "the server was unable to respond with a content type that the client supports"};
    case 422:
      return {"Invalid", "the server rejected our request due to an error in our request"};
    case 429:
      return {"TooManyRequests",
              "the server has received too many requests and has asked us to try again later"};
    case 500:
      return {"InternalError", "an error on the server has prevented the request from succeeding"};
    case 503:
      return {"ServiceUnavailable", "the server is currently unable to handle the request"};
    case 504:
      return {"Timeout",
              "the server was unable to return a response in the time allotted, but may still be "
              "processing the request"};
    default:
      break;
  }
  if (code >= 500)
    return {"InternalError", "an error on the server has prevented the request from succeeding"};
  return {"", nullptr};
}

std::string text_of(const rapidjson::Value& obj, const char* key) {
  if (!obj.IsObject()) return {};
  auto it = obj.FindMember(key);
  if (it == obj.MemberEnd() || !it->value.IsString()) return {};
  return {it->value.GetString(), it->value.GetStringLength()};
}

// kubectl's wording for Invalid (cmdutil.checkErr): `The Kind "name" is invalid: field: message`,
// one `* field: message` line per cause when there are several.
std::string compose_invalid(const ApiError& e, const std::string& kind, const std::string& name,
                            const std::vector<std::string>& causes) {
  std::string s = "The request is invalid";
  if (!kind.empty() || !name.empty())
    s = "The " + kind + " \"" + name + "\" is invalid";
  else if (!e.server_message.empty())
    s += ": " + e.server_message;
  if (causes.empty()) return s;
  if (causes.size() == 1) return s + ": " + causes[0];
  s += ": ";
  for (const auto& c : causes) s += "\n* " + c;
  return s;
}

std::string compose(const ApiError& e) {
  if (e.reason == "Unauthorized")
    return "You must be logged in to the server (" + e.server_message + ")";
  if (!e.reason.empty()) return "Error from server (" + e.reason + "): " + e.server_message;
  return "Error from server: " + e.server_message;
}

bool mentions_patch_test(std::string_view text) {
  return text.find("testing value") != std::string_view::npos ||
         text.find("test failed") != std::string_view::npos ||
         text.find("testing value") != std::string_view::npos;
}

}  // namespace

ApiError status_error(int http_code, std::string_view body, std::string_view content_type) {
  ApiError e;
  e.kind = ErrorKind::Cluster;
  e.failure = FailureKind::Status;
  e.http_code = http_code;
  rapidjson::Document doc;
  const bool maybe_json =
      content_type.find("json") != std::string_view::npos || (!body.empty() && body.front() == '{');
  bool parsed = false;
  if (maybe_json) {
    doc.Parse<rapidjson::kParseIterativeFlag>(body.data(), body.size());
    parsed = !doc.HasParseError() && doc.IsObject() && text_of(doc, "kind") == "Status";
  }
  if (parsed) {
    e.reason = text_of(doc, "reason");
    e.server_message = text_of(doc, "message");
    if (auto it = doc.FindMember("code");
        it != doc.MemberEnd() && it->value.IsInt() && it->value.GetInt() != 0)
      e.http_code = it->value.GetInt();
    std::string causes;
    std::vector<std::string> cause_lines;
    std::string detail_kind, detail_name;
    if (auto d = doc.FindMember("details"); d != doc.MemberEnd() && d->value.IsObject()) {
      detail_kind = text_of(d->value, "kind");
      detail_name = text_of(d->value, "name");
      if (auto c = d->value.FindMember("causes"); c != d->value.MemberEnd() && c->value.IsArray()) {
        for (const auto& cause : c->value.GetArray()) {
          causes += text_of(cause, "message") + "\n";
          const std::string field = text_of(cause, "field");
          std::string line =
              field.empty() ? text_of(cause, "message") : field + ": " + text_of(cause, "message");
          // kubectl prints each distinct cause once (the server may repeat them).
          if (std::find(cause_lines.begin(), cause_lines.end(), line) == cause_lines.end())
            cause_lines.push_back(std::move(line));
        }
      }
      if (auto ra = d->value.FindMember("retryAfterSeconds");
          ra != d->value.MemberEnd() && ra->value.IsInt()) {
        e.retry_after_given = true;
        e.retry_after_seconds = ra->value.GetInt();
      }
    }
    if (e.server_message.empty()) e.server_message = causes;
    if (e.reason.empty()) {
      // A Status without a reason: the code decides, like client-go's FromObject users do.
      Generic g = generic_for(e.http_code);
      if (e.http_code == 401 || e.http_code == 403 || e.http_code == 404) e.reason = g.reason;
    }
    e.patch_test_failed = e.http_code == 422 &&
                          (mentions_patch_test(e.server_message) || mentions_patch_test(causes));
    if (e.reason == "Invalid") {
      e.message = compose_invalid(e, detail_kind, detail_name, cause_lines);
      return e;
    }
  } else {
    Generic g = generic_for(http_code);
    e.reason = g.reason;
    std::string trimmed(body.substr(0, 512));
    while (!trimmed.empty() && (trimmed.back() == '\n' || trimmed.back() == ' '))
      trimmed.pop_back();
    if (http_code == 401 && trimmed.empty()) {
      // kube-apiserver's 401 Status always says "Unauthorized"; the body can be lost when the
      // server closes the connection right after it (see transport.cpp).
      e.server_message = "Unauthorized";
    } else if (http_code >= 500 && http_code != 503 && http_code != 504) {
      e.server_message =
          "an error on the server (\"" + trimmed + "\") has prevented the request from succeeding";
    } else if (g.message) {
      e.server_message = g.message;
    } else {
      e.server_message = "the server responded with the status code " + std::to_string(http_code) +
                         " but did not return more information";
    }
  }
  e.message = compose(e);
  return e;
}

ApiError connection_error(FailureKind kind, const std::string& detail, const std::string& host) {
  ApiError e;
  e.kind = ErrorKind::Cluster;
  e.failure = kind;
  e.server_message = detail;
  if (kind == FailureKind::Connection && detail.find("connection refused") != std::string::npos) {
    e.message = "The connection to the server " + host +
                " was refused - did you specify the right host or port?";
  } else {
    e.message = "Unable to connect to the server: " + detail;
  }
  return e;
}

ApiError credential_error(std::string message) {
  ApiError e;
  e.kind = ErrorKind::Cluster;
  e.failure = FailureKind::Credential;
  e.message = std::move(message);
  return e;
}

ApiError decode_error(std::string message) {
  ApiError e;
  e.kind = ErrorKind::Cluster;
  e.failure = FailureKind::Decode;
  e.message = "Server returned an unexpected response: " + std::move(message);
  return e;
}

}  // namespace detgw::kube
