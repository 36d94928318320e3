"""People with their posts: "Deputy Chief Constable Jason Hogg", "Zoë Billingham, Her Majesty’s
Inspector of Constabulary", "The Police and Crime Commissioner for Gwent, Jeff Cuthbert".

Each is proposed as a Person (or a mention of the person the graph knows), a Post (or the known
one) and a `holds` relation between them, each with its quote. The post is named as the text names
it, with the organisation when the text writes it beside the post ("Chief Constable of Thames Valley
Police", "Leicestershire’s Police and Crime Commissioner").

A person is named in these forms (each tested on real text in tests/ingest/test_real_people.py and
test_people_forms.py):
- a post and a name either way round, the post also in capitalised words ending in a post's head
  ("the OPCC’s Strategic Planning and Performance Officer, John Derryman"), in lower case after a
  body's name ("Leicestershire Police Federation chair Tiff Lynch"), as an acronym ("HMCIC Andy
  Cooke", "PCC Katy Bourne") or with its acronym ("The Police and Crime Commissioner (PCC), Philip
  Wilkinson"); a councillor is a post ("Cllr Norman Plumpton Walsh"); a first name may be two
  initials ("Chief Constable BJ Harrington") or one capital without a stop ("Councillor D Boyes"); a post may be
  its head alone before the body it is of ("Marc Jones, Chair of the Association of Police and Crime
  Commissioners"), and a plural post is each of the names after it ("APCC Leads for Transparency and
  Integrity, Giles Orpen-Smellie and Alison Lowe");
- a name, then its post with no comma, opening a paragraph ("Zoë Metcalfe Police, Fire and Crime
  Commissioner for North Yorkshire and York was reacting ...");
- a name, then the post taken or held ("Sir Thomas Winsor’s term as HM Chief Inspector");
- a post or an honorific before a surname alone ("Chief Constable Roper", "Councillor Findlow",
  "Mr Creedon"), on one line: the person of that surname already named (by a form here, or a
  person the graph knows named in full), else a Person of that name;
- an honorific before a name ("Mr Bob Fousert", "Sir Thomas Winsor"), a name before a verb only
  people do ("Nicola Faulconbridge joined", "Matt Parr said"): a Person, without a post;
- a name alone on its line: above its post (a signature or byline; the post with what it is of, "Sir Sadiq Khan" /
  "Mayor of London") or below a paragraph in the first person (a letter's or a register comment's signature, "John
  Martin");
- each line of a letter's address block read as its own ("To" / "Commissioner Sir Mark Rowley" / "Metropolitan Police
  Service"): a name does not run on into the next line;
- a name, then the post taken over ("Sir Mark Rowley took over as Commissioner");
- round 7: a chief officer's rank in lower case before a name ("North Yorkshire Police’s assistant chief constable Phil
  Cain"), "HM inspector of constabulary" in lower case, ranks abbreviated ("Chief Supt Julian Knight": the rank is
  the post, not part of the name), a surname with a capital after its apostrophe ("O’Doherty"), a membership of a body
  ("Member of the City of London Police Authority Board, Ben Murphy"), and a name with its post in brackets, as
  minutes name a speaker ("Polly Reed (Chief Executive, OPCC)"); a post of "the Office of the ...", its acronym after
  it ("... of the Office of the Police and Crime Commissioner (OPCC), Naji Darwish"); a speaker introducing themselves
  ("I am Tom Winsor and I am Her Majesty’s Chief Inspector of Constabulary"); "HMCIFRS" as a post.
"""

from __future__ import annotations

import re

from graph.ingest import extraction_patterns as P
from graph.ingest.gazetteer import name_words
from graph.ingest.text import Block, Doc, flat, fold, read_blocks

