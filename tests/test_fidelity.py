"""Regression cases for issue 14: nothing in the graph says more than its quote.

One test per kind of mistake the fidelity review found, named for the mistake, each asking the
built graph in SPARQL (so it fails if the records or the build bring the mistake back).
"""

from __future__ import annotations

import textwrap

import pytest

import graph
from graph.sparql.catalogue import run

ID = "https://w3id.org/policing-kg/id/"


@pytest.fixture(scope="module")
def ask(kg):
    def run_ask(body: str) -> bool:
        query = kg.vocabulary.sparql_prologue() + "ASK {" + body + "}"
        return bool(kg.store().query(query))

    return run_ask


@pytest.fixture(scope="module")
def select(kg):
    def run_select(query: str) -> list[dict[str, str]]:
        solutions = kg.store().query(kg.vocabulary.sparql_prologue() + query)
        names = [v.value for v in solutions.variables]
        return [{n: row[n].value for n in names if row[n] is not None} for row in solutions]

    return run_select


def short(value: str) -> str:
    return value.removeprefix(ID)


def catalogue_rows(kg, name: str, **bindings) -> list[dict]:
    return [{k: short(v) if isinstance(v, str) else v for k, v in r.items()}
            for r in run(kg, name, bindings or None).records()]


# ---------------------------------------------------------------- says more than its quote

def test_praise_is_not_a_judgement(ask, kg):
    """'The force provides a consistently good service.' is praise: a finding, not a graded judgement."""
    assert not ask("""
        ?j a pol:Judgement ; pol:evidence/oa:hasTarget/oa:hasSelector/oa:exact ?exact .
        FILTER (CONTAINS(?exact, "consistently good service"))""")
    assert ask("""
        ?f a pol:Finding ; pol:evidence/oa:hasTarget/oa:hasSelector/oa:exact ?exact .
        FILTER (CONTAINS(?exact, "consistently good service"))""")
    listed = catalogue_rows(kg, "force-judgements")
    assert listed and not any(r["areaLabel"] == "Overall performance" for r in listed)


def test_spoken_remarks_are_not_recommendations(select):
    """An inspector's spoken words (a quotation) never stand as a formal recommendation."""
    overlapping = select("""
        SELECT ?recommendation ?quotation WHERE {
          ?recommendation a pol:Recommendation ; pol:evidence/oa:hasTarget ?rt .
          ?rt oa:hasSource ?source ; oa:hasSelector ?rp . ?rp oa:start ?rs ; oa:end ?re .
          ?quotation a pol:Quotation ; pol:evidence/oa:hasTarget ?qt .
          ?qt oa:hasSource ?source ; oa:hasSelector ?qp . ?qp oa:start ?qs ; oa:end ?qe .
          FILTER (?rs < ?qe && ?qs < ?re)
        }""")
    assert overlapping == []
    from_remarks = select("""
        SELECT ?r WHERE { ?r a pol:Recommendation ; prov:wasDerivedFrom ?s .
          VALUES ?s { id:source\\/kentonline-2022-kent-peel id:source\\/hmic-2012-kent-asb-press } }""")
    assert from_remarks == []


@pytest.mark.parametrize("speaker, words", [
    ("person/roy-wilsher", "needs to improve its ability within local policing"),
    ("person/roy-wilsher", "needs to review its policy for people released on bail"),
    ("person/zoe-billingham", "should ensure repeat and vulnerable callers"),
])
def test_spoken_remarks_are_quotations_by_the_speaker(ask, speaker, words):
    assert ask(f"""
        ?q a pol:Quotation ; prov:wasAttributedTo <{ID}{speaker}> ; schema:text ?text .
        FILTER (CONTAINS(?text, "{words}"))""")


def test_pcc_holds_the_chief_constable_to_account_not_the_force(ask):
    assert not ask("id:post\\/kent-pcc pol:holdsToAccount id:force\\/kent")
    assert ask("id:post\\/kent-pcc pol:holdsToAccount id:post\\/kent-chief-constable")


def test_first_opportunity_to_test_is_not_a_follow_up(ask):
    assert not ask("id:inspection\\/hmic-2014-kent-crime pol:followUpOf ?earlier")


