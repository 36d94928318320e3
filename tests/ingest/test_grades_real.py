"""Graded judgements on real text: one case per rule of graph.ingest.grades, each a verbatim passage of a
`split: dev` corpus text (benchmarks/corpus/) and what a careful reader takes from it.

The texts' own curated records are hidden from the extractor, as in the benchmark; areas are compared by
their label without the round ("Legitimacy" for "Legitimacy (PEEL 2015)").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.ingest.extraction import extract, fold

CORPUS = Path(__file__).resolve().parents[2] / "benchmarks" / "corpus"


GRADES = [
    pytest.param("hmic-peel-2015-durham-legitimacy", "2016", "",
                 "How legitimate is the force at keeping people safe and reducing crime?\n\n"
                 "Last updated 11/02/2016\nGood",
                 {("legitimacy", "four-point/good")}, id="pillar-question-by-its-adjective"),
    pytest.param("hmicfrs-peel-2017-north-yorkshire-effectiveness", "2018-03-22", "",
                 "North Yorkshire PEEL 2017\n\nEffectiveness\n\n"
                 "How effective is the force at keeping people safe and reducing crime?\n\n"
                 "Last updated 22/03/2018\nGood",
                 {("effectiveness", "four-point/good")}, id="round-named-in-text-not-by-date"),
    pytest.param("norfolk-pcc-2022-peel-response", "2021", "",
                 "Looking for Norfolk Police?\n\nDo you need the Police? Visit the Norfolk Police website\n\n"
                 "Document library", set(), id="page-question-is-no-area"),
    pytest.param("norfolk-pcc-2022-peel-response", "2021", "",
                 "Norfolk received the following gradings:\n\nOutstanding\n\nGood use of resources\n\nGood\n\n"
                 "Preventing crime and anti-social behaviour\n\nManaging offenders and suspects\n\n"
                 "Developing a positive workplace (supporting and protecting the workforce) \n\nAdequate\n\n"
                 "Investigating crime\n\nResponding to the public\n\nProtecting vulnerable people\n\n"
                 "Requires improvement\n\nTreating people fairly and with respect",
                 {("use of resources", "five-point/outstanding"),
                  ("preventing crime and anti-social behaviour", "five-point/good"),
                  ("managing offenders and suspects", "five-point/good"),
                  ("developing a positive workplace", "five-point/good"),
                  ("investigating crime", "five-point/adequate"), ("responding to the public", "five-point/adequate"),
                  ("protecting vulnerable people", "five-point/adequate"),
                  # the 2021/22 area "Treatment of the public", named as the PCC names it
                  ("treatment of the public", "five-point/requires-improvement")},
                 id="table-grade-then-areas"),
    pytest.param("hampshire-opcc-2016-peel-efficiency-response", "2016",
                 "Response by the Police and Crime Commissioner to HMIC Inspections of Hampshire Constabulary: PEEL "
                 "Efficiency Report 2016",
                 "Two forces were graded as “Outstanding”, eight were graded “Requires Improvement” and 33 were "
                 "“Good”. Hampshire Constabulary were graded as ‘good’.",
                 {("efficiency", "four-point/good")}, id="force-graded-takes-the-titles-pillar-not-other-forces"),
    pytest.param("humberside-opcc-2017-peel-effectiveness", "2017", "",
                 "Her Majesty’s Inspectorate of Constabulary (HMIC) have today published their report into the "
                 "Effectiveness of Humberside Police. This is one of three main reports annually which make up HMIC’s "
                 "‘PEEL’ assessment into all police forces in England and Wales.\n\nHumberside Police received an "
                 "overall grading of ‘Requires Improvement’ which was unchanged from last year.",
                 {("effectiveness", "four-point/requires-improvement")}, id="overall-grading-takes-the-texts-pillar"),
    pytest.param("hmicfrs-2018-durham-crime-data-integrity", "2018",
                 "Durham Constabulary: Crime Data Integrity inspection 2017", "Overall judgment\n\ngraded good",
                 {("crime data integrity", "four-point/good")}, id="grade-alone-takes-the-titles-area"),
    pytest.param("gainsborough-standard-nottinghamshire-peel-2018-19", "2017",
                 "[Gainsborough Standard article: Nottinghamshire Police has made improvements in reducing crime and "
                 "keeping people safe]",
                 "Previously graded as requiring improvement, the Inspectorate has now deemed the force to be ‘Good’.",
                 {("effectiveness", "four-point/good")}, id="earlier-grade-is-not-this-reports"),
    pytest.param("cornish-times-devon-cornwall-peel-2023-25", "2024", "",
                 "Inspectors rated the force good at preventing crime, and adequate at ‘protecting vulnerable people’",
                 {("preventing crime", "five-point/good"), ("protecting vulnerable people", "five-point/adequate")},
                 id="rated-the-force-good-at"),
    pytest.param("staffordshire-pfcc-peel-2021-22-response", "2022", "",
                 "while rating it as adequate in its ability to prevent crime and anti-social behaviour.",
                 {("preventing crime and anti-social behaviour", "five-point/adequate")},
                 id="adequate-in-its-ability-to"),
    pytest.param("hmicfrs-peel-2018-19-durham", "2019", "",
                 "The constabulary is outstanding at preventing crime and anti-social behaviour and at tackling "
                 "serious and organised crime.",
                 # the graph's 2018/19 area, labelled by its question
                 {("how effective is the force at preventing crime, tackling anti-social behaviour and keeping people "
                   "safe?", "four-point/outstanding"),
                  ("tackling serious and organised crime", "four-point/outstanding")}, id="and-at-starts-an-area"),
    pytest.param("gainsborough-standard-nottinghamshire-peel-2018-19", "2019", "",
                 "Investigating crime, protecting vulnerable people, tackling serious and organised crime, ethical and "
                 "lawful workforce behaviour and fair treatment of the public have all been graded as good.",
                 {("investigating crime", "four-point/good"), ("protecting vulnerable people", "four-point/good"),
                  ("tackling serious and organised crime", "four-point/good"),
                  ("ethical and lawful workforce behaviour", "four-point/good"),
                  ("fair treatment of the public", "four-point/good")}, id="list-part-lends-no-word"),
    pytest.param("gainsborough-standard-nottinghamshire-peel-2018-19", "2019", "",
                 "“However, this ‘Good’ grade is reassuring news for our residents, businesses and visitors.",
                 set(), id="this-holds-no-verb-is"),
    pytest.param("hmic-peel-2016-durham", "2017", "",
                 "Durham Constabulary has an outstanding approach to preventing crime and tackling serious and "
                 "organised crime.",
                 # "preventing crime" is the round's question on preventing crime and anti-social behaviour
                 {("preventing crime and tackling anti-social behaviour", "four-point/outstanding"),
                  ("tackling serious and organised crime", "four-point/outstanding")}, id="an-outstanding-approach-to"),
    pytest.param("humberside-opcc-2017-peel-effectiveness", "2017", "",
                 "· Crime Prevention – Good\n· Investigation – Requires Improvement\n· Vulnerability – Inadequate\n"
                 "· Serious and Organised Crime – Good",
                 {("preventing crime and tackling anti-social behaviour", "four-point/good"),
                  ("investigating crime", "four-point/requires-improvement"),
                  ("protecting vulnerable people", "four-point/inadequate"),
                  ("tackling serious and organised crime", "four-point/good")}, id="area-dash-grade-lines"),
    pytest.param("hmicfrs-peel-2018-19-dorset-legitimacy", "2019-09-09", "Dorset PEEL 2018: Legitimacy",
                 "The force is good at treating the public fairly. Officers and staff make fair and ethical decisions",
                 {("fair treatment of the public", "four-point/good")}, id="the-rounds-area-by-its-other-name"),
    pytest.param("hmicfrs-peel-2017-bedfordshire-legitimacy", "2017-12-12", "Bedfordshire PEEL 2017: Legitimacy",
                 "Bedfordshire Police is judged to be good at how legitimately it keeps people safe and reduces crime.",
                 {("legitimacy", "four-point/good")}, id="how-legitimately-it-keeps-people-safe"),
    pytest.param("leicestershire-opcc-2017-peel-effectiveness", "2017", "PEEL: Police Effectiveness 2016",
                 "“The force was graded ‘good’ across a number of critical areas including dealing with serious and "
                 "organised crime, working well with partner organisations, pursuing suspects who present a high risk "
                 "to others and managing the risk posed by dangerous and sexual offenders.",
                 {("tackling serious and organised crime", "four-point/good")},
                 id="areas-including-are-examples-unless-the-inspectorates"),
]

# Round 2: forms round 1 did not generalise to (its holdout's misses), each a form of the genre; the comment
# names the corpus texts that show it (two where the corpus has two).
GRADES += [
    # a grade heading its bullet, then "in"/"at" and the area (westwaleschronicle-2019-south-wales-peel, the only
    # dev text; with a dash, "Outstanding – in ...", it is issue 13's own example); a pillar named by its adverb
    # or its own description ("effectively reducing crime ...", "the way it treats the public and its workforce")
    pytest.param("westwaleschronicle-2019-south-wales-peel", "2019", "",
                 "  • good in effectively reducing crime and keeping people safe;\n  • good in operating efficiently "
                 "and providing sustainable services to the public; and\n  • good in the way it treats the public and "
                 "its workforce.",
                 {("effectiveness", "four-point/good"), ("efficiency", "four-point/good"),
                  ("legitimacy", "four-point/good")}, id="grade-heading-its-bullet-then-in"),
    # "in its <area>" after a verb of grading (hmicfrs-peel-2017-norfolk; staffordshire-pfcc-peel-2021-22-response's
    # "adequate in its ability to" above), and the areas before "is judged to be"
    pytest.param("hmicfrs-peel-2017-norfolk", "2017", "",
                 "The force is judged to be outstanding in its understanding of demand; its use of resources to manage "
                 "demand is judged to be good; and its planning for future demand is also judged to be good.",
                 {("understanding demand", "four-point/outstanding"),
                  ("use of resources to manage demand", "four-point/good"),
                  ("planning for future demand", "four-point/good")}, id="judged-to-be-grade-in-its-area"),
    # ... but praise in its own words is no area (hmicfrs-peel-2016-west-yorkshire)
    pytest.param("hmicfrs-peel-2016-west-yorkshire", "2016", "",
                 "It is good in its first response, preserving and collecting evidence effectively.", set(),
                 id="good-in-its-first-response-is-praise"),
    # a grade, "when" and the area's verb (warwickshireworld-warwickshire-peel-2023-25; "when it comes to" in
    # nottstv-nottinghamshire-peel-2017-legitimacy)
    pytest.param("warwickshireworld-warwickshire-peel-2023-25", "2025-06-10", "",
                 "The inspection found the force to be inadequate when responding to the public.",
                 {("responding to the public", "five-point/inadequate")}, id="inadequate-when-responding"),
    # a colon ends the area: what follows explains the grade (hmic-peel-2016-merseyside)
    pytest.param("hmic-peel-2016-merseyside", "2016", "",
                 "It is good at investigating crime: officers are effective in their initial investigation of crime "
                 "most of the time, although some early investigative opportunities are being missed.",
                 # the graph's 2016 area, labelled by its question
                 {("how effective is the force at investigating crime and reducing re-offending?", "four-point/good")},
                 id="a-colon-ends-the-area"),
    # the force's name before its areas, and a verb of grading between them and the grade
    # (warwickshireworld-warwickshire-peel-2023-25, hmicfrs-2018-bedfordshire-crime-data-integrity-news)
    pytest.param("warwickshireworld-warwickshire-peel-2023-25", "2025-06-10", "",
                 "Warwickshire Police’s leadership and management also requires improvement, according to the "
                 "inspectors.",
                 {("leadership and force management", "five-point/requires-improvement")},
                 id="forces-areas-then-grade"),
    pytest.param("hmicfrs-2018-bedfordshire-crime-data-integrity-news", "2018", "",
                 "HMICFRS has judged Bedfordshire Police’s crime recording as ‘requires improvement’",
                 {("crime data integrity", "four-point/requires-improvement")}, id="judged-forces-area-as-grade"),
    # an area named by most of the inspectorate's name, in its order (hmicfrs-2022-wiltshire-peel-news,
    # sussex-pcc-2017-peel-effectiveness-response, westwaleschronicle-2019-south-wales-peel)
    pytest.param("hmicfrs-2022-wiltshire-peel-news", "2022", "",
                 "HMICFRS said the inadequate areas included how the force responds to the public, how it protects "
                 "vulnerable people and strategic planning and value for money.",
                 {("responding to the public", "five-point/inadequate"),
                  ("protecting vulnerable people", "five-point/inadequate"),
                  ("strategic planning, organisational management and value for money", "five-point/inadequate")},
                 id="an-area-named-short"),
    pytest.param("sussex-pcc-2017-peel-effectiveness-response", "2017", "",
                 "It is also welcome news that Sussex is judged to be Good at investigating crime, protecting "
                 "vulnerable people and tackling organised crime.",
                 {("investigating crime", "four-point/good"), ("protecting vulnerable people", "four-point/good"),
                  ("tackling serious and organised crime", "four-point/good")}, id="tackling-organised-crime"),
    pytest.param("westwaleschronicle-2019-south-wales-peel", "2019", "",
                 "The force’s ability to meet current demands, and its planning for the future, are also rated good.",
                 {("meeting current demands and using resources", "four-point/good"),
                  ("planning for the future", "four-point/good")}, id="ability-to-meet-current-demands"),
    # the 2023-25 name of an area ("Building, supporting and protecting the workforce": merseyside-pcc-2023-peel-
    # response, warwickshireworld-warwickshire-peel-2023-25)
    pytest.param("merseyside-pcc-2023-peel-response", "2023", "",
                 "Building, supporting and protecting the workforce: Good",
                 {("developing a positive workplace", "five-point/good")}, id="building-supporting-protecting-line"),
    pytest.param("warwickshireworld-warwickshire-peel-2023-25", "2025-06-10", "",
                 "Inspectors also found that Warwickshire Police requires improvement in building, supporting and "
                 "protecting its workforce.",
                 {("developing a positive workplace", "five-point/requires-improvement")},
                 id="building-supporting-protecting-prose"),
    # one area by its two rounds' names is graded once ("disrupting" of 2021/22, "dealing with" of 2014-2019:
    # hmicfrs-2022-merseyside-peel-press-release)
    pytest.param("hmicfrs-2022-merseyside-peel-press-release", "2022-08-19", "",
                 "HMICFRS said the force was outstanding at disrupting serious organised crime.\n\nHer Majesty’s "
                 "Inspector of Constabulary Matt Parr yesterday said:\n\n“I congratulate Merseyside Police on its "
                 "performance in keeping people safe and reducing crime. In particular, the force’s performance in "
                 "dealing with serious and organised crime is outstanding.",
                 {("tackling serious and organised crime", "five-point/outstanding")}, id="one-area-two-rounds-names"),
    # a grade of an earlier report, not this one's (nottstv-nottinghamshire-peel-2017-legitimacy; gainsborough-
    # standard-nottinghamshire-peel-2018-19's "Previously graded")
    pytest.param("nottstv-nottinghamshire-peel-2017-legitimacy", "2017-12-12",
                 "[Notts TV article: Notts Police rated good at keeping people safe and reducing crime, new report]",
                 "This comes after the force was found to ‘require improvement’ in the same area last month.", set(),
                 id="a-grade-last-month-is-another-reports"),
    # "keeping communities safe" is the pillar's "keeping people safe" (sussex-pcc-2020-peel-response)
    pytest.param("sussex-pcc-2020-peel-response", "2020", "",
                 "“The inspection acknowledged the force was “good” at reducing crime, keeping communities safe and "
                 "tackling serious and organised crime.",
                 {("effectiveness", "four-point/good"), ("tackling serious and organised crime", "four-point/good")},
                 id="keeping-communities-safe"),
    # a round's area named by the start of its name: in 2018/19 "preventing crime" is the question on preventing
    # crime and anti-social behaviour (sussex-pcc-2020-peel-response, hmicfrs-peel-2018-19-cumbria)
    pytest.param("sussex-pcc-2020-peel-response", "2020", "",
                 "Responding to the publication PCC Katy Bourne said the annual inspection showed the force was “good” "
                 "at preventing and investigating crime  but needs to improve its safeguarding processes.",
                 {("how effective is the force at preventing crime, tackling anti-social behaviour and keeping people "
                   "safe?", "four-point/good"), ("investigating crime", "four-point/good")},
                 id="the-rounds-area-by-the-start-of-its-name"),
    pytest.param("hmicfrs-peel-2018-19-cumbria", "2019", "",
                 "good at preventing and investigating crime. It has a clear focus on protecting vulnerable people.",
                 {("how effective is the force at preventing crime, tackling anti-social behaviour and keeping people "
                   "safe?", "four-point/good"), ("investigating crime", "four-point/good")},
                 id="the-rounds-area-by-the-start-of-its-name-2"),
    # a grade heading a bulleted list (hmicfrs-peel-2018-19-essex-effectiveness, the only such text)
    pytest.param("hmicfrs-peel-2018-19-essex-effectiveness", "2019", "",
                 "In 2017, we assessed the force as good at:\n\n  • preventing crime and tackling anti-social "
                 "behaviour; and\n  • tackling serious and organised crime.",
                 {("preventing crime and tackling anti-social behaviour", "four-point/good"),
                  ("tackling serious and organised crime", "four-point/good")}, id="grade-heading-a-bulleted-list"),
    # an area whose words run past a list's usual end ("who", "through") (hmicfrs-peel-2017-north-yorkshire-
    # effectiveness)
    pytest.param("hmicfrs-peel-2017-north-yorkshire-effectiveness", "2018-03-22", "",
                 "North Yorkshire Police is also good at protecting people who are vulnerable through their age, "
                 "disability, or because they have been subjected to repeated offences, or are at high risk of abuse, "
                 "for example.",
                 {("protecting vulnerable people", "four-point/good")}, id="people-who-are-vulnerable"),
    # "investigative capability" is investigating crime: "-ative" and "-ation" share a stem with "-ating"
    # (leicestershire-opcc-2017-peel-effectiveness)
    pytest.param("leicestershire-opcc-2017-peel-effectiveness", "2017", "PEEL: Police Effectiveness 2016",
                 "“However, I am disappointed the same report concludes the force “requires improvement” when it comes "
                 "to its investigative capability and the protection of vulnerable people.",
                 {("how effective is the force at investigating crime and reducing re-offending?",
                   "four-point/requires-improvement"),
                  ("protecting vulnerable people", "four-point/requires-improvement")}, id="investigative-capability"),
    # the area that ends the clause before the verb of grading, however long the clause
    # (cornish-times-devon-cornwall-peel-2023-25)
    pytest.param("cornish-times-devon-cornwall-peel-2023-25", "2025", "",
                 "DEVON and Cornwall’s Police and Crime Commissioner Alison Hernandez has said her force must improve "
                 "the service it provides to the public after its ability to investigate crime effectively was judged "
                 "as inadequate.",
                 {("investigating crime", "five-point/inadequate")}, id="the-area-ending-the-clause"),
    # a grade changed from one to another, graded as it now stands; the pillar named with its report
    # (cityoflondon-2018-hmicfrs-update-minutes)
    pytest.param("cityoflondon-2018-hmicfrs-update-minutes", "2017-12", "",
                 "The Head of Strategic Development explained that unfortunately the PEEL legitimacy report had been "
                 "downgraded from “good” to “requires improvement”.",
                 {("legitimacy", "four-point/requires-improvement")}, id="downgraded-from-to"),
]

# Round 3: forms round 2's fresh holdout showed (its texts are dev from round 3).
GRADES += [
    # "in respect of" before the area, and the same grade last year (hmic-peel-2016-south-yorkshire)
    pytest.param("hmic-peel-2016-south-yorkshire", "2016", "",
                 "South Yorkshire Police requires improvement in respect of its effectiveness at keeping people safe "
                 "and reducing crime. Our overall judgment this year is the same as last year, when we judged the "
                 "force to require improvement in respect of effectiveness.",
                 {("effectiveness", "four-point/requires-improvement")}, id="in-respect-of"),
    # a grade hoped for is none; a speech's opening quotation mark does not make "Although the force" an area
    # (hmicfrs-2017-south-wales-crime-data-integrity-news)
    pytest.param("hmicfrs-2017-south-wales-crime-data-integrity-news", "2017", "",
                 "“Although the force is judged as ‘good’, there is still room for some improvement for it to be "
                 "judged as ‘outstanding’.", set(), id="hoped-for-grade-and-a-speechs-quote"),
    # the grade as the verb of the area before it (dyfed-powys-panel-peel-assessment); "developing a positive
    # workforce" is the round's "Developing a positive workplace" (GUIDE.md, round 3: the file's gold kept the
    # text's words, the guide's majority the official name)
    pytest.param("dyfed-powys-panel-peel-assessment", "2023", "",
                 "In particular, the Commissioner was disappointed that performance within the ‘developing a positive "
                 "workforce’ category required improvement",
                 {("developing a positive workplace", "five-point/requires-improvement")},
                 id="area-before-required-improvement"),
    # the grade in the subject that names the areas after a verb (sypf-2022-south-yorkshire-peel,
    # watfordobserver-2024-hertfordshire-peel); "operating efficiently" ends the list, it is not a pillar's
    # question swallowing it
    pytest.param("sypf-2022-south-yorkshire-peel", "2022", "",
                 "The outstanding areas were preventing crime and anti-social behaviour, protecting vulnerable people, "
                 "and operating efficiently.",
                 {("preventing crime and anti-social behaviour", "five-point/outstanding"),
                  ("protecting vulnerable people", "five-point/outstanding"),
                  ("efficiency", "five-point/outstanding")}, id="the-outstanding-areas-were"),
    pytest.param("watfordobserver-2024-hertfordshire-peel", "2024", "",
                 "Areas found to require improvement were responding to the public, investigating crime, protecting "
                 "vulnerable people, and leadership and force management.",
                 {("responding to the public", "five-point/requires-improvement"),
                  ("investigating crime", "five-point/requires-improvement"),
                  ("protecting vulnerable people", "five-point/requires-improvement"),
                  ("leadership and force management", "five-point/requires-improvement")},
                 id="areas-found-to-require-improvement-were"),
    # a judgments table flattened to "Area Grade" rows (hmicfrs-2024-british-transport-police-inspection)
    pytest.param("hmicfrs-2024-british-transport-police-inspection", "2024", "",
                 "Our judgments\n\nArea Grade\nEngaging with and treating the public with fairness and respect Good\n"
                 "Preventing crime and antisocial behaviour Good\nProtecting vulnerable people Good\n",
                 {("engaging with and treating the public with fairness and respect", "five-point/good"),
                  ("preventing crime", "five-point/good"), ("protecting vulnerable people", "five-point/good")},
                 id="flattened-area-grade-rows"),
    # the force's own words: "the way Dorset Police uses ..." made an area; "requires improvement to its ...", the
    # area ending at its purpose; an overall grading of the pillar its sentence names (dorset-police-2016-peel-
    # statement)
    pytest.param("dorset-police-2016-peel-statement", "2016", "",
                 "This report assessed that the way Dorset Police uses its available resources to match complex demand "
                 "is already ‘good’.",
                 {("using its available resources to match complex demand", "four-point/good")},
                 id="the-way-the-force-uses-is-already-good"),
    pytest.param("dorset-police-2016-peel-statement", "2016", "",
                 "The Inspectorate also concluded that, while the Force has responded well to financial challenges in "
                 "the past, it requires improvement to its future workforce planning to prepare for the full extent of "
                 "anticipated further cuts to police budgets.",
                 {("planning for the future", "four-point/requires-improvement")},
                 id="requires-improvement-to-its"),
    pytest.param("dorset-police-2016-peel-statement", "2016", "",
                 "The second report ‘Police Legitimacy’, which was published on 11 February 2016, focused on the "
                 "Force’s approach to treating people fairly with an overall grading of ‘good’.",
                 {("legitimacy", "four-point/good")}, id="overall-grading-of-the-sentences-pillar"),
    # a grade of performance in relation to the inspectorate's area that ends the phrase
    # (northamptonshire-pfcc-peel-2023-25-response)
    pytest.param("northamptonshire-pfcc-peel-2023-25-response", "2023", "",
                 "The Commissioner was pleased that the Inspectorate identified outstanding performance in relation to "
                 "the activities of the Force when recording data about crime.",
                 {("recording data about crime", "five-point/outstanding")},
                 id="outstanding-performance-in-relation-to"),
    # last year's grade named as a noun (humberside-opcc-2016-peel-efficiency); a misspelt pillar
    # (hampshire-opcc-2016-peel-effectiveness-response)
    pytest.param("humberside-opcc-2016-peel-efficiency", "2016", "",
                 "a grade higher than last year’s Efficiency assessment of ‘Inadequate’.",
                 {("efficiency", "four-point/inadequate")}, id="last-years-assessment-of"),
    # praise of what an area's name says ("management of offenders" is managing them) is no grade
    # (wiltshire-police-2024-peel-improvements)
    pytest.param("wiltshire-police-2024-peel-improvements", "2024", "",
                 "  • Good management of offenders and suspects to ensure arrests are made swiftly and victims are "
                 "safeguarded at the earliest opportunity.", set(), id="good-management-of-offenders-is-praise"),
    pytest.param("hampshire-opcc-2016-peel-effectiveness-response", "2016", "",
                 "The Constabulary was graded “good” for Efficiency and Legitimacy, but for the Effectivness report "
                 "have been given a “requires improvement” grading.",
                 {("efficiency", "four-point/good"), ("legitimacy", "four-point/good"),
                  ("effectiveness", "four-point/requires-improvement")}, id="misspelt-pillar"),
]


# Round 4: forms round 3's fresh holdout showed (its texts are dev from round 4).
_THAMES_VALLEY = (CORPUS / "hmicfrs-2018-thames-valley-crime-data-integrity-news.txt").read_text(encoding="utf-8")
GRADES += [
    # a grade as the adjective of a rating that names its area; a grade's rating naming none is no judgement
    # (durham-panel-peel-2014-update, south-wales-pcc-vetting-corruption-response)
    pytest.param("durham-panel-peel-2014-update", "2014", "",
                 "The force was also rated as outstanding at tackling anti-social behaviour and good at reducing crime "
                 "and preventing offending and received a good efficiency rating.",
                 {("tackling anti-social behaviour", "four-point/outstanding"),
                  ("reducing crime and preventing offending", "four-point/good"), ("efficiency", "four-point/good")},
                 id="a-good-efficiency-rating"),
    pytest.param("south-wales-pcc-vetting-corruption-response", "2017", "",
                 "The award of a ‘Good’ grade is very encouraging", set(), id="a-good-grade-naming-no-area"),
    # "gradings for" a list of areas in a force's words (essex-police-2022-peel-statement)
    pytest.param("essex-police-2022-peel-statement", "2022", "",
                 "Essex Police has received ‘Good’ gradings for treating the public fairly, using resources well and "
                 "developing a positive workforce.",
                 {("treatment of the public", "five-point/good"), ("use of resources", "five-point/good"),
                  ("developing a positive workplace", "five-point/good")}, id="good-gradings-for"),
    # the grade inside the subject naming the area, by any participle (essex-pfcc-2025-peel-response)
    pytest.param("essex-pfcc-2025-peel-response", "2025", "",
                 "“It is disappointing to see that one area highlighted as requiring improvement is ‘protecting "
                 "vulnerable people’.",
                 {("protecting vulnerable people", "five-point/requires-improvement")},
                 id="area-highlighted-as-requiring-improvement-is"),
    # a colon after the sentence's verb, before its grade (hmic-peel-2016-cumbria)
    pytest.param("hmic-peel-2016-cumbria", "2016", "",
                 "The extent to which the constabulary is legitimate at keeping people safe and reducing crime is: "
                 "good.", {("legitimacy", "four-point/good")}, id="pillar-is-colon-grade"),
    # a list of areas that goes on past ", its" and ";" while each is an area; "in aspects of the way it ..."
    # (warwickshireworld-2022-warwickshire-peel)
    pytest.param("warwickshireworld-2022-warwickshire-peel", "2022", "",
                 "The inspectorate found that Warwickshire Police was adequate at preventing crime, its treatment of "
                 "the public, protecting vulnerable people; developing a positive workplace and making good use of "
                 "resources.",
                 {("preventing crime", "five-point/adequate"), ("treatment of the public", "five-point/adequate"),
                  ("protecting vulnerable people", "five-point/adequate"),
                  ("developing a positive workplace", "five-point/adequate"),
                  ("use of resources", "five-point/adequate")}, id="list-of-areas-past-its-and-semicolon"),
    pytest.param("warwickshireworld-2022-warwickshire-peel", "2022", "",
                 "But it also requires improvement in aspects of the way it investigates crime, responds to the public "
                 "and manages offenders.",
                 {("investigating crime", "five-point/requires-improvement"),
                  ("responding to the public", "five-point/requires-improvement"),
                  ("managing offenders and suspects", "five-point/requires-improvement")},
                 id="in-aspects-of-the-way-it"),
    # "across all the strands which include" the pillars, each a pillar of its own
    # (westyorkshire-pcc-2017-peel-2016-response)
    pytest.param("westyorkshire-pcc-2017-peel-2016-response", "2017", "",
                 "Her Majesty's Inspectorate of Constabulary (HMIC) have rated West Yorkshire Police as \"Good\" "
                 "across all the strands which include effectiveness, efficiency and legitimacy.",
                 {("effectiveness", "four-point/good"), ("efficiency", "four-point/good"),
                  ("legitimacy", "four-point/good")}, id="across-all-the-strands-which-include"),
    # the object of a verb of grading is the force, not an area; "wasn’t" opens no quotation
    # (publicsectorexecutive-2024-metropolitan-peel)
    pytest.param("publicsectorexecutive-2024-metropolitan-peel", "2024", "",
                 "this wasn’t enough to stop the inspectorate from grading the ‘Met’ as adequate in only one area.",
                 set(), id="grading-the-force-as-in-one-area-names-none"),
    # the force graded as a whole: the area of the report the page links to under "Get the report", none without
    # it (hmicfrs-2018-thames-valley-crime-data-integrity-news)
    pytest.param("hmicfrs-2018-thames-valley-crime-data-integrity-news", "2018",
                 "Too many crimes going unrecorded by Thames Valley Police",
                 _THAMES_VALLEY[_THAMES_VALLEY.index("Get the report"):_THAMES_VALLEY.index("‘inadequate’.") + 13],
                 {("crime data integrity", "four-point/inadequate")}, id="judged-the-force-area-of-linked-report"),
    pytest.param("hmicfrs-2018-thames-valley-crime-data-integrity-news", "2018",
                 "Too many crimes going unrecorded by Thames Valley Police",
                 "Based on these criteria, overall HMICFRS has judged Thames Valley Police as ‘inadequate’.",
                 set(), id="judged-the-force-no-report-area"),
]
_SOUTH_WALES = (CORPUS / "south-wales-pcc-vetting-corruption-response.txt").read_text(encoding="utf-8")
GRADES += [
    # the inspectorate's area ending the words before a verb of grading, back past a clause's "with"
    # (northumbria-pcc-2015-crime-inspection-response)
    pytest.param("northumbria-pcc-2015-crime-inspection-response", "2015", "",
                 "I was especially pleased to see that the work of Northumbria Police in dealing with Anti-social "
                 "behaviour assessed as ‘outstanding’ recognising the very strong commitment to neighbourhood "
                 "policing.", {("tackling anti-social behaviour", "four-point/outstanding")},
                 id="in-dealing-with-area-assessed-as"),
    pytest.param("itv-2024-cumbria-peel", "2024", "",
                 "The Police Effectiveness, Efficiency and Legitimacy (PEEL) inspection is an independent review of "
                 "Constabularies around the country with each category rated outstanding, good, adequate, requires "
                 "improvement, and inadequate.", set(), id="the-scale-listed-grades-nothing"),
    # a grade's infinitive opening its sentence, praised as an achievement, is achieved, not hoped for (the hoped-for
    # case is "hoped-for-grade-and-a-speechs-quote") (kent-pcc-2019-crime-data-integrity-response)
    pytest.param("kent-pcc-2019-crime-data-integrity-response", "2019", "",
                 "To be rated ‘Outstanding’ for recording reported crime, with an overall accuracy rate of 96.6% - the "
                 "highest of any force in England & Wales - is a fantastic achievement.",
                 {("crime data integrity", "four-point/outstanding")}, id="to-be-rated-is-an-achievement"),
    # a relative clause grades the noun before it (essex-police-2022-peel-statement)
    pytest.param("essex-police-2022-peel-statement", "2022", "",
                 "The 8 areas reported on are in addition to the area of Crime Data accuracy, which was inspected by "
                 "HMICFRS previously and which is rated as ‘Outstanding’, the highest possible grade.",
                 {("recording data about crime", "five-point/outstanding")}, id="area-which-is-rated-as"),
    # a pillar's word asked of another question names that question; HMIC alone dates a text before 2017's renaming,
    # so four-point whatever a later "Last Updated" date; "responds to ‘Good’ HMIC grade" names no area, nor does
    # "how effectively police forces carry out vetting" make the report a pillar's
    # (south-wales-pcc-vetting-corruption-response)
    pytest.param("south-wales-pcc-vetting-corruption-response", "2022-11-17", "",
                 _SOUTH_WALES[_SOUTH_WALES.index("South Wales Police and Crime Commissioner responds"):
                              _SOUTH_WALES.index(" following a detailed inspection")],
                 {("tackling corruption and vetting", "four-point/good")},
                 id="the-effectiveness-with-which-it-tackles"),
    pytest.param("south-wales-pcc-vetting-corruption-response", "2022-11-17", "", _SOUTH_WALES,
                 {("tackling corruption and vetting", "four-point/good")},
                 id="how-effectively-it-protects-is-no-pillar"),
    # the pillar's own question stays the pillar (hmic-peel-2016-cumbria)
    pytest.param("hmic-peel-2016-cumbria", "2016", "",
                 "Cumbria Constabulary has been assessed as good in respect of the efficiency with which it keeps "
                 "people safe and reduces crime.", {("efficiency", "four-point/good")},
                 id="the-efficiency-with-which-it-keeps-people-safe"),
]

@pytest.mark.parametrize(("source", "date", "title", "passage", "expected"), GRADES)
def test_grades(graded_areas, draft_passage, source, date, title, passage, expected):
    draft = draft_passage(source, passage, date, title)
    assert graded_areas(draft) == expected


@pytest.mark.parametrize(("source", "date", "passage", "scale"), [
    pytest.param("hmicfrs-peel-2018-19-durham", "2019",
                 "the extent to which the force operates efficiently and sustainably is outstanding.", "four-point",
                 id="2018-19-four-point"),
    pytest.param("staffordshire-pfcc-peel-2021-22-response", "2022",
                 "while rating it as adequate in its ability to prevent crime and anti-social behaviour.", "five-point",
                 id="2021-22-five-point"),
    # undated: a grade "adequate" puts every grade of the text on the five-point scale (warwickshireworld-2022-...)
    pytest.param("warwickshireworld-2022-warwickshire-peel", "",
                 "The inspectorate found that Warwickshire Police was adequate at preventing crime, its treatment of "
                 "the public, protecting vulnerable people; developing a positive workplace and making good use of "
                 "resources.\n\nBut it also requires improvement in aspects of the way it investigates crime, responds "
                 "to the public and manages offenders.", "five-point", id="undated-adequate-five-point"),
    # a later date, but a text about HMIC alone, before 2017's renaming: four-point
    # (south-wales-pcc-vetting-corruption-response, dated by its page's "Last Updated")
    pytest.param("south-wales-pcc-vetting-corruption-response", "2022-11-17",
                 "South Wales Police and Crime Commissioner responds to ‘Good’ HMIC grade\n\nHMIC report on how "
                 "South Wales Police tackles corruption and vetting\n\nSouth Wales Police and Crime Commissioner Alun "
                 "Michael has welcomed a finding of “Good” for the effectiveness with which South Wales Police tackles "
                 "corruption and vetting", "four-point", id="hmic-alone-four-point"),
])
def test_scale_by_date_or_wording(draft_passage, source, date, passage, scale):
    draft = draft_passage(source, passage, date)
    assert draft.judgements
    assert {j["grade"].split("/")[0] for j in draft.judgements} == {scale}


def test_table_judgement_quotes_its_grade_and_area(draft_passage):
    passage = "Good\n\nPreventing crime and anti-social behaviour\n\nManaging offenders and suspects"
    draft = draft_passage("norfolk-pcc-2022-peel-response", passage, "2021")
    assert len(draft.judgements) == 2
    for judgement in draft.judgements:
        assert judgement["quote"].startswith("Good")


@pytest.mark.parametrize(("source", "date", "title", "passage", "expected"), [
    pytest.param("humberside-opcc-2016-peel-legitimacy", "2016", "",
                 "“It is pleasing to note that Humberside Police were graded as ‘Good’ in terms of ‘Legitimacy’, the "
                 "same grading as they received last year.",
                 {("legitimacy", "four-point/good", "2016"), ("legitimacy", "four-point/good", "2015")},
                 id="same-grading-as-last-year"),
    pytest.param("hmicfrs-peel-2017-bedfordshire-legitimacy", "2017-12-12", "Bedfordshire PEEL 2017: Legitimacy",
                 "Bedfordshire Police is judged to be good at how legitimately it keeps people safe and reduces crime. "
                 "For the areas of legitimacy we looked at this year, our overall judgment is the same as last year.",
                 {("legitimacy", "four-point/good", "2017"), ("legitimacy", "four-point/good", "2016")},
                 id="overall-judgment-the-same-as-last-year-in-the-next-sentence"),
])
def test_the_same_grade_last_year_is_the_rounds_before(draft_passage, known_labels, source, date, title, passage,
                                                        expected):
    draft = draft_passage(source, passage, date, title)
    got = set()
    for j in draft.judgements:
        label = {**known_labels, **{e["id"]: e["label"] for e in draft.entities}}.get(j["area"], j["area"])
        round_ = j["area"].removeprefix("area/peel-").split("-")[0]
        got.add((fold(label).split(" (peel")[0], j["grade"], round_))
    assert got == expected


def test_keeping_people_safe_without_its_pillar_is_the_pillar_the_text_grades(graded_areas, draft_passage):
    """Every 2014-2017 pillar was asked "at keeping people safe and reducing crime": a news item that leaves
    the pillar out, then grades legitimacy's questions, reports the legitimacy grade."""
    source = "nottstv-nottinghamshire-peel-2017-legitimacy"
    passage = "\n".join((CORPUS / f"{source}.txt").read_text(encoding="utf-8").splitlines()[:5])
    got = graded_areas(draft_passage(source, passage, "2017-12-12"))
    assert got == {("legitimacy", "four-point/good"), ("fair treatment of the public", "four-point/good"),
                   ("ethical and lawful workforce behaviour", "four-point/good"),
                   ("fair treatment of the workforce", "four-point/requires-improvement")}


