"""Entities by the form the text names them in, on passages of real texts (benchmarks/corpus/, `split: dev`).

The forms of graph.ingest.entities added in round 4, each with a like passage that must not give the
same: a practice the graph knows, named in lower case; a named operation; a name glossed by a known
short form; a plan of this report's force when the graph knows another force's of that name; a body
named before a post; a lower-case head before its people; a report's title before its file format.
Round 5 added: a known body's name inside a longer name of a body of its kind (HMIC's in HMICFRS's
written without its "and") is part of that name; the body a post is of after "of the" is an entity; a
capitalised name before a noun it modifies, and a name after its owner's ("the Chief Constable’s"), are names;
statements, codes, IT systems, laws (schemes) and meetings are named by their heads (a meeting and a law only
capitalised, a system not by a common noun in capitals: "the IT system"); a method by an unknown acronym
before "model" or "assessments" ("the THRIVE model"); a quoted title before "report"; an IT system named
after the word for it ("community messaging system Derbyshire Alert"); a body's name cut short after the
text gave it in full is that body; "X and Y" before a plural head ("fire and rescue services") names a kind of
body, not one; an acronym before a lower-case "inspection" or "programme" ("the CDI programme") is the
programme's short name, not a new one.
"""

from __future__ import annotations

import pytest

from graph.ingest.extraction import extract
from tests.ingest.test_real_people import CORPUS


def _proposed(draft) -> dict[str, str]:
    """The new entities' labels, by type and label."""
    return {e["label"]: e["type"] for e in draft.entities}


def _mentioned(draft) -> dict[str, str]:
    """The known entities the draft mentions, each with its first quote."""
    found: dict[str, str] = {}
    for m in draft.mentions:
        found.setdefault(m["entity"], m["quote"])
    return found


@pytest.mark.parametrize(("source", "passage"), [
    pytest.param("hmicfrs-peel-2017-bedfordshire-legitimacy",
                 "In particular, the force carefully monitors the use of coercive powers, such as stop and search, "
                 "which demonstrates its strong commitment to improving how", id="lower-case-bedfordshire"),
    pytest.param("hmicfrs-peel-2018-19-lancashire-effectiveness-findings",
                 "Lancashire Constabulary is good at prioritising prevention and problem solving to stop people "
                 "becoming victims of crime", id="lower-case-lancashire"),
    # Capitalised only as a heading's first word.
    pytest.param("hmic-peel-2015-durham-legitimacy", "Stop and search and Taser", id="heading-durham"),
])
def test_a_practice_named_in_lower_case_is_not_an_entity(draft_passage, source, passage):
    draft = draft_passage(source, passage)
    assert not [e for e in _mentioned(draft) if e.startswith(("tactic/", "power/"))], _mentioned(draft)


def test_a_named_operation(draft_passage):
    draft = draft_passage("durham-panel-peel-2014-update",
                          "Councillor Jones referred to Operation Seabrook and asked whether any funding would be "
                          "provided from government to offset the costs of the investigation")
    assert _proposed(draft).get("Operation Seabrook") == "Initiative", _proposed(draft)


def test_operations_in_brackets_after_a_post_are_not_an_operation(draft_passage):
    draft = draft_passage("city-of-london-committee-2019-hmicfrs-update",
                          "The Commander (Operations) explained that options for the site had been costed")
    assert not [label for label in _proposed(draft) if "Operation" in label]


def test_a_name_glossed_by_a_known_short_form_is_that_entity(draft_passage):
    """The text drops "Her": the name is HMICFRS all the same (its short form says so), not a new body."""
    draft = draft_passage("sussex-pcc-2020-peel-response",
                          "Sussex Police has welcomed an annual inspection report published today by Majesty’s "
                          "Inspectorate of Constabulary and Fire & Rescue Services (HMICFRS).")
    assert not [label for label, kind in _proposed(draft).items() if kind == "Inspectorate"], _proposed(draft)
    quotes = [m["quote"] for m in draft.mentions if m["entity"] == "org/hmicfrs"]
    assert "Majesty’s Inspectorate of Constabulary and Fire & Rescue Services" in quotes, quotes


