"""Deterministic synthetic libraries and briefings at a staffer's scale.

``make_library(dir, n)`` writes n sources (~800 words in ~8 paragraphs each) with realistic
metadata, a Zipf-distributed vocabulary and some topical phrases (see ``_vocabulary``); ``make_briefing(library, sections=12, per_section=40)`` builds a
large briefing (about 160 pages).  Same arguments, same bytes.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from briefing.model import Briefing, BriefingMeta, Note, Section
from briefing.yamlio import dumps

PUBLISHERS = ["Reuters", "Associated Press", "AFP", "El Tiempo", "Semana", "InSight Crime", "WOLA",
              "Congressional Research Service", "U.S. Department of State", "Crisis Group", "El Espectador"]
KINDS = ["news", "analysis", "government", "reference", "report", "fact sheet"]
AUTHORS = ["María Fernanda Cabal", "John Otis", "Adam Isacson", "Juan Forero", "Laura Ávila", "Peter Muñoz",
           "Sibylla Brodzinsky", "Ana María Rodríguez", "James Bosworth", "Iván Cepeda"]
PLACES = ["Nariño", "Medellín", "Cartagena", "Bogotá", "Cali", "Cúcuta", "Putumayo", "Cauca", "Tumaco"]
PHRASES = [
    "extradition of suspected traffickers to the United States",
    "trained more than 11,000 police and military officers",
    "1.3 million migrants from Venezuela",
    "Haitians crossing Colombia toward the United States",
    "$8 billion through Plan Colombia",
    "homicides fell to the lowest level in decades",
    "kidnappings dropped 90 percent",
    "police accountability after the protests",
    "coca cultivation and counter-narcotics operations",
    "transnational organized crime in the hemisphere",
    "the Trade Promotion Agreement",
    "the peace process with the FARC",
]
WORDS = ("security cooperation government policy officials regional program support community rural "
         "report minister president border violence reform development investment justice courts "
         "aid training equipment analysts critics supporters congress budget strategy oversight "
         "rights victims prosecutors municipal elections armed groups dissidents market exports").split()

# Realistic text, not a 40-word soup: a Zipf-distributed vocabulary (frequency ~ 1/rank) of
# generated pseudo-words with the domain words above mixed in at ranks 3..~1200, so a common
# domain word ("security", rank 3) is in most passages but a place or a specific phrase is in a
# few percent of them, as in a library of clipped articles.  About 1 paragraph in 4 carries
# one topical phrase and about 1 in 6 mentions a place.
VOCABULARY_SIZE = 4000
ZIPF_S = 1.0
PHRASE_SHARE = 0.25
PLACE_SHARE = 0.16
_ONSETS = ["", "b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "tr", "st", "kl"]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ou"]
_CODAS = ["", "", "", "n", "r", "s", "l", "x"]


def _pseudo_words(count: int) -> list[str]:
    """Deterministic pronounceable non-words, shortest first (short words are the frequent ones)."""
    rng = random.Random(1234)
    reserved = {w for p in PHRASES + PLACES + WORDS for w in re.findall(r"[a-z]+", p.lower())}
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < count:
        syllables = 1 if len(out) < 60 else 2 if len(out) < 900 else rng.choice([2, 3, 3, 4])
        word = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(syllables))
        if len(word) < 2 or word in seen or word in reserved:
            continue
        seen.add(word)
        out.append(word)
    return out


def _vocabulary() -> tuple[list[str], list[float]]:
    """(words by rank, cumulative Zipf weights): domain words at ranks 3, 5, 8, ... (spread out)."""
    words = _pseudo_words(VOCABULARY_SIZE - len(WORDS))
    for k, word in enumerate(WORDS):
        words.insert(min(len(words), 2 + int(1.5 * k ** 2)), word)  # ranks 3, 4, 6, 9, 14, ... ~1200
    cum, total = [], 0.0
    for rank in range(1, len(words) + 1):
        total += 1.0 / rank ** ZIPF_S
        cum.append(total)
    return words, cum


_VOCAB = _vocabulary()


def _paragraph(rng: random.Random, words: int) -> str:
    vocab, cum = _VOCAB
    sentences, count = [], 0
    phrase = rng.choice(PHRASES) if rng.random() < PHRASE_SHARE else None
    place = f"in {rng.choice(PLACES)}" if rng.random() < PLACE_SHARE else None
    while count < words:
        sentence = rng.choices(vocab, cum_weights=cum, k=rng.randint(8, 18))
        if phrase and (count > words / 2 or rng.random() < 0.3):
            sentence.insert(rng.randint(0, len(sentence)), phrase)
            phrase = None
        if place and rng.random() < 0.4:
            sentence.insert(rng.randint(0, len(sentence)), place)
            place = None
        text = " ".join(sentence)
        count += text.count(" ") + 1
        sentences.append(text[0].upper() + text[1:] + ".")
    return " ".join(sentences)


def make_library(root: Path, n: int, seed: int = 7) -> Path:
    """Write ``root/sources/*.yaml|*.txt``; returns root.  About 800 words per source."""
    rng = random.Random(seed)
    folder = root / "sources"
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        sid = f"synthetic-{i:05d}"
        paragraphs = [_paragraph(rng, 100) for _ in range(8)]
        year = rng.randint(2000, 2025)
        precision = rng.choice(["day", "month", "year"])
        date = {"year": f"{year}", "month": f"{year}-{rng.randint(1, 12):02d}",
                "day": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"}[precision]
        meta = {
            "id": sid,
            "title": f"{rng.choice(PHRASES).capitalize()} in {rng.choice(PLACES)}",
            "publisher": rng.choice(PUBLISHERS),
            "authors": rng.sample(AUTHORS, rng.randint(0, 2)),
            "date": date,
            "date_precision": precision,
            "url": f"https://example.org/{year}/{sid}",
            "language": "en",
            "kind": rng.choice(KINDS),
        }
        (folder / f"{sid}.yaml").write_text(dumps(meta), encoding="utf-8")
        (folder / f"{sid}.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return root


def make_briefing(library, sections: int = 12, per_section: int = 40, seed: int = 11) -> Briefing:
    """12 sections x 40 whole-paragraph excerpts with notes: about 160 pages in the memo theme."""
    from briefing.model.anchoring import make_excerpt

    rng = random.Random(seed)
    sources = sorted(library.sources.values(), key=lambda s: s.id)
    briefing = Briefing(BriefingMeta(
        title="Summit preparation: U.S.–Colombia security relations",
        subtitle="Background book", prepared_for="The Under Secretary", prepared_by="Policy Planning",
        date="23 November 2026", marking="UNCLASSIFIED // FOR OFFICIAL USE ONLY",
        purpose="Background for bilateral meetings at the summit."))
    for s in range(sections):
        section = Section(title=f"{s + 1}. {PHRASES[s % len(PHRASES)].capitalize()}",
                          key_points=[f"Key point {k + 1}: {rng.choice(PHRASES)}." for k in range(3)])
        for e in range(per_section):
            source = rng.choice(sources)
            paragraph = rng.randint(1, len(source.paragraphs()))
            text = source.paragraphs()[paragraph - 1]
            section.items.append(make_excerpt(source, paragraph, 0, len(text)))
            if e % 8 == 7:
                section.items.append(Note(f"Staff note: follow up with {rng.choice(AUTHORS)} on {rng.choice(PLACES)}."))
        briefing.sections.append(section)
    return briefing