@pytest.mark.parametrize(("source", "date", "passage"), [
    pytest.param("hmic-peel-2016-norfolk", "2016",
                 "The force is good at protecting some of the most vulnerable people", id="2016"),
    pytest.param("hmicfrs-peel-2018-19-essex-effectiveness", "2019",
                 "Essex Police is good at protecting vulnerable people.", id="2018-19"),
])
def test_no_area_of_another_round(draft_passage, source, date, passage):
    """The graph's "Protecting vulnerable people" of 2021/22 is not the area a 2016 or 2019 report grades."""
    passage = next(line for line in (CORPUS / f"{source}.txt").read_text(encoding="utf-8").splitlines()
                   if passage in line)
    draft = draft_passage(source, passage, date)
    assert draft.judgements
    assert not [j for j in draft.judgements if j["area"].startswith("area/peel-2021-22-")]


def test_the_round_its_area_names_tell_over_an_earlier_date(draft_passage):
    """A news item dated only "after July 2017" that grades "ethical and lawful workforce behaviour" and
    "meeting current demands and using resources" (names of the integrated 2018/19 assessment alone) reports
    2018/19, not 2017 (gainsborough-standard-nottinghamshire-peel-2018-19, the only dev text so dated)."""
    source = "gainsborough-standard-nottinghamshire-peel-2018-19"
    passage = ("Investigating crime, protecting vulnerable people, tackling serious and organised crime, ethical and "
               "lawful workforce behaviour and fair treatment of the public have all been graded as good.\n\n"
               "While work is already ongoing to address discreet areas including preventing crime and tackling "
               "antisocial behaviour, meeting current demands and using resources, planning for the future and fair "
               "treatment of the workforce, which were found to require improvement.")
    draft = draft_passage(source, passage, "2017-07")
    areas = {j["area"] for j in draft.judgements}
    assert len(areas) == 9
    assert not [a for a in areas if a.startswith("area/peel-2017-")]
    assert "area/peel-2018-19-investigating-crime" in areas


