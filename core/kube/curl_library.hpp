#pragma once
// libcurl, loaded with dlopen the first time a command talks to a cluster. Linked at build time,
// libcurl and the ~30 libraries it needs (TLS, HTTP/2, IDN, LDAP, Kerberos, ...) were loaded and
// relocated at every start, which made up most of an offline `helm multirm lint` and of
// `--help`; now only the commands that send a request pay for them.

#include <curl/curl.h>

#include "core/kube/status_error.hpp"

namespace detgw::kube {

// The libcurl functions the transport calls, resolved from the loaded library.
struct CurlLibrary {
  decltype(&curl_version_info) version_info = nullptr;
  decltype(&curl_global_init) global_init = nullptr;
  decltype(&curl_easy_init) easy_init = nullptr;
  decltype(&curl_easy_setopt) easy_setopt = nullptr;
  decltype(&curl_easy_getinfo) easy_getinfo = nullptr;
  decltype(&curl_easy_cleanup) easy_cleanup = nullptr;
  decltype(&curl_easy_strerror) easy_strerror = nullptr;
  decltype(&curl_slist_append) slist_append = nullptr;
  decltype(&curl_slist_free_all) slist_free_all = nullptr;
  decltype(&curl_multi_init) multi_init = nullptr;
  decltype(&curl_multi_add_handle) multi_add_handle = nullptr;
  decltype(&curl_multi_remove_handle) multi_remove_handle = nullptr;
  decltype(&curl_multi_perform) multi_perform = nullptr;
  decltype(&curl_multi_poll) multi_poll = nullptr;
  decltype(&curl_multi_info_read) multi_info_read = nullptr;
  decltype(&curl_multi_cleanup) multi_cleanup = nullptr;
  decltype(&curl_share_init) share_init = nullptr;
  decltype(&curl_share_setopt) share_setopt = nullptr;
  decltype(&curl_share_cleanup) share_cleanup = nullptr;
};

// The library file the transport loads: the soname of libcurl 7.x and 8.x.
inline constexpr const char* kCurlSoname = "libcurl.so.4";

// The oldest libcurl that has every option the transport sets (CURLOPT_PROTOCOLS_STR).
inline constexpr unsigned kCurlMinimumVersion = CURL_VERSION_BITS(7, 85, 0);

// libcurl loaded and initialised once per process (curl_global_init), or the error that says
// which library is missing and what to install: a cluster error (exit 4), the command cannot
// talk to its cluster. The library stays loaded until the process ends.
Result<const CurlLibrary*> curl_library();

// Loads `file` and resolves every function (without curl_global_init); curl_library() does this
// for kCurlSoname. For tests: a missing library, or one without libcurl's functions, is an error.
Result<CurlLibrary> load_curl_library(const char* file);

}  // namespace detgw::kube