# The posts of policing and its oversight, longest first so that "Deputy Chief Constable" wins over "Chief Constable".
_TITLED_POSTS = [
    r"(?:Her|His)\s+Majesty[’']s\s+Chief\s+Inspector\s+of\s+Constabulary",
    r"HM\s+Chief\s+Inspector\s+of\s+Constabulary",
    r"Chief\s+Inspector\s+of\s+Constabulary",
    r"(?:HM|(?:Her|His)\s+Majesty[’']s)\s+Chief\s+Inspector",  # "Sir Thomas Winsor’s term as HM Chief Inspector"
    r"(?:Her|His)\s+Majesty[’']s\s+Inspector\s+of\s+Constabulary"
    r"(?:\s+and\s+(?:of\s+)?Fire\s+(?:&|and)\s+Rescue\s+Services)?",
    # "HMIC Inspector of Constabulary Zoe Billingham": the inspectorate's acronym before the post, not "HM".
    r"(?:HM\s+)?Inspector\s+of\s+Constabulary", r"HMI",
    # News writes the inspector's post in lower case after "HM" ("Roy Wilsher, HM inspector of constabulary").
    r"HM\s+inspector\s+of\s+constabulary",
    r"(?:Deputy\s+|Assistant\s+|Temporary\s+|Acting\s+)*Chief\s+Constable",
    # and a chief officer's rank in lower case ("North Yorkshire Police’s assistant chief constable Phil Cain").
    r"(?:deputy\s+|assistant\s+|temporary\s+|acting\s+)*chief\s+constable(?=\s+[A-Z])",
    # "Police, Fire & Rescue and Crime Commissioner", and as Essex and Staffordshire write it, "Police, Fire and
    # Crime Commissioner".
    r"(?:Deputy\s+)?Police,?\s+Fire\s+(?:(?:&|and)\s+Rescue\s+)?and\s+Crime\s+Commissioner",
    r"(?:Deputy\s+)?Police\s+(?:and|&)\s+Crime\s+Commissioner", r"(?:Deputy\s+)?(?:PCC|PFCC)",
    # (HMCIFRS: the Chief Inspector since 2017, signing as "Andrew Cooke QPM DL" / "HMCIFRS")
    r"HMCIC|HMCIFRS|DPCC|DCC|ACC",
    r"(?:Detective\s+)?(?:Chief\s+)?Superintendent", r"(?:Detective\s+)?Chief\s+Inspector",
    # The ranks as news abbreviates them: "Gwent Police Chief Supt Julian Knight", "Det Supt", "Ch Insp".
    r"(?:Det\.?\s+)?(?:Chief\s+|Ch\.?\s+)?Supt\.?|(?:Det\.?\s+)?(?:Chief\s+|Ch\.?\s+)?Insp\.?(?=\s+[A-Z])",
    # Police ranks before a name: "Detective Inspector James Ross", "Sergeant Daniel Bartlett".
    r"(?:Detective\s+)?(?:Inspector(?!\s+of\b)|Sergeant)",  # (not HM "Inspector of Constabulary")
    r"(?:Deputy\s+)?Commissioner", r"Chief\s+Executive", r"Home\s+Secretary", r"Policing\s+Minister",
    r"Councillor|Cllr\.?",
    r"(?:Deputy\s+)?Mayor",  # a mayor who holds the commissioner's powers ("Sir Sadiq Khan" / "Mayor of London")
]
# Posts written by their head and what they are of, or in capitalised words ending in a post's head.
_HEADED_POSTS = [
    # A post's head alone, then the body it is of: "Marc Jones, Chair of the Association of Police and Crime
    # Commissioners"; plural before names joined by "and" ("... Leads for Transparency and Integrity, Giles
    # Orpen-Smellie and Alison Lowe"), the body's acronym may go before it ("APCC Leads for ...").
    r"(?:[A-Z]{2,6}\s+)?(?:Chair|Chairman|Chairwoman|Chairperson|Chief\s+Executive|Director|President|Leader|Head"
    r"|Leads?|Member)(?=\s+(?:of|for)\s+(?:the\s+)?[A-Z])",
    # Any post written in capitalised words ending in a post's head: "Strategic Planning and Performance Officer".
    r"(?:(?!The\b|This\b|Our\b|Its\b|Their\b)[A-Z][a-z]+\s+(?:(?:and|of|for)\s+)?){1,5}(?:Officer|Director|Manager|Secretary|Chair|Chairman|Chairperson"
    r"|Leader|Commander|Adviser|Advisor|Co-?ordinator)",
    # A body's post in lower case after the body's name, as news writes it: "Leicestershire Police Federation chair
    # Tiff Lynch".
    r"(?:(?!The\b|This\b|Our\b|Its\b|Their\b)[A-Z][a-z]+\s+(?:(?:and|of|for)\s+)?){1,5}(?:chair|chairman|chairwoman"
    r"|president|secretary|spokesman|spokeswoman|spokesperson|chief\s+executive)(?=\s+[A-Z])",
]
_POSTS = _TITLED_POSTS + _HEADED_POSTS
_POST = r"(?P<post>" + "|".join(_POSTS) + r")"
# "Orpen-Smellie" whole, not "Orpen-"; "O’Doherty" and "McCarthy" too.
_NAME_WORD = r"[A-Z](?:[’'][A-Z]|c[A-Z])?[a-zà-ÿ’']+(?:-[A-Z][a-zà-ÿ’']+)?"
_HONORIFIC = r"(?:Lord|Lady|Sir|Dame|Dr|Mr|Mrs|Ms|Miss|Professor|Baroness)\.?"
# Two capitals that are an abbreviation, not a person's initials.
_NOT_INITIALS = {"HM", "MP", "UK", "QC", "KC", "DL", "JP", "CB", "PC", "DC", "DS", "DI", "ID", "IT", "TV"}
# A first name may be an initial, or two run together: "Councillor S. Hancock", "Chief Constable BJ Harrington".
# One capital without a stop, as minutes write councillors ("Councillor D Boyes"): not "A" or "I", a word of their own.
_INITIAL = (r"(?:[A-Z]\.|(?!(?:" + "|".join(sorted(_NOT_INITIALS)) + r")\b)[A-Z]{2}|(?![AI]\b)[A-Z](?![\w’'.-]))"
            r"(?=\s+[A-Z][a-z])")
