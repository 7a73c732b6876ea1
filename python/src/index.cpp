// The index writer: documents as dicts in, add_batch with the GIL released.
#include <pybind11/stl.h>

#include <cmath>
#include <limits>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "bindings.hpp"
#include "polysearch/error.hpp"
#include "polysearch/index_builder.hpp"
#include "polysearch/index_writer.hpp"

namespace polysearch::python {
namespace {

OpenMode open_mode(const std::string& mode) {
  if (mode == "create_or_open") return OpenMode::CreateOrOpen;
  if (mode == "create") return OpenMode::Create;
  if (mode == "open") return OpenMode::Open;
  if (mode == "overwrite") return OpenMode::Overwrite;
  throw InvalidArgument("unknown mode '" + mode +
                        "' (expected create_or_open, create, open or overwrite)");
}

// An id as the JSON Lines reader takes it: a str, or an int written in decimal.
std::string id_of(py::handle value) {
  if (PyLong_Check(value.ptr()) && !PyBool_Check(value.ptr())) return py::str(value);
  if (!PyUnicode_Check(value.ptr())) {
    throw py::type_error("a document's 'id' must be a str or an int, not " + type_name(value));
  }
  return utf8_of(value, "'id'");
}

std::string optional_text(py::handle value, const std::string& key) {
  if (value.is_none()) return {};
  return utf8_of(value, "'" + key + "'");
}

// One value of a field: a str as it is, an int or float as Python writes it, a date or
// datetime in ISO 8601.
std::string field_value(py::handle value, const std::string& key) {
  if (PyUnicode_Check(value.ptr())) return utf8_of(value, "field '" + key + "'");
  if (PyLong_Check(value.ptr()) && !PyBool_Check(value.ptr())) return py::str(value);
  if (PyFloat_Check(value.ptr())) {
    if (!std::isfinite(value.cast<double>())) {
      throw InputError(
          "field '" + key + "' is " + py::repr(value).cast<std::string>() + ", not a finite number",
          0);
    }
    return py::repr(value);
  }
  if (py::hasattr(value, "isoformat") && !PyBool_Check(value.ptr())) {
    return utf8_of(value.attr("isoformat")(), "field '" + key + "'");
  }
  throw py::type_error("field '" + key +
                       "' must be a str, int, float, date or datetime, or a list of them, not " +
                       type_name(value));
}

// A dict as a Document: id, title, text (or body), lang, source, and every other key a
// field, as in a JSON Lines file.
Document document_of(py::handle object) {
  if (!PyDict_Check(object.ptr())) {
    throw py::type_error("a document must be a dict, not " + type_name(object));
  }
  Document document;
  bool has_id = false, has_text = false, has_body = false;
  for (const auto& [key_object, value] : py::reinterpret_borrow<py::dict>(object)) {
    const std::string key = utf8_of(key_object, "a document's key");
    if (value.is_none()) continue;
    if (key == "id") {
      document.id = id_of(value);
      has_id = true;
    } else if (key == "title") {
      document.title = optional_text(value, key);
    } else if (key == "text" || key == "body") {
      (key == "text" ? has_text : has_body) = true;
      document.text = optional_text(value, key);
    } else if (key == "source") {
      document.source = optional_text(value, key);
    } else if (key == "lang") {
      document.language = language_of(value);
    } else if (PyList_Check(value.ptr()) || PyTuple_Check(value.ptr())) {
      std::vector<std::string>& values = document.fields[key];
      for (const py::handle item : value) values.push_back(field_value(item, key));
    } else {
      document.fields[key].push_back(field_value(value, key));
    }
  }
  if (!has_id) throw InputError("a document needs an 'id'", 0);
  if (has_text && has_body) throw InputError("both 'text' and 'body' given (they are aliases)", 0);
  return document;
}

std::optional<unsigned> optional_unsigned(const py::dict& options, const char* key) {
  const py::object value = setting(options, key);
  if (value.is_none()) return std::nullopt;
  const std::size_t number = count_of(value, key);
  if (number > std::numeric_limits<unsigned>::max()) {
    throw InvalidArgument(std::string(key) + " is too large");
  }
  return static_cast<unsigned>(number);
}

IndexOptions index_options(const py::dict& options) {
  IndexOptions settings;
  if (const py::object batch = setting(options, "batch_size"); !batch.is_none()) {
    settings.batch_size = count_of(batch, "batch_size");
  }
  if (const py::object fallback = setting(options, "fallback_lang"); !fallback.is_none()) {
    settings.detection.fallback = language_of(fallback);
  }
  if (const py::object analysis = setting(options, "analysis"); !analysis.is_none()) {
    settings.analysis = analysis_of(analysis);
  }
  if (const py::object schema = setting(options, "schema"); !schema.is_none()) {
    settings.schema = Schema::from_json(utf8_of(schema, "schema"));
  }
  settings.title_wdf = optional_unsigned(options, "title_wdf");
  if (const py::object shards = setting(options, "shards"); !shards.is_none()) {
    settings.shards = count_of(shards, "shards");
  }
  settings.allow_other_files = setting(options, "allow_other_files").cast<bool>();
  return settings;
}

py::dict add_result(const AddResult& result) {
  py::dict out;
  out["lang"] = std::string(language_code(result.language.language));
  out["detected"] = str_of(result.language.detected);
  out["confidence"] = result.language.confidence;
  out["replaced"] = result.replaced;
  return out;
}

// An IndexWriter shared by Python threads: calls take turns (the mutex is taken with the GIL
// released, so a thread waiting for it never blocks the others' Python code).
class PyIndexWriter {
 public:
  PyIndexWriter(py::handle path, const std::string& mode, const py::dict& options)
      : path_(path_of(path, "path")) {
    const OpenMode open = open_mode(mode);
    IndexOptions settings = index_options(options);
    py::gil_scoped_release unlocked;
    writer_.emplace(path_, open, std::move(settings));
  }

