#!/usr/bin/python3
"""Mines a query set of German compounds from a JSON Lines corpus (issue 18).

Each query is one noun N; its relevant documents are those where N occurs only inside
longer words that end with it ("Runde" in "Finanzierungsrunde"), never as a word of its
own.  A whole-word search cannot find them; a search that splits compounds can.  The rule
uses the corpus alone, not polysearch's splitter (that would be circular):

  words       runs of Unicode letters (title and text), compared case-folded as polysearch
              does (NFKC_Casefold: ß = ss); a noun is a word of 4+ letters written
              capitalized (Runde, not RUNDE or camelCase) 3+ times and at least as often
              as in lower case (that drops English words, adjectives and verbs);
  queries     nouns of 5+ letters, in their base form (Inhalts, Operationen give way to
              Inhalt, Operation when those are nouns too);
  compound    a noun written capitalized in the document = modifier + N + ending (none, e,
              n, en, s, es, ns, ens; not -er: a Taschenspieler is no Spiel), at least 4
              letters longer than N, where the modifier, as is or without a linking element
              (s es n en er e), is a noun that is not a particle (Unter|stellung,
              Hinter|grund are derivations).  Left out: a verbal prefix and a word
              (Verbrechen: ver + brechen, not Verb + Rechen); readings that disagree
              (Dorf|stiere against Dorfs|tiere, Teil|sekunden against Teilse|kunden); a
              noun with an ending (Ministern: Minister + n, not Mini + Stern); a linking
              element that may begin the head (Schrifts|teller: "Stellers" is a word);
  relevant    a document with a compound of N and none of N's own forms as a word: N with
              an inflection ending, also without a final e/en/n/s/er/es/ns/ens or a suffix
              Snowball removes (-ung -heit -keit -lich -isch -ig -end), compared without
              umlauts (Runde: runde, runden, rund, rundes, …; Auftrag: Aufträge), the forms
              polysearch's Snowball stemmer may bring together;
  kept        queries with 3..50 relevant documents; of those, at most --queries, evenly
              spaced over the list sorted by query word (no randomness).

Writes OUT/queries.tsv (id TAB query), OUT/qrels.txt (TREC: id 0 doc 1), OUT/README.md,
OUT/examples.tsv (every query with its compounds), OUT/relevant.tsv (query id, query,
document, the compound that made it relevant), and prints a sample of query→compound
pairs for a human to check.

  /usr/bin/python3 tools/bench/compound_queries.py CORPUS.jsonl OUT_DIR [--queries 150]
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
import unicodedata
from pathlib import Path

MIN_QUERY_LETTERS = 5
MIN_EXTRA_LETTERS = 4          # the compound is at least this much longer than N
MIN_PREFIX_LETTERS = 4         # the modifier (without linking element) is a word this long
MIN_PREFIX_COUNT = 3           # … seen on its own this often
MIN_RELEVANT, MAX_RELEVANT = 3, 50
FUGEN = ("", "s", "es", "n", "en", "er", "e")
INFLECTIONS = ("", "e", "n", "en", "s", "es", "er", "ern", "ns", "ens")
# Endings of a compound of N: not -er, which makes agent nouns (Taschenspieler is no Spiel).
COMPOUND_ENDINGS = ("", "e", "n", "en", "s", "es", "ns", "ens")
STEM_ENDINGS = ("ern", "ens", "en", "er", "es", "e", "ns", "n", "s")  # forms a stemmer conflates
DERIVATIONS = ("ung", "heit", "keit", "lich", "isch", "ig", "end")  # Snowball's step 3
PLURAL_ENDINGS = ("e", "n", "en", "s", "es", "er", "ern", "ns", "ens")  # Inhalts → Inhalt

# Particles, prepositions and adverbs: a word beginning with one is a derivation more often
# than a compound (Unterstellung, Hintergrund, Zusammenfassung, Gegenstand).
PARTICLES = frozenset("""
    aber alle allem allen aller alles also ander andere anders auch aufwärts aus außer
    außen auswärts bald beide beim bereit bevor binnen bitte dabei dadurch dafür dagegen
    daher dahin damit danach daneben dann daran darauf daraus darin darum darunter davon
    davor dazu denn dennoch deren derer deshalb dessen doch dort dorthin drauf drin drüben
    durch eben ebenso einander einige einmal empor entgegen entlang etwa etwas fast fort
    ganz gegen gegenüber gleich hier hierher hinein hinauf hinaus hinter hinten hinunter
    hinweg hinzu heran herauf heraus herbei herein herüber herum herunter hervor herzu
    immer innen inner jede jeder jedes jene jener jetzt kaum keine mehr mehrere meist mitten
    nach nachher neben nicht nichts noch nochmal nunmehr oben ober oder ohne rück rückwärts
    schon sehr selbst seit seiten sich sicher soll solche sondern sonst statt trotz über
    überall übrig umher unten unter viel viele vieler voll voran vorbei vorher vorne vorüber
    vorwärts wann warum weder weil weit weiter welche wenig wenn wider wieder wohl während
    zurück zusammen zuvor zwar zwischen raus rein runter rüber drüber