_NAME = r"(?P<name>(?:" + _HONORIFIC + r"\s+)?(?:" + _INITIAL + r"|" + _NAME_WORD + r")(?:\s+" + _NAME_WORD + r"){1,2})"
# An organisation written with the post: "of Thames Valley Police", "for Gwent", "Leicestershire’s".
# ("of the Office of the Police and Crime Commissioner": "of the" joins a name's words as "of" and "the" do.)
_OF = r"(?P<of>\s+(?:of|for)\s+(?:the\s+)?(?:[A-Z][\w’'&-]*(?:\s+(?:and|&|of|the|of\s+the)\s+|\s+))*?[A-Z][\w’'&-]*)?"
# At a pattern's end, the organisation's whole name ("Chair of the Association of Police and Crime Commissioners").
_OF_ALL = _OF.replace(")*?[A-Z]", ")*[A-Z]")
_BY = r"(?P<by>(?:[A-Z][\w&-]*\s+(?:and\s+)?)*?[A-Z][\w-]*[’']s\s+)?"
# A post's acronym may follow it: "The Police and Crime Commissioner (PCC), Philip Wilkinson".
# Honours after a name ("Wendy Williams CBE"); any other capitalised word after it makes the run a
# headline's, not a name ("Commissioner Welcomes New HMIC Report").
_HONOURS = r"(?:QPM|KPM|QFSM|KFSM|OBE|CBE|MBE|DBE|KBE|CB|KC|QC|MP|DL|JP)\b"  # (QFSM: a fire service medal)
_NAME_ENDS = r"(?![\w’'-]|\s+(?!" + _HONOURS + r")[A-Z])"
# (The name does not open with a body's word: the body the post is of runs on, "Member of the City of London Police
# Authority Board, Ben Murphy".
# A force's word before the name stays in the run, which _name_in cuts ("Chief Constable of Sussex Police Jo Shiner").
_NOT_A_NAME_YET = (r"(?!(?:(?:Police|Constabulary)\s+)?(?:Service|Services|Office|Inspectorate|Commissioner"
                   r"|Council|Panel|Authority|Board|Team|Unit|Force|Committee|Association)\b)")
