"""What `graph.ingest.extraction` looks for: the word lists and the few regular expressions it uses.

Word lists are matched against graph.ingest.text's tokens (head nouns of units and agencies,
grade words, reporting verbs); regular expressions are kept to numbers, dates, periods and
deadlines, which are not phrases but formats.
"""

from __future__ import annotations

import re

MONTHS = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")],
        start=1,
    )
    for name in names
}
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18, "twenty": 20, "twenty-four": 24, "thirty": 30,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "nineteen": 19,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
# Tens that take a unit after them ("twenty six", "forty-three").
TENS_WORDS = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_QTY = r"(?:\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"

# ---------------------------------------------------------------------------- grades
# The inspectorate's scales (data/README.md): grade word -> grade slug.
GRADES = {
    "outstanding": "outstanding",
    "good": "good",
    "adequate": "adequate",
    "requires improvement": "requires-improvement",
    "inadequate": "inadequate",
}
# A line that holds nothing but grade words ("Good", "Good GoodGood", "Requires improvement").
GRADE_LINE = re.compile(r"(?i)^\s*(?:(?:outstanding|good|adequate|requires\s+improvement|inadequate)\s*){1,6}$")
GRADE_WORD = re.compile(r"(?i)outstanding|good|adequate|requires\s+improvement|inadequate")
# The areas PEEL grades, by the inspectorate's names for them in its rounds (2014-2017 pillars and
# questions, 2018/19 integrated assessments, 2021/22 and 2023-25 areas) and the other names
# reports and forces use for the same area. Label -> other names.
PEEL_AREAS = {
    "Effectiveness": ["effectiveness", "keeping people safe and reducing crime",
                      "reducing crime and keeping people safe"],
    "Efficiency": ["efficiency", "operates efficiently and sustainably"],
    "Legitimacy": ["legitimacy", "treats the public and its workforce legitimately",
                   "treats the public and its workforce"],
    "Reducing crime and preventing offending": [],
    "Investigating offending": [],
    "Tackling anti-social behaviour": [],
    # the question of 2016 to 2018/19 in full, and its usual short name
    "Preventing crime and tackling anti-social behaviour": [
        "preventing crime and anti-social behaviour",
        "preventing crime, tackling anti-social behaviour and keeping people safe",
        # 2023-25's name in its reports, in full and as its tables shorten it
        "preventing and deterring crime and anti-social behaviour, and reducing vulnerability",
        "preventing and deterring crime, anti-social behaviour and vulnerability"],
    "Preventing crime": ["crime prevention"],
    "Investigating crime and reducing re-offending": [],
    "Investigating crime": ["investigation of crime", "investigation"],
    "Protecting vulnerable people and supporting victims": [],
    "Protecting vulnerable people": ["protection of vulnerable people", "vulnerability",
                                     "keeping vulnerable people safe", "protecting people who are vulnerable"],
    # 2021/22 renamed it "Disrupting serious organised crime" (the graph's areas are broader the same question)
    "Tackling serious and organised crime": ["serious and organised crime", "disrupting serious organised crime"],
    "Responding to the public": [],
    "Managing offenders and suspects": ["managing offenders"],
    # 2023-25's name ("Building, supporting and protecting the workforce: Good", merseyside-pcc-2023)
    # and the press's "developing a positive workforce" (essex-police-2022-peel-statement, as GUIDE.md reads it)
    "Developing a positive workplace": ["building, supporting and protecting the workforce",
                                        "developing a positive workforce"],
    # one question across rounds (the graph's area/peel-treatment-of-the-public): 2017's wording, 2021/22's
    # "treatment of the public" ("Treating people fairly and with respect": norfolk-pcc-2022-peel-response),
    # 2023-25's "police powers and public treatment" ("Treating the public fairly, appropriately and
    # respectfully": merseyside-pcc-2023-peel-response)
    "Fair treatment of the public": ["treating the public fairly",
                                     "treating the people it serves with fairness and respect",
                                     "treatment of the public", "treating people fairly and with respect",
                                     "police powers and public treatment",
                                     "treating the public fairly, appropriately and respectfully"],
    "Fair treatment of the workforce": ["treating the workforce fairly",
                                        "treating the workforce with fairness and respect"],
    # ("X Police is good at behaving ethically and lawfully": the 2018/19 findings' words)
    "Ethical and lawful workforce behaviour": ["ensuring the workforce behaves ethically and lawfully",
                                               "behaving ethically and lawfully"],
    # what crime data integrity inspections grade, and PEEL from 2021/22 ("Recording data about crime")
    "Crime data integrity": ["crime recording", "recording crime", "accuracy in recording crime",
                             "recording data about crime", "crime data accuracy"],
    # 2021/22's "good use of resources" in a force's words: "using resources well", "making good use of resources"
    "Use of resources": ["good use of resources", "using resources well", "making good use of resources"],
    "Meeting current demands and using resources": [],
    "Planning for the future": [],
    "Understanding demand": [],
    # (2016's question in a finding's words: "It is good at using its resources to manage current demand")
    "Use of resources to manage demand": ["using its resources to manage current demand"],
    "Planning for future demand": [],
    "Leadership and force management": [],
    "Strategic planning, organisational management and value for money": [
        "organisational management and value for money"],
}
# Names of areas that one PEEL round alone graded (its framework's question names): a text naming two of one
# round's, and none of another's, reports that round whatever its date says (a news item dated only "after
# July 2017" that grades "meeting current demands and using resources" and "ethical and lawful workforce
# behaviour" reports the integrated 2018/19 assessment).
ROUND_AREA_NAMES = {
    "2017": ["understanding demand", "use of resources to manage demand", "planning for future demand"],
    "2018-19": ["meeting current demands and using resources", "ethical and lawful workforce behaviour",
                "fair treatment of the public", "fair treatment of the workforce"],
    "2021-22": ["developing a positive workplace", "recording data about crime", "disrupting serious organised crime",
                "good use of resources"],
    "2023-25": ["police powers and public treatment", "leadership and force management",
                "building, supporting and protecting the workforce"],
}
# The pillar whose question each area of the 2014-2019 rounds answers (areas of the rounds without pillars,
# 2021/22 and 2023-25, are left out).
AREA_PILLAR = {
    **dict.fromkeys(("Reducing crime and preventing offending", "Investigating offending",
                     "Tackling anti-social behaviour", "Preventing crime and tackling anti-social behaviour",
                     "Investigating crime and reducing re-offending", "Investigating crime",
                     "Protecting vulnerable people and supporting victims", "Protecting vulnerable people",
                     "Tackling serious and organised crime"), "Effectiveness"),
    **dict.fromkeys(("Meeting current demands and using resources", "Planning for the future", "Understanding demand",
                     "Use of resources to manage demand", "Planning for future demand"), "Efficiency"),
    **dict.fromkeys(("Fair treatment of the public", "Fair treatment of the workforce",
                     "Ethical and lawful workforce behaviour"), "Legitimacy"),
}
# Verbs that tie a grade word to what it grades ("was ranked as 'adequate'").
GRADING_VERBS = {"graded", "ranked", "rated", "judged", "assessed", "found", "was", "is", "were", "be", "been"}
# Phrases after a grade word that introduce the area it grades.
AREA_CUES = ("when it came to", "when it comes to", "in terms of", "in relation to", "including", "for", "at", "in")

