"""Recommendations, areas for improvement and causes of concern, with their deadline and addressee.

The forms: items under a heading of their kind ("Recommendations", "Area for improvement 2", "Cause of
concern"), bulleted or in paragraphs, a lead's deadline lent to its bullets; a line led by its kind ("AFI 11 –
the Force should ...", "Recommendation 3: By ..."); advice opening a paragraph with its deadline or its
addressee ("Within three months, Kent Police should ...", "The force should ..."); and an area for
improvement or cause of concern named in a sentence that says what it is ("It is a cause of concern that
...", "areas for improvement in relation to ...", "... had an area for improvement ... This was that the force
should ..."), never one named in passing ("progress against the causes of concern").

One grammar underlies them: a kind named by a heading ("Causes for concern", "Our recommendations", tracker labels
such as "Concern" / "Open" skipped, an item stated as a title line above its explanation), by a lead that ends
in a colon or "the following <kind>" ("Recommendations from the 2019 HMICFRS report that are yet to be
implemented include:"; a lead naming only the inspectorate's reports takes the actions listed under it: "Policy
... to be published."), or by the sentence itself ("areas for improvement, including in ...", "this was an area
for improvement and that the constabulary should immediately ..."); otherwise advice opening a paragraph, after
its deadline or a clause of purpose ("To address this cause of concern the force must immediately take steps
to:"), is a recommendation. Under a kind's heading or lead, an item is of that kind whatever its modal.

Round 4's forms: a lead of advice ending in a colon whose list the stored page ran together with semicolons,
on its line or in the paragraph below ("The force should immediately:take steps ...;make sure ...; andmake
sure ..."), one item per piece with the lead's deadline, kept over a deadline word inside the piece
(_run_together); a lead that names the kind before its advice ("We made the following recommendations, stating
that the force should make sure that:"); a sentence counting the kind above bullets ("One area for improvement
remained from that inspection."); items counted, then restated by their content ("Two recommendations made in
the report are in respect of A and B": _restated_in_prose). A lead without advice ("Our cause of concern ... had
eight recommendations:") is neither an item nor a cause of concern named in prose.

Round 5's: a cause of concern or area for improvement named only by its areas ("closing the force’s cause of concern
regarding responding to the public") is a mention (_names_areas_only), and a heading naming the area of its item
("Cause of concern: responding to the public") heads the item below it; the inspectorate's "we (also) recommend(ed)
that ... should" wherever it stands, over bullets one recommendation with sub-points (_recommended_that); a sentence
ending on its kind ("there are several areas for improvement.") takes the next sentence's advice to the force; items
listed by their actions after a sentence naming their kind ("Suggestions included making ..., extending ... and
improving ...": _included_in_prose); a bullet's text wrapped onto an indented line goes on.

Round 6's: "This is a cause of concern." names the sentence before it; a tracker's "AFI" label heads each item; a cause
of concern stated under its heading, then bullets of advice (run onto one line by the stored page), gives its
recommendations; "areas needing improvement were identified" or "areas in which the service could improve", then the
advice that follows ("the need for the force to ...", "For example, it should ..."); "suggestions for improvement
around A and <doing> B", one item each. Not items: the kind in a condition ("when there are causes of concern about"),
a lead listing where they were made ("the causes of concern we issued in:"), areas graded so ("the areas requiring
improvement are A; B").

Round 7's: a sentence whose subject names the kind ("Recommendations included A and <doing> B as well as C") lists
its items without a sentence before naming them, the last after "as well as"; after a sentence ending on the kind,
"One of them was about ..." singles one out, and "This was that ..." (maybe on the next line) says what it was.
"""

from __future__ import annotations

import re

from graph.ingest import extraction_patterns as P
from graph.ingest.areas import canonical_area, listed_areas
from graph.ingest.text import flat, fold, slug


def heading_kind(line: str) -> str:
    """The kind a heading lists ('Areas for improvement', 'Recommendation 5', 'Cause of concern', 'Our
    recommendations', 'Areas for improvement (AFIs)'), or ''; not a register's comment 'New recommendation'."""
    heading = fold(line.strip()).rstrip(":").strip()
    heading = re.sub(r"^(?:our|the|key|main|national)\s+|\s*\([^)]{1,12}\)$", "", heading)
    numbered = P.NUMBERED_HEADING.match(heading)
    if heading in ("afi", "afis"):
        return "area-for-improvement"  # a tracker's label over each of its items (accountabilityindex-dorset-...)
    return P.REC_HEADINGS.get(heading) or (P.REC_HEADINGS.get(numbered.group("heading"), "") if numbered else "")