  py::dict add(py::handle object) {
    const Document document = document_of(object);
    AddResult result;
    {
      py::gil_scoped_release unlocked;
      std::lock_guard lock(mutex_);
      result = writer().add(document);
    }
    return add_result(result);
  }

  // One batch: {"added", "replaced", "errors": [(position in the batch, id, exception)]}.
  py::dict add_batch(const py::list& objects) {
    std::vector<Document> documents;
    documents.reserve(objects.size());
    for (const py::handle object : objects) documents.push_back(document_of(object));
    std::vector<BatchResult> results;
    {
      py::gil_scoped_release unlocked;
      std::lock_guard lock(mutex_);
      results = writer().add_batch(documents);
    }
    std::size_t added = 0, replaced = 0;
    py::list errors;
    for (std::size_t i = 0; i < results.size(); ++i) {
      if (results[i].error) {
        errors.append(
            py::make_tuple(i, str_of(documents[i].id), exception_object(results[i].error)));
        continue;
      }
      ++added;
      if (results[i].result.replaced) ++replaced;
    }
    py::dict out;
    out["added"] = added;
    out["replaced"] = replaced;
    out["errors"] = errors;
    return out;
  }

  bool remove(py::handle id) {
    const std::string key = id_of(id);
    py::gil_scoped_release unlocked;
    std::lock_guard lock(mutex_);
    return writer().remove(key);
  }

  void commit() {
    py::gil_scoped_release unlocked;
    std::lock_guard lock(mutex_);
    writer().commit();
  }

  // Commits and releases the index; a second close does nothing.
  void close() {
    py::gil_scoped_release unlocked;
    std::lock_guard lock(mutex_);
    if (!writer_) return;
    // A failed commit still releases the lock: the writer is gone either way.
    std::optional<IndexWriter> closing = std::move(writer_);
    writer_.reset();
    closing->close();
  }