@pytest.mark.parametrize(("source", "passage", "name"), [
    # Round 5: the inspectorate's name with "and" or "&" left out, glossed by its short form or not.
    pytest.param("bbc-2024-derbyshire-peel",
                 "The report by His Majesty's Inspectorate of Constabulary and Fire Rescue Services (HMICFRS), said "
                 "the force was not", "His Majesty's Inspectorate of Constabulary and Fire Rescue Services",
                 id="glossed-bbc"),
    pytest.param("cambrian-news-2025-north-wales-peel-scrutiny",
                 "conducted by His Majesty’s Inspectorate of Constabulary Fire and Rescue Services. PEEL inspections "
                 "assess each police force", "His Majesty’s Inspectorate of Constabulary Fire and Rescue Services",
                 id="new-name-cambrian"),
])
def test_a_known_body_inside_a_longer_name_of_its_kind_is_part_of_it(draft_passage, source, passage, name):
    """HMIC's name opens HMICFRS's written without its "and": one body, not HMIC too."""
    draft = draft_passage(source, passage)
    assert "org/hmic" not in _mentioned(draft), _mentioned(draft)
    named = [e["quote"] for e in draft.entities] + [m["quote"] for m in draft.mentions]
    assert name in named, named


CUT_SHORT = ("published by His Majesty’s Inspectorate of Constabulary and Fire & Rescue Services (HMICFRS).\n"
             "The force has been graded as ‘good’ in four areas, ‘adequate’ in two areas and ‘requires "
             "improvement’ in two areas. The full assessment can be accessed via the link below:\nCleveland PEEL "
             "Assessment 2023–2025Matt said: “I’m delighted that the scale and impact of Cleveland Police’s "
             "improvement has been recognised by His Majesty’s Inspectorate in their latest report")


def test_a_bodys_name_cut_short_after_it_was_given_in_full_is_that_body(draft_passage):
    """Round 5: "His Majesty’s Inspectorate", the inspectorate named in full before, is HMICFRS, not a new body."""
    draft = draft_passage("cleveland-pcc-2025-peel-response", CUT_SHORT)
    assert not [label for label, kind in _proposed(draft).items() if kind == "Inspectorate"], _proposed(draft)
    assert "His Majesty’s Inspectorate" in [m["quote"] for m in draft.mentions if m["entity"] == "org/hmicfrs"]


def test_a_bodys_name_cut_short_with_no_full_name_before_is_a_name(draft_passage):
    draft = draft_passage("cleveland-pcc-2025-peel-response", CUT_SHORT.split("“")[-1])
    assert _proposed(draft).get("His Majesty's Inspectorate") == "Inspectorate", _proposed(draft)


def test_a_known_body_before_a_unit_of_its_own_stays_named(draft_passage):
    """The parent before a unit's head ("the HMICFRS Press Office") is a body of another kind: still mentioned."""
    draft = draft_passage("hmicfrs-2022-lancashire-peel-press-release",
                          "- For further information, please contact the HMICFRS Press Office on 07836 217 729")
    assert "org/hmicfrs" in _mentioned(draft), _mentioned(draft)


@pytest.mark.parametrize(("source", "passage", "expected"), [
    # Round 5: the body a post is of, after "of the".
    pytest.param("apcc-2022-vetting-misconduct-misogyny-response",
                 "Marc Jones, Chair of the Association of Police and Crime Commissioners, said:",
                 {"Association of Police and Crime Commissioners": "Organisation"}, id="chair-of-the-body"),
    # The post's own title after "of" is no body.
    pytest.param("hmicfrs-2024-staffordshire-causes-of-concern-revisit-letter",
                 "I am pleased to let you know that His Majesty’s Chief Inspector (HMCI) of Constabulary and Fire & "
                 "Rescue Services, Andy Cooke, has decided", {}, id="post-title-of"),
])
def test_the_body_a_post_is_of(draft_passage, source, passage, expected):
    proposed = {k: v for k, v in _proposed(draft_passage(source, passage)).items()
                if v not in ("Inspection", "Person", "Post")}
    assert proposed == expected