def propose_recommendations(x) -> None:
    lines = []
    pos = 0
    for line in x.text.splitlines(keepends=True):
        lines.append((pos, pos + len(line.rstrip("\r\n"))))
        pos += len(line)
    covered: list[tuple[int, int]] = []
    for i, (s, e) in enumerate(lines):
        kind = heading_kind(x.text[s:e])
        if kind:
            items = _items(x, lines, i + 1)
            for n, item in enumerate(items):
                covered.append((item["start"], item["end"]))
                # a cause of concern stated, then its recommendations as bullets of advice (GUIDE.md: one
                # cause-of-concern item and one recommendation each; hmicfrs-register-hampshire-domestic-abuse-...)
                advice = kind == "cause-of-concern" and n and not items[0].get("bullet") and item.get("bullet") and \
                    P.MODAL_ADVICE.search(x.text, item["start"], item["end"])
                _recommendation(x, item, "recommendation" if advice else kind)
            continue
        lead = _lead_kind(_paragraph_end(x, lines, i)) if x.text[s:e].rstrip().endswith((":", "following")) or \
            re.search(r"(?i)\bfollowing\b", x.text[s:e]) else _counted_kind(x, lines, i)
        if lead is not None:
            for item in _items(x, lines, i + 1):
                if len(x.text[item["start"]:item["end"]].split()) >= 3 and not any(
                        a < item["end"] and item["start"] < b for a, b in covered) and (
                        lead or _ACTION.match(x.text, item["start"], item["end"])):
                    covered.append((item["start"], item["end"]))
                    _recommendation(x, item, lead or "recommendation")
            continue
        led = _LED_BY_KIND.match(x.text, s, e)
        if led and (led.group("afi") or led.group("short")):
            kind = "area-for-improvement"  # the inspectorate's AFI, whatever the text expands it to
        else:
            kind = heading_kind(led.group("kind")) if led else ""
        if kind and _names_areas_only(x.text[led.end():e]):
            # a heading naming the area of its items ("Cause of concern: responding to the public"), the item below
            for item in _items(x, lines, i + 1):
                covered.append((item["start"], item["end"]))
                _recommendation(x, item, kind)
            continue
        if kind and len(x.text[led.end():e].split()) >= 4:  # an item, not a count ("Recommendations: none")
            covered.append((led.end(), e))
            _recommendation(x, {"start": led.end(), "end": e, "items": []}, kind)
    _dated_advice(x, lines, covered)
    _recommended_that(x, lines, covered)
    _restated_in_prose(x, covered)
    _included_in_prose(x, covered)
    _named_in_prose(x, covered)


def _paragraph_end(x, lines, i: int) -> str:
    """Line i with the lines of its paragraph before it (a few at most), as one line."""
    first = i
    while (first > 0 and i - first < 5 and x.text[lines[first - 1][0]:lines[first - 1][1]].strip()
           and not P.BULLET.match(x.text[lines[first][0]:lines[first][1]])):
        first -= 1
    return flat(x.text[lines[first][0]:lines[i][1]])


def _lead_kind(line: str) -> str | None:
    """The kind of the items a line introduces, ending in a colon or in "the following <kind>": "Recommendations
    from the 2019 HMICFRS report that are yet to be implemented include:" (hmicfrs-2021-fraud-review-press-release),
    "The 2017 inspection identified the following Areas for improvement" (hmicfrs-register-2016-bedfordshire-...);
    '' when it names no kind but the inspectorate's reports ("five Red responses [to HMICFRS inspection reports]
    which included the following:", city-of-london-committee-2019-hmicfrs-update: only actions are items there);
    None when it introduces none. A lead of advice ("the force should take steps to:") is advice's (_dated_advice)."""
    body = line.strip()
    if _LISTS_WHERE.search(body):
        return None  # it lists where the items were made, not the items: "close the causes of concern we issued in:"
    # the kind named in the lead's own sentence, not in passing before it ("Progress against this recommendation
    # has now been assessed ... The team have provided the below update:")
    last = re.split(r"[.!?][’”\"']?\s+(?=[A-Z“‘\"'])", body)[-1]
    modal = P.MODAL_ADVICE.search(last)
    if modal:
        # advice's lead ("the force should take steps to:") is advice's (_dated_advice), unless it names the kind
        # it lists first: "We made the following recommendations, stating that the force should make sure that:"
        # (hmicfrs-2024-staffordshire-causes-of-concern-revisit-letter); not "To address this cause of concern the
        # force must ...", whose items are recommendations
        named = _FOLLOWING_KIND.search(last, 0, modal.start())
        last = named.group() if named and body.endswith(":") else ""
        if not last:
            return None
    kinds = {next(k for k, v in m.groupdict().items() if v) for m in P.KIND_NAMED.finditer(last)}
    following = re.search(r"(?i)\bthe\s+following\s*(?:[\w ]{0,40})?:?$", body)
    if not (body.endswith(":") or following or modal) or heading_kind(body):
        return None
    if len(kinds) == 1:
        return {"recommendation": "recommendation", "afi": "area-for-improvement",
                "coc": "cause-of-concern"}[kinds.pop()]
    if not kinds and re.search(r"\b(?:HMIC|HMICFRS|HMIs?)\b|(?i:\binspection\s+reports?\b)", body) and following:
        return ""
    return None


# A lead whose list says where or when the items named before it were made ("the causes of concern we issued in:",
# hmicfrs-2025-metropolitan-return-to-scan-letter, its list of reports lost from the stored page).
_LISTS_WHERE = re.compile(r"(?i)\b[a-z]+ed\s+(?:in|on|at|by|from|during)\s*:$")


# A sentence that counts the items of a kind: "One area for improvement remained from that inspection."
# (hmicfrs-peel-2018-19-staffordshire-effectiveness), "We identified two areas for improvement."
_COUNTED = re.compile(r"(?i)^(?:(?:we|HMICFRS|HMIC|the\s+inspectorate|it|they)\s+(?:\w+\s+){1,2})?"
                      r"(?:one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(?:\w+\s+)?"
                      + P.KIND_NAMED.pattern.removeprefix("(?i)") + r"[^.;:!?]*\.$")


