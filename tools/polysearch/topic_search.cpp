#include "topic_search.hpp"

namespace polysearch::cli {

eval::TopicField parse_topic_field(const std::string& value) {
  if (value == "title") return eval::TopicField::Title;
  if (value == "desc") return eval::TopicField::Description;
  if (value == "title+desc") return eval::TopicField::TitleDescription;
  throw UsageError("unknown --topic-field '" + value + "' (expected title, desc or title+desc)");
}

}  // namespace polysearch::cli
