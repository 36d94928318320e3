"""People by the form the text names them in, on passages of real texts (benchmarks/corpus/, `split: dev`).

The forms of graph.ingest.people added in round 4, each with a like passage that must not give a
person: a commissioner of police, fire and crime without "Rescue"; a body's post in lower case
before the name; an inspector of constabulary after the inspectorate's acronym; honours after a
signed name; a name, then the post taken or held ("’s term as"); a first name written as two
initials; a known person's surname alone. Round 5 added: a first name as one capital ("Councillor D
Boyes"), a post's head alone before the body it is of ("Chair of the Association of ..."), a plural post
before names joined by "and", and a name then its post with no comma opening a story.
"""

from __future__ import annotations

import pytest

from graph.data.evidence import find_quote
from graph.ingest.extraction import extract, fold
from tests.ingest.test_real_people import CORPUS, _people

WITH_POSTS = [
    # "Police, Fire and Crime Commissioner" (no "Rescue"), after the name and in a letter's address block.
    pytest.param("essex-pfcc-2025-peel-response",
                 "Roger Hirst, Police, Fire and Crime Commissioner for Essex, has reflected on the Police "
                 "effectiveness, efficiency and legitimacy (PEEL) report 2023–25",
                 "Roger Hirst", "Police, Fire and Crime Commissioner", id="pfcc-after-name-essex"),
    pytest.param("hmicfrs-2024-staffordshire-causes-of-concern-revisit-letter",
                 "Ben Adams\nStaffordshire Police, Fire and Crime Commissioner\nSent on\n21 May 2024",
                 "Ben Adams", "Staffordshire Police, Fire and Crime Commissioner", id="pfcc-signed-staffordshire"),
    # Honours after a signed name, a fire service medal among them.
    pytest.param("hmicfrs-2025-nottinghamshire-causes-of-concern-revisit-letter",
                 "Roy Wilsher OBE QFSM\nHis Majesty’s Inspector of Constabulary", "Roy Wilsher",
                 "HM Inspector of Constabulary", id="honours-qfsm-nottinghamshire"),
    # The inspectorate's acronym before "Inspector of Constabulary" (not "HM").
    pytest.param("polfed-leicestershire-2018-peel", "HMIC Inspector of Constabulary Zoe Billingham praised the Force:",
                 "Zoë Billingham", "Inspector of Constabulary", id="acronym-inspector-of-constabulary"),
    # A body's post in lower case after its name, before the person's.
    pytest.param("polfed-leicestershire-2018-peel",
                 "The Force’s ‘good’ rating from Her Majesty’s Inspectorate of Constabulary and Fire & Rescue Services "
                 "(HMICFRS) is a testimony to the dedication and commitment of all its officers and staff, according "
                 "to Leicestershire Police Federation chair Tiff Lynch.",
                 "Tiff Lynch", "Leicestershire Police Federation chair", id="lower-case-chair-after-body"),
    # A name, then the post held: "’s term as".
    pytest.param("hmicfrs-2023-state-of-policing-2022-foreword",
                 "On 31 March 2022, Sir Thomas Winsor’s term as HM Chief Inspector came to an end.",
                 "Thomas Winsor", "HM Chief Inspector", id="term-as-post"),
    # A first name written as two initials.
    pytest.param("essex-police-2022-peel-statement", "Essex Police Chief Constable BJ Harrington QPM said:",
                 "BJ Harrington", "Chief Constable", id="two-initials"),
    # Round 5: a first name as one capital without a stop, as minutes write councillors.
    pytest.param("durham-panel-2022-hmicfrs-inspection-reports",
                 "Councillor D Boyes noted that previously the rating for Durham Constabulary had been ‘outstanding’",
                 "D Boyes", "Councillor", id="one-initial-councillor"),
    # Round 5: a post's head alone, then the body it is of.
    pytest.param("apcc-2022-vetting-misconduct-misogyny-response",
                 "Marc Jones, Chair of the Association of Police and Crime Commissioners, said:",
                 "Marc Jones", "Chair of the Association of Police and Crime Commissioners", id="chair-of-body"),
    # Round 5: a name, then its post with no comma, opening a news story.
    pytest.param("yorkpress-2023-north-yorkshire-peel",
                 "Zoë Metcalfe Police, Fire and Crime Commissioner for North Yorkshire and York was reacting to His "
                 "Majesty's Inspectorate of Constabulary Fire and Rescue Service (HMICFRS) PEEL Inspection into North "
                 "Yorkshire Police.", "Zoë Metcalfe", "Police, Fire and Crime Commissioner", id="name-then-post"),
]


@pytest.mark.parametrize(("source", "passage", "name", "post"), WITH_POSTS)
def test_people_with_their_posts(draft_passage, known_labels, source, passage, name, post):
    draft = draft_passage(source, passage)
    people = _people(draft, known_labels)
    assert post in people.get(name, ()), people
    assert len(people) == 1, people  # ("Sent on": a letter's line, not a person)
    for relation in draft.relations:
        assert find_quote(relation["quote"], passage), relation["quote"]