def test_this_forces_plan_is_not_another_forces(draft_passage):
    """The graph knows Kent's "Police and crime plan": West Yorkshire's commissioner names his own."""
    draft = draft_passage("westyorkshire-pcc-2017-peel-2016-response",
                          "Mark Burns-Williamson, West Yorkshire's Police and Crime Commissioner said: \"This is a "
                          "very positive report and it is pleasing to see that HMIC have recognised the comprehensive "
                          "on-going work to safeguard vulnerable people and provide support to victims of crime which "
                          "meets important outcomes in the Police and Crime Plan.")
    assert _proposed(draft).get("Police and Crime Plan") == "Policy", _proposed(draft)
    assert "policy/kent-police-and-crime-plan" not in _mentioned(draft)


def test_a_body_named_before_a_post(draft_passage):
    draft = draft_passage("sypf-2022-south-yorkshire-peel",
                          "South Yorkshire Police Federation Chair Steve Kent said the results were “astonishing”")
    assert _proposed(draft).get("South Yorkshire Police Federation") == "Organisation", _proposed(draft)
    assert "Steve Kent" in _proposed(draft)


@pytest.mark.parametrize(("source", "passage", "expected"), [
    # A lower-case head before the people of the group: "partnership leads" are people, not a named unit.
    pytest.param("hmicfrs-peel-2018-19-staffordshire-effectiveness",
                 "Local policing commanders regularly meet with community safety partnership leads", {},
                 id="lower-case-head-leads"),
    # A capitalised head stays a name.
    pytest.param("wiltshire-police-2024-peel-improvements",
                 "Significant improvement in the use of THRIVE risk assessments by Crime and Communications Centre "
                 "staff", {"Crime and Communications Centre": "Organisation", "THRIVE risk assessments": "Tactic"},
                 id="capitalised-head-staff"),  # (THRIVE: the gold's, a method named by its acronym, round 5)
])
def test_a_head_before_its_people(draft_passage, source, passage, expected):
    proposed = {k: v for k, v in _proposed(draft_passage(source, passage)).items() if v != "Inspection"}
    assert proposed == expected


def test_a_reports_title_without_its_file_format(draft_passage):
    draft = draft_passage("hmic-2014-crime-recording-making-the-victim-count",
                          "Get the report\n\nCrime-recording: making the victim count (PDF document)")
    documents = [label for label, kind in _proposed(draft).items() if kind == "Document"]
    assert documents == ["Crime-recording: making the victim count"]


def test_a_programmes_listed_words_in_another_order(draft_passage):
    """PEEL's "effectiveness, efficiency and legitimacy" written in another order is PEEL, not a new inspection."""
    draft = draft_passage("hmicfrs-2024-staffordshire-causes-of-concern-revisit-letter",
                          "In January 2022, we conducted a victim service assessment as part of our police efficiency, "
                          "effectiveness and legitimacy inspection of Staffordshire Police")
    assert "initiative/peel" in _mentioned(draft)
    assert not [label for label in _proposed(draft) if "legitimacy" in label.lower()], _proposed(draft)