# The acronym may follow what the post is of: "The Chief Executive and Monitoring Officer of the Office of the Police
# and Crime Commissioner (OPCC), Naji Darwish".
_POST_NAME = re.compile(_BY + _POST + r"(?:\s*\([A-Z]{2,6}\))?(?:" + _OF + r"(?:\s*\([A-Z]{2,6}\))?,?\s+|\s+)"
                        + _NOT_A_NAME_YET + _NAME + _NAME_ENDS)
_NAME_POST = re.compile(_NAME + r",\s+(?:the\s+|a\s+|an\s+)?" + _BY + _POST + _OF_ALL)
# A name, then a post with no comma between, opening its paragraph as a caption or a news story's first line does:
# "Zoë Metcalfe Police, Fire and Crime Commissioner for North Yorkshire and York was reacting to ..." (not "North
# Yorkshire Police and Crime Commissioner Julia Mulligan": a post before a name is _POST_NAME's).
_NAME_THEN_POST = re.compile(r"^\s*" + _NAME + r"\s+(?P<post>" + "|".join(_TITLED_POSTS) + r")" + _OF_ALL
                             + r"(?![\w’'-]|,?\s+[A-Z])")
# A name, then its post in brackets, as minutes name who spoke: "Polly Reed (Chief Executive, OPCC) advised that ...".
_NAME_BRACKETED_POST = re.compile(_NAME + r"\s+\(" + _BY + _POST + r"(?:" + _OF_ALL
                                  + r"|,\s+(?P<body>[A-Z][\w&’' -]*))?\)")
# More names after a post's first, joined by "and", when the post is plural ("APCC Leads for Transparency and
# Integrity, Giles Orpen-Smellie and Alison Lowe").
_AND_NAME = re.compile(r"\s+and\s+" + _NAME + _NAME_ENDS)
# A name, then the post the person takes, holds or leaves: "Sir Thomas Winsor’s term as HM Chief Inspector came to
# an end", "Andy Cooke was appointed as ...", "... served as Chief Constable".
_NAME_AS_POST = re.compile(_NAME + r"(?:[’']s\s+(?:term|time|tenure|appointment|role)|\s+(?:was|is|has\s+been|"
                           r"will\s+be)\s+(?:appointed|named|confirmed)|\s+(?:became|becomes|served|serves)"
                           r"|\s+(?:took|takes|has\s+taken|will\s+take)\s+over)\s+as\s+"
                           r"(?:the\s+)?" + _BY + _POST + r"\b" + _OF_ALL)
# A speaker who introduces themselves: "I am Tom Winsor and I am Her Majesty’s Chief Inspector of Constabulary".
_I_AM_NAME_POST = re.compile(r"\bI\s+am\s+" + _NAME + r"(?:,\s+|\s+and\s+I\s+am\s+)(?:the\s+)?" + _BY + _POST
                             + r"\b" + _OF_ALL)
# A name on a line of its own above its post, as a statement or letter is signed or bylined:
# "Ben Adams" / "Staffordshire Police, Fire & Rescue and Crime Commissioner ..." (not "HMI's observations").
# "Matt Parr CB", "The Rt Hon Suella Braverman KC MP": a style before and honours after the name.
_NAME_LINE = re.compile(r"^\s*(?:The\s+)?(?:Rt\.?\s+Hon\.?\s+)?" + _NAME + r"(?:\s+" + _HONOURS + r")*\s*$")
_POST_LINE = re.compile(r"^\s*(?P<where>(?:[A-Z][\w’'&-]*\s+){0,3})" + _POST + r"\b(?![’']s)")
# What the post on a signature's line is of, when the line says no more: "Mayor" / "of London".
_OF_LINE_END = re.compile(_OF_ALL + r"\s*$")
# Words that show a capitalised run is not a person's name.
_NOT_NAMES = {"police", "constabulary", "service", "services", "office", "inspectorate", "commissioner", "council",
              "panel", "report", "force", "the", "and", "of", "for", "today", "this", "county", "england",
              "wales", "government", "board", "team", "unit", "peel",
              "contact", "email", "read", "about", "update", "updates"}  # web furniture: "Contact Zoë Billingham"
