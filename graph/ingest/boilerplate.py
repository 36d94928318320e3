"""Web boilerplate in a saved page: cookie banners, "Skip to content", "Leave site", "Contact HMICFRS", menus,
links ("View the five questions for effectiveness"), social networks' links and trackers ("Facebook Pixel").

Nothing is proposed from it: its lines are blanked (same length, so every offset stays true)
in the text the blocks are cut from. A line is boilerplate when it is one of a web page's
navigation phrases, or a sentence of a cookie banner or of a notice of the site's downtime, or the
page's masthead (its first line, naming only the publisher and its acronym).
"""

from __future__ import annotations

import re

_LINE = re.compile(
    r"(?im)^[ \t]*(?:skip to (?:main )?content|leave (?:this )?site|quick exit|exit site|menu|main menu|search"
    r"|close|home|back to top|share(?: this(?: page)?)?|print(?: this page)?|accept(?: all)?(?: cookies)?"
    r"|reject(?: all)?(?: cookies)?|cookie (?:settings|preferences|policy)|manage cookies"
    r"|read more(?: about [^\n]{0,60})?"
    r"|download the full report|related (?:links|content)|breadcrumb|you are here:?|toggle navigation"
    r"|contact (?:us|[A-Z]{3,10})|view (?:the |all |our )[^\n.]{0,80}"
    r"|(?:share on |follow us on )?(?:facebook|twitter|linkedin|instagram|youtube|whatsapp)(?: pixel)?)[ \t]*$"
    r"|^[^\n]{0,400}\b(?:this (?:website|site) uses cookies|we use (?:some )?(?:essential )?cookies"
    r"|cookies? (?:information|are|is) stored in your browser|accept (?:all )?cookies"
    r"|planned (?:website )?downtime|(?:website|site) will be unavailable)\b[^\n]*$")


# A page's masthead: its first line naming only the publisher and its acronym, maybe after the page's date
# ("HM Inspectorate of Constabulary and Fire & Rescue Services (HMICFRS)" heading a republished press release).
# The name ends in a body's head word ("Services", "Office", "Commissioner"): a term defined on a first line
# ("Honour-based violence (HBV)") is text.
_MASTHEAD = re.compile(r"^\s*(?:date\s+[\d-]+\s+)?[A-Z][\w’'&,-]*(?:\s+[\w’'&,-]+){0,14}\s+"
                       r"(?:Services?|Office|Inspectorate|Commission|Commissioner|Authority|Agency|Council|Police"
                       r"|Constabulary|Department|Ministry|College)\s+\([A-Z][A-Za-z&]{1,8}\)[ \t]*$")


def mask(text: str) -> str:
    """`text` with its boilerplate lines turned to spaces."""
    text = _LINE.sub(lambda m: " " * len(m.group()), text)
    first = re.match(r"\s*[^\n]*", text)
    return (" " * first.end() + text[first.end():]) if first and _MASTHEAD.match(first.group()) else text