def test_a_count_of_areas_names_them_only_when_a_list_follows(graded_areas, data_dir):
    """"in three areas according to HM Inspectorate" names no area; "across several key areas, which also
    include how it manages offenders and investigates crimes" names two (the seed text kentonline-2022-kent-peel,
    data/sources/003_6ef2784555a40834.txt); a figure after "with" ends an area."""
    source = "kentonline-2022-kent-peel"
    text = (CORPUS.parents[1] / "data" / "sources" / "003_6ef2784555a40834.txt").read_text(encoding="utf-8")
    passages = {
        "Kent Police ‘requires improvement’ in three areas according to HM Inspectorate": set(),
        "The force 'requires improvement' across several key areas, which also include how it manages offenders "
        "and investigates crimes.": {("managing offenders and suspects", "five-point/requires-improvement"),
                                     ("investigating crime", "five-point/requires-improvement")},
    }
    for passage, expected in passages.items():
        assert passage in text
        draft = extract(passage, source, data_dir=data_dir, date="2022", exclude_sources=(source,))
        assert graded_areas(draft) == expected
    passage = ("The Inspectorate graded performance across nine areas of policing and found the force was "
               "‘outstanding’ when it came to recording data about crime with 96.7% of all reported crime being filed.")
    assert passage in text
    draft = extract(passage, source, data_dir=data_dir, date="2022", exclude_sources=(source,))
    assert [j["quote"] for j in draft.judgements] == ["‘outstanding’ when it came to recording data about crime"]


