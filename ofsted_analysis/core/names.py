"""How a name of an authority is compared: its key, and the council style around it.

Sources write one authority many ways: "Bradford", "City of Bradford", "Bradford Council",
"City of Bradford Metropolitan District Council", "Bristol, City of", "The Mayor and Burgesses
of the London Borough of Camden", "Medway Children's Services". Every one is the register's
name (or an alias) with *style* around it: words that say what kind of body it is, not which
one. :func:`styled_forms` takes that style off by rule, one layer at a time, and a name
resolves at the fewest layers at which it is known (see
:meth:`ofsted_analysis.core.authorities.Register.matches`). Style is only ever taken off the
*query*, never off the register's names, so a name that is itself styled ("City of London",
"Dorset County Council") is found as written and nothing is shortened into a false match
("City of London" never becomes "London").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# Councils' legal and everyday styles, as keys (see name_key): taken off the start...
_PREFIX = re.compile(
    r"^(?:the |"
    r"(?:lord )?mayor and (?:burgesses|citizens|commonalty and citizens) of |"
    r"(?:(?:city|county|borough|district|metropolitan|metropolitan borough|"
    r"metropolitan district|london borough|royal borough) )?council of |"
    r"(?:(?:royal|london|metropolitan) )?borough of |"
    r"(?:metropolitan )?district of |"
    r"city and county of |city of |county of )"
)
# ... and off the end, including the inverted form of Ofsted's and ONS's lists ("Bristol,
# City of"; the comma is gone from the key).
_SUFFIX = re.compile(
    r" (?:council|city|county|borough|district|metropolitan|corporation|"
    r"unitary authority|local authority|la|mbc|"
    r"childrens services|childrens social care services|childrens social care|"
    r"limited|ltd|cic|"
    r"(?:(?:royal|london|metropolitan) )?borough of|city and county of|city of|county of)$"
)

#: Every word that can be style (used to tell the distinctive words of a name from the rest).
STYLE_WORDS = frozenset(
    {
        "the",
        "of",
        "and",
        "city",
        "county",
        "borough",
        "district",
        "metropolitan",
        "royal",
        "london",
        "council",
        "corporation",
        "unitary",
        "authority",
        "local",
        "la",
        "mbc",
        "mayor",
        "lord",
        "burgesses",
        "citizens",
        "commonalty",
    }
)


def name_key(name: object) -> str:
    """The form names are compared in: lower case, no punctuation, '&' as 'and'.

    >>> name_key("St. Helens") == name_key("st helens"), name_key("Telford & Wrekin")
    (True, 'telford and wrekin')
    """
    key = str(name).lower().replace("&", " and ").replace("\u2019", "'")
    key = re.sub(r"[-/]", " ", key)
    key = re.sub(r"[^a-z0-9 ]", "", key)
    return re.sub(r"\s+", " ", key).strip()


def styled_forms(name: object) -> Iterator[list[str]]:
    """The keys a name may stand for, in layers: first the name's own key, then every key
    with one layer of style taken off (a prefix or a suffix), then two, and so on.

    >>> [layer for layer in styled_forms("City of Bradford Council")]
    [['city of bradford council'], ['bradford council', 'city of bradford'], ['bradford']]
    """
    layer = [name_key(name)]
    seen = set(layer)
    while layer:
        yield layer
        following: list[str] = []
        for key in layer:
            for shorter in (_PREFIX.sub("", key, count=1), _SUFFIX.sub("", key, count=1)):
                shorter = shorter.strip()
                if shorter and shorter not in seen:
                    seen.add(shorter)
                    following.append(shorter)
        layer = following