""".split())

VERBAL_PREFIXES = ("be", "emp", "ent", "er", "ge", "miss", "ver", "zer")

UMLAUTS = str.maketrans("äöü", "aou")

WORD = re.compile(r"[^\W\d_]+")


def fold(word: str) -> str:
    """Case folding as polysearch's normalizer does it (NFKC_Casefold: ß → ss)."""
    return unicodedata.normalize("NFKC", word).casefold()


def documents(path: Path):
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                doc = json.loads(line)
                yield doc["id"], WORD.findall(f"{doc.get('title') or ''} {doc.get('text') or ''}")


def own_forms(n: str) -> set[str]:
    """The words whose presence makes N findable without splitting (folded)."""
    bases = {n} | {n[: -len(e)] for e in STEM_ENDINGS if n.endswith(e) and len(n) - len(e) >= 3}
    # Snowball also removes derivational suffixes: Möglichkeit, möglichen and Bearbeitung,
    # bearbeiten share a stem.
    bases |= {b[: -len(d)] for b in bases for d in DERIVATIONS
              if b.endswith(d) and len(b) - len(d) >= 3}
    # Compared without umlauts, as Snowball's German stems are (Aufträge is an Auftrag).
    return {(b + i).translate(UMLAUTS) for b in bases for i in INFLECTIONS}


def noun(word: str, capital: collections.Counter, lower: collections.Counter) -> bool:
    """A word of MIN_PREFIX_LETTERS+ letters, capitalized MIN_PREFIX_COUNT+ times and at
    least as often as not."""
    return len(word) >= MIN_PREFIX_LETTERS and capital[word] >= MIN_PREFIX_COUNT \
        and capital[word] >= lower[word]


def modifier(prefix: str, capital: collections.Counter,
             lower: collections.Counter) -> tuple[str, str] | None:
    """The noun the prefix is and its linking element (Finanzierungs: Finanzierung, s)."""
    for fuge in FUGEN:
        if fuge and not prefix.endswith(fuge):
            continue
        word = prefix[: len(prefix) - len(fuge)]
        if noun(word, capital, lower) and word not in PARTICLES:
            return word, fuge
    return None