# ---------------------------------------------------------------------------- new entities
# Head nouns of organisational units, groups and partner agencies -> record type.
UNIT_HEADS = {
    "team": "Unit", "teams": "Unit", "unit": "Unit", "units": "Unit", "board": "Unit", "boards": "Unit",
    "group": "Unit", "squad": "Unit", "squads": "Unit", "directorate": "Unit", "department": "Unit",
    "departments": "Unit", "hub": "Unit", "hubs": "Unit", "command": "Unit", "taskforce": "Unit",
    "panel": "Unit", "panels": "Unit", "committee": "Unit", "office": "Unit", "desk": "Unit", "bureau": "Unit",
    "partnership": "Partnership", "partnerships": "Partnership",
    "agency": "Organisation", "agencies": "Organisation", "authority": "Organisation",
    "authorities": "Organisation", "council": "Organisation", "councils": "Organisation",
    "service": "Organisation", "services": "Organisation", "charity": "Organisation",
    "charities": "Organisation", "centre": "Organisation", "trust": "Organisation",
    # Bodies named by their head ("His Majesty’s Inspectorate of Probation", "the Independent Office
    # for Police Conduct", "the College of Policing", "the Ministry of Justice", "the Police Federation").
    "inspectorate": "Inspectorate", "inspectorates": "Inspectorate", "commission": "Organisation",
    "college": "Organisation", "ministry": "GovernmentBody", "federation": "Organisation",
}
# Heads that name something only when capitalised ("Health Trust", not "builds trust").
TITLE_ONLY_HEADS = {"trust", "command", "office", "desk", "service", "commission", "college", "inspectorate",
                    "inspectorates", "ministry", "federation"}
