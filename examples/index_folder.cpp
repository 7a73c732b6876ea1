// Indexes every .txt file under a folder, one document per file, and prints the language
// each one was given.  Run it again on the same folder: every document is replaced, since
// its id (the path relative to the folder) is the same.
//
//   index_folder INDEX-DIR FOLDER
#include <algorithm>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <polysearch/polysearch.hpp>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad() || !in.is_open()) throw std::runtime_error("cannot read '" + path.string() + "'");
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: index_folder INDEX-DIR FOLDER\n";
    return 2;
  }
  try {
    const fs::path folder = argv[2];
    std::vector<fs::path> files;
    for (const fs::directory_entry& entry : fs::recursive_directory_iterator(folder)) {
      if (entry.is_regular_file() && entry.path().extension() == ".txt") {
        files.push_back(entry.path());
      }
    }
    std::sort(files.begin(), files.end());

    // Creates the index if the directory holds none.  The writer commits every
    // IndexOptions::batch_size documents; close() commits the rest.
    polysearch::IndexWriter writer(argv[1]);
    std::size_t indexed = 0;
    for (const fs::path& file : files) {
      polysearch::Document document;
      document.id = file.lexically_relative(folder).generic_string();
      document.text = read_file(file);
      document.source = file.string();
      // document.language is Unknown: the library detects it.
      try {
        const polysearch::AddResult added = writer.add(document);
        std::cout << document.id << '\t' << polysearch::language_code(added.language.language)
                  << (added.replaced ? "\treplaced" : "") << '\n';
        ++indexed;
      } catch (const polysearch::InputError& e) {  // invalid UTF-8: skip this file only
        std::cerr << "index_folder: skipped " << document.id << ": " << e.what() << '\n';
      }
    }
    writer.close();
    std::cout << "indexed " << indexed << " of " << files.size() << " files\n";
    return indexed == files.size() ? 0 : 1;
  } catch (const std::exception& e) {  // polysearch::Error, or a filesystem error
    std::cerr << "index_folder: error: " << e.what() << '\n';
    return 1;
  }
}