@pytest.mark.parametrize(("source", "passage", "expected"), [
    # A report's title in quotation marks after a word for it.
    pytest.param("dorset-police-2016-peel-statement",
                 "The second report ‘Police Legitimacy’, which was published on 11 February 2016",
                 {"Police Legitimacy": "Document"}, id="quoted-title"),
    # A headline's quotation after "Report" in title case is a speaker's words.
    pytest.param("sypf-2022-south-yorkshire-peel",
                 "Inspection Report ‘Absolute Testament’ To South Yorkshire Officers", {}, id="headline-quotation"),
    # A plan named as the writer's own.
    pytest.param("northumbria-pcc-2015-crime-inspection-response",
                 "and also those I identified as priorities in my police and crime plan;",
                 {"Police and crime plan": "Policy"}, id="my-plan"),
    # Round 5: a capitalised name before a noun it modifies is still a name.
    pytest.param("gwent-pcc-2019-peel-welcome",
                 "“I am particularly pleased to see the force commended for delivering in a number of my Police and "
                 "Crime Plan priority areas such crime prevention, supporting victims and effective service delivery.",
                 {"Police and Crime Plan": "Policy"}, id="name-before-a-noun"),
    # Round 5: a plan named after its owner, a post the graph knows.
    pytest.param("kent-panel-peel-2021-22",
                 "which would be held on 3 November, to scrutinise the effectiveness of the Chief Constable’s "
                 "Improvement Plan. He shared his initial", {"Chief Constable's Improvement Plan": "Policy"},
                 id="owners-plan"),
    # Round 5: a named statement, code, IT system, law (a scheme) and meeting.
    pytest.param("eastbourneherald-2021-sussex-peel-preparation",
                 "Officers have developed a Force Management Statement, which looks in detail at every area of "
                 "business across the force.", {"Force Management Statement": "Document"}, id="named-statement"),
    pytest.param("hmicfrs-peel-2018-19-hertfordshire-legitimacy",
                 "The force emphasises the Code of Ethics, which is a feature in all fo",
                 {"Code of Ethics": "Policy"}, id="named-code"),
    pytest.param("city-of-london-committee-2019-hmicfrs-update",
                 "o   Timetable for implementing the revised Know Fraud system to be published.",
                 {"Know Fraud system": "System"}, id="named-system"),
    pytest.param("hmicfrs-peel-2018-19-suffolk-effectiveness",
                 "makes good use of powers such as Clare’s Law to protect vulnerab", {"Clare's Law": "Policy"},
                 id="named-law"),
    pytest.param("watfordobserver-2024-hertfordshire-peel",
                 "tually attend the next Accountability & Performance Meeting during which Herts",
                 {"Accountability & Performance Meeting": "Initiative"}, id="named-meeting"),
    # ... but not a common noun in capitals before the head, nor a meeting in lower case.
    pytest.param("hmicfrs-peel-2018-19-essex-effectiveness",
                 "We found that the force is still waiting the release of its preferred fix on the IT system",
                 {}, id="it-system"),
    pytest.param("cheshire-panel-2021-09-minutes",
                 "That the minutes of the Annual meeting of the Panel held on 11th June 2021", {},
                 id="lower-case-meeting"),
    # Round 5: a method named by an acronym the graph does not know, before "model" or "assessments".
    pytest.param("hmicfrs-peel-2018-psni",
                 "Call handlers now identify vulnerability at the first point of contact, through effective use of "
                 "the THRIVE model in the control room.", {"THRIVE model": "Tactic"}, id="acronym-model"),
    pytest.param("hmicfrs-peel-2018-psni",
                 "recommend that the force should enable officers to complete DASH assessments on their mobile data "
                 "devices.", {"DASH assessments": "Tactic"}, id="acronym-assessments"),
    # ... not the assessment of a body (the OPCC's) nor of a known programme (PEEL).
    pytest.param("wiltshire-panel-2023-peel-progress",
                 "alongside the OPCC assessment of the progress Wiltshire Police is making against the PEEL findings.",
                 {}, id="body-assessment"),
    # Round 5: a report's title in quotation marks before the word for it.
    pytest.param("newswales-2016-gwent-peel",
                 "has today published its ‘State of Policing’ report which is an annual assessment",
                 {"State of Policing": "Document"}, id="quoted-title-before-report"),
    # Round 5: an IT system named after the word for it, with or without a comma.
    pytest.param("derbyshire-police-2024-peel-statement",
                 "the use of community messaging system Derbyshire Alert to engage", {"Derbyshire Alert": "System"},
                 id="system-then-name"),
    pytest.param("hmicfrs-peel-2018-19-essex-effectiveness",
                 "The force has in the interim developed its own internal database, Go2, which wa", {"Go2": "System"},
                 id="database-comma-name"),
    # Round 5: one word each side of "and" before a plural head is the kind of body, not a named one (the singular
    # "accountability and standards team" stays a unit: test_real_entities.py).
    pytest.param("hmicfrs-2025-psni-inspection",
                 "His Majesty’s Inspectorate of Constabulary and Fire & Rescue Services (HMICFRS) independently "
                 "assesses the effectiveness and efficiency of police forces and fire and rescue services to make "
                 "communities safer.", {}, id="fire-and-rescue-services"),
    # A requirement named in capitalised words.
    pytest.param("hmicfrs-peel-2021-22-suffolk",
                 "We also inspected how well Suffolk Constabulary meets its obligations under the Strategic Policing "
                 "Requirement", {"Strategic Policing Requirement": "Policy"}, id="named-requirement"),
])
def test_named_documents_and_policies(draft_passage, source, passage, expected):
    proposed = {k: v for k, v in _proposed(draft_passage(source, passage)).items() if v != "Inspection"}
    assert proposed == expected


