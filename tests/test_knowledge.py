"""The built graph holds the key facts of each source document (asked in SPARQL, not read from YAML)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def ask(kg):
    """ASK a query over the union of all named graphs, with the project's prefixes bound."""

    def run(body: str) -> bool:
        return bool(kg.store().query(kg.vocabulary.sparql_prologue() + "ASK {" + body + "}"))

    return run


@pytest.fixture(scope="module")
def select(kg):
    def run(query: str) -> list[dict[str, str]]:
        solutions = kg.store().query(kg.vocabulary.sparql_prologue() + query)
        names = [v.value for v in solutions.variables]
        return [{n: row[n].value for n in names if row[n] is not None} for row in solutions]

    return run


FACTS = {
    # 000: HMIC press release, 2012 follow-up of the 2010 ASB review
    "follow-up inspection of the 2010 ASB review": """
        ?follow pol:followUpOf ?review ; pol:inspected id:force\\/kent .
        ?review a pol:Inspection .""",
    "Zoe Billingham held the post of HMI for the Eastern Region": """
        id:person\\/zoe-billingham org:holds id:post\\/hmi-eastern-region .
        id:post\\/hmi-eastern-region org:postIn id:org\\/hmic .""",
    "Zoe Billingham's words are attributed to her": """
        ?q a pol:Quotation ; prov:wasAttributedTo id:person\\/zoe-billingham ;
           schema:text ?text . FILTER(CONTAINS(?text, "blight"))""",
    "'Stop the Rot' is dated September 2010": """
        ?doc rdfs:label ?l ; dcterms:date "2010-09"^^xsd:gYearMonth . FILTER(CONTAINS(?l, "Stop the Rot"))""",
    # 001: HMIC crime inspection 2014
    "2014 investigating offending graded good on the four-point scale": """
        ?j pol:judgementOf id:force\\/kent ; pol:grade pol:fourPointGood ;
           pol:assessedArea id:area\\/hmic-2014-investigating-offending ;
           pol:inspection id:inspection\\/hmic-2014-kent-crime .""",
    "IOM recommendation: within three months, and an action plan by March 2015": """
        id:recommendation\\/hmic-2014-kent-crime-iom-review pol:addressee id:force\\/kent ;
            pol:deadlineDuration "P3M"^^xsd:duration ; dcterms:hasPart ?part .
        ?part pol:deadlineDate "2015-03"^^xsd:gYearMonth .""",
    "domestic abuse recommendation is immediate with four sub-items": """
        id:recommendation\\/hmic-2014-kent-crime-domestic-abuse-investigations
            pol:deadlineDuration "P0D"^^xsd:duration .
        { SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {
            id:recommendation\\/hmic-2014-kent-crime-domestic-abuse-investigations dcterms:hasPart ?p } }
        FILTER(?n = 4)""",
    "Kent crime rate 63.5 compared with England and Wales 60.7": """
        ?kent pol:refArea id:force\\/kent ; pol:value 63.5 ; pol:unit pol:per1000Population ;
              pol:higherIsBetter false ; pol:comparator ?ew .
        ?ew pol:value 60.7 ; pol:refArea id:place\\/england-and-wales .""",
    "victim satisfaction 86.7 with a margin of 1.2": """
        ?s pol:refArea id:force\\/kent ; pol:value 86.7 ; pol:marginOfError 1.2 ; pol:unit pol:percent .""",
    "burglary rate is per 1,000 households": """
        ?s pol:value 8.4 ; pol:unit pol:per1000Households .""",
    "the Serious Crime Directorate is a joint unit of Essex and Kent": """
        id:unit\\/serious-crime-directorate a pol:Unit ;
            org:unitOf id:force\\/essex, id:force\\/kent .""",
    "IOM is led by the police and the probation service": """
        ?iom rdfs:label ?l ; ^pol:leads ?probation . ?probation rdfs:label ?pl .
        FILTER(CONTAINS(LCASE(?l), "integrated offender management") && CONTAINS(LCASE(?pl), "probation"))""",
    "THEMIS is a system Kent Police uses or introduced": """
        ?themis a pol:System ; rdfs:label ?l . FILTER(CONTAINS(?l, "THEMIS"))
        id:force\\/kent pol:introduced|pol:uses|pol:funds ?themis .""",
    "'pred pol' is a system Kent Police introduced": """
        ?p a pol:System ; skos:prefLabel|skos:altLabel ?l . FILTER(CONTAINS(LCASE(?l), "pred pol"))
        id:force\\/kent pol:introduced ?p .""",
    # 002: Kent Police news, July 2023
    "39,606 ASB reports in 2021": """
        ?s pol:refArea id:force\\/kent ; pol:value 39606.0 ; pol:unit pol:count .""",
    "Suella Braverman was Home Secretary": """
        id:person\\/suella-braverman org:holds id:post\\/home-secretary .""",
    "the ASB Case Review was previously known as the community trigger": """
        ?r rdfs:label ?l ; skos:altLabel ?alias . FILTER(CONTAINS(?l, "Case Review"))
        FILTER(CONTAINS(LCASE(?alias), "community trigger"))""",
    # 003: KentOnline, PEEL 2021/22
    "protecting vulnerable people graded adequate on the five-point scale": """
        id:judgement\\/hmicfrs-peel-2021-22-kent-protecting-vulnerable-people
            pol:grade pol:fivePointAdequate ; pol:judgementOf id:force\\/kent .""",
    "recording data about crime graded outstanding (five-point)": """
        id:judgement\\/hmicfrs-peel-2021-22-kent-recording-data-about-crime pol:grade pol:fivePointOutstanding .""",
    "Matthew Scott was Police and Crime Commissioner for Kent": """
        id:person\\/matthew-scott org:holds id:post\\/kent-pcc .""",
    "Roy Wilsher's words are attributed to him": """
        ?q prov:wasAttributedTo id:person\\/roy-wilsher .""",
    # 004: transcript of HMI Zoe Billingham's PEEL assessment
    "understanding demand graded outstanding (four-point)": """
        id:judgement\\/hmic-peel-kent-2015-2019-understanding-demand pol:grade pol:fourPointOutstanding .""",
    # reference data and identity
    "HMIC was renamed HMICFRS (a succession, not two unrelated bodies)": """
        id:org\\/hmic pol:renamedTo id:org\\/hmicfrs .""",
    "the NCA replaced SOCA": """id:body\\/soca dcterms:isReplacedBy id:body\\/nca .""",
    "Kent Police carries its police.uk id and ONS code": """
        id:force\\/kent pol:policeUkId "kent" ; pol:onsPfaCode "E23000032" .""",
    "Hampshire keeps both its names": """
        id:force\\/hampshire skos:altLabel "Hampshire and Isle of Wight Constabulary"@en .""",
    "the undated transcript is bounded, not guessed": """
        id:source\\/hmic-kent-peel-transcript pol:earliestDate ?e ; pol:latestDate ?l .
        FILTER NOT EXISTS { id:source\\/hmic-kent-peel-transcript dcterms:issued ?any }""",
}