# Words of posts and titles: a capitalised run that starts with them names the person after them
# ("Chief Constable of Sussex Police Jo Shiner", "Lincolnshire Police Zoë Billingham, ...").
_POST_WORDS = {"chief", "constable", "deputy", "assistant", "acting", "temporary", "detective", "superintendent",
               "inspector", "commissioner", "councillor", "cllr", "secretary", "minister", "officer", "director",
               "chair", "majesty", "majesty's", "her", "his", "hm", "mayor", "crime", "fire", "rescue", "home",
               "supt", "insp", "det"}  # (ranks as news abbreviates them: "Chief Supt Julian Knight")
_TITLES = re.compile(r"^(?:(?:Lord|Lady|Sir|Dame|Dr|Mr|Mrs|Ms|Miss|Professor|Baroness|Councillor|Cllr)\.?\s+)")
# A verb only a person is the subject of, after a name: "Matt Parr said", "Nicola Faulconbridge joined".
_PERSON_VERBS = r"(?:said|says|added|adds|explained|commented|told|stated|warned|joined|retired|resigned)"
# (Not the capitalised tail of a post's or a body's name: "The Head of Strategic Development explained".)
_NAME_VERB = re.compile(r"(?<![\w’'-])(?<!\bof\s)(?<!\bfor\s)(?P<name>" + _NAME_WORD + r"(?:\s+" + _NAME_WORD
                        + r"){1,3})\s+" + _PERSON_VERBS + r"\b")
_HONORIFIC_NAME = re.compile(r"(?<![\w’'-])(?P<name>" + _HONORIFIC + r"\s+" + _NAME_WORD + r"(?:\s+" + _NAME_WORD
                             + r"){1,2})")
# A post or an honorific before a surname alone: "Chief Constable Roper", "Councillor Findlow", "Mr Creedon".
_SURNAME = re.compile(r"(?<![\w’'-])(?:" + _POST + r"|(?P<title>(?:Mr|Mrs|Ms|Miss|Dr)\.?))\s+(?P<name>"
                      + _NAME_WORD + r")(?![\w’'-]|\s+[A-Z])")
# Words that open a sentence or clause, and honorifics: a capitalised run's name comes after them ("But Ms
# Williams said" names Ms Williams, a surname alone).
_LEADS = {w for w in P.FUNCTION_WORDS if len(w) > 1} - {"will", "may"} | P.HONORIFICS  # (Will Kerr, Theresa May)
# A headline in title case ("Commissioner Welcomes New HMIC Report", "PFCC Response"): its capitalised words
# are not names.
_TITLE_CASE = re.compile(r"^\W*(?:(?:[A-Z][\w’'-]*|[a-z]{1,3}|[\W\d]+)\s+)*(?:[A-Z][\w’'-]*)\W*$")
# The most words on a line of a letter's address block ("Police and Crime Commissioner for Devon, Cornwall and the
# Isles of Scilly").
_ADDRESS_LINE_WORDS = 12
# First person singular: a paragraph a name signs.
_FIRST_PERSON = re.compile(r"\b(?:I|my|me)\b")


# The head words of organisations' names: "Victim Support Service said" is not a person.
_ORGANISATION_WORDS = _NOT_NAMES | set(P.UNIT_HEADS) | set(P.NAMED_HEADS) | {"support", "watch", "society", "union"}


def _is_name(name: str) -> bool:
    """Two or more words, none of an organisation's and none possessive ("Chair's Announcements")."""
    words = _TITLES.sub("", name).split()
    return len(words) >= 2 and not any(
        fold(w).strip("’'") in _ORGANISATION_WORDS or re.search(r"[’']s$", w) for w in words)