@pytest.mark.parametrize(("source", "passage", "acronym"), [
    pytest.param("cambrian-news-2025-north-wales-peel-scrutiny",
                 "This was part of continued scrutiny following a separate HMICFS inspection in November 2023",
                 "HMICFS", id="acronym-inspection"),
    pytest.param("hmicfrs-register-2017-merseyside-crime-recording-audit",
                 "The force at any time may be subject of a further unannounced inspection as part of the CDI "
                 "programme.", "CDI", id="acronym-programme"),
])
def test_an_acronym_before_a_lower_case_inspection_or_programme_names_none(draft_passage, source, passage, acronym):
    """Round 5: the programme's short name (even misspelt, "HMICFS") used before the word, not a new name."""
    assert not [label for label in _proposed(draft_passage(source, passage)) if acronym in label]


def test_a_quoted_title_ends_at_its_closing_mark(draft_passage):
    draft = draft_passage("dorset-police-2016-peel-statement",
                          "The second report ‘Police Legitimacy’, which was published on 11 February 2016, focused on "
                          "the Force’s approach to treating people fairly with an overall grading of ‘good’.")
    assert [label for label, kind in _proposed(draft).items() if kind == "Document"] == ["Police Legitimacy"]


def test_a_title_cut_short_is_the_title_again(draft_passage, data_dir):
    """The stored page ends with the link's title again, cut mid-word: one document."""
    source = "hmicfrs-2017-south-wales-crime-data-integrity-news"
    draft = draft_passage(source, "Get the report\n\nSouth Wales Police: Crime Data Integrity inspection 2017")
    assert [label for label, kind in _proposed(draft).items() if kind == "Document"] == [
        "South Wales Police: Crime Data Integrity inspection 2017"]
    text = (CORPUS / f"{source}.txt").read_text(encoding="utf-8")
    assert text.rstrip().endswith("Get the report\n\nSouth Wales Police: Crime Data Integrity inspect")
    whole = extract(text, source, data_dir=data_dir, exclude_sources=(source,))
    assert [label for label, kind in _proposed(whole).items() if kind == "Document"] == [
        "South Wales Police: Crime Data Integrity inspection 2017"]


# ---------------------------------------------------------------------------- round 6
@pytest.mark.parametrize(("source", "passage"), [
    # An inspection named by a PEEL pillar, or by the word for a force, with the programme's or the inspectorate's
    # name: PEEL's inspection of it, not one of its own name.
    pytest.param("rotherham-2016-south-yorkshire-panel-hmic-update",
                 "The Effectiveness Inspection took place in South Yorkshire on 17 October 2016.",
                 id="pillar-capitalised"),
    pytest.param("hmic-2015-domestic-abuse-increasingly-everyones-business-news",
                 "Between June and August 2015, as part of its PEEL: Effectiveness inspection programme, HMIC "
                 "therefore visited every police force in England and Wales", id="programme-pillar-programme"),
    pytest.param("cheshire-pcc-2016-hmic-efficiency-statement",
                 "COMMISSIONER'S STATEMENT ON HMIC EFFICIENCY INSPECTION", id="inspectorate-pillar-in-capitals"),
    pytest.param("accountabilityindex-peel-2023-25-suffolk-findings", "PEEL Force Inspection",
                 id="programme-force-inspection"),
])
def test_an_inspection_named_by_a_pillar_is_the_programmes(draft_passage, source, passage):
    draft = draft_passage(source, passage)
    assert not [e for e in draft.entities if e["type"] in ("Inspection", "Initiative")
                and e.get("description") != "The inspection this report gives the findings of."], draft.entities


def test_an_inspection_named_by_more_than_a_pillar_is_named(draft_passage):
    """A like heading naming what was inspected beyond a pillar stays an inspection of that name."""
    draft = draft_passage("hmicfrs-2018-durham-crime-data-integrity", "Durham Constabulary: Crime Data Integrity "
                          "inspection 2017")
    assert any(e["type"] == "Inspection" and e["label"].startswith("Crime Data Integrity inspection")
               for e in draft.entities), draft.entities


