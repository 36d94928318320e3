"""People with their posts: "Deputy Chief Constable Jason Hogg", "Zoë Billingham, Her Majesty’s
Inspector of Constabulary", "The Police and Crime Commissioner for Gwent, Jeff Cuthbert".

Each is proposed as a Person (or a mention of the person the graph knows), a Post (or the known
one) and a `holds` relation between them, each with its quote. The post is named as the text names
it, with the organisation when the text writes it beside the post ("Chief Constable of Thames Valley
Police", "Leicestershire’s Police and Crime Commissioner").
"""

from __future__ import annotations

import re

from graph.ingest.text import flat, fold

# The posts of policing and its oversight, longest first so that "Deputy Chief Constable" wins over "Chief Constable".
_POSTS = [
    r"(?:Her|His)\s+Majesty[’']s\s+Chief\s+Inspector\s+of\s+Constabulary",
    r"HM\s+Chief\s+Inspector\s+of\s+Constabulary",
    r"Chief\s+Inspector\s+of\s+Constabulary",
    r"(?:Her|His)\s+Majesty[’']s\s+Inspector\s+of\s+Constabulary"
    r"(?:\s+and\s+(?:of\s+)?Fire\s+(?:&|and)\s+Rescue\s+Services)?",
    r"HM\s+Inspector\s+of\s+Constabulary", r"HMI",
    r"(?:Deputy\s+|Assistant\s+|Temporary\s+|Acting\s+)*Chief\s+Constable",
    r"(?:Deputy\s+)?Police,?\s+Fire\s+(?:&|and)\s+Rescue\s+and\s+Crime\s+Commissioner",
    r"(?:Deputy\s+)?Police\s+and\s+Crime\s+Commissioner", r"(?:Deputy\s+)?(?:PCC|PFCC)",
    r"(?:Detective\s+)?(?:Chief\s+)?Superintendent", r"(?:Detective\s+)?Chief\s+Inspector",
    r"(?:Deputy\s+)?Commissioner", r"Chief\s+Executive", r"Home\s+Secretary", r"Policing\s+Minister",
]
_POST = r"(?P<post>" + "|".join(_POSTS) + r")"
_NAME_WORD = r"[A-Z][a-zà-ÿ’']+(?:-[A-Z][a-zà-ÿ’']+)?"  # "Orpen-Smellie" whole, not "Orpen-"
_NAME = r"(?P<name>(?:(?:Lord|Lady|Sir|Dame|Dr|Mr|Mrs|Ms|Baroness|Councillor|Cllr)\.?\s+)?" + _NAME_WORD + \
        r"(?:\s+" + _NAME_WORD + r"){1,2})"
# An organisation written with the post: "of Thames Valley Police", "for Gwent", "Leicestershire’s".
_OF = r"(?P<of>\s+(?:of|for)\s+(?:the\s+)?(?:[A-Z][\w’'&-]*(?:\s+(?:and|&|of|the)\s+|\s+))*?[A-Z][\w’'&-]*)?"
_BY = r"(?P<by>(?:[A-Z][\w&-]*\s+(?:and\s+)?)*?[A-Z][\w-]*[’']s\s+)?"
_POST_NAME = re.compile(_BY + _POST + r"(?:" + _OF + r",?\s+|\s+)" + _NAME)
_NAME_POST = re.compile(_NAME + r",\s+(?:the\s+|a\s+|an\s+)?" + _BY + _POST + _OF)
# A name on a line of its own above its post, as a statement or letter is signed or bylined:
# "Ben Adams" / "Staffordshire Police, Fire & Rescue and Crime Commissioner ..." (not "HMI's observations").
_NAME_LINE = re.compile(r"^\s*" + _NAME + r"\s*$")
_POST_LINE = re.compile(r"^\s*(?P<where>(?:[A-Z][\w’'&-]*\s+){0,3})" + _POST + r"\b(?![’']s)")
# Words that show a capitalised run is not a person's name.
_NOT_NAMES = {"police", "constabulary", "service", "services", "office", "inspectorate", "commissioner", "council",
              "panel", "report", "force", "the", "and", "of", "for", "today", "this", "county", "england",
              "wales", "government", "board", "team", "unit", "peel",
              "contact", "email", "read", "about", "update", "updates"}  # web furniture: "Contact Zoë Billingham"
_TITLES = re.compile(r"^(?:(?:Lord|Lady|Sir|Dame|Dr|Mr|Mrs|Ms|Baroness|Councillor|Cllr)\.?\s+)")


