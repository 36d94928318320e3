"""What the synthetic inspection reports say: inspection areas and grades, places and units, and
the templates of findings, recommendations, statistics and quotations, with the HM Inspectors.

graph.scale.synth fills these with a seeded random generator; `{force}`, `{district}` and the
other fields are named in each template. Kept apart from the generator so that the wording can
be read (and extended) as a list, and the generator as code.
"""

from __future__ import annotations

# (slug, question, short label, themes)
FOUR_POINT_AREAS = [
    ("effectiveness", "How effective is the force at keeping people safe and reducing crime?",
     "keeping people safe and reducing crime", ["theme/crime-prevention", "theme/vulnerability"]),
    ("efficiency", "How efficient is the force at keeping people safe and reducing crime?",
     "efficiency", ["theme/resources-and-efficiency", "theme/demand"]),
    ("legitimacy", "How legitimate is the force at keeping people safe and reducing crime?",
     "legitimacy", ["theme/legitimacy", "theme/ethics-and-integrity"]),
]
FIVE_POINT_AREAS = [
    ("preventing-crime", "How good is the force at preventing crime and anti-social behaviour?",
     "preventing crime and anti-social behaviour", ["theme/crime-prevention", "theme/anti-social-behaviour"]),
    ("investigating-crime", "How good is the force at investigating crime?",
     "investigating crime", ["theme/investigation"]),
    ("protecting-vulnerable-people", "How good is the force at protecting vulnerable people?",
     "protecting vulnerable people", ["theme/vulnerability", "theme/domestic-abuse"]),
    ("responding-to-the-public", "How good is the force at responding to the public?",
     "responding to the public", ["theme/public-contact"]),
    ("treatment-of-the-public", "How good is the force at treating the public fairly?",
     "treating the public fairly", ["theme/legitimacy"]),
]
FOUR_POINT_GRADES = ["outstanding", "good", "good", "good", "requires-improvement", "requires-improvement",
                     "inadequate"]
FIVE_POINT_GRADES = ["outstanding", "good", "good", "adequate", "adequate", "requires-improvement", "inadequate"]

DISTRICTS = ["the northern district", "the southern district", "the eastern district", "the western district",
             "the central district", "the coastal division", "the rural division", "the city division",
             "the county town", "the market towns"]

# (slug, label) of the units each force gets; defined in the force's first report
UNITS = [
    ("public-protection-unit", "public protection unit"),
    ("force-control-room", "force control room"),
    ("economic-crime-unit", "economic crime unit"),
]

# Findings: (polarity, theme, template, summary template, unit index it concerns or None)
FINDINGS = [
    ("strength", "theme/victim-care",
     "{force} contacted {pct} percent of victims within {days} days of their report in {district}.",
     "Most victims in {district} are contacted promptly after reporting a crime.", None),
    ("strength", "theme/neighbourhood-policing",
     "Neighbourhood officers in {district} held {n} public meetings to agree local priorities.",
     "Neighbourhood teams in {district} agree priorities with the public.", None),
    ("strength", "theme/partnership-working",
     "The force works well with {n} partner agencies to share information about vulnerable people in {district}.",
     "The force shares information with partner agencies in {district}.", None),
    ("strength", "theme/domestic-abuse",
     "The public protection unit reviewed {n} high-risk domestic abuse cases within {days} days.",
     "High-risk domestic abuse cases are reviewed quickly.", 0),
    ("strength", "theme/public-contact",
     "The force control room answered {pct} percent of emergency calls within ten seconds.",
     "Emergency calls are answered quickly.", 1),
    ("weakness", "theme/investigation",
     "In {district}, {n} investigations were allocated to officers without the training to carry them out.",
     "Some investigations in {district} are allocated to untrained officers.", None),
    ("weakness", "theme/crime-recording",
     "We found that {pct} percent of reported crimes in {district} were not recorded as the rules require.",
     "Crime is under-recorded in {district}.", None),
    ("weakness", "theme/workforce",
     "The force has {n} vacant detective posts and relies on overtime to fill the gap.",
     "The force is short of detectives.", None),
    ("weakness", "theme/technology",
     "Officers in {district} told us that the case management system was unavailable on {n} days last year.",
     "The case management system is unreliable.", None),
    ("weakness", "theme/organised-crime",
     "The economic crime unit had a backlog of {n} fraud referrals awaiting assessment.",
     "Fraud referrals wait a long time for assessment.", 2),
    ("observation", "theme/demand",
     "Demand for police services in {district} rose by {pct} percent over the previous two years.",
     "Demand is rising in {district}.", None),
    ("observation", "theme/learning-and-evaluation",
     "The force has evaluated {n} of its crime prevention initiatives in {district}.",
     "The force evaluates some of its initiatives in {district}.", None),
    ("observation", "theme/youth-diversion",
     "Officers in {district} referred {n} young people to diversion schemes instead of prosecuting them.",
     "Young people in {district} are diverted from prosecution.", None),
]

