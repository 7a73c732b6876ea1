#!/usr/bin/python3
"""Generates fixtures/fields/news.jsonl and news.schema.json: a news collection with
metadata for the fields oracle (tests/schema/fields_oracle_test.cpp), which compares
filters, ranges, sort orders, facets and collapse on an index with a brute-force
evaluation of these JSON Lines.

2,000 articles in de, es, pt and zh (each with "lang"), their title and text sentences of
the seed texts (fixtures/seeds/*.txt: two Spanish, one German, one Traditional Chinese, one
Portuguese).  Fields, each missing from about 15-20% of the records:

  date      ISO 8601: dates, date-times in UTC ("Z") and with offsets (some cross midnight
            in UTC, some have no seconds or fractions of a second); values repeat, in
            several spellings of one instant, so sorting meets ties
  category  keyword with fold: one of a few categories spelled in mixed case, with and
            without diacritics ("Política", "politica", "POLÍTICA"), "ß" and "ss", and
            Traditional and Simplified Chinese ("體育", "体育")
  tags      keyword, several values (0-4; sometimes an empty array, sometimes a value
            twice), not folded: "linux" and "Linux" are different values
  price     number: integers, decimals, negatives, zero and -0.0
  author    keyword, Zipf-distributed, for collapse
  url       stored only

Deterministic (a fixed seed; no dependency beyond the standard library).  Run from the
repository root with the system Python:
  /usr/bin/python3 tools/generate/news_fixture.py
"""
import datetime
import json
import pathlib
import random
import re

ROOT = pathlib.Path(__file__).resolve().parents[2]
SEEDS = ROOT / "fixtures" / "seeds"
OUT = ROOT / "fixtures" / "fields"
DOCUMENTS = 2000

SEED_LANGUAGES = {"000": "es", "001": "de", "002": "es", "003": "zh", "004": "pt"}

SCHEMA = {
    "fields": {
        "author": {"type": "keyword"},
        "category": {"type": "keyword", "fold": True},
        "date": {"type": "date"},
        "price": {"type": "number"},
        "tags": {"type": "keyword"},
        "url": {"type": "stored"},
    }
}

# Categories, most frequent first; each with the spellings the records use.
CATEGORIES = [
    ["Política", "política", "POLÍTICA", "Politica", "politica"],
    ["Tecnología", "tecnologia", "TECNOLOGÍA", "Tecnologia"],
    ["Economía", "economia", "ECONOMÍA"],
    ["Außenpolitik", "aussenpolitik", "AUSSENPOLITIK", "Aussenpolitik"],
    ["Ciência", "ciencia", "CIÊNCIA", "Ciencia"],
    ["Educação", "educacao", "EDUCAÇÃO"],
    ["體育", "体育"],
    ["經濟", "经济"],
    ["科技"],
    ["Gesundheit", "gesundheit", "GESUNDHEIT"],
    ["Deportes", "deportes"],
]

TAGS = ["pytorch", "linux", "Linux", "meta", "open source", "ki", "ia", "startup", "python",
        "機器學習", "governança", "governanca", "ai-lab"]

AUTHORS = ["Ana Souza", "Jörg Müller", "李明", "María López", "Carlos Pereira", "Lena Schmidt",
           "王芳", "João Silva", "Lucía Fernández", "Klaus Weber", "陳偉", "Beatriz Costa",
           "Pablo García", "Sabine Koch", "张伟", "Rui Almeida", "Elena Ruiz", "Tobias Wolf",
           "Inês Rocha", "Diego Torres", "Anja Becker", "刘洋", "Marta Gómez", "Felix Braun",
           "Luísa Martins", "Javier Díaz", "Nina Hoffmann", "Pedro Lima", "Sofía Romero",
           "Uwe Krause", "黄磊", "Carla Nunes", "Andrés Morales", "Petra Lange", "Tiago Gomes",
           "Rosa Navarro", "Max Richter", "Helena Dias", "Iván Castro", "Greta Vogel"]

OFFSETS = ["+01:00", "+02:00", "-03:00", "+08:00", "+05:30", "-05:00", "+00:00", "-0800"]


