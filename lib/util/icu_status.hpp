#pragma once
// Every ICU call reports through a UErrorCode; check it at once, next to the call.

#include <unicode/utypes.h>

#include <string>

#include "polysearch/error.hpp"

namespace polysearch::detail {

inline void check_icu(UErrorCode status, const char* call) {
  if (U_FAILURE(status)) {
    throw Error(std::string("ICU ") + call + " failed: " + u_errorName(status));
  }
}

}  // namespace polysearch::detail