def _counted_kind(x, lines, i: int) -> str | None:
    """The kind of the bulleted items below a paragraph whose last sentence counts them, or None; without bullets
    right below, a count is only a figure ("We made 11 recommendations in our 2019 report.")."""
    last = re.split(r"[.!?][’”\"']?\s+(?=[A-Z“‘\"'])", flat(x.text[slice(*lines[i])]).strip())[-1]
    counted = _COUNTED.match(last)
    following = next((x.text[a:b] for a, b in lines[i + 1:] if x.text[a:b].strip()), "")
    if not counted or not P.BULLET.match(following):
        return None
    return {"recommendation": "recommendation", "afi": "area-for-improvement", "coc": "cause-of-concern"}[
        next(k for k in ("recommendation", "afi", "coc") if counted.group(k))]


# The kind a lead names as what follows: "the following recommendations" (not "To address these causes of concern,
# the force should:", whose items are recommendations).
_FOLLOWING_KIND = re.compile(r"(?i)\bthe\s+following\s+" + P.KIND_NAMED.pattern.removeprefix("(?i)"))


# An item that is an action, as minutes and trackers list open recommendations: "Policy for responding to and
# investigating allegations of fraud to be published.", "Detainee care should be improved to ensure ...".
_ACTION = re.compile(r"(?i)[^.;:!?]{0,160}?\b(?:should|must|needs?\s+to|is\s+to|are\s+to"
                     r"|to\s+be\s+(?:\w+ly\s+)?\w+(?:ed|en|wn))\b")


# A line led by the kind of its item, the item after a dash or colon: "AFI 11 – the Force should ensure ...",
# "Action for Further Improvement (AFI) 7 – the Force should ...", "Recommendation 3: By 31 March 2019, ...".
_LED_BY_KIND = re.compile(
    r"[ \t]*(?:[^\n(–—:]{3,60}?\((?P<afi>AFI)\)|(?P<kind>(?P<short>AFI)|recommendation|areas?\s+for\s+improvement"
    r"|causes?\s+(?:of|for)\s+concern))\s*\d{0,3}[ \t]*[–—:-][ \t]+(?=\S)", re.I)


# Advice with its deadline, wherever it stands: "Within three months, Kent Police should ...", "By 31 March
# 2015 all forces should ...", "HMIC recommends that within six months the force should: ..." (a lead whose
# bullets are each a recommendation with its deadline).
_DATED_ADVICE = re.compile(r"(?i)^(?:[^.;:!?]{0,80}?\b(?:recommends?|recommended)\s+that\s+)?(?P<deadline>" +
                           P.DEADLINE.pattern.removeprefix("(?i)") + r")[^.;:!?]{0,200}?" + P.MODAL_ADVICE.pattern)


# A paragraph that opens with advice to the force, as the inspectorate words a recommendation: "The force
# should take steps to ...", "Kent Police should ..." (not "needs to", a summary's finding; not praise,
# "should be applauded").
# Also after a clause of purpose ("To address this cause of concern the force must immediately take steps to:",
# hmicfrs-register-2016-bedfordshire-problem-solving), and "the Force" capitalised ("The Force should review the
# operating arrangements ...", hmicfrs-register-2017-leicestershire-crime-recording).
# "must" only so (a headline's "Cumbria Constabulary must do more to protect victims" is no recommendation).
_ADDRESSEE = r"(?:[Tt]he\s+(?:[Ff]orce|[Cc]onstabulary)|(?:[A-Z][\w’'&-]*\s+){1,4}(?:Police|Constabulary))"
_ADVICE_OPENING = re.compile(
    r"^(?:To\s+[a-z]+\s+[^.;:!?]{0,80}?,?\s+" + _ADDRESSEE + r"\s+(?:should|must)|" + _ADDRESSEE
    + r"\s+(?:should|must(?=\s+immediately)))\s+(?:immediately\s+)?"
    r"(?!be\s+(?:applauded|commended|congratulated|praised|proud|pleased)\b)[a-z]")


def _dated_advice(x, lines, covered) -> None:
    for i, (s, e) in enumerate(lines):
        body = x.text[s:e].lstrip()
        start = e - len(body)
        if not body or P.BULLET.match(x.text[s:e]) or any(a <= start < b for a, b in covered):
            continue
        if i and x.text[lines[i - 1][0]:lines[i - 1][1]].strip() and not P.BULLET.match(
                x.text[lines[i - 1][0]:lines[i - 1][1]]):
            continue  # the middle of a paragraph: advice opens one
        if _DATED_ADVICE.match(body) or _ADVICE_OPENING.match(body):
            for item in _items(x, lines, i):
                if not any(a < item["end"] and item["start"] < b for a, b in covered):
                    covered.append((item["start"], item["end"]))
                    _recommendation(x, item, "recommendation")


# The inspectorate's own words for a recommendation, wherever the sentence stands: "We also recommend that the force
# should enable officers to ..." (hmicfrs-peel-2018-psni), "we recommended that all forces should:" over the bullets
# of one recommendation (GUIDE.md, round 4: "one recommendation with sub-points").
_RECOMMENDS_THAT = re.compile(r"(?i)\b(?:we|HMIC|HMICFRS|the\s+inspectorate)\s+(?:also\s+)?recommend(?:s|ed)?\s+that\b"
                              r"[^.;:!?]{0,120}?" + P.MODAL_ADVICE.pattern)


