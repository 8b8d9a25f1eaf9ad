#include "core/kube/curl_library.hpp"

#include <dlfcn.h>

#include <string>

namespace detgw::kube {
namespace {

ApiError library_error(std::string detail) {
  ApiError e;
  e.kind = ErrorKind::Cluster;
  e.failure = FailureKind::Connection;
  e.message = std::move(detail);
  e.message +=
      ": talking to a cluster needs libcurl 7.85 or newer; install it (Debian and Ubuntu: "
      "package libcurl4, Fedora and RHEL: package libcurl)";
  return e;
}

// Points `function` at the symbol `name` of `handle`; false when the library has no such symbol.
template <typename Function>
bool resolve(void* handle, const char* name, Function& function) {
  void* symbol = dlsym(handle, name);
  if (!symbol) return false;
  // POSIX guarantees that a dlsym result for a function converts to a function pointer.
  function = reinterpret_cast<Function>(symbol);
  return true;
}

}  // namespace

Result<CurlLibrary> load_curl_library(const char* file) {
  // RTLD_LOCAL: libcurl's symbols stay out of the global namespace (nothing else needs them).
  void* handle = dlopen(file, RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char* why = dlerror();
    std::string detail = "cannot load ";
    detail += file;
    if (why) {
      detail += " (";
      detail += why;
      detail += ")";
    }
    return library_error(std::move(detail));
  }
  CurlLibrary lib;
  const char* missing = nullptr;
  auto need = [&](const char* name, auto& function) {
    if (!missing && !resolve(handle, name, function)) missing = name;
  };
  need("curl_version_info", lib.version_info);
  need("curl_global_init", lib.global_init);
  need("curl_easy_init", lib.easy_init);
  need("curl_easy_setopt", lib.easy_setopt);
  need("curl_easy_getinfo", lib.easy_getinfo);
  need("curl_easy_cleanup", lib.easy_cleanup);
  need("curl_easy_strerror", lib.easy_strerror);
  need("curl_slist_append", lib.slist_append);
  need("curl_slist_free_all", lib.slist_free_all);
  need("curl_multi_init", lib.multi_init);
  need("curl_multi_add_handle", lib.multi_add_handle);
  need("curl_multi_remove_handle", lib.multi_remove_handle);
  need("curl_multi_perform", lib.multi_perform);
  need("curl_multi_poll", lib.multi_poll);
  need("curl_multi_info_read", lib.multi_info_read);
  need("curl_multi_cleanup", lib.multi_cleanup);
  need("curl_share_init", lib.share_init);
  need("curl_share_setopt", lib.share_setopt);
  need("curl_share_cleanup", lib.share_cleanup);
  if (missing) {
    dlclose(handle);
    std::string detail = file;
    detail += " is not a usable libcurl (it has no ";
    detail += missing;
    detail += ")";
    return library_error(std::move(detail));
  }
  const curl_version_info_data* info = lib.version_info(CURLVERSION_NOW);
  if (!info || info->version_num < kCurlMinimumVersion) {
    std::string detail = file;
    detail += " is libcurl ";
    detail += info && info->version ? info->version : "of an unknown version";
    dlclose(handle);
    return library_error(std::move(detail));
  }
  return lib;
}

Result<const CurlLibrary*> curl_library() {
  // Loaded once, by whichever thread asks first (lint --live probes clusters in parallel).
  static const Result<CurlLibrary> loaded = [] {
    auto lib = load_curl_library(kCurlSoname);
    if (lib) lib->global_init(CURL_GLOBAL_DEFAULT);
    return lib;
  }();
  if (!loaded) return loaded.error();
  return &*loaded;
}

}  // namespace detgw::kube