def derived(word: str, counts: collections.Counter) -> bool:
    """Whether the word is a verbal prefix and a word (Verbrechen: ver + brechen, not
    Verb + Rechen; Verbindung: ver + bindung)."""
    return any(word.startswith(p) and word[len(p):] in counts for p in VERBAL_PREFIXES)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--queries", type=int, default=150, help="at most this many (150)")
    parser.add_argument("--sample", type=int, default=30, help="pairs printed to check (30)")
    args = parser.parse_args()

    # Pass 1: vocabulary, folded.  A word is written capitalized (Runde: not RUNDE, not
    # camelCase TimeoutSec) or in lower case; spellings: the query's text.
    counts: collections.Counter = collections.Counter()
    capital: collections.Counter = collections.Counter()
    lower: collections.Counter = collections.Counter()
    spellings: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    doc_words: list[tuple[str, set[str], set[str]]] = []  # id, words, words capitalized
    for doc_id, words in documents(args.corpus):
        folded, nouns = set(), set()
        for w in words:
            f = fold(w)
            counts[f] += 1
            folded.add(f)
            if w[0].isupper() and (len(w) == 1 or w[1:].islower()):
                capital[f] += 1
                nouns.add(f)
                if len(w) >= MIN_QUERY_LETTERS:
                    spellings[f][w] += 1
            elif w.islower():
                lower[f] += 1
        doc_words.append((doc_id, folded, nouns))
    # Nouns: capitalized at least MIN_PREFIX_COUNT times and at least as often as not
    # (drops English words, group and location, and adjectives).
    candidates = {f: c.most_common(1)[0][0] for f, c in spellings.items()
                  if capital[f] >= MIN_PREFIX_COUNT and capital[f] >= lower[f]}
    # Base forms only: Inhalts, Operationen, Mitglieder give way to Inhalt, Operation,
    # Mitglied, whose compounds include the inflected ones.
    candidates = {f: w for f, w in candidates.items()
                  if not any(f.endswith(e) and len(f) - len(e) >= 4 and f[: -len(e)] in candidates
                             for e in PLURAL_ENDINGS)}

    # Compound words: word → [(N, modifier)].  Every reading of a word is a cut into a
    # modifier and a noun (with an ending); a word whose readings disagree is left out.
    heads: dict[str, list[tuple[str, str]]] = collections.defaultdict(list)
    for word in counts:
        # A noun (Statistische, capitalized at the start of a sentence, is not) and not a
        # derivation.
        if capital[word] < lower[word] or derived(word, counts):
            continue
        readings = []  # (cut, head, modifier, linking element)
        for cut in range(MIN_EXTRA_LETTERS, len(word) - MIN_PREFIX_LETTERS + 1):
            mod = modifier(word[:cut], capital, lower)
            if mod is None:
                continue
            rest = word[cut:]
            for ending in COMPOUND_ENDINGS:
                if ending and not rest.endswith(ending):
                    continue
                head = rest[: len(rest) - len(ending)]
                if head in candidates or noun(head, capital, lower):
                    readings.append((cut, head, *mod))
        # Readings agree when the piece between two cuts is a modifier of its own
        # (Betriebs|systemabbild, Betriebssystem|abbild).  They disagree in Dorfs|tiere
        # against Dorf|stiere, Teilse|kunden against Teil|sekunden: both left out.
        cuts = sorted({r[0] for r in readings})
        if any(modifier(word[a:b], capital, lower) is None for a, b in zip(cuts, cuts[1:])):
            continue
        # Another reading: the word is a noun of its own with an ending (Ministern:
        # Minister + n, not Mini + Stern).
        for cut, n, mod, fuge in readings:
            if len(n) < MIN_QUERY_LETTERS or n not in candidates:
                continue
            if any(word.endswith(e) and noun(word[: -len(e)], capital, lower)
                   and not word[: -len(e)].endswith(n) for e in INFLECTIONS if e):
                continue
            # The linking element may begin the head instead (Schrifts|teller against
            # Schrift|steller, "Stellers" being a word).
            if fuge and any(fuge + n + e in counts for e in INFLECTIONS):
                continue
            heads[word].append((n, mod))

    # Relevant documents: a compound of N and none of N's own forms.
    forms: dict[str, set[str]] = {}
    relevant: dict[str, dict[str, str]] = collections.defaultdict(dict)  # N → doc → compound
    for doc_id, folded, nouns in doc_words:
        plain = {w.translate(UMLAUTS) for w in folded}
        for word in sorted(nouns & heads.keys()):  # a noun compound is written capitalized
            for n, _ in heads[word]:
                if doc_id in relevant[n]:
                    continue
                if n not in forms:
                    forms[n] = own_forms(n)
                if not plain & forms[n]:
                    relevant[n][doc_id] = word

    kept = sorted(n for n, docs in relevant.items() if MIN_RELEVANT <= len(docs) <= MAX_RELEVANT)
    if len(kept) > args.queries:  # evenly spaced over the sorted list
        step = len(kept) / args.queries
        kept = [kept[int(i * step)] for i in range(args.queries)]

    args.out.mkdir(parents=True, exist_ok=True)
    n_relevant = 0
    with open(args.out / "queries.tsv", "w", encoding="utf-8") as queries, \
            open(args.out / "qrels.txt", "w", encoding="utf-8") as qrels, \
            open(args.out / "examples.tsv", "w", encoding="utf-8") as examples, \
            open(args.out / "relevant.tsv", "w", encoding="utf-8") as judged:
        examples.write("query_id\tquery\trelevant\tcompounds (documents)\n")
        for i, n in enumerate(kept, 1):
            qid = f"cq-{i:03d}"
            queries.write(f"{qid}\t{candidates[n]}\n")
            for doc_id in sorted(relevant[n]):
                qrels.write(f"{qid} 0 {doc_id} 1\n")
                judged.write(f"{qid}\t{candidates[n]}\t{doc_id}\t{relevant[n][doc_id]}\n")
            n_relevant += len(relevant[n])
            compounds = collections.Counter(relevant[n].values())
            listed = ", ".join(f"{w} ({c})" for w, c in sorted(compounds.items(),
                                                               key=lambda x: (-x[1], x[0])))
            examples.write(f"{qid}\t{candidates[n]}\t{len(relevant[n])}\t{listed}\n")

    (args.out / "README.md").write_text(README.format(
        corpus=args.corpus.name, queries=len(kept), relevant=n_relevant,
        candidates=sum(1 for d in relevant.values() if d),
        in_range=sum(1 for d in relevant.values() if MIN_RELEVANT <= len(d) <= MAX_RELEVANT),
        min_q=MIN_QUERY_LETTERS, extra=MIN_EXTRA_LETTERS, min_p=MIN_PREFIX_LETTERS,
        count_p=MIN_PREFIX_COUNT, lo=MIN_RELEVANT, hi=MAX_RELEVANT), encoding="utf-8")

    print(f"{len(counts)} word types, {len(candidates)} capitalized candidates, "
          f"{len(heads)} compound types, {sum(1 for d in relevant.values() if d)} words with "
          f"compound-only documents")
    print(f"{len(kept)} queries, {n_relevant} relevant documents "
          f"({n_relevant / max(1, len(kept)):.1f} per query) → {args.out}")
    print()
    sample = kept[:: max(1, len(kept) // args.sample)][: args.sample]
    print(f"To check: {len(sample)} of the queries, evenly spaced, each with its most frequent "
          "compound (all in examples.tsv):")
    for n in sample:
        compound, count = collections.Counter(relevant[n].values()).most_common(1)[0]
        print(f"  {candidates[n]:<20} ← {compound} ({count} of {len(relevant[n])} documents)")
    return 0


README = """# A query set of German compounds

Made by `tools/bench/compound_queries.py` from `{corpus}` (issue 18). Each query is one
noun N; its relevant documents (grade 1 in `qrels.txt`) are those where N occurs **only
inside a longer word that ends with it** ("Runde" in "Finanzierungsrunde") and never as a
word of its own. A whole-word search cannot find them; one that splits compounds can.

The rule uses the corpus alone, not polysearch's compound splitter:

- Words are runs of Unicode letters in title and text, compared case-folded (ß = ss). A
  *noun* is a word of {min_p}+ letters written capitalized (not all capitals, not camelCase)
  at least {count_p} times and at least as often as in lower case.
- A query N is a noun of {min_q}+ letters in its base form (a noun that is another noun plus
  an inflection ending, Inhalts or Operationen, gives way to it).
- A compound of N is a noun, written capitalized in the document, = modifier + N + ending
  (none, e, n, en, s, es, ns, ens; not -er, which makes agent nouns: a Taschenspieler is no
  Spiel), at least {extra} letters longer than N, whose modifier — as is or without a linking
  element (s, es, n, en, er, e) — is a noun and not a particle or preposition (Hintergrund,
  Unterstellung are derivations). Left out: a verbal prefix and a word (Verbrechen is
  ver + brechen, not Verb + Rechen); words whose readings disagree (Dorf|stiere against
  Dorfs|tiere, Teil|sekunden against Teilse|kunden); a noun with an ending (Ministern is
  Minister + n, not Mini + Stern); a linking element that may begin the head (Schrifts|teller
  against Schrift|steller).
- A document is relevant to N when it has a compound of N and none of N's own forms as a
  word: N with an inflection ending, also without a final e/en/n/s/er/es/ns/ens or a suffix
  Snowball removes (-ung, -heit, -keit, -lich, -isch, -ig, -end), compared without umlauts
  (Runde: runde, runden, rund, rundes, …; Auftrag: Aufträge; Bearbeitung: bearbeiten), the
  forms polysearch's Snowball stemmer may bring together.
- Kept: queries with {lo} to {hi} relevant documents ({in_range} of the {candidates} nouns
  with any); at most the number asked for, evenly spaced over the list sorted by query word.

{queries} queries, {relevant} relevant documents. `examples.tsv` lists every query with the
compounds that made its documents relevant, to check by hand; `relevant.tsv` each
relevant document with its query and compound.

Caveats: the rule has false positives (a word that ends in a word by chance or by
derivation: Enterprise ← Prise, Frankreich ← Reich, Metaphysik ← Physik; case folding
makes Druckermaße a Masse, as it does in polysearch); a document with N only as a modifier
(Rundenzahl) or only in a form the rule does not list is not judged relevant; and the set is, by construction, one
where whole-word search cannot succeed: it measures the recall splitting adds, not the
quality of a ranking on ordinary queries.
"""

if __name__ == "__main__":
    sys.exit(main())