@pytest.mark.parametrize(("file", "source", "passage"), [
    pytest.param("004_e15227a003a02a0e.txt", "hmic-kent-peel-transcript",
                 "The force's initial investigation of crime is good, and people with the appropriate skills and "
                 "experience continue the investigations", id="initial-investigation-is-good"),
    pytest.param("001_38808edbea0ea68b.txt", "hmic-2014-kent-crime",
                 "HMIC found Kent Police’s approach to crime recording \nis good, with a high degree of accuracy.",
                 id="approach-to-crime-recording-is-good"),
])
def test_an_area_at_the_end_of_praise_is_no_grade(data_dir, file, source, passage):
    """An area's name ending a phrase that a bare "is good" praises is no judgement (the seed texts); only a verb
    of grading ("was judged as", "was graded as") grades the area that ends the clause before it."""
    assert passage in (CORPUS.parents[1] / "data" / "sources" / file).read_text(encoding="utf-8")
    draft = extract(passage, source, data_dir=data_dir, date="2014", exclude_sources=(source,))
    assert draft.judgements == []


def test_another_force_graded_in_the_sentence_is_the_subject(data_dir):
    """A force named by its area as the subject of the verb of grading, after another clause: North Wales's
    grades are North Wales's, not the report's force's (bbc-2017-dyfed-powys-peel)."""
    passage = ("In 2016, South Wales and Gwent police forces were deemed \"good\" in all areas while North Wales was "
               "graded \"good\" in effectiveness and efficiency but required improvement in the area of legitimacy.")
    text = (CORPUS / "bbc-2017-dyfed-powys-peel.txt").read_text(encoding="utf-8")
    assert passage in text
    draft = extract("Dyfed-Powys Police requires improvement\n\n" + passage, "bbc-2017-dyfed-powys-peel",
                    data_dir=data_dir, date="2016", exclude_sources=("bbc-2017-dyfed-powys-peel",))
    assert {(j["subject"], j["area"], j["grade"]) for j in draft.judgements} == {
        ("force/north-wales", "area/peel-2016-effectiveness", "four-point/good"),
        ("force/north-wales", "area/peel-2016-efficiency", "four-point/good"),
        ("force/north-wales", "area/peel-2016-legitimacy", "four-point/requires-improvement")}