  [[nodiscard]] bool closed() const { return !writer_; }
  [[nodiscard]] const std::string& path() const { return path_; }
  std::size_t pending() {
    std::lock_guard lock(mutex_);
    return writer().pending();
  }
  std::size_t shard_count() {
    std::lock_guard lock(mutex_);
    return writer().shard_count();
  }
  unsigned title_wdf() {
    std::lock_guard lock(mutex_);
    return writer().title_wdf();
  }
  py::dict analysis() {
    std::lock_guard lock(mutex_);
    return analysis_dict(writer().analysis());
  }
  std::string schema() {
    std::lock_guard lock(mutex_);
    return writer().schema().to_json();
  }

 private:
  IndexWriter& writer() {
    if (!writer_) throw InvalidArgument("the index '" + path_ + "' is closed");
    return *writer_;
  }

  std::string path_;
  std::mutex mutex_;
  std::optional<IndexWriter> writer_;
};

// polysearch.build_index: a new index from an iterable of dicts, on every core
// (IndexBuilder).  Each document is converted with the GIL held and queued without it.
py::dict build_index(py::handle path, const py::iterable& documents, const py::dict& options,
                     std::size_t threads, const std::string& on_error) {
  if (on_error != "raise" && on_error != "skip") {
    throw InvalidArgument("unknown on_error '" + on_error + "' (expected raise or skip)");
  }
  const std::string directory = path_of(path, "path");
  IndexOptions settings = index_options(options);
  BuildOptions build;
  build.threads = threads;
  std::optional<IndexBuilder> builder;
  {
    py::gil_scoped_release unlocked;
    builder.emplace(directory, std::move(settings), build);
  }
  std::size_t position = 0, added = 0, replaced = 0;
  py::list failed;
  const auto count = [&] {
    for (const AddResult& result : builder->take_results()) replaced += result.replaced ? 1 : 0;
  };
  for (const py::handle object : documents) {
    std::string id;
    // A document add() refuses (InputError, InvalidArgument) raises or is listed.
    const auto refused = [&] {
      if (on_error == "raise") throw;
      failed.append(
          py::make_tuple(position, str_of(id), exception_object(std::current_exception())));
    };
    try {
      Document document = document_of(object);
      id = document.id;
      py::gil_scoped_release unlocked;
      builder->add(std::move(document));
      ++added;
    } catch (const InputError&) {
      refused();
    } catch (const InvalidArgument&) {
      refused();
    }
    if (++position % 1024 == 0) count();
  }
  BuildResult built;
  {
    py::gil_scoped_release unlocked;
    built = builder->finish();
  }
  count();
  py::dict out;
  out["added"] = added;
  out["replaced"] = replaced + built.replaced_across_runs;
  out["failed"] = failed;
  out["documents"] = built.documents;
  out["writers"] = builder->threads();
  out["parts"] = built.parts;
  out["merge_seconds"] = built.merge_seconds;
  out["bytes"] = built.bytes;
  return out;
}

}  // namespace

void bind_index(py::module_& module) {
  module.def("build_index", &build_index, py::arg("path"), py::arg("documents"), py::arg("options"),
             py::arg("threads"), py::arg("on_error"));
  py::class_<PyIndexWriter>(module, "_IndexWriter")
      .def(py::init<py::handle, const std::string&, const py::dict&>(), py::arg("path"),
           py::arg("mode"), py::arg("options"))
      .def("add", &PyIndexWriter::add)
      .def("add_batch", &PyIndexWriter::add_batch)
      .def("remove", &PyIndexWriter::remove)
      .def("commit", &PyIndexWriter::commit)
      .def("close", &PyIndexWriter::close)
      .def_property_readonly("closed", &PyIndexWriter::closed)
      .def_property_readonly("path", &PyIndexWriter::path)
      .def_property_readonly("pending", &PyIndexWriter::pending)
      .def_property_readonly("shard_count", &PyIndexWriter::shard_count)
      .def_property_readonly("title_wdf", &PyIndexWriter::title_wdf)
      .def_property_readonly("analysis", &PyIndexWriter::analysis)
      .def_property_readonly("schema_json", &PyIndexWriter::schema);
}

}  // namespace polysearch::python