# Heads that name something only when they are capitalised themselves: "the next Accountability & Performance
# Meeting", "Clare’s Law", not "the Annual meeting of the Panel".
CAPITALISED_HEADS = {"meeting", "meetings", "law"}
# Head nouns of things named by an acronym, beyond the unit heads -> record type.
ACRONYM_HEADS = {
    **UNIT_HEADS,
    "management": "Partnership", "arrangements": "Partnership",
    "room": "Unit",  # a force's control or operations room, defined with its acronym: "the force operations room (FOR)"
    "officer": "Post", "officers": "Post", "commissioner": "Post", "constable": "Post",
    "order": "LegalPower", "orders": "LegalPower", "notice": "LegalPower", "notices": "LegalPower",
    "system": "System", "database": "System", "programme": "Initiative", "scheme": "Initiative",
    "project": "Initiative", "initiative": "Initiative", "strategy": "Policy", "plan": "Policy",
    "framework": "Policy", "code": "Policy", "review": "Inspection", "inspection": "Inspection",
    "assessment": "Inspection", "survey": "Document",
}
TYPE_PREFIX = {
    "Unit": "unit/", "Partnership": "partnership/", "Organisation": "org/", "Post": "post/",
    "LegalPower": "power/", "System": "system/", "Initiative": "initiative/", "Policy": "policy/",
    "Inspection": "inspection/", "Person": "person/", "AssessedArea": "area/", "Place": "place/",
    "Inspectorate": "org/", "Document": "document/", "GovernmentBody": "org/",
}
# Words that may join capitalised words inside a name ("County Lines and Gangs Team").
NAME_JOINERS = {"and", "of", "for", "&", "'s", "’s", "on"}
# Modal words: the word after one is a verb, never part of a name ("to develop community ...").
MODALS = {"to", "will", "would", "can", "could", "should", "must", "may", "might", "shall"}
# A lower-case head needs a modifier that is not one of these to name something.
WEAK_MODIFIERS = {"other", "all", "some", "many", "these", "those", "such", "several", "various", "own", "new",
                  "relevant", "different", "key", "local", "good", "first", "best", "same", "whole", "wider"}

# ---------------------------------------------------------------------------- recommendations
REC_HEADINGS = {"recommendations": "recommendation", "recommendation": "recommendation",
                "areas for improvement": "area-for-improvement", "area for improvement": "area-for-improvement",
                "cause of concern": "cause-of-concern", "causes of concern": "cause-of-concern",
                # a tracker's headings ("Causes for concern": accountabilityindex-peel-2023-25-suffolk-findings)
                "cause for concern": "cause-of-concern", "causes for concern": "cause-of-concern"}
# The kinds named anywhere in a line: "Recommendations from the 2019 HMICFRS report ... include:", "identified the
# following Areas for improvement", "AFIs".
KIND_NAMED = re.compile(r"(?i)\b(?:(?P<recommendation>recommendations?)|(?P<afi>areas?\s+for\s+improvement|AFIs?)"
                        r"|(?P<coc>causes?\s+(?:of|for)\s+concern))\b")
# A heading numbered as the inspectorate numbers them: "Recommendation 5", "Area for improvement 2".
NUMBERED_HEADING = re.compile(r"^(?P<heading>.*?)\s+\d{1,3}$")
# Headings of what is not a recommendation, ending a list of them.
OTHER_HEADINGS = {"summary", "findings", "our findings"}
# A list's mark: a round bullet may touch its text ("•The force should ensure ...": hmicfrs-register-2016-bedfordshire-
# problem-solving); Word's "o" of a second level ("o   Policy for ... to be published.": city-of-london-...).
BULLET = re.compile(r"^\s*(?:[•▪●◦·](?=\S)|(?:[•▪●◦·\-–*o]|\d{1,2}[.)])\s+)")
SUB_ITEM = re.compile(r"^\s*\(([a-z]|[ivx]{1,4})\)\s+")
DEADLINE = re.compile(
    r"(?i)\b(?:within\s+(?P<qty>" + _QTY + r")\s+(?P<unit>day|week|month|year)s?"
    r"|(?:by|not?\s+later\s+than)\s+(?:the\s+end\s+of\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?P<month>" + _MONTH
    + r")\s+(?P<year>(?:19|20)\d\d)"
    r"|(?P<immediate>immediate(?:ly)?|without\s+delay|as\s+soon\s+as\s+possible))\b"
)
MODAL_ADVICE = re.compile(r"\b(?:should|must|needs\s+to|ought\s+to)\b")

