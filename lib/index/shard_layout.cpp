#include "index/shard_layout.hpp"

#include <fstream>
#include <string>

#include "polysearch/error.hpp"
#include "polysearch/index_writer.hpp"
#include "util/hash.hpp"

namespace polysearch::detail {
namespace {

std::string shard_name(std::size_t number) { return "shard-" + std::to_string(number); }

[[noreturn]] void bad_stub(const std::filesystem::path& directory, const std::string& why) {
  throw IndexError(
      "open index '" + directory.string() + "': its " + std::string(kStubFile) + " file " + why,
      directory);
}

}  // namespace

std::vector<std::filesystem::path> read_shard_layout(const std::filesystem::path& directory) {
  const std::filesystem::path stub = directory / kStubFile;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(stub, ec)) return {};
  std::ifstream in(stub);
  if (!in) bad_stub(directory, "cannot be read");
  std::vector<std::filesystem::path> shards;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    // Only the form create_shard_layout() writes: remote or absolute entries are for
    // searching (Searcher takes those as locations), not for a writer to follow.
    if (line != "auto " + shard_name(shards.size() + 1)) {
      bad_stub(directory, "has a line polysearch did not write: '" + line + "'");
    }
    shards.push_back(directory / shard_name(shards.size() + 1));
  }
  if (shards.empty() || shards.size() > kMaxShards) bad_stub(directory, "names no shard");
  return shards;
}

std::vector<std::filesystem::path> create_shard_layout(const std::filesystem::path& directory,
                                                       std::size_t count) {
  std::vector<std::filesystem::path> shards;
  std::string stub;
  for (std::size_t number = 1; number <= count; ++number) {
    shards.push_back(directory / shard_name(number));
    stub += "auto " + shard_name(number) + "\n";
  }
  std::error_code ec;
  std::filesystem::create_directories(directory, ec);
  // Written last and renamed into place: a stub never names a shard that is not there.
  const std::filesystem::path temporary = directory / (std::string(kStubFile) + ".tmp");
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << stub;
    if (!out.flush()) {
      throw IndexError("create index '" + directory.string() + "': cannot write its " +
                           std::string(kStubFile) + " file",
                       directory);
    }
  }
  for (const auto& shard : shards) std::filesystem::create_directories(shard, ec);
  std::filesystem::rename(temporary, directory / kStubFile, ec);
  if (ec) {
    throw IndexError("create index '" + directory.string() + "': " + ec.message(), directory);
  }
  return shards;
}

void remove_shard_layout(const std::filesystem::path& directory) {
  const std::vector<std::filesystem::path> shards = read_shard_layout(directory);
  std::error_code ec;
  std::filesystem::remove(directory / kStubFile, ec);
  for (const auto& shard : shards) std::filesystem::remove_all(shard, ec);
}

bool is_archive_database(const std::filesystem::path& directory) {
  std::error_code ec;
  return std::filesystem::exists(directory / "iamglass", ec) &&
         !std::filesystem::exists(directory / "termlist.glass", ec);
}

std::size_t shard_of(std::string_view id, std::size_t count) noexcept {
  return static_cast<std::size_t>(fnv1a64(id) % count);
}

}  // namespace polysearch::detail