def _name_in(name: str) -> str:
    """The person's name in a capitalised run: its words after the last word of an organisation,
    post or title ("Police Jo Shiner" -> "Jo Shiner"), or "" when fewer than two remain; a
    possessive "’s" is not part of it."""
    name = re.sub(r"[’']s$", "", name)
    words = name.split()
    # An acronym is a post's or a body's ("PCC Paddy Tipping"); an initial ("S. Hancock") is a name's, and so are
    # two capitals before a surname alone ("BJ Harrington").
    def initials(i: int, w: str) -> bool:
        return len(w) == 2 and i == len(words) - 2 and w not in _NOT_INITIALS
    last = max((i for i, w in enumerate(words) if fold(w).strip("’'.") in _NOT_NAMES | _POST_WORDS | _LEADS
                or w.isupper() and len(w.strip(".")) > 1 and not initials(i, w)), default=-1)
    rest = " ".join(words[last + 1:])
    return rest if _is_name(rest) else ""


# Posts written as acronyms, named in full.
_POST_NAMES = {"pcc": "Police and Crime Commissioner", "deputy pcc": "Deputy Police and Crime Commissioner",
               "pfcc": "Police, Fire and Crime Commissioner", "hmi": "HM Inspector of Constabulary",
               "hmcic": "HM Chief Inspector of Constabulary", "dcc": "Deputy Chief Constable",
               "acc": "Assistant Chief Constable", "dpcc": "Deputy Police and Crime Commissioner",
               "cllr": "Councillor", "cllr.": "Councillor"}


def _post_label(match, original) -> str:
    post = flat(original(match, "post"))
    post = _POST_NAMES.get(fold(post), post)
    of = flat(original(match, "of")).strip()
    by = flat(original(match, "by")).strip()
    if of and not re.search(r"(?i)\b(?:Constabulary|Police|Service|Services|Commissioner)\s*$", post):
        return f"{post} {of}"
    return f"{by} {post}".strip() if by else post


def _surname(label: str) -> str:
    return fold(label.split()[-1]).strip("’'.") if label.split() else ""


def _person(x, label: str, start: int, end: int) -> str:
    """The person so named: known to the graph (a mention is added), already proposed, or a new Person.
    A surname alone is the person of that surname already named in the text."""
    if len(label.split()) == 1:
        if _surname(label) in x.people:
            return x.people[_surname(label)]
    person = x.gazetteer.lookup(label)
    if person and x.gazetteer.type_of(person) == "Person":
        evidence = x.quote(start, end, unique=False)
        if evidence and person not in {m["entity"] for m in x.draft.mentions}:
            x.draft.mentions.append({"entity": person, **evidence})
    elif person:
        return ""  # a name of something else the graph knows
    else:
        person = x.entity("Person", label, start, end)
    if person:
        x.people.setdefault(_surname(label), person)
    return person


def person_named(x, name: str, start: int, end: int) -> str:
    """The person text[start:end] names, for a quotation's speaker ("said Commissioner Holloway"): a
    full name (after any post or title), or a surname alone that a person of the text has, or ""."""
    full = _name_in(flat(name).rstrip("."))
    if full:
        at = x.text.find(full, start, end)
        return _person(x, _TITLES.sub("", full), at, at + len(full)) if at >= 0 else ""
    words = flat(name).rstrip(".").split()
    return x.people.get(_surname(words[-1]), "") if words else ""


def _holds(x, person: str, post: str, p_start: int, p_end: int, start: int, end: int) -> None:
    post_id = x.gazetteer.lookup(post) or x.entity("Post", post, p_start, p_end)
    evidence = x.quote(start, end, unique=False)
    if person and post_id and evidence:
        x.draft.relations.append({"subject": person, "predicate": "holds", "object": post_id, **evidence})
        x.claim(start, end)