# ---------------------------------------------------------------------------- statistics
NUMBER = re.compile(r"(?<![\w.£$])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\w.,]\d)")
PERCENT = re.compile(r"^\s*(?:%|percent\b|per\s+cent\b)")
PERCENTAGE_POINTS = re.compile(r"^\s*percentage\s+points?\b")
# "(± 1.2 percent)", "(+/- 6.1 percent)", "(with a confidence interval of +/- 1.67 percent)", ", plus or
# minus 2 percentage points".
MARGIN = re.compile(r"^\s*(?:%|percent|per\s+cent)?\s*(?P<open>\(|,)?\s*"
                    r"(?:with\s+an?\s+(?:confidence\s+interval|margin\s+of\s+error)\s+of\s+)?"
                    r"(?:±|\+\s*/\s*[-−–]|plus\s+or\s+minus)\s*(?P<margin>\d+(?:\.\d+)?)"
                    r"\s*(?:%|percent|per\s+cent|percentage\s+points?)?(?(open)\s*\)?)")
PER_1000 = re.compile(r"(?i)per\s+1,?000\s+(?P<base>population|people|residents|households|homes)")
PERIOD = re.compile(
    r"(?i)\b(?P<label>(?:the\s+)?(?P<n>" + _QTY + r")\s+months\s+(?:to|ending|prior\s+to)\s+(?:the\s+end\s+of\s+)?"
    r"(?P<month>" + _MONTH + r")\s+(?P<year>(?:19|20)\d\d)"
    r"|as\s+(?:of|at)\s+(?P<amonth>" + _MONTH + r")\s+(?P<ayear>(?:19|20)\d\d)"
    r"|(?:financial\s+)?year\s+(?:to|ending)\s+(?P<ymonth>" + _MONTH + r")\s+(?P<yyear>(?:19|20)\d\d))\b"
)
# A month's name after a number, in full, or its first three letters or more, capitalised ("Nov", "Sept", "30 Septe"
# where a page's text is cut).
_MONTH_START = "|".join(sorted({m[:k] for m in _MONTH[3:-1].split("|") for k in range(3, len(m))},
                               key=len, reverse=True))
DATE_WORDS = re.compile(r"^\s*(?:(?i:" + _MONTH + r")\b|(?:" + _MONTH_START + r")\.?(?![\w’'-]))")
INCREASE_WORDS = {"increase", "increased", "increases", "rise", "rose", "risen", "up", "higher", "grew", "growth"}
DECREASE_WORDS = {"reduction", "reduced", "decrease", "decreased", "fall", "fell", "fallen", "down", "drop",
                  "dropped", "lower", "reductions", "decline", "declined"}
COMPARISON_CUES = ("compared with", "compared to", "than", "in line with", "against")
NATIONAL_PHRASES = ("england and wales", "all forces", "nationally", "national average", "most similar group")
TIME_NOUNS = {"month", "months", "year", "years", "week", "weeks", "day", "days", "hour", "hours", "minute", "minutes",
              "second", "seconds", "am", "pm"}  # "999 calls within 10 seconds": a threshold, not a figure

# ---------------------------------------------------------------------------- quotations
SPEECH_VERBS = {"said", "says", "added", "adds", "stated", "commented", "explained", "warned", "noted", "told"}
HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "professor"}
OPEN_QUOTES = "\"“‘'"
CLOSE_QUOTES = "\"”’'"

# ---------------------------------------------------------------------------- function words
# Words that never name or modify a unit ("the", "which", "several"): determiners, pronouns,
# prepositions, conjunctions, auxiliaries and the adverbs and quantifiers that behave like them.
FUNCTION_WORDS = set("""
including excluding like unlike regarding concerning following according
a about above across after afterwards again against all almost alone along already also although always am
among amongst an and another any anyhow anyone anything anyway anywhere are around as at be became because
become becomes becoming been before beforehand behind being below beside besides between beyond both but by
can cannot could did do does doing done down during each either else elsewhere enough even ever every
everyone everything everywhere except few for from further had has have he hence her here hereby herein hers
herself him himself his how however i if in indeed into is it its itself just least less many may me
meanwhile might mine more moreover most mostly much must my myself namely neither never nevertheless next no
nobody none noone nor not nothing now nowhere of off often on once only onto or other others otherwise our
ours ourselves out over own per perhaps please quite rather really same several she should since so some
somehow someone something sometime sometimes somewhere still such than that the their them themselves then
there thereafter thereby therefore therein these they this those though through throughout thus to together
too toward towards under unless until up upon us very via was we well were what whatever when whenever where
whereas whereby wherein whether which while who whoever whom whose why will with within without would yet
you your yours yourself yourselves
one two three four five six seven eight nine ten eleven twelve fifteen twenty forty fifty sixty hundred
first third
""".split())