@pytest.mark.parametrize("unit", [
    "unit/kent-reducing-reoffending-board",       # the text names its chair only
    "unit/kent-problem-solving-taskforce",        # "was established from your council tax"
    "unit/kent-local-policing-partnership-board",
])
def test_unit_not_said_to_belong_to_kent_police(ask, unit):
    assert not ask(f"<{ID}{unit}> org:unitOf id:force\\/kent")


def test_having_a_network_is_not_running_it(ask):
    assert not ask("id:force\\/kent pol:runs id:initiative\\/kent-neighbourhood-watch")


def test_a_right_of_victims_is_not_a_partnership(ask):
    assert not ask("?review a pol:Partnership ; rdfs:label ?l . FILTER (CONTAINS(?l, 'ASB Case Review'))")
    assert ask("id:policy\\/asb-case-review a pol:Policy")


def test_boards_are_units(ask):
    """data/README.md: a board is a Unit."""
    assert not ask("?board a pol:Partnership ; rdfs:label ?l . FILTER (CONTAINS(LCASE(?l), ' board'))")


def test_unnamed_partners_of_different_contexts_are_kept_apart(select):
    """A group of partners the text does not name stands for one context only: one source."""
    mixed = select("""
        SELECT ?group (COUNT(DISTINCT ?source) AS ?sources) WHERE {
          { ?group prov:wasDerivedFrom ?source }
          UNION { ?m a pol:Mention ; dcterms:subject ?group ; prov:wasDerivedFrom ?source }
          UNION { ?claim rdf:subject|rdf:object ?group ; prov:wasDerivedFrom ?source }
          ?group a org:Organization ; dcterms:description ?d .
          FILTER (CONTAINS(?d, "not named in the text"))
        } GROUP BY ?group HAVING (COUNT(DISTINCT ?source) > 1)""")
    assert mixed == []


def test_renamed_body_does_not_carry_the_old_name(select):
    """HMICFRS has no alias that is HMIC's name ("HM Inspectorate of Constabulary")."""
    shared = select("""
        SELECT ?name WHERE {
          ?old pol:renamedTo ?new .
          ?new skos:prefLabel|skos:altLabel ?name .
          ?old skos:prefLabel|skos:altLabel ?oldName .
          FILTER (LCASE(STR(?name)) = LCASE(STR(?oldName)))
        }""")
    assert shared == []
    assert not select("""SELECT ?l WHERE { id:org\\/hmicfrs skos:altLabel ?l .
                         FILTER (LCASE(STR(?l)) = "hm inspectorate of constabulary") }""")


# ---------------------------------------------------------------- dates

@pytest.mark.parametrize("source, earliest, latest", [
    ("hmic-2014-kent-crime", "2014-07", "2014"),      # "As of July 2014", "earlier this year"
    ("kent-police-2023-asb-week", "2023-07-03", "2023-12-31"),  # the launch as past, "so far in 2023"
    ("kentonline-2022-kent-peel", "2021", "2022-09"),   # five-point grades; "Her Majesty's Inspector"
    ("hmic-kent-peel-transcript", "2014-11", "2017-08"),  # first PEEL; the policing-only strapline
])
def test_source_dated_by_the_bounds_its_text_supports(select, source, earliest, latest):
    (found,) = select(f"""SELECT ?e ?l ?d WHERE {{ <{ID}source/{source}> pol:earliestDate ?e ; pol:latestDate ?l .
                          OPTIONAL {{ <{ID}source/{source}> dcterms:issued ?d }} }}""")
    assert (found["e"], found["l"]) == (earliest, latest) and "d" not in found


def test_date_basis_rests_on_no_note_outside_the_repository(select):
    bases = select("SELECT ?s ?b WHERE { ?s a pol:SourceDocument ; pol:dateBasis ?b }")
    assert bases and not [r for r in bases if "corpus notes" in r["b"].lower()]


@pytest.mark.parametrize("inspection, latest", [
    ("inspection/hmic-2014-domestic-abuse", "2014-03"),     # before "the publication of our report"
    ("inspection/hmicfrs-peel-2021-22-kent", "2022-09"),    # before the article about it
    ("inspection/hmic-2012-kent-asb-follow-up", "2012"),
])
def test_inspection_is_not_dated_by_its_report(select, inspection, latest):
    (found,) = select(f"""SELECT ?l ?d WHERE {{ <{ID}{inspection}> pol:latestDate ?l .
                          OPTIONAL {{ <{ID}{inspection}> dcterms:date ?d }} }}""")
    assert found == {"l": latest}


# ---------------------------------------------------------------- sources