# Round 5: forms round 4's fresh holdout showed the rules did not generalise to (now dev texts), each with its text.
GRADES_ROUND5 = [
    # a grade counted over areas it does not name grades none: not the report's area (bbc-2024-derbyshire-peel), nor
    # the areas of a clause after it (cleveland-pcc-2025-peel-response); a count's list after a participle and a colon
    # (cleveland-pcc-2019-peel-inadequate-response) or "in particular" (yorkpress-2023-north-yorkshire-peel) names them
    pytest.param("bbc-2024-derbyshire-peel", "2023", "",
                 "A report into Derbyshire Police's performance said the force \"requires improvement\" in half of its "
                 "graded areas of policing.", set(), id="grade-in-half-of-its-areas-is-no-grade"),
    pytest.param("cleveland-pcc-2025-peel-response", "2023", "",
                 "Cleveland Police is now independently graded as ‘good’ in most areas, with dramatic leaps in the "
                 "gradings around building a strong workforce and preventing crime and antisocial behaviour.",
                 set(), id="grade-in-most-areas-is-no-grade"),
    pytest.param("cleveland-pcc-2019-peel-inadequate-response", "2019-09-27", "",
                 "Cleveland Police were rated as 'inadequate' for all three areas assessed during the PEEL process: "
                 "efficiency, effectiveness and legitimacy.",
                 {("efficiency", "four-point/inadequate"), ("effectiveness", "four-point/inadequate"),
                  ("legitimacy", "four-point/inadequate")}, id="count-of-areas-participle-colon-list"),
    pytest.param("yorkpress-2023-north-yorkshire-peel", "2023", "",
                 "It’s unacceptable that North Yorkshire Police requires improvement in multiple areas, in particular "
                 "its strategic planning, organisational management and value for money",
                 {("strategic planning, organisational management and value for money",
                   "five-point/requires-improvement")}, id="count-of-areas-in-particular-list"),
    # "and the force’s ..." opens the clause whose subject is graded: not "reduce crime" before it
    pytest.param("yorkpress-2023-north-yorkshire-peel", "2023", "",
                 "The force has been told it must make urgent improvements to help keep people safe and reduce crime "
                 "and the force’s use of resources was graded inadequate.",
                 {("use of resources", "five-point/inadequate")}, id="and-the-forces-opens-a-clause"),
    # "with respect to" introduces the area (hmicfrs-peel-2018-psni; the title's round sets the scale, below)
    pytest.param("hmicfrs-peel-2018-psni", "2022-11-02",
                 "PEEL: Police efficiency and effectiveness 2018 – Police Service of Northern Ireland",
                 "We assess the Police Service of Northern Ireland (PSNI) as being good with respect to its "
                 "efficiency.",
                 {("efficiency", "four-point/good")}, id="good-with-respect-to"),
    # "for its work in <area>", and the round the grade's sentence names sets its scale, whatever the text's date
    # (eastbourneherald-2021-sussex-peel-preparation)
    pytest.param("eastbourneherald-2021-sussex-peel-preparation", "2021-11-19", "",
                 "The Force was last inspected in 2018/19, when it was rated ‘good’ for its work in reducing crime and "
                 "keeping people safe, ‘requires improvement’ for its efficiency and sustainability, and ‘good’ for "
                 "how it treated the public and its workforce.",
                 {("effectiveness", "four-point/good"), ("efficiency", "four-point/requires-improvement"),
                  ("legitimacy", "four-point/good")}, id="for-its-work-in-and-the-sentences-round"),
    # a list whose items are cut by semicolons keeps the commas inside them (wiredgov-2022-derbyshire-peel)
    pytest.param("wiredgov-2022-derbyshire-peel", "2022-11-28", "",
                 "HMICFRS said the areas requiring improvement are responding to the public; investigating crime; "
                 "protecting vulnerable people; building, supporting and protecting the workforce, and\nstrategic "
                 "planning, organisational management and value for money.",
                 {("responding to the public", "five-point/requires-improvement"),
                  ("investigating crime", "five-point/requires-improvement"),
                  ("protecting vulnerable people", "five-point/requires-improvement"),
                  ("developing a positive workplace", "five-point/requires-improvement"),
                  ("strategic planning, organisational management and value for money",
                   "five-point/requires-improvement")}, id="semicolon-list-commas-inside-items"),
    # adverbs of manner before the area's verb are not its words (gwent-police-2025-peel-statement)
    pytest.param("gwent-police-2025-peel-statement", "2025", "",
                 "I am pleased that HMICFRS has recognised us as outstanding in promptly and accurately recording "
                 "crime, particularly in cases involving sexual offences and anti-social behaviour.",
                 {("crime data integrity", "five-point/outstanding")}, id="adverbs-before-the-areas-verb"),
    # 2023-25's prevention area, as its tables shorten it, is one area, not a list ending in "vulnerability"
    # (hmicfrs-2024-devon-cornwall-peel-news)
    pytest.param("hmicfrs-2024-devon-cornwall-peel-news", "2024", "",
                 "HMICFRS said the force has a good approach to preventing and deterring crime, antisocial behaviour "
                 "and vulnerability.", {("preventing crime", "five-point/good")}, id="the-rounds-long-area-name"),
    # a headline finding naming the force, "is good at" and what it does, a sentence of its own: one area in its words
    # (hmicfrs-peel-2018-19-hertfordshire-legitimacy); "The force is good at ..." in the narrative is praise, as the
    # gold of hmicfrs-peel-2018-19-lincolnshire-effectiveness reads it
    pytest.param("hmicfrs-peel-2018-19-hertfordshire-legitimacy", "2019-09-27", "",
                 "Hertfordshire Constabulary is good at behaving ethically and lawfully.",
                 # (the 2018/19 findings' name of the graph's area, as hmicfrs-peel-2018-19-gwent-legitimacy-findings'
                 # gold reads it: round 7)
                 {("ethical and lawful workforce behaviour", "four-point/good")}, id="headline-finding-is-one-area"),
    pytest.param("hmicfrs-peel-2018-19-lincolnshire-effectiveness", "2019", "",
                 "The force is good at spotting vulnerable people when they first contact the force.", set(),
                 id="the-force-is-good-at-in-narrative-is-praise"),
]