def test_a_short_form_in_brackets_before_a_name_is_part_of_it(draft_passage):
    """"His Majesty’s Inspectorate ... (HMICFRS) Improvement Plan" is the HMICFRS Improvement Plan."""
    draft = draft_passage("gloucestershire-panel-2023-11-hmicfrs-improvement-plan",
                          "give an update on His Majesty’s Inspectorate of Constabulary and Fire and Rescue Services "
                          "(HMICFRS) Improvement Plan.")
    assert _proposed(draft).get("HMICFRS Improvement Plan") == "Policy", _proposed(draft)
    assert "Improvement Plan" not in _proposed(draft)


def test_a_short_form_in_brackets_before_lower_case_words_names_nothing_more(draft_passage):
    draft = draft_passage("cheshire-pcc-2016-hmic-efficiency-statement",
                          "according to the latest Her Majesty’s Inspector of Constabulary (HMIC) efficiency report "
                          "released today, 3 November 2016.")
    assert not [label for label in _proposed(draft) if "HMIC" in label], _proposed(draft)


def test_a_name_cut_off_where_the_stored_text_ends_is_no_name(draft_passage):
    """The store ends mid-word: "the Independent Office of Police Co" is not a body's name."""
    draft = draft_passage("hmicfrs-peel-2017-south-wales",
                          "However, it needs to improve aspects of its complaints procedure and ensure it refers "
                          "relevant cases to the Independent Office of Police Co\n")
    assert not [label for label in _proposed(draft) if label.startswith("Independent Office")], _proposed(draft)


def test_a_quoted_title_after_a_comma_opening_with_a_possessive(draft_passage):
    draft = draft_passage("hmic-2015-domestic-abuse-increasingly-everyones-business-news",
                          "In March 2014, HMIC published a report, ‘Everyone’s business’, which found significant "
                          "weaknesses in the service provided to victims of domestic abuse by the police.")
    assert _proposed(draft).get("Everyone’s business") == "Document", _proposed(draft)


@pytest.mark.parametrize(("source", "passage"), [
    pytest.param("nipb-hmicfrs-oversight-psni",
                 "PSNI is also inspected by the Criminal Justice Inspection Northern Ireland (CJINI).", id="nipb"),
    pytest.param("cjini-2012-press-releases-april-june",
                 "NORTHERN Ireland needs a Witness Charter, following a report of the use of special measures in the "
                 "criminal justice system by the Criminal Justice Inspection Northern Ireland (CJI).", id="cjini"),
])
def test_a_body_defined_by_its_short_form_with_its_nation_after_its_head(draft_passage, source, passage):
    """A defined name whose head is followed by the nation it serves ("Criminal Justice Inspection Northern
    Ireland") is a body of its own."""
    draft = draft_passage(source, passage)
    assert _proposed(draft).get("Criminal Justice Inspection Northern Ireland") == "Inspectorate", _proposed(draft)


def test_a_new_bodys_name_cut_short_after_it_was_given_in_full_is_that_body(draft_passage):
    draft = draft_passage("cjini-2012-press-releases-april-june",
                          "NORTHERN Ireland needs a Witness Charter, following a report of the use of special measures "
                          "in the criminal justice system by the Criminal Justice Inspection Northern Ireland (CJI).\n"
                          "WHILE there has been significant effort by the Northern Ireland Prison Service (NIPS) the "
                          "Criminal Justice Inspection is disappointed at the overall pace of change.")
    labels = [label for label in _proposed(draft) if label.startswith("Criminal Justice Inspection")]
    assert labels == ["Criminal Justice Inspection Northern Ireland"], labels


def test_one_body_curated_twice_is_one_entity(draft_passage):
    """"Engage (HMICFRS enhanced monitoring)" is curated from two reports under two ids: the text's "enhanced
    monitoring" and "Engage" name one body."""
    draft = draft_passage("hmicfrs-2025-metropolitan-return-to-scan-letter",
                          "On 28 June 2022, we moved the MPS into our enhanced monitoring process, Engage.")
    engage = {m["entity"] for m in draft.mentions if "engage" in m["entity"]}
    assert len(engage) == 1, engage