def _recommended_that(x, lines, covered) -> None:
    for block in x.blocks:
        text = x.text[block.start:block.end]
        for said in _RECOMMENDS_THAT.finditer(text):
            at = block.start + said.start()
            if any(a <= at < b or a <= block.start + said.end() - 1 < b for a, b in covered):
                continue
            end = block.start + _sentence(text, said.start())[1]
            if x.text[at:end].rstrip().endswith(":"):
                # its points are the bullets below: one recommendation, each bullet a sub-point, quoted from the first
                line = next((n for n, (s, e) in enumerate(lines) if s <= end - 1 <= e), None)
                points = [p for p in _items(x, lines, line + 1) if p.get("bullet")] if line is not None else []
                if not points:
                    continue
                item = {"start": points[0]["start"], "end": points[0]["end"], "lead": (at, end - 1),
                        "items": [{"start": p["start"], "end": p["end"]} for p in points]}
                covered.append((at, points[-1]["end"]))
            else:
                item = {"start": at, "end": end, "items": []}
                covered.append((at, end))
            _recommendation(x, item, "recommendation")


def _items(x, lines, i: int) -> list[dict]:
    items: list[dict] = []
    current = sub = lead = None
    blank = False
    for s, e in lines[i:]:
        line = x.text[s:e]
        body = line.strip()
        if not body:
            blank = True
            continue
        bullet, subitem = P.BULLET.match(line), P.SUB_ITEM.match(line)
        if bullet:
            if current is not None and not current.get("bullet") and x.text[current["start"]:current["end"]].rstrip(
                    ).endswith(":"):
                # "The force should take immediate steps to:" then bullets: each bullet is one
                # recommendation, and the lead gives them their deadline.
                items.remove(current)
                lead = (current["start"], current["end"])
            # (bullets the stored page ran onto one line: "• ... other available powers. • To improve ...")
            starts = [s + bullet.end(), *(m.end() for m in _INLINE_BULLET.finditer(x.text, s + bullet.end(), e))]
            for a, b in zip(starts, [*(x.text.rfind("•", 0, n) for n in starts[1:]), e], strict=True):
                current = {"start": a, "end": len(x.text[:b].rstrip()), "items": [], "bullet": True, "lead": lead}
                items.append(current)
            sub = None
        elif subitem and current is not None:
            sub = {"start": s + subitem.end(), "end": e}
            current["items"].append(sub)
        elif P.GRADE_LINE.match(body) or heading_kind(body) or fold(body).rstrip(":") in P.OTHER_HEADINGS:
            break
        elif current is not None and current.get("bullet") and re.search(
                r"[.;]\s*(?:and|or)?\s*$", x.text[(sub or current)["start"]:(sub or current)["end"]]):
            break  # a paragraph after a finished list item: the list is over
        elif current is None and not items:
            if not P.MODAL_ADVICE.search(body) and len(body.split()) <= 2:
                continue  # a tracker's label before the item ("Concern", "Open", "AFI")
            if not P.MODAL_ADVICE.search(body) and body.endswith(":"):
                # a lead that introduces the list, no item of it: "Our cause of concern regarding investigations
                # had eight recommendations:" (hmicfrs-2025-nottinghamshire-causes-of-concern-revisit-letter)
                blank = False
                continue
            if not P.MODAL_ADVICE.search(body) and len(body.split()) <= 8:
                break  # a heading: the list was empty
            current = {"start": s + len(line) - len(line.lstrip()), "end": e, "items": []}
            items.append(current)
        elif blank and len(items) == 1 and _advice_lead(x, current) and not _advice_lead(x, current)[1].strip():
            # "Within three months, the force should:", then its list as a paragraph whose marks the stored page
            # lost (hmicfrs-register-2018-derbyshire-crime-recording): the lead takes it, _run_together splits it
            current["end"] = e
        elif (current is not None and current.get("bullet") and not blank and line[:1] in (" ", "\t")
              and not re.search(r"[.;:!?]\s*$", x.text[(sub or current)["start"]:(sub or current)["end"]])):
            # a bullet's text wrapped onto an indented line ("... to monitor the quality and progress" / "    of
            # investigations.": hmicfrs-peel-2018-19-devon-cornwall-effectiveness)
            (sub or current)["end"] = e
        elif blank or line[:1] in (" ", "\t", "\f"):
            break
        elif not current.get("bullet") and body[:1].isupper() and not re.search(
                r"[.;:,!?…]\s*$", x.text[(sub or current)["start"]:(sub or current)["end"]]):
            break  # an item stated as a title line, its explanation below it ("The constabulary needs to ... calls")
        else:
            (sub or current)["end"] = e
        blank = False
    return [piece for item in items for piece in _run_together(x, item)]


# A bullet inside a line, after a sentence's end: the stored page ran the list onto one line.
_INLINE_BULLET = re.compile(r"(?<=[.;])\s+•\s+")


# Where a lead of advice ends and its list begins: "The force should immediately:", "Within three months, the force
# should:", "We made the following recommendations, stating that the force should make sure that:".
_LEAD_COLON = re.compile(r"[^:;.!?]{0,200}?" + P.MODAL_ADVICE.pattern + r"[^:;.]{0,80}:")


