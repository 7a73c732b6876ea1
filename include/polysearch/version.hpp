#pragma once
/// @file
/// Library version.

#include <string_view>

#include "polysearch/export.hpp"

namespace polysearch {

/// The library's version, "major.minor.patch".
POLYSEARCH_API std::string_view version() noexcept;

}  // namespace polysearch