def test_a_known_one_word_name_quoted_in_lower_case(draft_passage):
    """A one-word name the graph knows, in lower case but quoted as a name ("placed into ‘engage’ status")."""
    draft = draft_passage("gloucestershire-panel-2023-11-hmicfrs-improvement-plan",
                          "It was confirmed that Gloucestershire Constabulary had first been placed into ‘engage’ "
                          "status")
    assert any("engage" in entity for entity in _mentioned(draft)), _mentioned(draft)


def test_a_known_one_word_name_in_lower_case_unquoted_is_the_word(draft_passage):
    draft = draft_passage("btpa-2017-peel-report-response",
                          "The reports also praised the work done to engage with communities")
    assert not any("engage" in entity for entity in _mentioned(draft)), _mentioned(draft)


def test_the_forces_own_unit_after_the_forces(draft_passage):
    """"the force’s prevention directorate", as "its counter-corruption unit": the force's own unit."""
    draft = draft_passage("hmicfrs-2025-leicestershire-peel-news",
                          "Inspectors said that the force’s prevention directorate carries out an impressive range of "
                          "activity")
    assert _proposed(draft).get("Prevention directorate") == "Unit", _proposed(draft)


def test_a_known_bodys_name_cut_off_where_the_stored_text_ends_is_that_body(draft_passage):
    """The store ends inside HMICFRS's name ("... of Constabulary and Fire", its "& Rescue Services" cut): a mention
    of the inspectorate, not a new body nor HMIC's shorter name inside it."""
    draft = draft_passage("thames-valley-police-2019-cdi-response",
                          "Notes for Editors\n\nHer Majesty’s Inspectorate of Constabulary and Fire\n")
    assert not _proposed(draft), _proposed(draft)
    assert set(_mentioned(draft)) == {"org/hmicfrs"}, _mentioned(draft)


def test_a_programmes_name_in_a_links_file_name_is_not_a_mention(draft_passage):
    """"Peel-police-efficiency-2017-press-release", a link's file name: its words are no mention of PEEL."""
    draft = draft_passage("essex-pfcc-2017-hmic-reports-legitimacy", "Peel-police-efficiency-2017-press-release")
    assert "initiative/peel" not in _mentioned(draft)


def test_a_programmes_name_in_title_case_in_prose_is_a_mention(draft_passage):
    draft = draft_passage("dorsetview-2025-dorset-peel",
                          "His Majesty’s Inspectorate of Constabulary and Fire & Rescue Services has produced its Peel "
                          "Report following an inspection")
    assert "initiative/peel" in _mentioned(draft)


@pytest.mark.parametrize(("source", "passage", "label"), [
    # One word of function before a head texts use for one unit (bureau, directorate, board, desk) names it.
    pytest.param("hmicfrs-peel-2018-19-thames-valley-legitimacy",
                 "The force has an ethics board that reviews the ethics in all force policies", "Ethics board",
                 id="ethics-board"),
    pytest.param("hmicfrs-2019-warwickshire-crime-data-integrity",
                 "designated decision makers (DDMs) and a crime bureau that quality assures crime recording;",
                 "Crime bureau", id="crime-bureau"),
])
def test_one_word_of_function_before_a_singular_units_head(draft_passage, source, passage, label):
    assert _proposed(draft_passage(source, passage)).get(label) == "Unit"


@pytest.mark.parametrize(("source", "passage"), [
    # A unit's head before "processes" is a modifier of that noun.
    pytest.param("northants-pfcc-2022-peel-response",
                 "will be seeking progress reports on the AFI identified via his formal monthly accountability board "
                 "processes", id="board-processes"),
    # One word of function before a head any force's units have ("team") names none.
    pytest.param("hmicfrs-2020-suffolk-crime-data-integrity",
                 "introduced an investigation team which conducts initial investigations into incidents that don’t "
                 "need attendance", id="one-word-team"),
])
def test_one_word_of_function_before_other_heads_names_nothing(draft_passage, source, passage):
    assert not [label for label, kind in _proposed(draft_passage(source, passage)).items()
                if kind in ("Unit", "Organisation")], _proposed(draft_passage(source, passage))