# Recommendations: (theme, action, summary)
RECOMMENDATIONS = [
    ("theme/vulnerability", "review how it identifies repeat victims of crime in {district}",
     "Review how repeat victims are identified in {district}."),
    ("theme/investigation", "make sure that every investigation in {district} is supervised",
     "Supervise every investigation in {district}."),
    ("theme/crime-recording", "improve the accuracy of its crime recording in {district}",
     "Improve crime recording accuracy in {district}."),
    ("theme/workforce", "train {n} more officers to investigate serious sexual offences",
     "Train more officers in investigating serious sexual offences."),
    ("theme/public-contact", "reduce the time callers wait for a non-emergency answer in {district}",
     "Reduce non-emergency call waiting times in {district}."),
    ("theme/domestic-abuse", "complete risk assessments for all {n} domestic abuse cases awaiting review",
     "Complete outstanding domestic abuse risk assessments."),
]
ITEM_ACTIONS = [
    ("publish a plan for {district}", "Publish a plan for {district}."),
    ("report its progress to the police and crime commissioner", "Report progress to the commissioner."),
    ("evaluate the changes it has made in {district}", "Evaluate the changes made in {district}."),
]
DEADLINES = [("Immediately", "P0D"), ("Within three months", "P3M"), ("Within six months", "P6M"),
             ("Within twelve months", "P12M")]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]

# Statistics: (slug, label, unit, higher_is_better, theme, force template, national template, low, high)
STATISTICS = [
    ("victim-satisfaction", "Victim satisfaction rate", "percent", True, "theme/victim-care",
     "{force} had a victim satisfaction rate of {v} percent in the 12 months to March {year}",
     "the victim satisfaction rate across England and Wales was {v} percent in the 12 months to March {year}",
     70.0, 92.0),
    ("crime-rate", "Recorded crime rate (per 1,000 population)", "per-1000-population", False,
     "theme/recorded-crime",
     "{force} recorded {v} crimes per 1,000 population in the 12 months to March {year}",
     "forces in England and Wales recorded {v} crimes per 1,000 population in the 12 months to March {year}",
     40.0, 110.0),
    ("asb-rate", "Anti-social behaviour incidents (per 1,000 population)", "per-1000-population", False,
     "theme/anti-social-behaviour",
     "{force} recorded {v} incidents of anti-social behaviour per 1,000 population in the 12 months to March {year}",
     "there were {v} incidents of anti-social behaviour per 1,000 population across England and Wales "
     "in the 12 months to March {year}",
     15.0, 45.0),
    ("crime-change", "Change in recorded crime over the previous 12 months", "percent-change", False,
     "theme/recorded-crime",
     "recorded crime in {force} changed by {v} percent in the 12 months to March {year}",
     "recorded crime across England and Wales changed by {v} percent in the 12 months to March {year}",
     -12.0, 15.0),
    ("charge-rate", "Crimes resulting in a charge or summons", "percent", True, "theme/investigation",
     "{force} charged or summonsed a suspect for {v} percent of crimes in the 12 months to March {year}",
     "a suspect was charged or summonsed for {v} percent of crimes across England and Wales "
     "in the 12 months to March {year}",
     5.0, 20.0),
]

QUOTATIONS = [
    "I am pleased that {force} has made progress since our last inspection, but there is more to do in {district}.",
    "{force} must act quickly to improve how it protects vulnerable people in {district}.",
    "The people of {district} can be confident that {force} is working hard to keep them safe.",
    "I will be watching closely to see that {force} delivers the improvements we have asked for in {district}.",
]

# HM Inspectors: (slug, name, region). Forces are shared among them in turn.
INSPECTORS = [
    ("alex-morgan", "Alex Morgan", "Northern"),
    ("sam-patel", "Sam Patel", "Eastern"),
    ("jo-evans", "Jo Evans", "Western"),
    ("chris-okafor", "Chris Okafor", "Southern"),
]
