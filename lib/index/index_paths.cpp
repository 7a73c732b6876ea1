#include "index/index_paths.hpp"

#include <string>
#include <system_error>

namespace polysearch::detail {

namespace fs = std::filesystem;

std::uint64_t directory_bytes(const fs::path& directory) {
  std::uint64_t total = 0;
  std::error_code ec;
  for (const auto& entry : fs::recursive_directory_iterator(directory, ec)) {
    std::error_code size_error;
    if (entry.is_regular_file(size_error)) {
      const auto size = entry.file_size(size_error);
      if (!size_error) total += size;
    }
  }
  return total;
}

fs::path normalized_index_path(const fs::path& index) {
  fs::path normal = fs::absolute(index).lexically_normal();
  if (normal.filename().empty()) normal = normal.parent_path();
  return normal;
}

fs::path sibling_path(const fs::path& index, const char* suffix) {
  return index.parent_path() / (index.filename().string() + suffix);
}

}  // namespace polysearch::detail
