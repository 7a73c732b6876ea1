#include "polysearch/version.hpp"

namespace polysearch {

std::string_view version() noexcept { return POLYSEARCH_VERSION_STRING; }

}  // namespace polysearch
