#!/usr/bin/python3
"""One ranking default for every collection, chosen by cross-validation across collections.

Reads what tune_experiments.sh writes per collection (TUNE_JSON=1): COLLECTION.scores.tsv
(`tune --scores`: every setting's nDCG@10 on every question) and COLLECTION.json (for the
default setting), all over the same grid.  Collections with headroom choose; the others
(saturated) only constrain: a setting that loses more than --max-loss on one of them is
not chosen.  Two estimates, each scoring a choice only on questions it was not made on:

  pooled k-fold  question i of every collection is in fold i mod K (as `tune` folds); each
                 fold takes the setting with the best mean, over the headroom collections,
                 of their mean on the other folds' questions.  Every collection's held-out
                 figure is its questions scored with their fold's choice: what "one setting
                 for all, chosen on these collections" gives on new questions.
  leave one out  each headroom collection is scored with the setting the others choose
                 (means over all their questions): what the choice gives a new collection.

Then the setting chosen on all questions of the headroom collections, the one to adopt,
with its (tuned) figure on every collection.

    tools/bench/default_choice.py REPORT_DIR [--headroom NAME ...] [--folds 5]
                                  [--max-loss 0.003]

A collection's name is its file name without .scores.tsv (stard-zh-Hans, xquadr-de, ...).
Paired differences are tested with a two-sided t-test (normal approximation: every
collection has over a thousand questions).
"""
import argparse
import json
import math
import pathlib
import sys

HEADROOM = ["stard-zh-Hans", "xquadr-de", "xquadr-es", "xquadr-zh-Hans"]


def load(directory):
    """{collection: {setting: [score per question, in query file order]}} and the default."""
    scores, defaults = {}, set()
    for path in sorted(pathlib.Path(directory).glob("*.scores.tsv")):
        name = path.name[: -len(".scores.tsv")]
        by_setting = {}
        for line in path.read_text().splitlines():
            setting, _question, score = line.split("\t")
            by_setting.setdefault(setting, []).append(float(score))
        scores[name] = by_setting
        report = pathlib.Path(directory) / f"{name}.json"
        try:
            default = json.loads(report.read_text())["default"]["setting"]
            defaults.add(" ".join(f"--{k} {v}" for k, v in default.items()))
        except (OSError, json.JSONDecodeError):
            pass  # a report still being written: the other collections name the default
    if not scores:
        sys.exit(f"error: no *.scores.tsv in {directory} (run tune_experiments.sh with TUNE_JSON=1)")
    if len(defaults) != 1:
        sys.exit(f"error: expected one default setting in the .json reports, found {sorted(defaults)}")
    if len({frozenset(s) for s in scores.values()}) > 1:
        sys.exit("error: the collections were not run over the same grid")
    return scores, defaults.pop()


def mean(values):
    return sum(values) / len(values)


def paired_p(a, b):
    """Two-sided p of the paired t-test of a - b, normal approximation."""
    d = [x - y for x, y in zip(a, b)]
    m = mean(d)
    var = sum((x - m) ** 2 for x in d) / (len(d) - 1)
    if var == 0:
        return 1.0
    t = m / math.sqrt(var / len(d))
    return math.erfc(abs(t) / math.sqrt(2))


class Grid:
    def __init__(self, scores, default, headroom, saturated, max_loss):
        self.scores, self.default = scores, default
        self.headroom, self.saturated, self.max_loss = headroom, saturated, max_loss
        # Grid order, the default first: ties keep the earlier setting.
        order = list(scores[headroom[0]])
        self.settings = [default] + [s for s in order if s != default]

    def choose(self, chosen_on, keep):
        """The best setting by the mean over `chosen_on` of each collection's mean over
        the questions `keep(i)` accepts, among those that lose at most max_loss on each
        saturated collection's same questions."""
        def collection_mean(c, s):
            return mean([x for i, x in enumerate(self.scores[c][s]) if keep(i)])

        floor = {c: collection_mean(c, self.default) - self.max_loss for c in self.saturated}

        def allowed(s):
            return all(collection_mean(c, s) >= floor[c] for c in self.saturated)

        best, best_score = self.default, None
        for s in self.settings:
            if not allowed(s):
                continue
            score = round(mean([collection_mean(c, s) for c in chosen_on]), 9)
            if best_score is None or score > best_score:
                best, best_score = s, score
        return best


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reports")
    parser.add_argument("--headroom", nargs="+", default=HEADROOM)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--max-loss", type=float, default=0.003)
    args = parser.parse_args()

    scores, default = load(args.reports)
    headroom = [c for c in args.headroom if c in scores]
    saturated = [c for c in scores if c not in headroom]
    if len(headroom) < 2:
        sys.exit(f"error: need two headroom collections or more in {args.reports}")
    grid = Grid(scores, default, headroom, saturated, args.max_loss)
    print(f"default `{default}`; {len(grid.settings)} settings; headroom: {', '.join(headroom)}; "
          f"saturated (may lose at most {args.max_loss}): {', '.join(saturated) or 'none'}\n")

    k = args.folds
    choices = [grid.choose(headroom, lambda i, f=f: i % k != f) for f in range(k)]
    print(f"pooled {k}-fold cross-validation; the folds chose:\n")
    for f, s in enumerate(choices):
        print(f"- fold {f + 1}: `{s}`")
    print("\n| collection | default | cross-validated | difference | p (paired t) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for c in headroom + saturated:
        base = scores[c][default]
        held = [scores[c][choices[i % k]][i] for i in range(len(base))]
        print(f"| {c} | {mean(base):.4f} | {mean(held):.4f} | {mean(held) - mean(base):+.4f} | "
              f"{paired_p(held, base):.4f} |")

    print("\nleave one collection out:\n")
    print("| left out | chosen on the others | default | chosen | difference |")
    print("| --- | --- | ---: | ---: | ---: |")
    for left_out in headroom:
        others = [c for c in headroom if c != left_out]
        s = grid.choose(others, lambda i: True)
        base, chosen = mean(scores[left_out][default]), mean(scores[left_out][s])
        print(f"| {left_out} | `{s}` | {base:.4f} | {chosen:.4f} | {chosen - base:+.4f} |")

    s = grid.choose(headroom, lambda i: True)
    print(f"\nchosen on all questions (tuned figures): `{s}`\n")
    print("| collection | default | chosen | difference |")
    print("| --- | ---: | ---: | ---: |")
    for c in headroom + saturated:
        base, chosen = mean(scores[c][default]), mean(scores[c][s])
        print(f"| {c} | {base:.4f} | {chosen:.4f} | {chosen - base:+.4f} |")


if __name__ == "__main__":
    main()
