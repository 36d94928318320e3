"""Acronyms defined in the text, either way round: "areas for improvement (AFIs)", "PDRs (personal
development reviews)".
"""

from __future__ import annotations

import re

from graph.ingest import extraction_patterns as P
from graph.ingest.text import flat, fold


def propose_acronyms(x) -> None:
    for block in x.blocks:
        doc = block.doc
        for i, token in enumerate(doc):
            if token.text != "(" or i + 1 >= len(doc):
                continue
            inner = re.fullmatch(r"([A-Za-z]{2,9})(\)\d*)?", doc[i + 1].text)
            closed = inner and (inner.group(2) or (i + 2 < len(doc) and doc[i + 2].text == ")"))
            if not closed:
                continue
            acronym = inner.group(1)
            close = doc[i + 1] if inner.group(2) else doc[i + 2]
            letters = acronym[:-1] if acronym.endswith("s") and acronym[:-1].isupper() else acronym
            if not (letters.isalpha() and letters.isupper() and 2 <= len(letters) <= 8):
                continue
            first = _expansion(doc, i, letters.lower())
            if first is None:
                continue
            expansion = doc[first:i]
            head = fold(expansion[-1].text)
            known = x.gazetteer.lookup(expansion.text) or x.gazetteer.lookup(letters)
            if known or head not in P.ACRONYM_HEADS:
                continue
            start, end = block.token_span(expansion[0], close)
            label = flat(expansion.text)
            label = label[0].upper() + label[1:]
            x.entity(P.ACRONYM_HEADS[head], label, start, end, aliases=[letters],
                        description=f"Named in the report as {label} ({letters}).")
            x.claimed.append((start, end))


def _expansion(doc, paren: int, letters: str) -> int | None:
    """Index of the first word of the expansion of `letters` before doc[paren], or None."""
    minor = {"of", "and", "the", "for", "&", "in", "on", "to", "-", "'s", "’s"}
    words = []
    k = paren - 1
    while k >= 0 and len(words) < len(letters) + 4:
        token = doc[k]
        if not (token.is_alpha or token.text in minor):
            break
        words.insert(0, k)
        initials = "".join(fold(doc[w].text)[0] for w in words if doc[w].lower_ not in minor)
        if initials == letters and doc[words[0]].lower_ not in minor:
            return words[0]
        k -= 1
    return None