# ---------------------------------------------------------------------------- forces by area
# Words for forces before a list of areas that names forces ("constabularies based in Lancashire,
# Essex and Warwickshire", "colleagues in West and South Yorkshire"); name words (singular).
FORCE_NOUNS = {"force", "constabulary", "colleague", "police"}
FORCE_LIST_LEADS = {"in", "from", "of", "at", "based", "across", "such", "as", "including", "like", "the"}
# Verbs of grading after an area's name and "was"/"is": the area stands for its force ("North Wales was
# graded “good”", "Sussex is assessed as being ...").
GRADED_AREA_VERBS = {"graded", "rated", "judged", "assessed"}

# ---------------------------------------------------------------------------- named things
# Heads of the names of schemes, strategies, plans, offices and associations: a name only after
# capitalised words ("the Best Use of Stop and Search scheme", "the Modern Crime Prevention
# Strategy 2016", "the HMICFRS Press Office") -> record type.
NAMED_HEADS = {
    "scheme": "Initiative", "programme": "Initiative", "initiative": "Initiative", "project": "Initiative",
    "strategy": "Policy", "plan": "Policy", "framework": "Policy", "vision": "Policy", "charter": "Policy",
    "association": "Organisation", "network": "Partnership", "inspection": "Inspection", "review": "Inspection",
    "policy": "Policy", "survey": "Document",
    "requirement": "Policy",  # "the Strategic Policing Requirement"
    # Round 5: a named statement, code or IT system ("a Force Management Statement", "the Code of Ethics", "the
    # revised Know Fraud system").
    "statement": "Document", "code": "Policy", "system": "System", "database": "System",
    # A named law is a scheme ("Clare’s Law"; an Act is legislation, not an entity), a named meeting a forum of
    # scrutiny ("my Public Accountability Meetings", "the next Accountability & Performance Meeting").
    "law": "Policy", "meeting": "Initiative", "meetings": "Initiative",
    # A method named by its acronym: "the THRIVE model", "DASH assessments", "THRIVE risk assessments" (only after
    # an acronym the graph does not know and the text does not define: not "PEEL assessments"; an assessment in
    # the singular is an act of assessing, "the OPCC assessment of the progress").
    "model": "Tactic", "assessments": "Tactic",
}
# PEEL's pillars, and the word for what PEEL inspects: an inspection named only by them is PEEL's ("the Effectiveness
# Inspection", "PEEL Force Inspection"), not one of its own name.
PILLAR_WORDS = {"effectiveness", "efficiency", "legitimacy", "force"}
# Common nouns written in capitals: they name no scheme or system ("the IT system" is a force's systems, not one
# named).
COMMON_ACRONYMS = {"IT", "ICT", "CCTV", "ID", "TV", "PC", "SMS", "GPS"}
# Words after such a head that carry the name on: "Association of Police and Crime Commissioners",
# "Plan for Norfolk", "Vision for 2025".
NAME_TAILS = {"of", "for"}
# Kinds of known entity that are practices: named in lower case ("stop and search", "problem solving", "community
# resolutions"), the text speaks of the practice, not of an entity of its own (GUIDE.md: generic nouns).
PRACTICE_TYPES = {"Tactic", "LegalPower"}
# Posts after a body's name: the post is not part of the body's name ("South Yorkshire Police Federation Chair
# Steve Kent").
POST_AFTER_BODY = {"chair", "chairman", "chairwoman", "chairperson", "secretary", "president", "chief", "leader",
                   "director", "spokesman", "spokeswoman", "spokesperson"}
# An IT system named after the word for it, as an apposition: "community messaging system Derbyshire Alert", "its own
# internal database, Go2".
SYSTEM_THEN_NAME = re.compile(r"\b(?:system|database|app|platform),?\s+(?P<name>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})"
                              r"(?![\w’'-]|\s+[A-Z])")
