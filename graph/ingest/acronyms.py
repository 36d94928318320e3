"""Acronyms defined in the text, either way round: "anti-social behaviour (ASB)", "PDRs (personal
development reviews)", "areas for improvement (AFIs)", and names in full such as "Her Majesty’s
Inspectorate of Constabulary and Fire & Rescue Services (HMICFRS)".

Every definition is listed in the draft (`Draft.acronyms`, written in its header for the reviewer);
one whose long form ends in the head noun of an organisation, unit, system, programme ... is also
proposed as an entity with the acronym as its alias, unless the graph already knows it.
"""

from __future__ import annotations

import re

from graph.ingest import extraction_patterns as P
from graph.ingest.text import flat, fold

# An acronym: two to nine letters, at least two of them capitals, maybe a plural "s" ("AFIs", "PEEL", "HMICFRS").
_ACRONYM = re.compile(r"^(?=(?:[^A-Z]*[A-Z]){2})[A-Z][A-Za-z&]{1,8}?(?P<plural>s)?$")
# Words of a long form: letters, with apostrophes and hyphens inside ("Majesty’s", "anti-social").
_WORD = re.compile(r"[^\W\d_](?:[\w’'&-]*[^\W_])?|&")
_MINOR = {"of", "and", "the", "for", "&", "in", "on", "to", "with", "at", "by"}


def _letters(word: str) -> list[str]:
    """The initials a word may give: 'anti-social' gives 'a' or 'as'; a minor word may give none."""
    parts = [p for p in re.split(r"[-]", fold(word)) if p]
    options = [parts[0][:1]] if parts else []
    if len(parts) > 1:
        options.append("".join(p[:1] for p in parts))
    return options


def _spells(words: list[str], letters: str) -> bool:
    """Whether the words, each giving its initial(s) (minor words may give none), spell `letters`."""
    def walk(i: int, k: int) -> bool:
        if i == len(words):
            return k == len(letters)
        word = words[i]
        if fold(word) in _MINOR and walk(i + 1, k):
            return True
        return any(letters.startswith(option, k) and walk(i + 1, k + len(option)) for option in _letters(word))
    return bool(words) and fold(words[0]) not in _MINOR and walk(0, 0)


def definitions(text: str) -> list[tuple[str, str, int, int]]:
    """(short, long, start, end) of each acronym defined in `text` (one block, flattened)."""
    found = []
    for paren in re.finditer(r"\(([^()]{2,120})\)", text):
        inner = paren.group(1).strip()
        before = text[:paren.start()].rstrip()
        if _ACRONYM.match(inner):  # long form (SHORT)
            short = inner
            letters = fold(inner[:-1] if _ACRONYM.match(inner).group("plural") else inner).replace("&", "")
            words = list(_WORD.finditer(before))[-(len(letters) + 5):]
            for first in range(len(words) - 1, -1, -1):
                chosen = [w.group() for w in words[first:]]
                if not re.fullmatch(r"[\w’'&\s,-]*", before[words[first].start():]):
                    break  # a long form does not run over punctuation other than commas
                if _spells(chosen, letters):
                    found.append((short, before[words[first].start():], words[first].start(), paren.end()))
                    break
        else:  # SHORT (long form)
            last = re.search(r"([A-Z][A-Za-z&]{1,8})\s*$", before)
            if not last or not _ACRONYM.match(last.group(1)):
                continue
            short = last.group(1)
            letters = fold(short[:-1] if _ACRONYM.match(short).group("plural") else short).replace("&", "")
            words = [w.group() for w in _WORD.finditer(inner)]
            if _spells(words, letters):
                found.append((short, inner, last.start(1), paren.end()))
    return found


def propose_acronyms(x) -> None:
    seen = set()
    for block in x.blocks:
        plain = block.doc.text
        for short, long, a, b in definitions(plain):
            at = plain.find(long, a)
            long = flat(x.text[slice(*block.span(at, at + len(long)))]).strip(" ,")  # as written: curly quotes kept
            start, end = block.span(a, b)
            if (short, fold(long)) in seen:
                continue
            seen.add((short, fold(long)))
            evidence = x.quote(start, end, unique=False)
            if not evidence:
                continue
            x.draft.acronyms.append({"short": short, "long": long, **evidence})
            head = fold(long.split()[-1])
            known = x.gazetteer.lookup(long) or x.gazetteer.lookup(short)
            if known or head not in P.ACRONYM_HEADS or long.islower() and head in P.TITLE_ONLY_HEADS:
                continue
            label = long[0].upper() + long[1:]
            x.entity(P.ACRONYM_HEADS[head], label, start, end, aliases=[short],
                     description=f"Named in the report as {label} ({short}).")
            x.claim(start, end)
