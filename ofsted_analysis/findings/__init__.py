"""The findings domain: what inspection reports ask authorities to improve, and its themes.

- :mod:`.table`: the findings table (load, analyse, sentences);
- :mod:`.themes`: the editable taxonomy of themes;
- :mod:`.report_coverage`: which inspections' points are held, and how to add the rest.

Every public name of those modules can be reached from here (imported on first use):

>>> from ofsted_analysis import findings as F
>>> F.coverage(F.load_findings(themes=False), oa.load(), "Leeds").table["status"].tolist()
['not read', 'not read', 'held', 'held', 'held', 'held']
"""

from __future__ import annotations

from ..core.lazy import lazy_exports

# public name -> module of this package that defines it
_API = {
    "load_findings": ".table",
    "load_finding_problems": ".table",
    "theme_shares": ".table",
    "authority_findings": ".table",
    "themes_by_grade_change": ".table",
    "select": ".table",
    "describe": ".table",
    "recurring_summary": ".table",
    "percent_table": ".table",
    "Theme": ".themes",
    "load_taxonomy": ".themes",
    "themes_of": ".themes",
    "tag_findings": ".themes",
    "long_themes": ".themes",
    "unmatched": ".themes",
    "Coverage": ".report_coverage",
    "coverage": ".report_coverage",
}

__all__ = sorted(_API)


__getattr__, __dir__ = lazy_exports(__name__, _API)