def sentences(text, language):
    """The seed's sentences worth using: no markup, e-mail addresses or page furniture."""
    pieces = []
    for line in text.splitlines():
        line = line.strip().lstrip("-").strip()
        if not line or "@" in line or "![" in line or "http" in line:
            continue
        if language == "zh":
            parts = re.findall(r"[^。！？]+[。！？]?", line)
        else:
            parts = re.split(r"(?<=[.!?])\s+", line)
        for part in parts:
            part = part.strip()
            if (len(part) >= 12 if language == "zh" else len(part.split()) >= 5):
                pieces.append(part)
    return pieces


def shorten(sentence, language, most):
    """At most `most` characters, cut at a word (Latin) or character (Chinese)."""
    if len(sentence) <= most:
        return sentence
    if language == "zh":
        return sentence[:most]
    cut = sentence[:most].rsplit(" ", 1)[0]
    return cut.rstrip(",;:")


def make_date(rng, days):
    day = rng.choice(days)
    form = rng.random()
    if form < 0.55:
        return day.isoformat()
    # Times near midnight often, so that the UTC date differs from the written one.
    hour = rng.choice([0, 0, 1, 2, 22, 23, 23] + list(range(24)))
    minute = rng.choice([0, 0, 15, 30, 45, 59])
    second = rng.choice([0, 0, 0, 30, 59])
    stamp = f"{day.isoformat()}T{hour:02d}:{minute:02d}"
    if form < 0.70:
        return f"{stamp}:{second:02d}Z"
    if form < 0.92:
        return f"{stamp}:{second:02d}{rng.choice(OFFSETS)}"
    if form < 0.96:
        return f"{stamp}{rng.choice(OFFSETS[:3])}"  # no seconds
    return f"{stamp}:{second:02d}.{rng.choice([5, 25, 250, 999]):03d}Z"


def make_price(rng):
    form = rng.random()
    if form < 0.45:
        return round(rng.uniform(0, 300), 2)
    if form < 0.75:
        return rng.randint(0, 120)  # integers, many repeated
    if form < 0.92:
        return -round(rng.uniform(0, 60), rng.choice([0, 1, 2]))
    return rng.choice([0, 0.5, 9.99, 19.99, 100, -0.0, 1e6, 0.001])


def weighted(rng, items, skew):
    """An item by a Zipf-like law: the first ones much more often."""
    weights = [1.0 / (i + 1) ** skew for i in range(len(items))]
    return rng.choices(items, weights=weights)[0]


def main():
    rng = random.Random(16)
    by_language = {}
    for path in sorted(SEEDS.glob("*.txt")):
        language = SEED_LANGUAGES[path.name[:3]]
        by_language.setdefault(language, []).extend(
            sentences(path.read_text(encoding="utf-8"), language))
    languages = ["de", "es", "pt", "zh"]
    first = datetime.date(2023, 6, 1)
    days = [first + datetime.timedelta(days=rng.randrange(580)) for _ in range(400)]
    records = []
    for n in range(1, DOCUMENTS + 1):
        language = languages[(n * 7 + rng.randrange(3)) % 4]
        pool = by_language[language]
        title_words = 12 if language == "zh" else 60
        record = {"id": f"n{n:04d}", "lang": language,
                  "title": shorten(rng.choice(pool), language, title_words),
                  "text": shorten(rng.choice(pool), language, 40 if language == "zh" else 120)}
        if rng.random() < 0.83:
            record["date"] = make_date(rng, days)
        if rng.random() < 0.85:
            record["category"] = rng.choice(weighted(rng, CATEGORIES, 0.9))
        chance = rng.random()
        if chance < 0.05:
            record["tags"] = []
        elif chance < 0.83:
            tags = [weighted(rng, TAGS, 0.7) for _ in range(rng.randint(1, 4))]
            record["tags"] = tags
        if rng.random() < 0.82:
            record["price"] = make_price(rng)
        if rng.random() < 0.85:
            record["author"] = weighted(rng, AUTHORS, 1.1)
        if rng.random() < 0.80:
            record["url"] = f"https://news.example/{language}/{n}"
        records.append(record)
    OUT.mkdir(exist_ok=True)
    with open(OUT / "news.jsonl", "w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
    with open(OUT / "news.schema.json", "w", encoding="utf-8") as out:
        out.write(json.dumps(SCHEMA, indent=2) + "\n")


if __name__ == "__main__":
    main()
