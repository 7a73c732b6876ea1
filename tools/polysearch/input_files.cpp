#include "input_files.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <iterator>
#include <memory>

#include "output.hpp"

namespace polysearch::cli {
namespace fs = std::filesystem;
namespace {

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_hidden(const fs::path& path) {
  const std::string name = path.filename().string();
  return !name.empty() && name[0] == '.';
}

std::vector<fs::directory_entry> sorted_entries(const fs::path& dir, const ProblemSink& report) {
  std::vector<fs::directory_entry> entries;
  std::error_code error;
  fs::directory_iterator it(dir, error);
  if (error) {
    report("cannot read directory '" + dir.string() + "': " + system_message(error));
    return entries;
  }
  for (; it != fs::directory_iterator(); it.increment(error)) {
    if (error) {
      report("cannot read directory '" + dir.string() + "': " + system_message(error));
      break;
    }
    entries.push_back(*it);
  }
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    return a.path().filename().string() < b.path().filename().string();
  });
  return entries;
}

void walk(const fs::path& root, const fs::path& dir, std::vector<InputFile>& out,
          const ProblemSink& report) {
  for (const auto& entry : sorted_entries(dir, report)) {
    if (is_hidden(entry.path())) continue;
    std::error_code error;
    if (entry.is_directory(error)) {
      if (!entry.is_symlink(error)) walk(root, entry.path(), out, report);
      continue;
    }
    const auto kind = kind_for_name(entry.path().filename().string());
    if (!kind || !entry.is_regular_file(error)) continue;
    out.push_back({entry.path(), entry.path().lexically_relative(root).generic_string(), *kind});
  }
}

// Whether `line` (after up to three spaces) is a fence: three or more ` or ~.
bool is_code_fence(std::string_view line) {
  const std::size_t start = line.find_first_not_of(' ');
  if (start == std::string_view::npos || start > 3) return false;
  const char fence = line[start];
  if (fence != '`' && fence != '~') return false;
  const std::size_t run_end = line.find_first_not_of(fence, start);
  return (run_end == std::string_view::npos ? line.size() : run_end) - start >= 3;
}

std::string_view trim(std::string_view text) {
  const std::size_t begin = text.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return {};
  const std::size_t end = text.find_last_not_of(" \t\r");
  return text.substr(begin, end - begin + 1);
}

// The heading text if `line` is an ATX heading.
std::optional<std::string> atx_heading(std::string_view line) {
  const std::size_t start = line.find_first_not_of(' ');
  if (start == std::string_view::npos || start > 3 || line[start] != '#') return std::nullopt;
  const std::size_t hashes_end = line.find_first_not_of('#', start);
  const std::size_t level =
      (hashes_end == std::string_view::npos ? line.size() : hashes_end) - start;
  if (level > 6) return std::nullopt;
  if (hashes_end != std::string_view::npos && line[hashes_end] != ' ' && line[hashes_end] != '\t' &&
      line[hashes_end] != '\r') {
    return std::nullopt;
  }
  std::string_view content =
      trim(hashes_end == std::string_view::npos ? std::string_view() : line.substr(hashes_end));
  const std::size_t closing = content.find_last_not_of('#');
  if (closing == std::string_view::npos) {
    content = {};
  } else if (closing + 1 < content.size() &&
             (content[closing] == ' ' || content[closing] == '\t')) {
    content = trim(content.substr(0, closing));
  }
  return std::string(content);
}

}  // namespace

std::optional<InputKind> kind_for_name(std::string_view name) {
  const std::string extension = lower_ascii(fs::path(name).extension().string());
  if (extension == ".txt") return InputKind::Text;
  if (extension == ".md") return InputKind::Markdown;
  if (extension == ".jsonl") return InputKind::JsonLines;
  return std::nullopt;
}

std::vector<InputFile> expand_path(const std::string& argument, const ProblemSink& report) {
  const fs::path path(argument);
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  if (error || !fs::exists(status)) {
    report("cannot read '" + argument +
           "': " + (error ? system_message(error) : std::string("no such file or directory")));
    return {};
  }
  std::vector<InputFile> out;
  if (fs::is_directory(status)) {
    walk(path, path, out, report);
  } else {
    const std::string name = path.filename().string();
    out.push_back({path, name, kind_for_name(name).value_or(InputKind::Text)});
  }
  return out;
}

std::optional<std::string> read_file(const fs::path& path, std::string& error,
                                     std::size_t max_bytes) {
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                             &std::fclose);
  if (!file) {
    error = "cannot read '" + path.string() + "': " + lowercase_initial(std::strerror(errno));
    return std::nullopt;
  }
  std::string bytes;
  char buffer[1 << 16];
  std::size_t got = 0;
  while (bytes.size() < max_bytes &&
         (got = std::fread(buffer, 1, std::min(sizeof buffer, max_bytes - bytes.size()),
                           file.get())) > 0) {
    bytes.append(buffer, got);
  }
  if (std::ferror(file.get()) != 0) {
    error = "cannot read '" + path.string() + "': " + lowercase_initial(std::strerror(errno));
    return std::nullopt;
  }
  return bytes;
}

std::string read_stdin() {
  return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
}

std::optional<std::uint64_t> regular_file_size(const fs::path& path) {
  std::error_code error;
  if (!fs::is_regular_file(path, error)) return std::nullopt;
  const std::uintmax_t size = fs::file_size(path, error);
  if (error) return std::nullopt;
  return size;
}

std::optional<std::uint64_t> stdin_file_size() {
  struct stat status {};
  if (::fstat(STDIN_FILENO, &status) != 0 || !S_ISREG(status.st_mode)) return std::nullopt;
  const off_t at = ::lseek(STDIN_FILENO, 0, SEEK_CUR);
  if (at < 0 || at > status.st_size) return std::nullopt;
  return static_cast<std::uint64_t>(status.st_size - at);
}

std::string system_message(const std::error_code& error) {
  return lowercase_initial(error.message());
}

bool strip_utf8_bom(std::string& text) {
  if (text.compare(0, 3, "\xEF\xBB\xBF") != 0) return false;
  text.erase(0, 3);
  return true;
}

bool has_utf16_bom(std::string_view bytes) {
  return bytes.size() >= 2 &&
         ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF'));
}

std::string markdown_title(std::string_view text) {
  bool in_fence = false;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(at, end - at);
    at = end + 1;
    if (is_code_fence(line)) {
      in_fence = !in_fence;
      continue;
    }
    if (in_fence) continue;
    if (auto heading = atx_heading(line); heading && !heading->empty()) return *heading;
  }
  return {};
}

}  // namespace polysearch::cli