@pytest.mark.parametrize(("source", "date", "title", "passage", "expected"), GRADES_ROUND5)
def test_grades_round5(graded_areas, draft_passage, source, date, title, passage, expected):
    draft = draft_passage(source, passage, date, title)
    assert graded_areas(draft) == expected


# Round 6: forms round 5's fresh holdout showed the rules did not generalise to (now dev texts), each with its text and
# a case of the same words that must not fire.
GRADES_ROUND6 = [
    # a verb of grading whose object is the force's own ability names the area (thurrock-2022-essex-peel); its object
    # the force alone names none (the round-4 case "grading the ‘Met’ as adequate in only one area" above)
    pytest.param("thurrock-2022-essex-peel", "2022-10-14", "",
                 "The report also rates its ability to investigate crime as “adequate”.",
                 {("investigating crime", "five-point/adequate")}, id="rates-its-ability-as"),
    # the inspection that gave the grade, then its area (newsguardian-2016-northumbria-legitimacy-leadership)
    pytest.param("newsguardian-2016-northumbria-legitimacy-leadership", "2016", "",
                 "Northumbria Police has been rated as good in the latest HMIC inspection on legitimacy, published "
                 "today.", {("legitimacy", "four-point/good")}, id="rated-good-in-the-latest-inspection-on"),
    # a rating of the force overall takes the pillar its paragraph names (essex-pfcc-2017-hmic-reports-legitimacy,
    # northumberlandgazette-2017-northumbria-peel-efficiency); the legend of the four ratings grades nothing
    pytest.param("essex-pfcc-2017-hmic-reports-legitimacy", "2017", "HMIC Reports 2017",
                 "“This is another positive independent inspection result on the legitimacy of Essex Police by "
                 "HMICFRS. As well as achieving a “good” rating overall the report also notes that the “solid "
                 "foundations” identified in the 2016 HMICFRS have been built on with sustained good progress being "
                 "made.",
                 {("legitimacy", "four-point/good")}, id="a-good-rating-overall-the-paragraphs-pillar"),
    pytest.param("northumberlandgazette-2017-northumbria-peel-efficiency", "2017-11-09",
                 "Northumbria Police is rated as good",
                 "Forces were assessed against the overarching question – how efficient is the Force at keeping people "
                 "safe and reducing crime? – with four possible ratings available; outstanding, good, requires "
                 "improvement and inadequate. Northumbria received a good rating overall.",
                 {("efficiency", "four-point/good")}, id="rating-overall-after-a-legend-of-ratings"),
    # an earlier grade in the grade's own clause, its inspection unnamed, is none (rotherham-2016-south-yorkshire-panel-
    # hmic-update); "previously and which is rated" is the area's grade now (essex-police-2022-peel-statement)
    pytest.param("rotherham-2016-south-yorkshire-panel-hmic-update", "2016", "",
                 "This would seek to give a rating on how effective South Yorkshire Police are at keeping people safe "
                 "and reducing crime, previously the Force were rated as requiring improvement.", set(),
                 id="previously-rated-is-no-grade"),
    pytest.param("essex-police-2022-peel-statement", "2022-10-14", "",
                 "The 8 areas reported on are in addition to the area of Crime Data accuracy, which was inspected by "
                 "HMICFRS previously and which is rated as ‘Outstanding’, the highest possible grade.",
                 {("recording data about crime", "five-point/outstanding")}, id="inspected-previously-and-rated-now"),
    # "in how it <does>": the inspectorate's question in its words, the verb made the area's gerund
    # (hmicfrs-peel-2018-19-south-yorkshire); not one of two actions (wiredgov-2024-cambridgeshire-peel), nor what
    # follows a comma (hmicfrs-peel-2023-25-west-yorkshire-news: only the inspectorate's area there)
    pytest.param("hmicfrs-peel-2018-19-south-yorkshire", "2019", "",
                 "In particular, it is outstanding in how it maintains an ethical culture.",
                 {("maintaining an ethical culture", "four-point/outstanding")}, id="outstanding-in-how-it-maintains"),
    pytest.param("wiredgov-2024-cambridgeshire-peel", "2024-03-13", "",
                 "HMICFRS said the constabulary is outstanding in how it uses its police powers and engages with the "
                 "public", set(), id="in-how-it-does-two-things-is-no-one-area"),
    pytest.param("hmicfrs-peel-2023-25-west-yorkshire-news", "2024", "",
                 "HMICFRS said the force was outstanding in the way it records crime, with its chief officers "
                 "constantly monitoring and scrutinising standards of crime recording.",
                 {("crime data integrity", "five-point/outstanding")}, id="in-the-way-it-not-past-a-comma"),
    # a count of areas then their list cut by semicolons, each "in how it ..." (sypf-2017-south-yorkshire-peel-
    # efficiency)
    pytest.param("sypf-2017-south-yorkshire-peel-efficiency", "2017", "South Yorkshire Police told it ‘requires "
                 "improvement’",
                 "The third annual report, which examines force efficiency, concluded that the force requires "
                 "improvement in all three areas of the assessment; in how it understands the demands for its "
                 "services; in how it uses its resources; and in its planning for the future.",
                 {("understanding demand", "four-point/requires-improvement"),
                  ("using its resources", "four-point/requires-improvement"),
                  ("planning for future demand", "four-point/requires-improvement")},
                 id="count-of-areas-then-semicolon-list"),
    # two objects of one verb and adverb, each an area: the second takes the verb (hmicfrs-peel-2018-19-hertfordshire-
    # legitimacy); not when the first is no area (sussex-pcc-2020-peel-response, whose gold reads it as praise)
    pytest.param("hmicfrs-peel-2018-19-hertfordshire-legitimacy", "2019-09-27", "Hertfordshire PEEL 2018: Legitimacy",
                 "In 2017, we judged Hertfordshire Constabulary to be good at treating both the public and its "
                 "workforce fairly.",
                 {("fair treatment of the public", "four-point/good"), ("fair treatment of the workforce",
                                                                       "four-point/good")},
                 id="treating-the-public-and-its-workforce-fairly"),
    pytest.param("sussex-pcc-2020-peel-response", "2020", "",
                 "  • is ethical and good at treating its employees and the public fairly", set(),
                 id="treating-its-employees-and-the-public-fairly-is-praise"),
    # a finding naming the force, then whose it is or how (cheshire-pcc-2016-hmic-efficiency-statement, gwent-pcc-2019-
    # peel-welcome), or under a heading the block runs into it (hmicfrs-peel-2018-19-lancashire-effectiveness-findings);
    # not two things it does ("catching criminals and resolving investigations", gwent-pcc-2019-peel-welcome)
    pytest.param("cheshire-pcc-2016-hmic-efficiency-statement", "2016-11-03", "",
                 "Cheshire Constabulary is outstanding at understanding its current and likely future demand, "
                 "according to the latest Her Majesty’s Inspector of Constabulary (HMIC) efficiency report released "
                 "today, 3 November 2016.",
                 {("understanding its current and likely future demand", "four-point/outstanding")},
                 id="finding-according-to-the-report"),
    pytest.param("gwent-pcc-2019-peel-welcome", "2018", "",
                 "In particular, the report highlights that Gwent Police is good at responding to incidents involving "
                 "vulnerable victims, attending quickly enough to keep them safe.",
                 {("responding to incidents involving vulnerable victims", "four-point/good")},
                 id="the-report-highlights-that-the-force-is-good-at"),
    pytest.param("gwent-pcc-2019-peel-welcome", "2018", "",
                 "HMICFRS found that the force is good at catching criminals and resolving investigations.", set(),
                 id="found-that-good-at-two-things-is-no-one-area"),
    pytest.param("hmicfrs-peel-2018-19-lancashire-effectiveness-findings", "2018", "",
                 "Prioritising crime prevention\nLancashire Constabulary is good at prioritising prevention and "
                 "problem solving to stop people becoming victims of crime and anti-social behaviour.",
                 {("prioritising prevention and problem solving", "four-point/good")},
                 id="finding-under-a-heading-and-its-purpose"),
    # after a grade named as one, a list cut by semicolons goes on while each item says what the force does, a
    # question's words kept as the area's other name ("How well it uses its demand"); the second item is no object
    # of the first's verb (northumberlandgazette-2017-northumbria-peel-efficiency)
    pytest.param("northumberlandgazette-2017-northumbria-peel-efficiency", "2017-11-09", "",
                 "In the three separate areas assessed as part of the inspection, the Force was rated good for "
                 "understanding its demand; how well it uses its demand; and for how well it is planning for the "
                 "future.",
                 {("understanding demand", "four-point/good"), ("using its demand", "four-point/good"),
                  ("planning for future demand", "four-point/good")}, id="rated-good-for-a-semicolon-list-of-doings"),
    # the inspectorate's pillar sentence, its verb lost from the stored page (hmicfrs-peel-2017-northumbria)
    pytest.param("hmicfrs-peel-2017-northumbria", "2017", "Northumbria 2017",
                 "The extent to which the force is effective at keeping people safe and reducing crime good.",
                 {("effectiveness", "four-point/good")}, id="extent-to-which-without-its-verb"),
]