def _advice_lead(x, item: dict) -> tuple[tuple[int, int], str] | None:
    """The lead of advice an item opens with, ending in a colon, and the text after it; None for an item that opens
    with none (a bullet, a sentence of advice)."""
    if item.get("bullet"):
        return None
    lead = _LEAD_COLON.match(x.text, item["start"], item["end"])
    return ((item["start"], lead.end() - 1), x.text[lead.end():item["end"]]) if lead else None


# Items run together with semicolons, as a web page stores a list whose marks it dropped: "...all reports of
# crime;make sure that every time ... crime record; andmake sure that ..." (the "and" of the list's last item may
# touch it; no verb of a recommendation starts "and").
_NEXT_ITEM = re.compile(r";\s*(?:(?:and|or)\s+|and(?=[a-z]))?")


def _run_together(x, item: dict) -> list[dict]:
    """A lead of advice and its list as one paragraph ("The force should immediately:take steps ...;make sure
    ...; andmake sure ..."): one item per piece, each with the lead's deadline (the GUIDE's "recommendations under
    one lead-in"); any other item as it is."""
    found = _advice_lead(x, item)
    if not found or not found[1].strip():
        return [item]
    lead, rest = found
    begin = lead[1] + 1
    pieces, at = [], begin
    for sep in _NEXT_ITEM.finditer(x.text, begin, item["end"]):
        pieces.append((at, sep.start()))
        at = sep.end()
    pieces.append((at, item["end"]))
    out = []
    for a, b in pieces:
        body = x.text[a:b]
        a += len(body) - len(body.lstrip())
        if len(x.text[a:b].split()) >= 3:
            out.append({"start": a, "end": b, "items": [], "lead": lead})
    return out or [item]


def _deadline(x, text: str) -> dict | None:
    match = P.DEADLINE.search(text)
    return deadline_of(match) if match else None


def deadline_of(match) -> dict:
    deadline = {"text": flat(match.group())}
    if match.group("immediate"):
        deadline["relative"] = "P0D"
    elif match.group("qty"):
        qty = match.group("qty").lower()
        number = int(qty) if qty.isdigit() else P.NUMBER_WORDS[qty]
        deadline["relative"] = f"P{number}{match.group('unit')[0].upper()}"
    else:
        deadline["absolute"] = f"{match.group('year')}-{P.MONTHS[match.group('month').lower()]:02d}"
    return deadline


def _lead(x, start: int, end: int, words: int = 40) -> tuple[int, int]:
    """The first clause of text[start:end]: up to a colon or the first sentence's end."""
    body = x.text[start:end]
    stop = re.search(r":|[.;](?=\s+[A-Z(]|\s*$)|;\s*(?:and|or)?\s*$", body)
    cut = stop.start() if stop else len(body.rstrip())
    spans = list(re.finditer(r"\S+", body[:cut]))
    if len(spans) > words:
        cut = spans[words - 1].end()
    return start, start + len(body[:cut].rstrip(" ,;:"))


def _summary(x, start: int, end: int) -> str:
    text = flat(x.text[start:end]).rstrip(" ;:.")
    text = re.sub(r"(?i)^(?:and|or)\s+", "", text)
    words = text.split()
    text = " ".join(words[:30]) + ("…" if len(words) > 30 else "")
    return text[:1].upper() + text[1:]


def _addressee(x, start: int, end: int) -> str:
    for hit in x.hits_in(start, end):
        if x.gazetteer.type_of(hit.entity) == "PoliceForce":
            return hit.entity
    return x.subject


def _area_at(x, offset: int) -> str:
    area = ""
    for block in x.questions:
        if block.start > offset:
            break
        if block.question:
            area = x.gazetteer.lookup(block.doc.text) or x.new_entities.get(
                fold(flat(block.doc.text)).rstrip("s"), {}).get("id", "")
    return area


def _recommendation(x, item: dict, kind: str) -> None:
    start, end = item["start"], item["end"]
    body = x.text[start:end]
    q_start, q_end = _lead(x, start, end)
    evidence = x.quote(q_start, q_end, kind="recommendation")
    if not evidence:
        return
    name = _summary(x, q_start, q_end)
    after = re.search(r"\b(?:should|must|needs to)\s+(.*)", name)
    record = {
        "id": x.new_id("recommendation/", f"{x.source}-{slug(after.group(1) if after else name, 6)}"),
        "kind": kind,
        "addressee": _addressee(x, start, end),
        "inspection": x.inspection(),
    }
    area = _area_at(x, start)
    if area:
        record["area"] = area
    record["summary"] = _summary(x, start, end)
    deadlines = list(P.DEADLINE.finditer(body))
    # the lead's deadline opens each item under it and is kept, as an opening deadline is over one inside
    # ("Within three months, the force should: ... these are recorded as soon as possible")
    inherited = P.DEADLINE.search(x.text[slice(*item["lead"])]) if item.get("lead") else None
    if inherited:
        record["deadline"] = deadline_of(inherited)
    elif deadlines:
        record["deadline"] = deadline_of(deadlines[0])
    subs = item["items"]
    if not subs and len(deadlines) > 1:
        cuts = [0] + [m.start() for m in deadlines[1:]]
        subs = [{"start": start + a, "end": start + b} for a, b in zip(cuts, [*cuts[1:], len(body)], strict=True)]
    items = []
    for letter, sub in zip("abcdefghijklmnopqrstuvwxyz", subs, strict=False):
        s_start, s_end = _lead(x, sub["start"], sub["end"])
        lead = re.match(r"(?i)\s*(?:and|or)\s+", x.text[s_start:s_end])
        if lead:
            s_start += lead.end()
        sub_evidence = x.quote(s_start, s_end)
        if not sub_evidence:
            continue
        sub_record = {"id": f"{record['id']}-{letter}", "summary": _summary(x, sub["start"], sub["end"])}
        x.ids.add(sub_record["id"])
        deadline = _deadline(x, x.text[sub["start"]:sub["end"]])
        if deadline:
            sub_record["deadline"] = deadline
        sub_record.update(sub_evidence)
        items.append(sub_record)
    if items:
        record["items"] = items
    record.update(evidence)
    x.draft.recommendations.append(record)


