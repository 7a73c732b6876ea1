// A small news archive: articles in four languages with their own fields (a date, a
// category, tags and an author, declared in a schema), then the searches such an archive
// makes: a category newest first, a query within a year with one article per author, and
// facets (counts per category, tag and month) for a sidebar.
//
//   news_archive INDEX-DIR [QUERY]
//
// INDEX-DIR is created if it is new; run again, the articles replace themselves (same ids).
// QUERY (default "liga OR 联赛") is searched among the articles of 2024.  The articles are
// written here, in code; `polysearch index --schema FILE` indexes the same from JSON Lines.
#include <cstddef>
#include <exception>
#include <iostream>
#include <optional>
#include <polysearch/polysearch.hpp>
#include <string>
#include <vector>

namespace {

struct Article {
  const char* id;
  const char* date;
  const char* category;
  std::vector<std::string> tags;
  const char* author;
  const char* title;
  const char* text;
};

const std::vector<Article>& articles() {
  static const std::vector<Article> all = {
      {"de-bayern",
       "2024-05-04",
       "sport",
       {"fussball", "bundesliga"},
       "Anna Schmidt",
       "Bayern gewinnt das Spitzenspiel",
       "Der FC Bayern hat das Spitzenspiel der Bundesliga gegen Dortmund mit 2:1 gewonnen."},
      {"de-strompreis",
       "2024-03-12",
       "economy",
       {"energie", "industrie"},
       "Anna Schmidt",
       "Strompreise für die Industrie sinken",
       "Die Strompreise für Industriebetriebe sind im ersten Quartal deutlich gefallen."},
      {"de-pokal",
       "2024-04-20",
       "sport",
       {"fussball", "pokal"},
       "Jonas Weber",
       "Leverkusen steht im Pokalfinale",
       "Bayer Leverkusen hat das Halbfinale gewonnen und spielt im Mai in Berlin um den Pokal."},
      {"es-liga",
       "2024-05-06",
       "sport",
       {"fútbol", "liga"},
       "Carlos Ruiz",
       "El Real Madrid gana la liga",
       "El Real Madrid se proclamó campeón de la liga a falta de cuatro jornadas."},
      {"es-fichaje",
       "2024-03-02",
       "sport",
       {"fútbol", "fichajes"},
       "Carlos Ruiz",
       "El Barcelona ficha a un delantero",
       "El Barcelona fichó a un delantero brasileño para la segunda vuelta de la liga."},
      {"es-copa",
       "2023-11-18",
       "sport",
       {"fútbol", "copa"},
       "Carlos Ruiz",
       "Sorpresa en la copa",
       "Un equipo de tercera división eliminó al líder de la liga en la primera ronda."},
      {"es-cine",
       "2024-02-20",
       "culture",
       {"cine", "festival"},
       "Lucía Gómez",
       "El festival de cine de Málaga abre con récord",
       "El festival de cine de Málaga abrió con un récord de público y cuarenta estrenos."},
      {"pt-benfica",
       "2024-04-28",
       "sport",
       {"futebol", "taça"},
       "João Silva",
       "Benfica vence a Taça da Liga",
       "O Benfica venceu a final da Taça da Liga frente ao Sporting no Algarve."},
      {"pt-turismo",
       "2024-01-15",
       "economy",
       {"turismo", "emprego"},
       "João Silva",
       "Turismo bate recorde em Lisboa",
       "Lisboa recebeu mais turistas do que nunca e o emprego no setor cresceu."},
      {"zh-chip",
       "2024-04-10",
       "technology",
       {"人工智能", "芯片"},
       "李明",
       "人工智能芯片出口增长",
       "今年第一季度，人工智能芯片的出口比去年同期增长了三成。"},
      {"zh-league",
       "2024-05-02",
       "sport",
       {"足球", "联赛"},
       "李明",
       "中超联赛第十轮战报",
       "中超联赛第十轮比赛昨晚结束，上海队客场战胜北京队。"},
  };
  return all;
}

polysearch::Schema news_schema() {
  polysearch::Schema schema;
  schema.fields["date"].type = polysearch::FieldType::Date;
  schema.fields["category"].type = polysearch::FieldType::Keyword;
  schema.fields["tags"].type = polysearch::FieldType::Keyword;
  schema.fields["author"].type = polysearch::FieldType::Keyword;
  return schema;
}

void print_hit(const polysearch::Hit& hit) {
  // Hit::fields holds the fields SearchRequest::fields asked for, as they were written.
  std::cout << "  " << hit.fields.at("date").front() << "  "
            << polysearch::language_code(hit.language) << "  " << hit.id << "  " << hit.title;
  if (hit.collapsed > 0) {
    std::cout << "  (+" << hit.collapsed << " more by " << hit.fields.at("author").front() << ')';
  }
  std::cout << '\n';
}

void print_facet(const polysearch::Facet& facet) {
  std::cout << "  " << facet.field << ':';
  for (const polysearch::FacetCount& count : facet.counts) {
    // A bucket has no value: it is named by its ends.
    const std::string name =
        count.value.empty() ? count.from.value_or("") + ".." + count.to.value_or("") : count.value;
    std::cout << ' ' << name << ' ' << count.count;
  }
  std::cout << '\n';
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::cerr << "usage: news_archive INDEX-DIR [QUERY]\n";
    return 2;
  }
  const std::string query = argc == 3 ? argv[2] : "liga OR 联赛";
  try {
    // The schema is given when the index is created and stored in it (opening an index
    // made with another schema is an error); searchers read it from there.
    polysearch::IndexOptions options;
    options.schema = news_schema();
    polysearch::IndexWriter writer(argv[1], polysearch::OpenMode::CreateOrOpen, options);
    for (const Article& article : articles()) {
      polysearch::Document document;
      document.id = article.id;
      document.title = article.title;
      document.text = article.text;  // the language is detected
      document.fields = {{"date", {article.date}},
                         {"category", {article.category}},
                         {"tags", article.tags},
                         {"author", {article.author}}};
      writer.add(document);
    }
    writer.close();  // commits: searchers see the articles from now on
    std::cout << "indexed " << articles().size() << " articles\n";

    polysearch::Searcher searcher(argv[1]);

    // Browse: no words, only a filter, so every sport article, newest first.
    polysearch::SearchRequest sport;
    sport.filters.push_back(polysearch::FieldFilter::any_of("category", {"sport"}));
    sport.sort.field = "date";
    sport.sort.descending = true;
    sport.fields = {"date", "author"};
    sport.snippets = false;
    std::cout << "sport, newest first:\n";
    for (const polysearch::Hit& hit : searcher.search(sport).hits) print_hit(hit);

    // A query within this year, by relevance, the best article of each author only.
    polysearch::SearchRequest search;
    search.query = query;
    search.filters.push_back(polysearch::FieldFilter::range("date", "2024-01-01", "2024-12-31"));
    search.collapse = "author";
    search.fields = {"date", "author"};
    search.snippets = false;
    const polysearch::SearchResult found = searcher.search(search);
    std::cout << '"' << query << "\" in 2024, the best article of each author:\n";
    for (const polysearch::Hit& hit : found.hits) print_hit(hit);

    // Facets count over every match, not only the page: here all of 2024's articles.
    polysearch::SearchRequest year;
    year.filters.push_back(polysearch::FieldFilter::range("date", "2024-01-01", std::nullopt));
    year.limit = 0;
    polysearch::FacetRequest category;
    category.field = "category";
    polysearch::FacetRequest tags;
    tags.field = "tags";
    tags.top = 3;
    polysearch::FacetRequest months;
    months.field = "date";
    // Number and date buckets are ranges, ends included as in a range filter.
    months.ranges = {{"2024-01-01", "2024-01-31"},
                     {"2024-02-01", "2024-02-29"},
                     {"2024-03-01", "2024-03-31"},
                     {"2024-04-01", "2024-04-30"},
                     {"2024-05-01", "2024-05-31"}};
    year.facets = {category, tags, months};
    const polysearch::SearchResult counted = searcher.search(year);
    std::cout << "2024 (" << counted.estimated_total << " articles):\n";
    for (const polysearch::Facet& facet : counted.facets) print_facet(facet);
    return 0;
  } catch (const polysearch::QuerySyntaxError& e) {
    std::cerr << "news_archive: error: " << e.what() << " (query: " << query << ")\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "news_archive: error: " << e.what() << '\n';
    return 1;
  }
}