def propose_people(x) -> None:
    seen: set[tuple[str, str]] = set()
    # A person the graph knows, named in full anywhere in the text, is the one a surname alone names ("HMIC
    # Inspector of Constabulary Zoe Billingham praised ..." / "Ms Billingham said").
    for hit in x.hits:
        if x.gazetteer.type_of(hit.entity) == "Person":
            x.people.setdefault(_surname(x.gazetteer.entities[hit.entity].label), hit.entity)
    for block in [*x.blocks, *_address_lines(x)]:
        plain = block.doc.text

        def original(match, group: str, block=block) -> str:
            """A group of the match as the report writes it (the flattened block folds quote marks)."""
            if group not in match.re.groupindex or match.group(group) is None or match.start(group) == match.end(group):
                return ""
            return x.text[slice(*block.span(match.start(group), match.end(group)))]

        for pattern in (_POST_NAME, _NAME_POST, _NAME_AS_POST, _NAME_THEN_POST, _NAME_BRACKETED_POST, _I_AM_NAME_POST):
            for match in pattern.finditer(plain):
                names = [(match.group("name"), match.start("name"), match.end())]
                if pattern is _POST_NAME and re.search(r"[a-z]s$", match.group("post")) and not re.search(
                        r"Services$", match.group("post")):
                    more = _AND_NAME.match(plain, match.end())
                    while more:  # a plural post: each name after it holds it
                        names.append((more.group("name"), more.start("name"), more.end()))
                        more = _AND_NAME.match(plain, more.end())
                for name, name_at, quote_end in names:
                    _holds_post(x, block, match, pattern, original, name, name_at, quote_end, seen)
    _signed_posts(x, seen)
    for block in x.blocks:
        _named_alone(x, block, seen)


def _address_lines(x) -> list:
    """Each line of a block of short lines, as a block of its own: a letter's address block ("To" / "Commissioner
    Sir Mark Rowley" / "Metropolitan Police Service", "From" / "HMI Lee Freeman KPM" / "His Majesty’s Inspector of
    Constabulary") runs into one paragraph, where a post and a name on one line seem to run on into the next."""
    lines = []
    for block in x.blocks:
        written = x.text[block.start:block.end]
        rows = [m for m in re.finditer(r"[^\n]*\S[^\n]*", written)]
        if len(rows) < 2 or any(len(m.group().split()) > _ADDRESS_LINE_WORDS or m.group().rstrip().endswith(".")
                                for m in rows):
            continue
        for m in rows:
            for line in read_blocks(m.group()):
                lines.append(Block(block.start + m.start() + line.start, block.start + m.start() + line.end,
                                   line.doc, line.offsets))
    return lines


def _holds_post(x, block, match, pattern, original, name: str, name_at: int, quote_end: int,
                seen: set[tuple[str, str]]) -> None:
    """The person `name` (at `name_at` of the block's text) holding the post `match` names, quoted to `quote_end`."""
    plain = block.doc.text
    name = _name_in(name)
    if not name:
        return
    start, end = block.span(match.start(), quote_end)
    n_at = plain.find(name, name_at)
    name = x.text[slice(*block.span(n_at, n_at + len(name)))]
    label = _TITLES.sub("", flat(name)) if _TITLES.match(name) and len(name.split()) > 2 else flat(name)
    post = _post_label(match, original)
    if (fold(label), fold(post)) in seen:
        return
    n_start, n_end = block.span(n_at, n_at + len(name))
    if pattern is _NAME_THEN_POST and (name_words(Doc(label)) in x.gazetteer.areas or x.hits_in(n_start, n_end)):
        return  # a force's area before the post ("North Yorkshire Police and Crime Commissioner"), or a known name
    seen.add((fold(label), fold(post)))
    if pattern is not _POST_NAME:
        start = n_start  # not the organisation's words before the name ("Lincolnshire Police")
    person = _person(x, label, n_start, n_end)
    post_at = plain.find(match.group("post"), match.start())
    p_start, p_end = block.span(post_at, post_at + len(match.group("post")))
    _holds(x, person, post, p_start, p_end, start, end)