# An area for improvement or a cause of concern named in a sentence that says what it is, as the inspectorate,
# PCCs and panels write them: "It is a cause of concern that the recording rate ...", "There are areas for
# improvement in relation to transparency ...", "the areas for improvement identified in their report and in
# particular regarding the service to victims"; or whose next sentence says it: "... had an area for
# improvement in our 2017 effectiveness inspection. This was that the force should ...". Not one named in
# passing ("progress against the causes of concern", "to address these areas for improvement").
_KIND_NAMED = re.compile(r"(?i)\b(?:(?P<afi>areas?\s+(?:for|needing|requiring|in\s+need\s+of)\s+improvement"
                         # "some areas in which the service could improve" (hmicfrs-peel-2018-psni)
                         r"|areas?\s+(?:in\s+which|where)\s+(?:the\s+(?:force|service|constabulary)|it)\s+(?:could|can"
                         r"|should|needs?\s+to|must)\s+improve"
                         # a commissioner's words for them: "some suggestions for improvement around referral of
                         # complaints" (essex-pfcc-2017-hmic-reports-legitimacy)
                         r"|suggestions?\s+for\s+improvement)|(?P<coc>causes?\s+(?:of|for)\s+concern))\b")
_SAYS_WHAT = re.compile(r"(?i)^(?:[\s,]+[\w’'-]+){0,10}?[\s,]+(?:in\s+relation\s+to|relat(?:ing|ed|es)\s+to|regarding"
                        r"|concerning|(?:is|was)\s+that|(?:is|was)\s+for\s+(?:the\s+force|it)\s+to|around|about"
                        r"|over\s+(?:the\s+way|how|its|the\s+force)|including(?:\s+in)?)\s+\S"
                        # "We said that this was an area for improvement and that the constabulary should immediately
                        # make sure ..." (accountabilityindex-peel-2023-25-suffolk-findings)
                        r"|^,?\s+and\s+that\s+(?:the\s+(?:force|constabulary)|it)\s+(?:should|must|needs?\s+to)\s+\S")
_IT_IS_A = re.compile(r"(?i)\bit\s+(?:is|was|remains)\s+an?\s+$")  # "It is a cause of concern that ..."
# A sentence that names the one before it as the kind: "This is a cause of concern.", "This remains an area for
# improvement."
_THIS_IS_A = re.compile(r"(?i)\s*(?:this|that)\s+(?:is|was|remains)\s+(?:also\s+|still\s+)?an?\s+")
# The kind in a condition, no item in particular: "we provide additional accountability and support to forces when
# there are causes of concern about their efficiency, ..." (hmicfrs-2025-metropolitan-return-to-scan-letter).
_WHEN_THERE_ARE = re.compile(r"(?i)\b(?:when|whenever|if|where|unless)\s+there\s+(?:are|is|were|was)\s+"
                             r"(?:an?\s+|any\s+)?$")
# A sentence that ends on the kind once it is said to have been found: "areas needing improvement were clearly
# identified."
_IDENTIFIED = re.compile(r"(?i)\s+(?:were|was|have\s+been|has\s+been|had\s+been)\s+(?:\w+ly\s+)?(?:identified|found"
                         r"|highlighted|noted|raised)\s*[.!]?[’”\"']?\s*")
# Advice to the force in a noun: "the need for the force to ensure ...".
_NEED_FOR = re.compile(r"(?i)\bthe\s+need\s+for\s+(?:the\s+(?:force|constabulary)|it)\s+to\s+[a-z]")
# A second thing to improve, an action after "and": "... around referral of complaints and providing updates ...".
_AND_DOING = re.compile(r",?\s+and\s+(?=[a-z]+ing\s)")
_THIS_WAS_THAT = re.compile(r"(?i)^\s*(?:this|it)\s+(?:was|is)\s+that\b")
# A sentence singling out one of the items the sentence before counted: "One of them was about engaging with the
# public".
_ONE_OF_THEM = re.compile(r"(?i)^one\s+of\s+(?:them|these|those|the\s+\w+)\s+(?:was|is|related|concerned)\b")
# The sentence after one that ends naming the kind, stating its advice: "However, there are several areas for
# improvement. The force must improve how it carries out ..." (hmicfrs-2022-west-midlands-peel-news).
_ADVICE_NEXT = re.compile(r"(?:(?:For\s+example|For\s+instance|In\s+particular),\s+(?:it|the\s+(?:force|service"
                          r"|constabulary))\s+(?:should|must|needs\s+to)|" + _ADDRESSEE
                          + r"\s+(?:should|must|needs\s+to))\s+[a-z]")


