#pragma once
// Helpers for the kube tests.
#include <boost/test/unit_test.hpp>

#define KUBE_REQUIRE_OK(x)                                                                        \
  do {                                                                                            \
    const auto& kube_result_ = (x);                                                               \
    BOOST_REQUIRE_MESSAGE(kube_result_.ok(),                                                      \
                          (kube_result_.ok() ? std::string() : kube_result_.error().describe())); \
  } while (false)