def test_hmic_cites_the_press_release_that_names_it(ask):
    assert ask("id:org\\/hmic prov:wasDerivedFrom id:source\\/hmic-2012-kent-asb-press")


@pytest.mark.parametrize("predicate, subject, object_, source", [
    ("pol:renamedTo", "org/hmic", "org/hmicfrs", "hmicfrs-what-we-do"),
    ("dcterms:isReplacedBy", "body/soca", "body/nca", "crime-and-courts-act-2013-notes"),
])
def test_succession_rests_on_a_published_source(ask, predicate, subject, object_, source):
    assert ask(f"""?claim rdf:subject <{ID}{subject}> ; rdf:predicate {predicate} ; rdf:object <{ID}{object_}> ;
                         prov:wasDerivedFrom <{ID}source/{source}> .
                   <{ID}source/{source}> foaf:page ?page ; dcterms:rights ?licence .
                   FILTER (CONTAINS(?licence, "Open Government Licence"))""")


def test_only_curators_facts_rest_on_the_curators_note(select):
    """The curators' note backs who published KentOnline and legislation.gov.uk, and nothing else."""
    facts = select("""SELECT DISTINCT ?fact WHERE { ?fact prov:wasDerivedFrom id:source\\/reference-inspectorates .
                        FILTER NOT EXISTS { ?fact a pol:Evidence } }""")
    assert {short(r["fact"]) for r in facts} <= {
        "org/km-media-group", "org/the-national-archives", "org/policing-kg"}


# ---------------------------------------------------------------- missing facts

def test_the_2014_report_reports_on_its_inspection(ask, kg):
    assert ask("id:source\\/hmic-2014-kent-crime pol:reportsOn id:inspection\\/hmic-2014-kent-crime")
    rows = [r for r in catalogue_rows(kg, "force-inspections") if r["inspection"] == "inspection/hmic-2014-kent-crime"]
    assert rows and all(r.get("reportedIn") == "source/hmic-2014-kent-crime" for r in rows)


@pytest.mark.parametrize("theme", ["anti-social-behaviour", "burglary", "sexual-offences", "violent-crime"])
def test_the_2014_inspection_names_its_focus(ask, theme):
    assert ask(f"""id:inspection\\/hmic-2014-kent-crime dcterms:isPartOf ?national .
                   ?national dcterms:subject <{ID}theme/{theme}> ; prov:wasAssociatedWith id:org\\/hmic .""")


def test_step_in_the_right_direction_reports_the_2012_follow_up(ask):
    assert ask("""id:document\\/a-step-in-the-right-direction pol:reportsOn ?national .
                  id:inspection\\/hmic-2012-kent-asb-follow-up dcterms:isPartOf ?national .""")


def test_the_2023_launch_has_its_place_and_attendees(select):
    (place,) = select("SELECT ?p WHERE { id:event\\/asb-awareness-week-2023-launch prov:atLocation ?p }")
    assert short(place["p"]) == "place/houses-of-parliament"
    attendees = {short(r["a"]) for r in select(
        "SELECT ?a WHERE { ?a pol:attended id:event\\/asb-awareness-week-2023-launch }")}
    assert {"force/kent", "org/asb-awareness-week-2023-launch-other-forces",
            "org/asb-awareness-week-2023-launch-partner-agencies"} <= attendees


def test_billingham_speaks_in_her_post_in_the_transcript(ask):
    assert ask("id:person\\/zoe-billingham org:holds id:post\\/hm-inspector-of-constabulary")
    assert not ask("""?q a pol:Quotation ; prov:wasAttributedTo id:person\\/zoe-billingham .
                      FILTER NOT EXISTS { ?q pol:speakerPost ?post }""")


def test_the_article_is_linked_to_the_report_and_inspection_it_covers(ask):
    assert ask("""id:source\\/kentonline-2022-kent-peel pol:reportsOn id:inspection\\/hmicfrs-peel-2021-22-kent ;
                      dcterms:references id:document\\/hmicfrs-peel-2021-22-kent-report .""")


def test_immediate_steps_apply_to_each_sub_recommendation(select):
    parts = select("""SELECT ?p ?d WHERE {
        id:recommendation\\/hmic-2014-kent-crime-domestic-abuse-investigations dcterms:hasPart ?p .
        OPTIONAL { ?p pol:deadlineDuration ?d } }""")
    assert len(parts) == 4 and all(r.get("d") in ("P0D", "PT0S") for r in parts)