@pytest.mark.parametrize("fact", FACTS, ids=list(FACTS))
def test_key_fact_is_in_the_graph(fact, ask):
    assert ask(FACTS[fact]), fact


def test_there_are_43_territorial_forces_of_england_and_wales_with_codes(select):
    rows = select("""SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE {
        ?f a pol:PoliceForce ; pol:category "territorial-england-wales" ; pol:policeUkId ?id ; pol:onsPfaCode ?ons }""")
    assert rows == [{"n": "43"}]


@pytest.mark.parametrize("spelling", ["Zoe Billingham", "Zoë Billingham", "HMIC", "SOCA", "PSNI"])
def test_each_spelling_resolves_to_exactly_one_entity(spelling, select):
    rows = select(f"""SELECT DISTINCT ?e WHERE {{
        ?e rdfs:label|skos:altLabel ?l . FILTER(STR(?l) = "{spelling}") FILTER(!STRSTARTS(STR(?e), STR(pol:))) }}""")
    assert len(rows) == 1, rows


def test_a_passage_printed_twice_is_cited_once_at_its_first_occurrence(kg):
    text = kg.corpus.sources["hmic-2014-kent-crime"].text
    first = text.index("Learning from experience")
    second = text.index("Learning from experience", first + 1)
    length = text.index("Good", second) - second
    assert text[second : second + length] == text[first : first + length], "the 2014 report repeats this block"
    cited = [record for record in kg.corpus.records.evidenced() if record.evidence.source == "hmic-2014-kent-crime"]
    in_first = [
        r for r in cited if first <= kg.corpus.matches[("hmic-2014-kent-crime", r.evidence.quote)].start < second
    ]
    in_second = [
        r
        for r in cited
        if second <= kg.corpus.matches[("hmic-2014-kent-crime", r.evidence.quote)].start < second + length
    ]
    assert in_first and not in_second


