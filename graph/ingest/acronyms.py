"""Acronyms defined in the text, either way round: "anti-social behaviour (ASB)", "PDRs (personal
development reviews)", "areas for improvement (AFIs)", and names in full such as "Her Majesty’s
Inspectorate of Constabulary and Fire & Rescue Services (HMICFRS)"; a quoted short form ("His Majesty’s
Inspectorate of Constabulary (“HMIC”)", "the National Crime Agency (“NCA”)"); a definition in words
("PEEL stands for police effectiveness, efficiency and legitimacy"); in square brackets as an editor glosses
a quotation ("PEEL [police efficiency, effectiveness and legitimacy]"); a short form spelling the first words of a
body's name whose rest says where or what it is of ("Criminal Justice Inspection Northern Ireland (CJI)", "His
Majesty’s Inspectorate of Constabulary and Fire and Rescue (HMI)", "... Constabulary in Scotland’s (HMIC’s)"); a
plural noun between a short form and its long form in brackets ("their PEEL inspections (Police Effectiveness,
Efficiency and Legitimacy)"). Round 7: a definition in words ends on a word that spells, not on the joiner of the next
clause ("PEEL stands for Police Effectiveness, Efficiency and Legitimacy and we’ve inspected ..."); one definition
however its joiner is written ("Efficiency & Legitimacy (PEEL)" in a headline, "Efficiency and Legitimacy (PEEL)").

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
    """The initials a word may give: 'anti-social' gives 'a' or 'as', 'HM' 'h' or 'hm'; a minor word may give none."""
    parts = [p for p in re.split(r"[-]", fold(word)) if p]
    options = [parts[0][:1]] if parts else []
    if len(parts) > 1:
        options.append("".join(p[:1] for p in parts))
    if word.isupper() and len(word) > 1:
        options.append(fold(word))  # an acronym in the long form gives all its letters: "HM Inspectorate ..." (HMI...)
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
    # In round brackets, or square ones as an editor glosses a quotation: "PEEL [police efficiency, effectiveness and
    # legitimacy]".
    for paren in re.finditer(r"\(([^()]{2,120})\)|\[([^\[\]]{2,120})\]", text):
        # A possessive on either form is not part of it: "the Office of the Police and Crime
        # Commissioner’s (OPCC’s) assessment", "Her Majesty’s Inspector of Constabulary’s (HMIC)".
        # A short form may be quoted, as laws and letters define terms: "(“HMIC”)".
        inner = re.sub(r"[’']s$", "", (paren.group(1) or paren.group(2)).strip().strip("\"“”‘’'"))
        # A term defined as laws and letters define them, with "the" and maybe another term: "the Police Service of
        # Northern Ireland (‘the PSNI’ or ‘the service’)".
        term = _DEFINED_TERM.match((paren.group(1) or "").strip())
        inner = term.group("short") if term else inner
        before = re.sub(r"[’']s$", "", text[:paren.start()].rstrip())
        if _ACRONYM.match(inner):  # long form (SHORT)
            short = inner
            letters = fold(inner[:-1] if _ACRONYM.match(inner).group("plural") else inner).replace("&", "")
            words = list(_WORD.finditer(before))[-(len(letters) + 5):]
            spelled = None
            for first in range(len(words) - 1, -1, -1):
                chosen = [w.group() for w in words[first:]]
                if not re.fullmatch(r"[\w’'&\s,-]*", before[words[first].start():]):
                    break  # a long form does not run over punctuation other than commas
                if _spells(chosen, letters):
                    spelled = first
                    break
            if spelled is None:
                words = list(_WORD.finditer(before))[-(len(letters) + 10):]
                spelled = _spells_name_start(words, letters, before)
            if spelled is not None:
                found.append((short, before[words[spelled].start():], words[spelled].start(), paren.end()))
        else:  # SHORT (long form)
            # (a plural noun the short form names may stand between: "their PEEL inspections (Police Effectiveness,
            # Efficiency and Legitimacy)")
            last = re.search(r"([A-Z][A-Za-z&]{1,8})(?:\s+[a-z]{3,}s)?\s*$", before)
            if not last or not _ACRONYM.match(last.group(1)):
                continue
            short = last.group(1)
            letters = fold(short[:-1] if _ACRONYM.match(short).group("plural") else short).replace("&", "")
            words = [w.group() for w in _WORD.finditer(inner)]
            if _spells(words, letters):
                found.append((short, inner, last.start(1), paren.end()))
    for said in _STANDS_FOR.finditer(text):  # "PEEL stands for police effectiveness, efficiency and legitimacy"
        short = said.group("short")
        letters = fold(short[:-1] if _ACRONYM.match(short).group("plural") else short).replace("&", "")
        words = [w.group() for w in _WORD.finditer(said.group("long"))]
        for last in range(len(words), 0, -1):  # the long form ends where its words spell the letters
            if fold(words[last - 1]) in _MINOR:
                continue  # not on a joiner: "... Efficiency and Legitimacy and we’ve inspected"
            if _spells(words[:last], letters):
                long = said.group("long")[:list(_WORD.finditer(said.group("long")))[last - 1].end()]
                found.append((short, long, said.start(), said.start("long") + len(long)))
                break
    return found


def _spells_name_start(words: list, letters: str, before: str) -> int | None:
    """The first word of a proper name whose first words spell `letters` and whose rest says what or where the
    body is of ("Criminal Justice Inspection Northern Ireland (CJI)", "His Majesty’s Inspectorate of Constabulary
    and Fire and Rescue (HMI)", "Her Majesty’s Inspectorate of Constabulary in Scotland’s (HMIC’s)"): the rest a
    nation's name, or "of" or "in" and capitalised words. None when there is none."""
    for first in range(len(words) - 1, -1, -1):
        chosen = [w.group() for w in words[first:]]
        if not re.fullmatch(r"[\w’'&\s,-]*", before[words[first].start():]):
            return None
        if any(not (w[:1].isupper() or fold(w) in _MINOR) for w in chosen):
            return None  # a proper name, every word capitalised but the joiners
        if fold(chosen[0]) in _MINOR:
            continue
        for cut in range(1, len(chosen)):
            rest = " ".join(chosen[cut:])
            if _spells(chosen[:cut], letters) and (rest in _NATIONS or fold(chosen[cut]) in ("of", "in") and (
                    len(chosen) - cut >= 2)):
                return first
    return None


# A short form quoted with "the", maybe with another term after "or": (‘the PSNI’ or ‘the service’).
_DEFINED_TERM = re.compile(r"^[‘“\"']the\s+(?P<short>[A-Z][A-Za-z&]{1,8})[’”\"']"
                           r"(?:\s+or\s+[‘“\"'][^’”\"']{1,40}[’”\"'])?$")
# Nations a body's name may end in, after what its short form spells ("Criminal Justice Inspection Northern Ireland").
_NATIONS = {"England", "Wales", "Scotland", "Northern Ireland", "England and Wales"}
# A definition in words: "SHORT stands for long", "SHORT is short for long".
_STANDS_FOR = re.compile(r"\b(?P<short>[A-Z][A-Za-z&]{1,8})\s+(?:stands|stood|is\s+short)\s+for\s+"
                         r"(?P<long>[^.;:()]{3,120})")


def propose_acronyms(x) -> None:
    seen = set()
    for block in x.blocks:
        plain = block.doc.text
        for short, long, a, b in definitions(plain):
            at = plain.find(long, a)
            long = flat(x.text[slice(*block.span(at, at + len(long)))]).strip(" ,")  # as written: curly quotes kept
            start, end = block.span(a, b)
            # One definition however its joiner is written ("Efficiency & Legitimacy" in a headline, "Efficiency and
            # Legitimacy" in the text).
            key = (short, " ".join(fold(long).replace("&", " and ").split()))
            if key in seen:
                continue
            seen.add(key)
            evidence = x.quote(start, end, unique=False)
            if not evidence:
                continue
            x.draft.acronyms.append({"short": short, "long": long, **evidence})
            # The head of "X of Y" is X's last word: "Office of the Police and Crime Commissioner" is an office.
            named = long.split(" of ")[0].split() if " of " in long else long.split()
            nation = next((n for n in _NATIONS if long.endswith(" " + n)), "")
            if nation and len(named) > len(nation.split()) + 1:
                named = named[:-len(nation.split())]  # "Criminal Justice Inspection Northern Ireland": an inspection
            head = fold(named[-1]) if fold(named[-1]) in P.ACRONYM_HEADS else fold(long.split()[-1])
            known = x.gazetteer.lookup(long) or x.gazetteer.lookup(short)
            by_short = x.gazetteer.lookup(short)
            if by_short and by_short != x.gazetteer.lookup(long) and not _anothers(x, by_short):
                _spelling(x, by_short, long, start)  # the acronym says what the long form names
            if known or head not in P.ACRONYM_HEADS or long.islower() and head in P.TITLE_ONLY_HEADS:
                continue
            label = long[0].upper() + long[1:]
            kind = P.ACRONYM_HEADS[head]
            if kind == "Inspection" and nation:
                kind = "Inspectorate"  # a nation's inspection is the body that inspects it
            x.entity(kind, label, start, end, aliases=[short],
                     description=f"Named in the report as {label} ({short}).")
            x.claim(start, end)


def _spelling(x, known: str, long: str, start: int) -> None:
    """A known entity's acronym defined by a long form the graph does not give it ("Her Majesty’s Inspector
    of Constabulary (HMIC)", the inspectorate misnamed by its inspector's post): the long form is a
    mention of it, for the reviewer to add as an alias."""
    at = x.text.find(long, start)
    evidence = x.quote(at, at + len(long), unique=False) if at >= 0 else {}
    if evidence:
        x.draft.mentions.append({"entity": known, **evidence})
        x.claim(at, at + len(long))  # the known entity's, not a new body's name ("... Fire and Rescue Service")


def _anothers(x, entity: str) -> bool:
    """Whether `entity` belongs to a force other than the report's ("PCC" of Kent's office)."""
    tied = x.gazetteer.tied.get(entity, set())
    return x.subject not in tied and any(
        entity.split("/", 1)[1].startswith(force.split("/", 1)[1] + "-") for force in tied)