def _is_name(name: str) -> bool:
    words = _TITLES.sub("", name).split()
    return len(words) >= 2 and not any(fold(w).strip("’'") in _NOT_NAMES for w in words)


# Posts written as acronyms, named in full.
_POST_NAMES = {"pcc": "Police and Crime Commissioner", "deputy pcc": "Deputy Police and Crime Commissioner",
               "pfcc": "Police, Fire and Crime Commissioner", "hmi": "HM Inspector of Constabulary"}


def _post_label(match, original) -> str:
    post = flat(original(match, "post"))
    post = _POST_NAMES.get(fold(post), post)
    of = flat(original(match, "of")).strip()
    by = flat(original(match, "by")).strip()
    if of and not re.search(r"(?i)\b(?:Constabulary|Police|Service|Services|Commissioner)\s*$", post):
        return f"{post} {of}"
    return f"{by} {post}".strip() if by else post


def propose_people(x) -> None:
    seen: set[tuple[str, str]] = set()
    for block in x.blocks:
        plain = block.doc.text

        def original(match, group: str, block=block) -> str:
            """A group of the match as the report writes it (the flattened block folds quote marks)."""
            if match.group(group) is None or match.start(group) == match.end(group):
                return ""
            return x.text[slice(*block.span(match.start(group), match.end(group)))]

        for pattern in (_POST_NAME, _NAME_POST):
            for match in pattern.finditer(plain):
                name = match.group("name")
                # A name run on into the next word ("Lee Freeman Said") keeps its first two or three words.
                name = re.sub(r"\s+(?:Said|Says|Has|Is|Was|Will|And|The|Of)\b.*$", "", name)
                if not _is_name(name):
                    continue
                start, end = block.span(match.start(), match.end())
                n_at = plain.find(name, match.start())
                name = x.text[slice(*block.span(n_at, n_at + len(name)))]
                label = _TITLES.sub("", flat(name)) if _TITLES.match(name) and len(name.split()) > 2 else flat(name)
                post = _post_label(match, original)
                if (fold(label), fold(post)) in seen:
                    continue
                seen.add((fold(label), fold(post)))
                n_start, n_end = block.span(n_at, n_at + len(plain[n_at:].split(",")[0][:len(name)]))
                person = x.gazetteer.lookup(label) or x.entity("Person", label, n_start, n_end)
                if person and person in x.gazetteer.entities:
                    evidence = x.quote(n_start, n_end, unique=False)
                    if evidence and person not in {m["entity"] for m in x.draft.mentions}:
                        x.draft.mentions.append({"entity": person, **evidence})
                post_at = plain.find(match.group("post"), match.start())
                p_start, p_end = block.span(post_at, post_at + len(match.group("post")))
                post_id = x.gazetteer.lookup(post) or x.entity("Post", post, p_start, p_end)
                evidence = x.quote(start, end, unique=False)
                if person and post_id and evidence:
                    x.draft.relations.append({"subject": person, "predicate": "holds", "object": post_id, **evidence})
                    x.claim(start, end)
    _signed_posts(x, seen)


def _signed_posts(x, seen: set[tuple[str, str]]) -> None:
    """A name alone on its line, its post at the start of the next block: a Person, a Post and the holding."""
    blocks = [b for b in x.blocks if b.doc.text.strip()]
    for block, after in zip(blocks, blocks[1:], strict=False):
        name = _NAME_LINE.match(block.doc.text)
        post = _POST_LINE.match(after.doc.text)
        if not name or not post or not _is_name(name.group("name")):
            continue
        label = _TITLES.sub("", flat(name.group("name")))
        post_label = flat(post.group("where") + _POST_NAMES.get(fold(post.group("post")), post.group("post")))
        if (fold(label), fold(post_label)) in seen:
            continue
        seen.add((fold(label), fold(post_label)))
        person = x.gazetteer.lookup(label) or x.entity("Person", label, block.start, block.end)
        p_start, p_end = after.span(post.start("where"), post.end("post"))
        post_id = x.gazetteer.lookup(post_label) or x.entity("Post", post_label, p_start, p_end)
        evidence = x.quote(block.start, p_end, unique=False)
        if person and post_id and evidence:
            x.draft.relations.append({"subject": person, "predicate": "holds", "object": post_id, **evidence})
            x.claim(block.start, p_end)