# A named operation: "Operation Seabrook", "Operation Encompass".
OPERATION = re.compile(r"\bOperation\s+(?:[A-Z][a-z]+|[A-Z]{2,})(?:\s+[A-Z][a-z]+)?\b")
# A short form in brackets after a name: the name is the entity the short form names ("Majesty’s Inspectorate of
# Constabulary and Fire & Rescue Services (HMICFRS)", its "Her" dropped).
SHORT_AFTER = re.compile(r"^\s*\([“‘\"']?(?P<short>[A-Z][A-Za-z&]{1,8})[”’\"']?\)")
# A file's format after a report's title on a web page: "Crime-recording: making the victim count (PDF document)".
FILE_FORMAT_AFTER = re.compile(r"(?i)\s*\((?:pdf|word|odt|html|excel)\b[^)]*\)$")
# Modifiers that describe any unit, so name none ("senior management team", "partner agencies").
GENERIC_MODIFIERS = {"senior", "specialist", "partner", "better", "remaining", "multi", "management", "leadership",
                     "neighbourhood", "support", "dedicated", "existing", "central", "main",
                     "chief", "officer"}  # "its chief officer team": every force's leadership
# A web page's link to the report it is about: the line after it is the report's title.
REPORT_LINK = re.compile(r"(?i)^\s*(?:get|download|read|view)\s+(?:the\s+)?(?:full\s+)?report\s*$")
# Endings of nouns: a unit's head word followed by one is a modifier ("multi-agency prevention",
# "team leaders", "partnership working").
NOUN_ENDINGS = ("ers", "ors", "tion", "tions", "ment", "ments", "ance", "ence", "ity", "work")
# Nouns after a head that make it a modifier: "the efficiency and legitimacy inspection findings",
# "Warwickshire Police inspection report", "Crime Data Integrity inspection report".
HEAD_MODIFIES = {"report", "reports", "findings"}
# Nouns after a lower-case head that make it a modifier, as a group's people or gatherings: "community safety
# partnership leads", "team members" (a capitalised head stays a name: "Crime and Communications Centre staff").
LOWER_HEAD_MODIFIES = {"lead", "leads", "members", "meeting", "meetings", "staff", "process", "processes"}
# Heads of a force's units that texts use for one unit, not a kind of body: one word of function before one names it
# ("a crime bureau", "The force has an ethics board", "the force’s prevention directorate"), where "a response team"
# or "the investigation unit" may be any force's.
SINGULAR_UNIT_HEADS = {"bureau", "directorate", "board", "desk"}

# ---------------------------------------------------------------------------- statistics: what a number is not, or is
# A number written as an ordinal ("12th December", "1st"): a date or a rank, not a count.
ORDINAL_SUFFIX = re.compile(r"^(?:st|nd|rd|th)\b")
# Telephone numbers: digit groups one space apart ("07836 217 729"), and the police's 101 and 999 lines
# ("waiting times for 101 and 999 calls").
PHONE_GROUP = re.compile(r"^ \d{3}")
PHONE_LINES = {"101", "999", "111"}
PHONE_NOUN = re.compile(
    r"(?i)^(?:\s*(?:and|or|/)\s*\d{3})?\s+(?:(?:non-)?emergency\s+)?(?:calls?|numbers?|lines?|services?)\b")
# A count of grades: "four ‘Adequate’", "eight were graded “Requires Improvement”", "33 were “Good”",
# "Three of those were noted as ‘Good’".
GRADE_COUNT = re.compile(
    r"(?i)^\s+(?:of\s+(?:those|them|these)\s+)?(?:(?:were|was)\s+(?:\w+\s+)?(?:graded|rated|judged|assessed|found|"
    r"noted)?\s*(?:as\s+)?)?[‘'“\"]?(?:outstanding|good|adequate|requires?\s+improvement|inadequate)\b")
# A grade and "in" before a number: the number counts the areas so graded, said or not ("‘adequate’ in
# three", "good or adequate in seven").
GRADE_BEFORE_IN = re.compile(
    r"(?i)(?:outstanding|good|adequate|requir(?:es|ing)\s+improvement|inadequate)[’'”\"]?\s+in\s+$")