def _named_alone(x, block, seen: set[tuple[str, str]]) -> None:
    """People named by an honorific, by a verb only people do, or by a surname after a post or an
    honorific: a Person (the one of that surname already named, if any), with the post when given."""
    plain = block.doc.text
    for pattern in (_HONORIFIC_NAME, _NAME_VERB):
        for match in pattern.finditer(plain):
            name = _name_in(match.group("name"))
            n_at = plain.find(name, match.start("name")) if name else -1
            if n_at < 0:
                continue
            start, end = block.span(n_at, n_at + len(name))
            if x.claimed_by(start, end) or any(x.gazetteer.type_of(h.entity) not in ("Person", "")
                                               for h in x.hits_in(start, end)) or name_words(
                    Doc(name)) in x.gazetteer.areas:
                continue  # a person with a post, an organisation ("Kent Police joined"), a force's area
            _person(x, _TITLES.sub("", flat(x.text[start:end])), start, end)
    for match in _SURNAME.finditer(plain if not _TITLE_CASE.match(plain) else ""):
        name = match.group("name")
        start, end = block.span(match.start(), match.end())
        if "\n" in x.text[start:end]:
            continue  # a post ending its line, as a letter's address block does ("... Crime Commissioner" / "Sent on")
        if fold(name) in _NOT_NAMES | _POST_WORDS or x.claimed_by(start, end) or x.hits_in(
                *block.span(match.start("name"), match.end("name"))):
            continue
        n_start, n_end = block.span(match.start("name"), match.end("name"))
        named_before = _surname(name) in x.people
        person = _person(x, flat(x.text[n_start:n_end]), n_start, n_end)
        if not person or named_before or match.group("title"):
            continue  # the person named in full before ("Mr Creedon"), or by an honorific only
        post = _POST_NAMES.get(fold(match.group("post")), flat(match.group("post")))
        if (fold(name), fold(post)) in seen:
            continue
        seen.add((fold(name), fold(post)))
        p_start, p_end = block.span(match.start("post"), match.end("post"))
        _holds(x, person, post, p_start, p_end, start, end)


def _signed_posts(x, seen: set[tuple[str, str]]) -> None:
    """A name alone on its line, its post at the start of the next line (a Person, a Post and the
    holding: a signature or by-line, "Matt Parr CB" / "His Majesty’s Inspector of Constabulary"), or a
    paragraph in the first person before it (a Person)."""
    lines = [(m.start(), m.end(), m.group()) for m in re.finditer(r"[^\n]*\S[^\n]*", x.text)]
    posted = set()
    for (start, end, line), (p_at, _, after) in zip(lines, lines[1:], strict=False):
        name = _NAME_LINE.match(line)
        post = name and _POST_LINE.match(after)
        if not post or not _is_name(name.group("name")) or any(
                x.gazetteer.type_of(h.entity) != "Person" for h in x.hits_in(start, end)):
            continue
        label = _TITLES.sub("", flat(name.group("name")))
        post_label = flat(post.group("where") + _POST_NAMES.get(fold(post.group("post")), post.group("post")))
        p_start, p_end = p_at + post.start("where"), p_at + post.end("post")
        of = _OF_LINE_END.match(after, post.end("post"))
        if of and of.group("of") and not re.search(r"(?i)\b(?:Constabulary|Police|Services?|Commissioner)$",
                                                   post_label):
            post_label = flat(f"{post_label} {of.group('of')}")  # "Mayor of London"
            p_end = p_at + of.end("of")
        n_start, n_end = start + name.start("name"), start + name.end("name")
        posted.add(start)
        if (fold(label), fold(post_label)) in seen:
            continue
        seen.add((fold(label), fold(post_label)))
        person = _person(x, label, n_start, n_end)
        _holds(x, person, post_label, p_start, p_end, n_start, p_end)
    blocks = [b for b in x.blocks if b.doc.text.strip()]
    for before, block in zip([None, *blocks], blocks, strict=False):
        name = _NAME_LINE.match(block.doc.text)
        if not name or block.start in posted or not _is_name(name.group("name")) or any(
                x.gazetteer.type_of(h.entity) != "Person" for h in x.hits_in(block.start, block.end)):
            continue
        if before and _FIRST_PERSON.search(before.doc.text):
            _person(x, _TITLES.sub("", flat(name.group("name"))), block.start, block.end)