def _unclaimed(x, pattern: re.Pattern, covered: list[tuple[int, int]], at: str = "start"):
    """Each match of `pattern` in each block of the report, as (block, the block's text, match), but those another
    rule has claimed: whose start (or end, with at="end") lies in a span of `covered`, as it stands when the match
    comes (the caller claims spans as it goes)."""
    for block in x.blocks:
        text = x.text[block.start:block.end]
        for match in pattern.finditer(text):
            offset = block.start + (match.start() if at == "start" else match.end())
            if not any(a <= offset < b for a, b in covered):
                yield block, text, match


def _named_in_prose(x, covered) -> None:
    for block, text, named in _unclaimed(x, _KIND_NAMED, covered):
        kind = "area-for-improvement" if named.group("afi") else "cause-of-concern"
        rest_of_line = text[named.end():].split("\n", 1)[0].rstrip()
        if rest_of_line.endswith(":") and not re.search(r"[.!?]\s", rest_of_line):
            continue  # a lead of the list below it ("Our cause of concern ... had eight recommendations:")
        start, end = _sentence(text, named.start())
        after = text[named.end():end]
        copula = re.match(r"(?i)\s*(?:are|were|is|was|includ(?:e|es|ed))\s+", after)
        if copula and _names_areas_only(after[copula.end():]):
            continue  # the areas graded so: "the areas requiring improvement are recording data about crime; ..."
        if _WHEN_THERE_ARE.search(text, start, named.start()):
            continue  # what any such item brings, none in particular: "when there are causes of concern about ..."
        it_is_that = _IT_IS_A.search(text[start:named.start()]) and re.match(r"(?i)\s+that\b", after)
        if _THIS_IS_A.fullmatch(text, start, named.start()) and not after.strip(" .!’”\"'") and start:
            # the sentence before is the item: "The force needs to improve the quality of its investigations.
            # This is a cause of concern." (hmicfrs-peel-2018-19-warwickshire-effectiveness)
            begin = _sentence(text, start - 2)[0]
            quote = (block.start + begin, block.start + end)
            covered.append(quote)
            _recommendation(x, {"start": quote[0], "end": quote[1], "items": []}, kind)
            continue
        says = _SAYS_WHAT.match(after)
        if says and _names_areas_only(after[says.end() - 1:end - named.end()]):
            continue  # named only by its area: "we closed the cause of concern regarding the management of sexual
            # offenders" (GUIDE.md, round 3: a mention, not an item)
        if it_is_that or says:
            quote = (block.start + start, block.start + end)
        else:
            following = text[end:].lstrip()
            begin = len(text) - len(following)
            ends_its_sentence = not after.strip(" .:!’”\"'") or _IDENTIFIED.fullmatch(after)
            # "... areas needing improvement were clearly identified. Williams emphasized the need for the force
            # to ensure all officers and staff feel valued ..." (theeyeofmedia-2024-south-wales-peel)
            need = _NEED_FOR.search(text, begin, _sentence(text, begin)[1]) if ends_its_sentence else None
            if ends_its_sentence and _ONE_OF_THEM.match(following) and not need:
                # the one the text is about, then what it was, maybe on the next line: "we identified six causes of
                # concern. One of them was about engaging with the public ...\nThis was that Cleveland Police doesn’t
                # adequately engage with local communities." (hmicfrs-2021-cleveland-cause-of-concern-revisit-...)
                one_end = block.start + _sentence(text, begin)[1]
                rest = x.text[one_end:one_end + 2000]
                this_was = re.match(r"\s*", rest)
                if _THIS_WAS_THAT.match(rest):
                    a = one_end + this_was.end()
                    b = a + _sentence(rest[this_was.end():], 0)[1]
                    covered.append((a, b))
                    _recommendation(x, {"start": a, "end": b, "items": []}, kind)
                continue
            if not (_THIS_WAS_THAT.match(following) or ends_its_sentence and (_ADVICE_NEXT.match(following)
                                                                              or need)):
                continue
            if need and not _ADVICE_NEXT.match(following) and not _THIS_WAS_THAT.match(following):
                begin = need.start()
            quote = (block.start + begin, block.start + _sentence(text, begin)[1])
        covered.append(quote)
        pieces = [quote]
        if says and kind == "area-for-improvement":
            # "around referral of complaints and providing updates to complainants ...": one item each
            cut = _AND_DOING.search(text, named.end() + says.end() - 1, end)
            if cut:
                pieces = [(quote[0], block.start + cut.start()), (block.start + cut.end(), quote[1])]
        for a, b in pieces:
            _recommendation(x, {"start": a, "end": b, "items": []}, kind)


# Items counted, then restated by their content, as a commissioner words a report's recommendations: "Two
# recommendations made in the report are in respect of increasing engagement with partners ... and the need for the
# force to review ..." (northumbria-pcc-2015-crime-inspection-response; GUIDE.md, round 3).
_RESTATED = re.compile(
    r"(?i)\b(?P<count>one|two|three|four|five|six|seven|eight|nine|\d)\s+(?:[a-z]+\s+)?(?:(?P<recommendation>"
    r"recommendations?)|(?P<afi>areas?\s+for\s+improvement))\b[^.;:!?]{0,60}?\s(?:(?:are|is|were|was)\s+(?:in\s+respect"
    r"\s+of|about|concerned\s+with)|relate[sd]?\s+to|concern(?:s|ed)?|focus(?:es|ed)?\s+on)\s+(?=\S)")