# "one of (the first) N": N is the size of the set one thing belongs to, not a figure of its own.
ONE_OF = re.compile(r"(?i)\bone\s+of\s+(?:the\s+)?(?:[a-z]+\s+)?$")
# A month's name or abbreviation just before a number: a date ("Nov 17 to Jan 18", "July 11, 2023").
MONTH_BEFORE = re.compile(r"\b(?:" + _MONTH[3:-1] + r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s+$")
# Ordinal words and their numbers, for ranks.
ORDINALS = {w: n for n, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split(), start=1)}
ORDINALS.update({f"{n}{suffix}": n for n in range(1, 44) for suffix in ("st", "nd", "rd", "th")})
# A rank among a stated set: an ordinal before "out of" ("sixth out of twenty six forces"), or before a
# superlative whose set is named: forces or the country ("the second lowest cost force", "the tenth
# lowest policing precept, in the country", "the third best out of four possible ratings"); not an
# edition ("HMICFRS’s fifth PEEL assessment") nor a rank with no set ("the second highest grade").
RANK = re.compile(
    r"(?i)\b(?P<ordinal>" + "|".join(sorted(ORDINALS, key=len, reverse=True)) + r")\s+(?:out\s+of\b"
    r"|(?:best|worst|most|least|[a-z]+est)\s+(?:out\s+of\b|(?:[a-z-]+,?\s+){0,3}?(?:forces?\b|in\s+the\s+country\b)))")
# A sum of money in pounds: "£44.8 million", "£1.2m", "£500,000".
MONEY = re.compile(r"£\s?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s*(?P<scale>million|m|billion|bn)\b)?")
# "N of (the) (M) things": N counts some of a set ("ten of sixteen recommendations have been implemented",
# "five of the seven areas", "in seven of the areas"), M is its size (the base, as in "N out of M").
SOME_OF = re.compile(r"(?i)^\s+of\s+(?:(?:the|these|those|its|our|their)\s+)?(?:" + _QTY + r"\s+)?[a-z]")
SET_OF = re.compile(r"(?i)\b(?:\d+|" + _QTY[3:-1] + r")\s+of\s+(?:(?:these|those|the|its|our|their)\s+)?$")
# What is never a figure after a number: a word run into it ("9fed Medi 2014", a Welsh date; the postcode
# "SW1P 4DF"), a fraction's denominator ("just under 3 quarters of crimes": an approximate share, as "just
# over half"), a street in an address ("2 Marsham Street").
NOT_AFTER_NUMBER = re.compile(
    r"^(?:[A-Za-z]|\s+(?:quarters?|thirds?|fifths?|halves)\b"
    r"|\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|Road|Lane|Avenue|Square|Place|Way|Drive|Court|Close|Crescent|Terrace)\b)")
# What "one" counts, when it is a figure ("‘good’ in one area").
ONE_COUNTS = re.compile(r"(?i)^\s+(?:area|pillar|question)\b")
# Words that place a thing in time, not name it: left out of a name ("our last crime data integrity
# inspection" names the crime data integrity inspection).
TEMPORAL_MODIFIERS = {"last", "latest", "previous", "recent", "proposed", "next", "further", "future", "new"}
# The first line of an entry of the inspectorate's recommendations register: the inspection and the
# entry's number ("Crime data integrity force reports (5811)").
REGISTER_HEADING = re.compile(r"^(?P<title>\S.*?\S)\s+\(\d{3,6}\)\s*$")
# A report's title in quotation marks after a word for it: "The second report ‘Police Legitimacy’", "A review of
# ‘Fraud: Time to choose’" (two words or more, capitalised: not a scare-quoted word; the word for it in lower case:
# a headline's "Inspection Report ‘Absolute Testament’ To ..." quotes a speaker).
# (A comma may stand between, and the first word be a possessive: "a report, ‘Everyone’s business’".)
QUOTED_TITLE = re.compile(r"\b(?:reports?|review\s+of|publication|entitled|titled|called),?\s+[‘“]"
                          r"(?P<title>[A-Z][\w-]*(?:[’']s)?(?:[:,]?\s+[\w-]+(?:[’']s)?){1,14})[’”]")
# ... or before the word for it: "its ‘State of Policing’ report".
QUOTED_TITLE_BEFORE = re.compile(r"[‘“](?P<title>[A-Z][\w-]*(?:[:,]?\s+[\w-]+(?:[’']s)?){1,14})[’”]\s+"
                                 r"(?:report|review|publication)\b")
# A report's title after the words that say where to get it: "The full HMICFRS report can be downloaded here: PEEL
# 2023–2025: An inspection of Essex Police - His Majesty’s Inspectorate ...", "The full assessment can be accessed via
# the link below:" / "Cleveland PEEL Assessment 2023–2025". The title runs to the line's end, a " - " before the
# site's name, or a sentence run into it after its year ("2023–2025Matt said").
LINKED_TITLE = re.compile(r"(?i:\b(?:the\s+link\s+below|(?:downloaded|accessed|read|viewed|found)\s+here))\s*:\s*"
                          r"(?P<title>[A-Z][^\n]{3,200}?)(?=\s+[-–]\s+|(?<=\d)[A-Z][a-z]|\s*$|\s*\n)")