@pytest.mark.parametrize(("source", "date", "title", "passage", "expected"), GRADES_ROUND6)
def test_grades_round6(graded_areas, draft_passage, source, date, title, passage, expected):
    draft = draft_passage(source, passage, date, title)
    assert graded_areas(draft) == expected


@pytest.mark.parametrize(("source", "date", "passage", "area", "name"), [
    pytest.param("hmicfrs-peel-2018-19-dorset-legitimacy", "2019-09-09",
                 "The force is good at treating the public fairly.",
                 "area/peel-2018-19-fair-treatment-of-the-public", "Treating the public fairly", id="2018-19-public"),
    pytest.param("hmicfrs-peel-2018-19-dorset-legitimacy", "2019-09-09",
                 "Dorset Police is good at treating its workforce fairly.",
                 "area/peel-2018-19-fair-treatment-of-the-workforce", "Treating the workforce fairly",
                 id="2018-19-workforce"),
    pytest.param("dyfed-powys-panel-peel-assessment", "2022",
                 "performance within the ‘developing a positive workforce’ category required improvement",
                 "area/peel-2021-22-developing-a-positive-workplace", "Developing a positive workforce",
                 id="2021-22-positive-workforce"),
])
def test_the_graphs_area_carries_the_name_the_text_grades(data_dir, draft_passage, source, date, passage, area, name):
    """The graph's area of the round is the one graded, and carries the name the text grades it by (the
    inspectorate's findings' "Treating the public fairly", the press's "developing a positive workforce"), so a
    reader of the graph, and the benchmark, pairs the two."""
    from graph.data.records import load_records

    draft = draft_passage(source, passage, date)
    assert [j["area"] for j in draft.judgements] == [area]
    records, _ = load_records(data_dir)
    assert name in next(e for e in records.entities if e.id == area).aliases