# Where the next restated item starts: "and" or a comma before a noun phrase or a verb in -ing.
_NEXT_RESTATED = re.compile(r"(?i),?\s+and\s+(?=(?:the|a|an|its|their)\s|\w+ing\s)|,\s+(?=(?:the|a|an|its|their)\s"
                            r"|\w+ing\s)")


def _restated_in_prose(x, covered) -> None:
    """Items counted and restated by their content: one item per piece of the content when it has as many pieces
    as the count says, else one for the whole."""
    for block, text, restated in _unclaimed(x, _RESTATED, covered, at="end"):
        begin = block.start + restated.end()
        end = block.start + _sentence(text, restated.end())[1]
        count = restated.group("count").lower()
        count = int(count) if count.isdigit() else P.NUMBER_WORDS[count]
        cuts = list(_NEXT_RESTATED.finditer(x.text, begin, end))
        pieces = [(begin, end)] if len(cuts) != count - 1 else [
            (a, b) for a, b in zip([begin, *(c.end() for c in cuts)], [*(c.start() for c in cuts), end],
                                   strict=True)]
        kind = "recommendation" if restated.group("recommendation") else "area-for-improvement"
        covered.append((block.start + restated.start(), end))
        for a, b in pieces:
            _recommendation(x, {"start": a, "end": b, "items": []}, kind)


def _names_areas_only(phrase: str) -> bool:
    """Whether a phrase names only areas the inspectorate grades, saying nothing of what is wrong in them:
    "responding to the public", "crime data integrity (CDI) and the management of sexual offenders" (a short
    form in brackets aside; an area's name may take a word or so, "responding to the public remained")."""
    phrase = re.sub(r"\s*\([^)]{1,12}\)", "", phrase)
    # (up to a new noun phrase after a comma: "..., and the area of concern")
    phrase = re.split(r",\s*(?:and\s+)?(?:the|a|an|its|this|these)\s", phrase, maxsplit=1)[0].strip(" .;:,")
    if not phrase or P.MODAL_ADVICE.search(phrase) or re.search(r"(?i)\bthat\b", phrase):
        return False
    pieces = listed_areas(phrase)
    return bool(pieces) and all(canonical_area(phrase[p[0]:p[1]] if len(p) == 2 else p[2]) for p in pieces)


# The items of a kind named in the sentence before, listed by what they do: "The HMICFRS marked five areas for
# improvement and made 43 recommendations. Suggestions included making improvements in ..., extending ... and
# improving ..." (jurist-2022-vetting-misconduct-misogyny-report; GUIDE.md, round 4), "These include reviewing ...".
_THEY_INCLUDED = re.compile(r"(?:These|They|Suggestions|Recommendations|Its\s+recommendations)\s+(?:also\s+)?"
                            r"includ(?:ed|e)\s+(?=[a-z]+ing\s)")


# The last item of such a list added with "as well as" ("... and utilising body-worn video ... as well as more
# comprehensive analysis of stop and search data").
_AS_WELL_AS = re.compile(r",?\s+as\s+well\s+as\s+(?=\S)")


def _included_in_prose(x, covered) -> None:
    """Items listed by their actions in the sentence after one naming their kind: one item per action."""
    for block, text, listed in _unclaimed(x, _THEY_INCLUDED, covered, at="end"):
        begin = block.start + listed.end()
        start, end = listed.start(), _sentence(text, listed.start())[1]
        if not re.search(r"(?:^|[.!?][’”\"']?\s+)$", text[:start]):
            continue  # not opening its sentence
        kinds = list(P.KIND_NAMED.finditer(text[_sentence(text, max(start - 2, 0))[0]:start]))
        if re.match(r"(?:Its\s+)?Recommendations\b", listed.group()):
            # the subject names the kind: "Recommendations included putting in place independent external scrutiny
            # and utilising body-worn video ... as well as more comprehensive analysis of stop and search data"
            # (gwent-police-stop-and-search-peel-2017)
            kind = "recommendation"
        elif not kinds:
            continue
        else:
            kind = {"recommendation": "recommendation", "afi": "area-for-improvement", "coc": "cause-of-concern"}[
                next(k for k, v in kinds[-1].groupdict().items() if v)]
        end = block.start + end
        cuts = sorted([c for c in _NEXT_RESTATED.finditer(x.text, begin, end)
                       if re.match(r"[a-z]+ing\s", x.text[c.end():])]
                      + list(_AS_WELL_AS.finditer(x.text, begin, end)), key=lambda c: c.start())
        covered.append((block.start + start, end))
        for a, b in zip([begin, *(c.end() for c in cuts)], [*(c.start() for c in cuts), end], strict=True):
            _recommendation(x, {"start": a, "end": b, "items": []}, kind)


def _sentence(text: str, i: int) -> tuple[int, int]:
    """The sentence of text[i]: from after the last full stop before it to its own (kept)."""
    starts = [m.end() for m in re.finditer(r"[.!?][’”\"']?\s+(?=[A-Z“‘\"'])", text[:i])]
    start = starts[-1] if starts else 0
    stop = re.search(r"[.!?](?=[’”\"']?(?:\s+[A-Z“‘\"'(]|\s*$))", text[i:])
    return start, i + stop.end() if stop else len(text.rstrip())
