#pragma once
// Opening an input file with an error message a user can act on.

#include <filesystem>
#include <fstream>

namespace polysearch::eval::detail {

// Opens `path` for binary reading.  Throws InputError("cannot read 'PATH': <reason>"),
// the reason from errno ("no such file or directory", "is a directory", …).
std::ifstream open_input_file(const std::filesystem::path& path);

}  // namespace polysearch::eval::detail