def test_every_finding_recommendation_and_statistic_has_a_theme(select):
    rows = select("""SELECT ?x WHERE {
        VALUES ?c { pol:Finding pol:Statistic } ?x a ?c . FILTER NOT EXISTS { ?x pol:theme ?t } }""")
    assert rows == []


# National PEEL facts from the real HMIC/HMICFRS pages (benchmarks/corpus, data/records/peel-rounds.yaml).
# Each force's inspection in a round is partOf the national round, so a round is reached through it.
NATIONAL_FACTS = {
    "Norfolk 2021/22 is adequate on investigating crime (five-point), with its quote": """
        ?j pol:judgementOf id:force\\/norfolk ; pol:grade pol:fivePointAdequate ;
           pol:assessedArea id:area\\/peel-2021-22-investigating-crime ;
           pol:inspection/dcterms:isPartOf id:inspection\\/peel-2021-22 ; pol:evidence ?e .
        ?e oa:hasTarget/oa:hasSelector/oa:exact ?quote . FILTER(CONTAINS(?quote, "Adequate"))""",
    "Merseyside 2023-25 requires improvement on protecting vulnerable people (five-point)": """
        ?j pol:judgementOf id:force\\/merseyside ; pol:grade pol:fivePointRequiresImprovement ;
           pol:assessedArea id:area\\/peel-2023-25-protecting-vulnerable-people ;
           pol:inspection/dcterms:isPartOf id:inspection\\/peel-2023-25 .""",
    "Lancashire 2021/22 requires improvement on investigating crime (five-point), with its quote": """
        ?j pol:judgementOf id:force\\/lancashire ; pol:grade pol:fivePointRequiresImprovement ;
           pol:assessedArea id:area\\/peel-2021-22-investigating-crime ;
           pol:inspection/dcterms:isPartOf id:inspection\\/peel-2021-22 ; pol:evidence ?e .
        ?e oa:hasTarget ?t . ?t oa:hasSource id:source\\/hmicfrs-2022-lancashire-peel-press-release ;
           oa:hasSelector ?s . ?s oa:exact ?quote . FILTER(CONTAINS(?quote, "one area – investigating crime"))""",
    "Cleveland inadequate in all three pillars in 2018/19 (four-point)": """
        FILTER NOT EXISTS {
            VALUES ?pillar { id:area\\/peel-2018-19-effectiveness id:area\\/peel-2018-19-efficiency
                             id:area\\/peel-2018-19-legitimacy }
            FILTER NOT EXISTS {
                ?j pol:judgementOf id:force\\/cleveland ; pol:assessedArea ?pillar ;
                   pol:grade pol:fourPointInadequate } }""",
    "Cleveland 2018/19: one crime-prevention recommendation of four immediate actions": """
        id:recommendation\\/hmicfrs-peel-2018-19-cleveland-crime-prevention pol:addressee id:force\\/cleveland ;
            pol:deadlineText "immediate steps"@en ; pol:deadlineDuration ?d .
        FILTER(DATATYPE(?d) = xsd:duration && STR(?d) IN ("P0D", "PT0S"))  # Oxigraph writes zero as PT0S
        { SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {
            id:recommendation\\/hmicfrs-peel-2018-19-cleveland-crime-prevention dcterms:hasPart ?p } }
        FILTER(?n = 4)""",
    "Lancashire child protection recommendation is due within three months": """
        ?r pol:addressee id:force\\/lancashire ; pol:deadlineText "Within three months"@en ;
           pol:deadlineDuration ?d ; pol:inspection id:inspection\\/hmicfrs-2017-lancashire-child-protection .
        FILTER(?d = "P3M"^^xsd:duration)""",
    "Durham records 91.5 percent of crime, with a confidence interval of 1.67, January to June 2017": """
        ?s pol:refArea id:force\\/durham ; pol:value 91.5 ; pol:marginOfError 1.67 ; pol:unit pol:percent .""",
    "Suffolk's 2019 crime data integrity requires improvement on the four-point scale": """
        ?j pol:judgementOf id:force\\/suffolk ; pol:grade pol:fourPointRequiresImprovement ;
           pol:assessedArea id:area\\/crime-data-integrity-overall .""",
    "North Yorkshire's victim satisfaction (88.2 ± 1.2) is compared with England and Wales (85.0 ± 0.2)": """
        ?s pol:refArea id:force\\/north-yorkshire ; pol:value 88.2 ; pol:marginOfError 1.2 ; pol:comparator ?ew .
        ?ew pol:refArea id:place\\/england-and-wales ; pol:value 85.0 ; pol:marginOfError 0.2 .""",
    "Suffolk's 2019 cause of concern on violent crime recording is a cause of concern, with its quote": """
        ?c a pol:CauseOfConcern , pol:Recommendation ; pol:addressee id:force\\/suffolk ;
           pol:inspection id:inspection\\/hmicfrs-2019-suffolk-crime-data-integrity ; pol:evidence ?e .
        ?e oa:hasTarget/oa:hasSelector/oa:exact ?quote .
        FILTER(STRSTARTS(?quote, "It is a cause of concern that the recording rate for violent crime"))""",
    "Cleveland 2018/19: the cause of concern on crime prevention, and the finding the detailed findings state": """
        ?c a pol:CauseOfConcern ; pol:addressee id:force\\/cleveland ;
           pol:assessedArea id:area\\/peel-2018-19-preventing-crime-and-asb ; pol:evidence ?e .
        ?e oa:hasTarget/oa:hasSelector/oa:exact ?quote . FILTER(STRSTARTS(?quote, "Cause of concern"))
        ?f a pol:Finding ; pol:findingAbout id:force\\/cleveland ; pol:polarity pol:weakness ;
           pol:evidence/oa:hasTarget/oa:hasSelector/oa:exact "Cleveland Police doesn’t prioritise crime prevention." .
        FILTER NOT EXISTS { ?c a pol:Finding }""",
    "every PEEL round up to 2023-25 is part of the PEEL programme": """
        FILTER NOT EXISTS {
            VALUES ?round { id:inspection\\/peel-2014 id:inspection\\/peel-2015 id:inspection\\/peel-2016
                            id:inspection\\/peel-2017 id:inspection\\/peel-2018-19 id:inspection\\/peel-2021-22
                            id:inspection\\/peel-2023-25 }
            FILTER NOT EXISTS { ?round dcterms:isPartOf id:initiative\\/peel } }""",
}