@pytest.mark.parametrize(("source", "passage", "title"), [
    # A report's title after the words that say where to get it, to the site's name after " - ", or where the next
    # sentence runs into its year.
    pytest.param("essex-pfcc-2025-peel-response",
                 "The full HMICFRS report can be downloaded here: PEEL 2023–2025: An inspection of Essex Police - His "
                 "Majesty’s Inspectorate of Constabulary and Fire & Rescue Services",
                 "PEEL 2023–2025: An inspection of Essex Police", id="downloaded-here"),
    pytest.param("cleveland-pcc-2025-peel-response",
                 "The full assessment can be accessed via the link below:\nCleveland PEEL Assessment 2023–2025Matt "
                 "said:",
                 "Cleveland PEEL Assessment 2023–2025", id="link-below"),
])
def test_a_reports_title_where_the_text_links_to_it(draft_passage, source, passage, title):
    assert _proposed(draft_passage(source, passage)).get(title) == "Document", _proposed(draft_passage(source, passage))


def test_a_link_without_a_title_after_it_names_no_report(draft_passage):
    """"can be found here." with no title after a colon: no report's title."""
    draft = draft_passage("hertfordshire-pcc-2016-peel-legitimacy",
                          "More details about the report can be found here. You can also read Hertfordshire "
                          "Constabulary's response to")
    assert not [label for label, kind in _proposed(draft).items() if kind == "Document"], _proposed(draft)


@pytest.mark.parametrize(("source", "passage", "label"), [
    # A report named by two capitalised words or more before a lower-case "report".
    pytest.param("gwent-pcc-2014-crime-data-integrity-response",
                 "Published today by Her Majesty's Inspectorate of Constabulary (HMIC), the Crime Data Integrity "
                 "report follows an inspection", "Crime Data Integrity report", id="subject-report-gwent"),
    pytest.param("rotherham-2016-south-yorkshire-panel-hmic-update",
                 "Members noted that the Police Efficiency 2016 report was published on 3 November 2016",
                 "Police Efficiency 2016 report", id="subject-year-report-rotherham"),
    pytest.param("rotherham-2016-south-yorkshire-panel-hmic-update",
                 "The Police Effectiveness Report will be published in Spring 2017", "Police Effectiveness Report",
                 id="capitalised-report-rotherham"),
])
def test_a_report_named_by_its_capitalised_subject(draft_passage, source, passage, label):
    assert _proposed(draft_passage(source, passage)).get(label) == "Document"


@pytest.mark.parametrize(("source", "passage"), [
    # One capitalised word: PEEL's report on a pillar, no title of its own.
    pytest.param("humberside-opcc-2016-peel-legitimacy",
                 "In respect of the Legitimacy report I am happy with the overall d", id="legitimacy-report"),
    pytest.param("dorset-police-2016-peel-statement",
                 "It should be noted that, The Efficiency Report was published ahead of the 2015 Comprehensive "
                 "Spending Review", id="efficiency-report-capitalised"),
])
def test_a_report_named_by_one_pillar_is_peels(draft_passage, source, passage):
    draft = draft_passage(source, passage)
    assert not [label for label, kind in _proposed(draft).items() if kind == "Document"], _proposed(draft)


def test_a_publications_title_over_the_inspectorates_page_furniture(draft_passage):
    """A page's first line over "Contents" / "Print this document" is the publication's title."""
    draft = draft_passage("hmicfrs-2025-inspection-programme-consultation-summary",
                          "Summary of consultation responses: policing inspection programme and framework 2025–29\n"
                          "Contents\nPrint this document")
    assert _proposed(draft).get("Summary of consultation responses: policing inspection programme and framework "
                                "2025–29") == "Document", _proposed(draft)


@pytest.mark.parametrize(("source", "passage"), [
    # A letter's heading over the same furniture is the letter's, not a publication's.
    pytest.param("hmicfrs-2024-staffordshire-causes-of-concern-revisit-letter",
                 "Staffordshire Police: PEEL causes of concern revisit letter\nContents\nPrint this document",
                 id="letter-heading"),
    # The "Published on" line itself over "Contents" is no title.
    pytest.param("hmicfrs-state-of-policing-2018-foreword", "Published on: 18 July 2023\n\nContents",
                 id="published-on-line"),
])
def test_not_a_publications_title_over_page_furniture(draft_passage, source, passage):
    draft = draft_passage(source, passage)
    assert not [label for label, kind in _proposed(draft).items() if kind == "Document"], _proposed(draft)