def test_a_plural_post_is_each_named_persons(draft_passage, known_labels):
    """Round 5: a plural post, then names joined by "and": each holds it (the body's acronym before the post)."""
    draft = draft_passage("apcc-2022-vetting-misconduct-misogyny-response",
                          "APCC Leads for Transparency and Integrity, Giles Orpen-Smellie and Alison Lowe, added:")
    people = _people(draft, known_labels)
    assert people == {name: {"APCC Leads for Transparency and Integrity"}
                      for name in ("Giles Orpen-Smellie", "Alison Lowe")}, people


NOT_PEOPLE = [
    # Round 5: a force's area before a post and a name is not a name before its post (the name after it is).
    pytest.param("humberside-opcc-2016-peel-efficiency",
                 "Humberside Police and Crime Commissioner", id="area-before-post"),
    # Round 5: a post's head and what it is of, no name after it.
    pytest.param("cityoflondon-2018-hmicfrs-update-minutes",
                 "The Head of Strategic Development explained that there had been no further reports since the last "
                 "meeting of the Sub-Committee on 30 November 2017.", id="head-of-no-name"),
    # A body's role, "’s role as": no post, no person.
    pytest.param("hmicfrs-2021-fraud-review-press-release",
                 "HMICFRS said the City of London Police’s role as the national lead police force for fraud is clearer "
                 "than it was in 2019", id="body-role-as"),
    # A post at the end of its line, a word of the next line after it.
    pytest.param("hmicfrs-2024-staffordshire-causes-of-concern-revisit-letter",
                 "Staffordshire Police, Fire and Crime Commissioner\nSent on\n21 May 2024", id="address-block-lines"),
]


@pytest.mark.parametrize(("source", "passage"), NOT_PEOPLE)
def test_not_people(draft_passage, known_labels, source, passage):
    people = _people(draft_passage(source, passage), known_labels)
    assert people == {}, people


def test_a_known_persons_surname_is_that_person(data_dir, draft_passage, known_labels):
    """A person the graph knows, named in full with no post ("Zoe Billingham praised"), is the one a later
    "Ms Billingham" names: not a new person."""
    source = "polfed-leicestershire-2018-peel"
    first, later = "Zoe Billingham praised the Force:", "Ms Billingham said policing is ‘under significant stress’"
    draft_passage(source, first)
    assert later in (CORPUS / f"{source}.txt").read_text(encoding="utf-8")
    draft = extract(first + "\n\n" + later, source, data_dir=data_dir, exclude_sources=(source,))
    people = _people(draft, known_labels)
    assert [fold(p) for p in people] == ["zoe billingham"], people


ROUND6_WITH_POSTS = [
    # Round 6: a letter's address block, each line its own ("To" / post and name / the force): the name does not run
    # on into the next line, nor does a post acronym's name into the post under it.
    pytest.param("hmicfrs-2025-metropolitan-return-to-scan-letter",
                 "To\nCommissioner Sir Mark Rowley\nMetropolitan Police Service", "Mark Rowley", "Commissioner",
                 id="address-block-post-name"),
    pytest.param("hmicfrs-2025-metropolitan-return-to-scan-letter",
                 "From\nHMI Lee Freeman KPM\nHis Majesty’s Inspector of Constabulary\nHis Majesty’s Inspector of Fire "
                 "& Rescue Services", "Lee Freeman", "HM Inspector of Constabulary", id="address-block-acronym-post"),
    # A signature's post with what it is of, on the line under the name.
    pytest.param("hmicfrs-2025-metropolitan-return-to-scan-letter", "Cc\nSir Sadiq Khan\nMayor of London",
                 "Sadiq Khan", "Mayor of London", id="signature-post-of"),
    # A name, then the post taken over.
    pytest.param("standard-2022-metropolitan-peel",
                 "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services (HMICFRS) said Scotland Yard "
                 "must make urgent improvements as it published its findings, just days after Sir Mark Rowley took "
                 "over as Commissioner.", "Mark Rowley", "Commissioner", id="took-over-as"),
]


@pytest.mark.parametrize(("source", "passage", "name", "post"), ROUND6_WITH_POSTS)
def test_people_with_their_posts_round6(draft_passage, known_labels, source, passage, name, post):
    draft = draft_passage(source, passage)
    people = _people(draft, known_labels)
    assert post in people.get(name, ()), people
    for relation in draft.relations:
        assert find_quote(relation["quote"], passage), relation["quote"]


ROUND6_NOT_PEOPLE = [
    # A block of short lines naming no one: a letter's date lines and title are not an address block's names.
    pytest.param("hmicfrs-2025-metropolitan-return-to-scan-letter",
                 "Sent on\n23 January 2025\n\nMetropolitan Police Service: return to default phase of monitoring",
                 id="address-block-no-names"),
    # A panel's heading line: a body, a day and a time, no one named.
    pytest.param("gloucestershire-panel-2023-11-hmicfrs-improvement-plan",
                 "Gloucestershire Police and Crime Panel - Friday 24 November 2023 10.00 am", id="panel-heading"),
]


@pytest.mark.parametrize(("source", "passage"), ROUND6_NOT_PEOPLE)
def test_not_people_round6(draft_passage, known_labels, source, passage):
    people = _people(draft_passage(source, passage), known_labels)
    assert people == {}, people
