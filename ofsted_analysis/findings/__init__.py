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

# module of this package -> the public names it defines (imported on first use)
_API = {
    ".table": (
        "load_findings",
        "load_finding_problems",
        "theme_shares",
        "authority_findings",
        "themes_by_grade_change",
        "select",
        "describe",
        "recurring_summary",
        "percent_table",
    ),
    ".themes": ("Theme", "load_taxonomy", "themes_of", "tag_findings", "long_themes", "unmatched"),
    ".report_coverage": ("Coverage", "coverage"),
}


__getattr__, __dir__, __all__ = lazy_exports(__name__, _API)