# ---------------------------------------------------------------- queries that mislead

NO_DEADLINE = textwrap.dedent("""\
    source: hmic-2014-kent-crime
    recommendations:
      - id: recommendation/test-without-deadline
        kind: recommendation
        addressee: force/kent
        inspection: inspection/hmic-2014-kent-crime
        summary: A recommendation whose text gives no deadline.
        quote: The force needs to clarify what roles they want PCSOs to undertake
    statistics:
      - id: statistic/test-kent-within-margin
        label: A figure worse than its comparator by less than the margins
        value: 80.0
        unit: percent
        margin: 1.5
        area: force/kent
        higher_is_better: true
        comparator: statistic/test-ew-within-margin
        quote: Kent Police had a victim satisfaction rate of 86.7
      - id: statistic/test-ew-within-margin
        label: Its comparator
        value: 81.0
        unit: percent
        margin: 0.2
        area: place/england-and-wales
        quote: the satisfaction rate in England and Wales of 85.0 percent
    """)


@pytest.fixture(scope="module")
def kg_with_extra_records(data_dir, tmp_path_factory):
    import shutil

    target = tmp_path_factory.mktemp("fidelity") / "data"
    shutil.copytree(data_dir, target)
    (target / "records" / "test-fidelity.yaml").write_text(NO_DEADLINE, encoding="utf-8")
    return graph.load(target, shapes=False)


def test_recommendation_without_deadline_is_listed_with_an_empty_deadline(kg_with_extra_records):
    rows = [r for r in catalogue_rows(kg_with_extra_records, "recommendations-deadlines")
            if r["recommendation"] == "recommendation/test-without-deadline"]
    assert rows and all(r.get("deadlineText") is None for r in rows)


def test_figure_the_text_calls_in_line_is_not_worse(kg):
    listed = {r["statistic"] for r in catalogue_rows(kg, "statistics-worse-than-comparator")}
    assert "statistic/hmic-2014-kent-crime-rate" in listed
    assert "statistic/hmic-2014-kent-detection-rate" not in listed  # "broadly in line with the 26 percent"


def test_difference_within_the_stated_margins_is_said(kg_with_extra_records):
    rows = {r["statistic"]: r for r in catalogue_rows(kg_with_extra_records, "statistics-worse-than-comparator")}
    assert rows["statistic/test-kent-within-margin"]["withinMargin"] is True
    assert rows["statistic/hmic-2014-kent-crime-rate"].get("withinMargin") is None  # no margin stated


@pytest.mark.parametrize("name", ["org/hmic", "org/hmicfrs"])
def test_inspectorate_eras_do_not_split(kg, name):
    rows = catalogue_rows(kg, "inspectorate-work", inspectorate=f"<{ID}{name}>")
    speakers = {r.get("person") for r in rows if r["what"] == "said"}
    assert {"person/zoe-billingham", "person/roy-wilsher"} <= speakers
    assert {r["inspectorate"] for r in rows} == {name}
    posts = {r["post"] for r in catalogue_rows(kg, "posts-and-people", organisation=f"<{ID}{name}>")}
    assert {"post/hmi-eastern-region", "post/hm-inspector-of-constabulary"} <= posts


# ---------------------------------------------------------------- curators' assertions shown as such

def test_curators_assertion_is_typed_apart_from_documentary_evidence(ask):
    assert ask("""id:org\\/km-media-group pol:evidence ?a .
                  ?a a pol:CuratorAssertion ; oa:motivatedBy oa:commenting .""")
    assert not ask("""id:org\\/hmic pol:evidence ?a . ?a a pol:CuratorAssertion""")


def test_curators_assertion_is_shown_as_such_on_pages_and_in_views(kg):
    from graph.publish.site.build import Site

    site = Site(kg)
    page = site.entity_page(ID + "org/km-media-group").decode("utf-8")
    assert "curators' assertion" in page.replace("&#39;", "'")
    documented = site.entity_page(ID + "org/hmic").decode("utf-8")
    assert "curators' assertion" not in documented.replace("&#39;", "'")
    tooltip = kg.networkx().nodes[ID + "org/km-media-group"]["evidence"]
    assert tooltip.startswith("curators' assertion: ")
    assert not kg.networkx().nodes[ID + "org/hmic"]["evidence"].startswith("curators'")