# Round 7: forms round 6's fresh holdout showed the rules did not generalise to (now dev texts), each with its text and
# a case of the same words that must not fire.
GRADES_ROUND7 = [
    # "Area: Grade" lines under a word processor's hollow bullet, the letter o (merseyside-police-2022-peel-statement-
    # qlocal); the bullet is no part of the area's name
    pytest.param("merseyside-police-2022-peel-statement-qlocal", "2022", "",
                 "The gradings awarded are:\n\no Disrupting serious organised crime: Outstanding\n"
                 "o Investigating crime: Good\no Preventing crime: Good",
                 {("disrupting serious organised crime", "five-point/outstanding"),
                  ("investigating crime", "five-point/good"), ("preventing crime", "five-point/good")},
                 id="o-bulleted-area-grade-lines"),
    # a grade named as a category, its areas listed after a colon, cut by semicolons (sussexexpress-2025-sussex-peel-
    # mostly-adequate)
    pytest.param("sussexexpress-2025-sussex-peel-mostly-adequate", "2025-07-23", "",
                 "Under the ‘adequate’ grade was: recording data about crime; police powers and public treatment; "
                 "preventing crime; protecting vulnerable people",
                 {("recording data about crime", "five-point/adequate"), ("police powers and public treatment",
                                                                    "five-point/adequate"),
                  ("preventing crime", "five-point/adequate"), ("protecting vulnerable people", "five-point/adequate")},
                 id="under-the-grade-was-a-list"),
    # the one area an "except ..., where it" gives its own grade; the grades counted over all areas name none
    pytest.param("sussexexpress-2025-sussex-peel-mostly-adequate", "2025-07-23", "",
                 "The report stated that Sussex Police is ‘good’ or ‘adequate’ in all areas, except investigating "
                 "crime, where it 'requires improvement'",
                 {("investigating crime", "five-point/requires-improvement")}, id="except-area-where-it-grade"),
    pytest.param("sussexexpress-2025-sussex-peel-mostly-adequate", "2025-07-23", "",
                 "The report stated that Sussex Police is ‘good’ or ‘adequate’ in all areas", set(),
                 id="good-or-adequate-in-all-areas-names-none"),
    # an earlier grade of the area the sentence before graded, with its year, beside the current grade (GUIDE.md's
    # round-6 call); alone, with no area graded before it, none
    pytest.param("sussexexpress-2025-sussex-peel-mostly-adequate", "2025-07-23", "",
                 "Sussex Police was rated as ‘good’ for its work in responding to the public. This is a significant "
                 "improvement from the ‘inadequate’ grading it received in this area in 2023.",
                 {("responding to the public", "five-point/good"),
                  ("responding to the public", "five-point/inadequate")}, id="earlier-grade-in-this-area-in-year"),
    pytest.param("sussexexpress-2025-sussex-peel-mostly-adequate", "2025-07-23", "",
                 "This is a significant improvement from the ‘inadequate’ grading it received in this area in 2023.",
                 set(), id="earlier-grade-in-this-area-with-no-area-before-is-none"),
    # the three pillars named collectively: one judgement per pillar (hmicfrs-2019-peel-spotlight-group-2-foreword);
    # the pillars named with no grade give none (sypf-2017-south-yorkshire-peel-efficiency)
    pytest.param("hmicfrs-2019-peel-spotlight-group-2-foreword", "2019-09", "",
                 "We have graded Cleveland as inadequate in each of the three pillars.",
                 {("effectiveness", "four-point/inadequate"), ("efficiency", "four-point/inadequate"),
                  ("legitimacy", "four-point/inadequate")}, id="grade-in-each-of-the-three-pillars"),
    # a list whose preposition is repeated before its second doing ("at A and on B"), the 2018/19 findings' words for
    # ethical and lawful behaviour (hmicfrs-peel-2018-19-gwent-legitimacy-findings)
    pytest.param("hmicfrs-peel-2018-19-gwent-legitimacy-findings", "2019", "",
                 "Gwent Police requires improvement at treating the public fairly and on behaving ethically and "
                 "lawfully.",
                 {("fair treatment of the public", "four-point/requires-improvement"),
                  ("ethical and lawful workforce behaviour", "four-point/requires-improvement")},
                 id="at-a-and-on-b"),
    # a grade in a pillar's reports is the pillar's, not the questions the reports examine
    # (yorkshirepost-2017-yorkshire-forces-efficiency)
    pytest.param("yorkshirepost-2017-yorkshire-forces-efficiency", "2017", "",
                 "West Yorkshire Police was one of 30 forces classed as good in efficiency reports examining how well "
                 "they understand demand, use resources and plan for the future.",
                 {("efficiency", "four-point/good")}, id="good-in-a-pillars-reports-not-what-they-examine"),
    # a grade whose area the next sentence names, its pillar's reports, one judgement per force the sentence opens
    # with (yorkshirepost-2017-yorkshire-forces-efficiency; GUIDE.md's round-6 call); without that sentence, none
    pytest.param("yorkshirepost-2017-yorkshire-forces-efficiency", "2017", "",
                 "North Yorkshire Police, South Yorkshire Police and Humberside Police were among 10 forces nationwide "
                 "deemed to need improvement by HM Inspectorate of Constabulary and Fire and Rescue Services "
                 "(HMICFRS).\n\nWest Yorkshire Police was one of 30 forces classed as good in efficiency reports "
                 "examining how well they understand demand, use resources and plan for the future.",
                 {("efficiency", "four-point/requires-improvement"), ("efficiency", "four-point/good")},
                 id="grade-whose-area-the-next-sentence-names"),
    pytest.param("yorkshirepost-2017-yorkshire-forces-efficiency", "2017", "",
                 "North Yorkshire Police, South Yorkshire Police and Humberside Police were among 10 forces nationwide "
                 "deemed to need improvement by HM Inspectorate of Constabulary and Fire and Rescue Services "
                 "(HMICFRS).", set(), id="grade-with-no-area-in-the-next-sentence-is-none"),
    # 2016's efficiency question in a finding's words names the graph's area, up to the next doing that is none
    # ("and works well with other forces": praise) (hmic-peel-2016-kent)
    pytest.param("hmic-peel-2016-kent", "2016", "",
                 "It is good at using its resources to manage current demand and works well with other forces in the "
                 "region, particularly Essex Police, to improve efficiency and make savings.",
                 {("use of resources to manage demand", "four-point/good")}, id="using-its-resources-to-manage-demand"),
    pytest.param("sypf-2017-south-yorkshire-peel-efficiency", "2017", "",
                 "The efficiency report will be followed by reports on legitimacy in December 2017 and effectiveness "
                 "in early 2018, which together make up the three pillars of the annual PEEL assessment.", set(),
                 id="three-pillars-without-a-grade"),
]


@pytest.mark.parametrize(("source", "date", "title", "passage", "expected"), GRADES_ROUND7)
def test_grades_round7(graded_areas, draft_passage, source, date, title, passage, expected):
    draft = draft_passage(source, passage, date, title)
    assert graded_areas(draft) == expected


@pytest.mark.parametrize(("passage", "force"), [
    pytest.param("But former Chief Constable Simon Cole, who tragically died last month just days after retiring, left "
                 "Leicestershire in excellent order.\n\nHM Inspector, Roy Wilsher, said simply: “This report is a "
                 "fitting tribute to his leadership.”\n\nThe force was ‘outstanding’ in three areas, ‘good’ in four "
                 "areas and ‘adequate’ in two.\n\nHMI said the outstanding areas included how the force records crime "
                 "and protects vulnerable people.", "force/leicestershire", id="the-force-named-last"),
    pytest.param("HMI said the outstanding areas included how the force records crime and protects vulnerable people.",
                 "force/unknown", id="no-force-named-before-stays-unknown"),
])
def test_in_a_text_of_several_forces_the_force_graded_is_the_one_named_last(data_dir, passage, force):
    """A text about several forces has no subject; a grade of "the force" there is the force named last before it, by
    its name or its area's (policeoracle-2022-five-forces-peel, round 7), and none when no force is named before it."""
    source = "policeoracle-2022-five-forces-peel"
    assert passage in (CORPUS / f"{source}.txt").read_text(encoding="utf-8")
    draft = extract(passage, source, data_dir=data_dir, date="2022", exclude_sources=(source,))
    assert {(j["subject"], j["area"], j["grade"]) for j in draft.judgements} == {
        (force, "area/peel-2021-22-recording-data-about-crime", "five-point/outstanding"),
        (force, "area/peel-2021-22-protecting-vulnerable-people", "five-point/outstanding")}


def test_a_grade_of_forces_listed_is_one_judgement_each(data_dir):
    """The forces a sentence opens with, graded together, each get the judgement (yorkshirepost-2017-yorkshire-forces-
    efficiency, round 7)."""
    source = "yorkshirepost-2017-yorkshire-forces-efficiency"
    passage = ("North Yorkshire Police, South Yorkshire Police and Humberside Police were among 10 forces nationwide "
               "deemed to need improvement by HM Inspectorate of Constabulary and Fire and Rescue Services (HMICFRS)."
               "\n\nWest Yorkshire Police was one of 30 forces classed as good in efficiency reports examining how "
               "well they understand demand, use resources and plan for the future.")
    assert passage in (CORPUS / f"{source}.txt").read_text(encoding="utf-8")
    draft = extract(passage, source, data_dir=data_dir, date="2017-11-10", exclude_sources=(source,))
    assert {(j["subject"], j["grade"]) for j in draft.judgements} == {
        ("force/north-yorkshire", "four-point/requires-improvement"),
        ("force/south-yorkshire", "four-point/requires-improvement"),
        ("force/humberside", "four-point/requires-improvement"), ("force/west-yorkshire", "four-point/good")}
