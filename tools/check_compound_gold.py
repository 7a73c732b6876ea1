#!/usr/bin/python3
"""Validate the German compound gold files (polysearch issue 18).

Usage:
  tools/check_compound_gold.py [--shared DIR] [GOLD_TSV [AMBIGUOUS_TSV]]

Defaults: fixtures/german-compounds/gold.tsv and ambiguous.tsv next to it,
relative to the repository root (the parent of this script's folder).

Checks, for every non-comment line:
  - exactly three TAB-separated fields: word, analysis, source;
  - the source is one of snowball-voc, xquad-de, xquadr-de, seed-de;
  - removing "+" and "|" from the analysis gives the word exactly;
  - no empty part (no leading/trailing/doubled separators);
  - at most one "|"; an analysis with any separator (a compound) has exactly
    one "|"; a simple word has none, equals the word and has >= 6 letters;
  - ambiguous.tsv: two or more distinct analyses separated by ";", each valid
    as above, at least one of them a compound;
  - no word twice (case-insensitive), within or across the two files.
With --shared DIR (the project's ../shared), it also checks that each word
occurs in the source it names (seed-de: the texts in fixtures/seeds).

Prints one "FILE:LINE: message" line per error and exits 1; exits 0 when
everything is valid (2 on a usage error).
"""

import json
import os
import re
import sys

SOURCES = ("snowball-voc", "xquad-de", "xquadr-de", "seed-de")
SEPARATORS = re.compile(r"[+|]")
LETTERS = re.compile(r"[^\W\d_]+")


def check_analysis(word, analysis):
    """Return (error or None, is_compound)."""
    if analysis.replace("+", "").replace("|", "") != word:
        return "analysis %r without '+' and '|' is not the word %r" % (analysis, word), False
    if not SEPARATORS.search(analysis):
        return None, False
    if any(part == "" for part in SEPARATORS.split(analysis)):
        return "analysis %r has an empty part" % analysis, True
    bars = analysis.count("|")
    if bars != 1:
        return "compound analysis %r must have exactly one '|' (has %d)" % (analysis, bars), True
    return None, True


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.endswith("\r"):
                yield number, None, "CR line ending"
                continue
            if not line.strip() or line.startswith("#"):
                continue
            yield number, line, None


def letters(word):
    return sum(1 for c in word if c.isalpha())


def check_file(path, ambiguous, seen, errors, entries):
    for number, line, problem in read_lines(path):
        where = "%s:%d" % (path, number)
        if problem:
            errors.append("%s: %s" % (where, problem))
            continue
        fields = line.split("\t")
        if len(fields) != 3:
            errors.append("%s: expected 3 TAB-separated fields, got %d" % (where, len(fields)))
            continue
        word, analysis, source = fields
        if not word or word != word.strip() or any(c.isspace() for c in word):
            errors.append("%s: empty word or word with spaces: %r" % (where, word))
            continue
        if source not in SOURCES:
            errors.append("%s: unknown source %r (expected one of %s)"
                          % (where, source, ", ".join(SOURCES)))
        key = word.lower()
        if key in seen:
            errors.append("%s: duplicate word %r (first at %s)" % (where, word, seen[key]))
        else:
            seen[key] = where
        entries.append((where, word, source))
        if ambiguous:
            readings = analysis.split(";")
            if len(readings) < 2 or len(set(readings)) != len(readings):
                errors.append("%s: need two or more distinct analyses separated by ';'" % where)
            compounds = 0
            for reading in readings:
                error, is_compound = check_analysis(word, reading)
                if error:
                    errors.append("%s: %s" % (where, error))
                compounds += is_compound
            if compounds == 0:
                errors.append("%s: no reading is a compound" % where)
        else:
            error, is_compound = check_analysis(word, analysis)
            if error:
                errors.append("%s: %s" % (where, error))
            elif not is_compound and letters(word) < 6:
                errors.append("%s: simple word %r has fewer than 6 letters" % (where, word))


def source_vocabularies(shared, repo):
    vocab = {}
    with open(os.path.join(shared, "data/snowball/german/voc.txt"), encoding="utf-8") as f:
        vocab["snowball-voc"] = {line.strip() for line in f}
    for name, sub in (("xquad-de", "xquad"), ("xquadr-de", "xquadr")):
        words = set()
        with open(os.path.join(shared, "data/retrieval", sub, "de/docs.jsonl"), encoding="utf-8") as f:
            for line in f:
                words.update(LETTERS.findall(json.loads(line)["text"]))
        vocab[name] = words
    words = set()
    seeds = os.path.join(repo, "fixtures/seeds")
    for name in sorted(os.listdir(seeds)):
        with open(os.path.join(seeds, name), encoding="utf-8") as f:
            words.update(LETTERS.findall(f.read()))
    vocab["seed-de"] = words
    return vocab


def main(argv):
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    shared = None
    args = list(argv)
    if args[:1] == ["--shared"]:
        if len(args) < 2:
            print("--shared needs a directory", file=sys.stderr)
            return 2
        shared = args[1]
        args = args[2:]
    if any(a.startswith("-") for a in args) or len(args) > 2:
        print(__doc__, file=sys.stderr)
        return 2
    gold = args[0] if args else os.path.join(repo, "fixtures/german-compounds/gold.tsv")
    amb = args[1] if len(args) > 1 else os.path.join(os.path.dirname(gold), "ambiguous.tsv")

    errors, seen, entries = [], {}, []
    check_file(gold, False, seen, errors, entries)
    if os.path.exists(amb):
        check_file(amb, True, seen, errors, entries)
    else:
        errors.append("%s: missing" % amb)

    if shared is not None and not errors:
        vocab = source_vocabularies(shared, repo)
        for where, word, source in entries:
            if word not in vocab.get(source, ()):
                errors.append("%s: %r does not occur in %s" % (where, word, source))

    for error in errors:
        print(error)
    if errors:
        return 1
    print("ok: %d entries in %s and %s%s"
          % (len(entries), gold, amb, ", all found in their sources" if shared else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