@pytest.mark.parametrize("fact", NATIONAL_FACTS, ids=list(NATIONAL_FACTS))
def test_national_peel_fact_is_in_the_graph(fact, ask):
    assert ask(NATIONAL_FACTS[fact]), fact


def grades_by_round(select, force: str, pillar: str) -> dict[str, str]:
    """The grade of a force on a pillar (area id ending), by round label, through partOf the round."""
    rows = select(f"""SELECT ?round ?grade WHERE {{
        ?j pol:judgementOf id:force\\/{force} ; pol:assessedArea ?area ; pol:grade/skos:notation ?grade ;
           pol:inspection/dcterms:isPartOf ?r .
        ?r rdfs:label ?round . FILTER(STRENDS(STR(?area), "-{pillar}")) }}""")
    return {row["round"]: row["grade"] for row in rows}


def test_durham_effectiveness_moves_between_rounds(select):
    assert grades_by_round(select, "durham", "effectiveness") == {
        "PEEL 2016": "four-point/outstanding",
        "PEEL 2017": "four-point/outstanding",
        "PEEL 2018/19": "four-point/outstanding",
    }


def test_norfolk_efficiency_moves_between_rounds(select):
    assert grades_by_round(select, "norfolk", "efficiency") == {
        "PEEL 2014": "four-point/outstanding",
        "PEEL 2015": "four-point/outstanding",
        "PEEL 2016": "four-point/good",
        "PEEL 2017": "four-point/good",
        "PEEL 2018/19": "four-point/outstanding",
    }