# A report named by its capitalised subject after "the", "our" ...: "the Crime Data Integrity report", "our Crime
# Data Integrity report for Suffolk Constabulary", "the Police Efficiency 2016 report", "The Police Effectiveness
# Report will be published" (two capitalised words or more: "the Efficiency report" is a pillar's, PEEL's report).
SUBJECT_REPORT = re.compile(r"\b(?:[Tt]he|our|its|this|their)\s+(?P<title>(?:[A-Z][\w-]*\s+){2,5}"
                            r"(?:(?:19|20)\d\d\s+)?[Rr]eport)\b")
# The line under a publication's title on a web page ("Published on: 9 June 2023"), or the inspectorate's page
# furniture under it ("Contents", "Print this document", "Part of: Police engagement with women and girls ...").
PUBLISHED_LINE = re.compile(r"(?i)^\s*(?:published(?:\s+on)?\s*:|contents\s*$|print\s+this\s+document\s*$"
                            r"|part\s+of\s*:)")
PAGE_FURNITURE_AFTER = re.compile(r"(?i)^\s*(?:contents\s*$|print\s+this\s+document\s*$|part\s+of\s*:)")
# A number that labels a part of a document ("Appendix 1", "Schedule 5", "paragraph 2.6", "item 8",
# "Recommendation 4"), and a file's size ("PDF 53 KB"): not figures.
REFERENCE_BEFORE = re.compile(
    r"(?i)\b(?:appendix|appendices|annex(?:es)?|schedule|section|part|paragraph|para|page|pages|item|chapter|table|"
    r"figure|rule|article|clause|regulation|recommendation|action|no\.?|nos\.?|number|version|tranche|stage|group)\s*$")
FILE_SIZE = re.compile(r"(?i)^\s*(?:kb|mb|gb|bytes)\b")
# A year and a dash or slash before a number: the end of a span of years ("PEEL 2023–25", "2018/19"), not a figure.
YEAR_SPAN_BEFORE = re.compile(r"(?:19|20)\d\d\s*[–—/-]\s*$")
# A clock's digits: "Jul 25, 2019 00:05", "10:30".
CLOCK_BEFORE = re.compile(r"\d[:.]$")
CLOCK_AFTER = re.compile(r"^:\d\d")
# "1 in 5", "one in four": the second number is the base of a proportion, as M in "N out of M".
PROPORTION_BEFORE = re.compile(r"(?i)\b(?:\d+|" + _QTY[3:-1] + r")\s+in\s+(?:every\s+)?$")
# A number or an ordinal just before "out of": the number after it is that figure's base ("nine out of ten",
# "sixth out of the 26 forces"); with nothing before it, "out of the 20 cases that were audited" counts the cases.
OUT_OF_BASE = re.compile(r"(?i)(?:\b(?:\d+|" + _QTY[3:-1] + r"|[a-z]+(?:st|nd|rd|th))\s+out\s+of\s+(?:the\s+)?"
                         r"|\bout\s+of\s+(?!the\s+)(?:\w+\s+)?)$")
# A set counted before, named again: "I will monitor progress against these two recommendations" refers back
# to the ones already counted. (Not "all 43 police forces": the whole population, a figure of the gold.)
COUNTED_BEFORE = re.compile(r"(?i)\b(?:these|those)\s+$")
# The parts of a scheme, counted to describe its shape, not a finding: "PEEL’s three pillars", "all three strands",
# "five tiers", "three broad themes" (benchmarks/corpus/GUIDE.md, round 3: "counts describing a scheme's
# structure"), up to two words between ("three core PEEL pillars").
STRUCTURE_COUNT = re.compile(r"(?i)^\s+(?:[\w-]+\s+){0,2}?[‘'“\"]?(?:pillars?|strands?|tiers?|themes?|stages|ways)\b")
# "a further two", "another 12": more of what was just counted, the noun said or not.
FURTHER_BEFORE = re.compile(r"(?i)\b(?:a\s+further|another)\s+$")
# A grading verb just before a number counts the areas graded: "looked at nine areas and graded eight".
GRADED_BEFORE = re.compile(r"(?i)\b(?:graded|rated|judged)\s+$")
