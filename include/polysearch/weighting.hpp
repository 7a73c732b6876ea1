#pragma once
/// @file
/// Ranking models: the weighting schemes Xapian implements, chosen by name with their
/// parameters (SearchRequest::weighting, `--weight NAME[:PARAM=VALUE,…]`).

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "polysearch/export.hpp"

namespace polysearch {

/// A weighting scheme of Xapian's (xapian/weight.h; docs/RETRIEVAL.md has their figures).
enum class WeightingModel {
  Bm25,             ///< Okapi BM25 (k1, b); the default
  Bm25Plus,         ///< BM25+ (k1, b, delta): a lower bound on a matching term's weight
  LmDirichlet,      ///< query likelihood, Dirichlet smoothing (mu)
  LmTwoStage,       ///< query likelihood, two-stage smoothing (lambda, mu)
  LmJelinekMercer,  ///< query likelihood, Jelinek-Mercer smoothing (lambda)
  Pl2,              ///< divergence from randomness: Poisson, Laplace, normalization 2 (c)
  Pl2Plus,          ///< PL2+ (c, delta)
  Dph,              ///< DFR DPH, parameter-free
  Dlh,              ///< DFR DLH, parameter-free
  InL2,             ///< DFR InL2 (c)
  IfB2,             ///< DFR IfB2 (c)
  IneB2,            ///< DFR IneB2 (c)
  Bb2,              ///< DFR BB2 (c)
  TfIdf,            ///< TF-IDF, Xapian's default normalizations ("ntn")
};

/// A weighting model and the parameters given for it; a parameter not given takes the
/// model's default (weighting_parameters()).
struct Weighting {
  WeightingModel model = WeightingModel::Bm25Plus;  ///< the scheme (polysearch's default)
  std::map<std::string, double> parameters;         ///< by name, e.g. {"k1", 1.2}; may be partial
};

/// One parameter a model takes, with its default and the values it accepts.
struct WeightingParameter {
  std::string name;      ///< as written in a specification: "k1", "mu", "c"
  double default_value;  ///< used when the parameter is not given
  double min;            ///< smallest accepted value
  double max;            ///< largest accepted value (may be infinity)
};

/// The name of a model as specifications write it: "bm25", "lm-dirichlet", "pl2".
POLYSEARCH_API std::string_view weighting_name(WeightingModel model) noexcept;

/// The parameters a model takes (none for DPH, DLH and TF-IDF).  BM25's k1 and b default to
/// SearchRequest::bm25 instead of the values listed here.
POLYSEARCH_API const std::vector<WeightingParameter>& weighting_parameters(WeightingModel model);

/// The names of every model, in enum order.
POLYSEARCH_API std::vector<std::string_view> weighting_names();

/// Reads "NAME" or "NAME:PARAM=VALUE,PARAM=VALUE" ("bm25:k1=1.2,b=0.75", "lm-dirichlet:mu=800",
/// "dph").  @throws InvalidArgument naming the model, parameter or value that is wrong.
POLYSEARCH_API Weighting parse_weighting(std::string_view specification);

/// The specification parse_weighting() reads back, every parameter written out.
POLYSEARCH_API std::string to_string(const Weighting& weighting);

}  // namespace polysearch