def test_northumbria_effectiveness_requires_improvement_in_2018_19(select):
    assert grades_by_round(select, "northumbria", "effectiveness") == {
        "PEEL 2018/19": "four-point/requires-improvement"
    }


def test_ten_forces_of_the_hmicfrs_pages_have_peel_grades_in_two_rounds_or_more(select):
    rows = select("""SELECT ?force (COUNT(DISTINCT ?round) AS ?n) WHERE {
        ?j pol:judgementOf ?force ; pol:inspection/dcterms:isPartOf ?round .
        ?round dcterms:isPartOf id:initiative\\/peel } GROUP BY ?force HAVING (COUNT(DISTINCT ?round) >= 2)""")
    forces = {row["force"].rsplit("/", 1)[1] for row in rows}
    assert {
        "cleveland",
        "cumbria",
        "dorset",
        "durham",
        "essex",
        "lancashire",
        "merseyside",
        "norfolk",
        "north-yorkshire",
        "northumbria",
    } <= forces


# National PEEL facts from the regional sources: PCC responses, force statements, panel minutes and
# local news (benchmarks/corpus; data/records/<source>.yaml). A grade reported by such a statement is
# a judgement whose evidence is that statement.
REGIONAL_FACTS = {
    "Humberside 2016: vulnerability inadequate, from the PCC's bullet list": """
        ?j pol:judgementOf id:force\\/humberside ; pol:grade pol:fourPointInadequate ;
           pol:assessedArea id:area\\/peel-2016-protecting-vulnerable-people ;
           pol:inspection/dcterms:isPartOf id:inspection\\/peel-2016 ; pol:evidence ?e .
        ?e oa:hasTarget ?t . ?t oa:hasSource id:source\\/humberside-opcc-2017-peel-effectiveness ;
           oa:hasSelector ?s . ?s oa:exact "Vulnerability – Inadequate" .""",
    "Staffordshire 2021/22 inadequate in responding, investigating and managing offenders": """
        FILTER NOT EXISTS {
            VALUES ?area { id:area\\/peel-2021-22-responding-to-the-public id:area\\/peel-2021-22-investigating-crime
                           id:area\\/peel-2021-22-managing-offenders-and-suspects }
            FILTER NOT EXISTS {
                ?j pol:judgementOf id:force\\/staffordshire ; pol:assessedArea ?area ;
                   pol:grade pol:fivePointInadequate ;
                   pol:inspection/dcterms:isPartOf id:inspection\\/peel-2021-22 } }""",
    "Devon and Cornwall 2023-25 inadequate in investigating crime, reported by the local paper": """
        ?j pol:judgementOf id:force\\/devon-and-cornwall ; pol:grade pol:fivePointInadequate ;
           pol:assessedArea id:area\\/peel-2023-25-investigating-crime ; pol:evidence/oa:hasTarget/oa:hasSource ?doc .
        ?doc a pol:NewsArticle ; dcterms:publisher id:org\\/cornish-times .""",
    "the Devon and Cornwall PCC holds her post and speaks in it": """
        id:person\\/alison-hernandez org:holds id:post\\/devon-and-cornwall-pcc .
        ?q a pol:Quotation ; prov:wasAttributedTo id:person\\/alison-hernandez ; schema:text ?text .
        FILTER(CONTAINS(?text, "letting too many victims down"))""",
    "HMCIC Andy Cooke chairs the Policing Performance Oversight Group": """
        id:person\\/andy-cooke pol:chairs id:org\\/policing-performance-oversight-group .""",
    "a Leicestershire area for improvement concerns the service to victims": """
        ?r a pol:Recommendation ; pol:addressee id:force\\/leicestershire ; pol:theme id:theme\\/victim-care ;
           pol:inspection/dcterms:isPartOf id:inspection\\/peel-2016 .""",
}


