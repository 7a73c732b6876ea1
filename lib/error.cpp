#include "polysearch/error.hpp"

#include <utility>

namespace polysearch {

Error::Error(const std::string& message) : std::runtime_error(message) {}

InvalidArgument::InvalidArgument(const std::string& message) : Error(message) {}

InputError::InputError(const std::string& message, std::size_t byte_offset)
    : Error(message), byte_offset_(byte_offset) {}

QuerySyntaxError::QuerySyntaxError(const std::string& message, std::size_t byte_offset)
    : Error(message), byte_offset_(byte_offset) {}

IndexError::IndexError(const std::string& message, std::filesystem::path path)
    : Error(message), path_(std::move(path)) {}

}  // namespace polysearch
