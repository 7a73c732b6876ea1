// Replaces or deletes one document of an existing index.  A document is replaced by adding
// another with the same id; searchers see the change once the writer commits (close()).
//
//   update_delete INDEX-DIR put ID TEXT   add the document, or replace the one with this id
//   update_delete INDEX-DIR delete ID     delete it (exit status 1 if there is none)
#include <exception>
#include <iostream>
#include <polysearch/polysearch.hpp>
#include <string_view>

int main(int argc, char** argv) {
  const std::string_view command = argc > 2 ? argv[2] : "";
  if (!((command == "put" && argc == 5) || (command == "delete" && argc == 4))) {
    std::cerr << "usage: update_delete INDEX-DIR put ID TEXT\n"
                 "       update_delete INDEX-DIR delete ID\n";
    return 2;
  }
  try {
    // Open, not CreateOrOpen: a mistyped directory is an error, not a new empty index.
    polysearch::IndexWriter writer(argv[1], polysearch::OpenMode::Open);
    if (command == "put") {
      polysearch::Document document;
      document.id = argv[3];
      document.text = argv[4];
      const polysearch::AddResult added = writer.add(document);
      writer.close();
      std::cout << (added.replaced ? "replaced " : "added ") << document.id << " ["
                << polysearch::language_code(added.language.language) << "]\n";
      return 0;
    }
    const bool removed = writer.remove(argv[3]);
    writer.close();
    if (!removed) {
      std::cerr << "update_delete: no document '" << argv[3] << "'\n";
      return 1;
    }
    std::cout << "deleted " << argv[3] << '\n';
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "update_delete: error: " << e.what() << '\n';
    return 1;
  }
}