@pytest.mark.parametrize("fact", REGIONAL_FACTS, ids=list(REGIONAL_FACTS))
def test_regional_peel_fact_is_in_the_graph(fact, ask):
    assert ask(REGIONAL_FACTS[fact]), fact


FOUR = "four-point/"


@pytest.mark.parametrize(
    ("force", "pillar", "grades"),
    [
        ("hampshire", "effectiveness", {"PEEL 2016": f"{FOUR}requires-improvement", "PEEL 2018/19": f"{FOUR}good"}),
        ("humberside", "efficiency", {"PEEL 2015": f"{FOUR}inadequate", "PEEL 2016": f"{FOUR}requires-improvement"}),
        ("humberside", "effectiveness", dict.fromkeys(["PEEL 2015", "PEEL 2016"], f"{FOUR}requires-improvement")),
        ("humberside", "legitimacy", dict.fromkeys(["PEEL 2015", "PEEL 2016"], f"{FOUR}good")),
        ("nottinghamshire", "legitimacy", {"PEEL 2017": f"{FOUR}good"}),
    ],
)
def test_grade_changes_between_rounds_from_pcc_responses_and_news(select, force, pillar, grades):
    assert grades_by_round(select, force, pillar) == grades


def test_thames_valley_2021_22_grades_match_the_article_counts(select):
    rows = select("""SELECT ?grade (COUNT(DISTINCT ?j) AS ?n) WHERE {
        ?j pol:judgementOf id:force\\/thames-valley ; pol:grade/skos:notation ?grade ;
           pol:inspection/dcterms:isPartOf id:inspection\\/peel-2021-22 } GROUP BY ?grade""")
    counts = {row["grade"]: row["n"] for row in rows}
    stated = select("""SELECT ?label ?value WHERE {
        ?s pol:refArea id:force\\/thames-valley ; rdfs:label ?label ; pol:value ?value .
        FILTER(CONTAINS(STR(?label), "PEEL 2021/22") && CONTAINS(STR(?label), "graded ")) }""")
    by_grade = {row["label"].split("graded ")[1].split(" (")[0]: row["value"] for row in stated}
    assert counts == {"five-point/good": by_grade["good"], "five-point/adequate": by_grade["adequate"]}
    # The two 'Requires Improvement' areas are named only as where "improvement was needed":
    # a finding, never a judgement the article does not state (regression: they were judgements).
    assert by_grade["requires improvement"] == "2" and "five-point/requires-improvement" not in counts


def test_a_statement_that_paraphrases_findings_yields_no_graded_judgement(select):
    # Derbyshire's 2014 statement says "a good record of" and "outstanding arrangements": findings only.
    rows = select("""SELECT ?j WHERE { ?j a pol:Judgement ; pol:evidence/oa:hasTarget/oa:hasSource
        id:source\\/derbyshire-police-2014-peel }""")
    findings = select("""SELECT ?f WHERE { ?f a pol:Finding ; pol:evidence/oa:hasTarget/oa:hasSource
        id:source\\/derbyshire-police-2014-peel }""")
    assert rows == [] and len(findings) == 3


def test_ten_or_more_forces_have_peel_grades_in_two_rounds_or_more(select):
    rows = select("""SELECT ?force WHERE {
        ?j pol:judgementOf ?force ; pol:inspection/dcterms:isPartOf ?round .
        ?round dcterms:isPartOf id:initiative\\/peel } GROUP BY ?force HAVING (COUNT(DISTINCT ?round) >= 2)""")
    forces = {row["force"].rsplit("/", 1)[1] for row in rows}
    assert {"hampshire", "humberside", "nottinghamshire", "thames-valley"} <= forces
    assert len(forces) >= 10
