"""What a source reader produces: inspections as one source saw them.

Every reader (official release, D2I scrape, curated CSV, report PDF) turns its file into a list
of :class:`SourceInspection`; :mod:`ofsted_analysis.pipeline.merge` then matches the same inspection
across sources and writes the tidy tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from itertools import groupby

from ..core.errors import Location
from ..storage.conform import conform
from ..storage.schema import INSPECTION_DATES, columns

# Precedence when sources disagree: lower wins (official release over scrape over curated).
SOURCE_RANK: dict[str, int] = {"official": 0, "report": 1, "scrape": 2, "curated": 3}


@dataclass
class SourceJudgement:
    area: str  # harmonised area (frameworks.AREAS)
    area_label: str  # the source's own wording of the judgement
    grade: str  # canonical grade (grades.GRADES)
    grade_label: str  # the source's own wording of the grade
    where: Location


@dataclass
class SourceInspection:
    la_code: str  # resolved GSS code
    framework: str | None  # frameworks.FRAMEWORKS key; None: the source cannot say (merge infers)
    event: str | None  # frameworks.EVENTS, None when the source does not say
    start_date: date | None
    end_date: date | None
    published: date | None
    source_kind: str  # SOURCE_RANK key
    where: Location  # the row (or page) the inspection was read from
    judgements: list[SourceJudgement] = field(default_factory=list)
    theme: str | None = None  # focused / monitoring visit theme
    la_name_source: str = ""  # the name as the source spelt it
    date_precision: str = "day"  # "month": a curated date known only to the month
    # Report PDFs only: the points the report asks to improve (sources.reports.findings.Finding)
    # and, when its list could not be delimited with certainty, why.
    findings: list = field(default_factory=list)
    findings_problem: str | None = None


def check_dates(inspection: SourceInspection, today: date | None = None) -> list[Exception]:
    """Dates an inspection cannot have: before 2009, in the future, published before fieldwork."""
    from ..core.dates import EARLIEST
    from ..core.errors import InputError

    today = today or date.today()
    problems: list[Exception] = []
    for name in INSPECTION_DATES:
        value = getattr(inspection, name)
        if value is not None and not (EARLIEST <= value <= today):
            problems.append(
                InputError(
                    name.replace("_", " "),
                    value.isoformat(),
                    f"a date between {EARLIEST.isoformat()} and today ({today.isoformat()})",
                    inspection.where,
                )
            )
    s, e, p = inspection.start_date, inspection.end_date, inspection.published
    if s and p and p < s:
        problems.append(
            InputError(
                "publication date",
                p.isoformat(),
                f"a date on or after the fieldwork start {s.isoformat()}",
                inspection.where,
            )
        )
    if s and e and e < s:
        problems.append(
            InputError(
                "end date",
                e.isoformat(),
                f"a date on or after the start {s.isoformat()}",
                inspection.where,
            )
        )
    return problems


# --- observations: source records as a table ----------------------------------------------------
# The stored ``observations`` table keeps every source record (one row per judgement, or one
# row for an inspection without judgements), so ``update`` can re-merge stored and new records
# exactly as ``build`` would have, and every stored grade can be traced to its cell.


# The inspection's fields stored as observation columns of the same name, as they are (its
# ``where`` is stored as file, sheet, row and page; its judgements as rows).
_STORED_AS_IS = (
    "la_code",
    "la_name_source",
    "framework",
    "event",
    *INSPECTION_DATES,
    "theme",
    "source_kind",
    "date_precision",
)


def to_frame(inspections: list[SourceInspection], hashes: dict[str, str] | None = None):
    """Flatten source inspections into the observations table (canonical order; columns and
    types as :mod:`ofsted_analysis.storage.schema` defines them). ``hashes`` gives each file's
    content hash by the name the records use."""
    import pandas as pd

    rows = []
    for n, i in enumerate(inspections):
        base = {
            "record": n,
            **{name: getattr(i, name) for name in _STORED_AS_IS},
            "file": i.where.file,
            "sheet": i.where.sheet,
            "row": i.where.row,
            "page": i.where.page,
        }
        if not i.judgements:
            rows.append(base)
        for j in i.judgements:
            rows.append(
                {
                    **base,
                    "area": j.area,
                    "area_label": j.area_label,
                    "grade": j.grade,
                    "grade_label": j.grade_label,
                    "cell_row": j.where.row,
                    "cell_page": j.where.page,
                    "cell_column": j.where.column,
                }
            )
    names = columns("observations")
    frame = pd.DataFrame(rows, columns=[c for c in names if c != "file_hash"])
    frame["file_hash"] = frame["file"].map(hashes or {})
    return canonical(conform("observations", frame))


def canonical(frame):
    """Sort observations by where they come from and renumber ``record`` in that order, so the
    table does not depend on the order files were read or applied in."""
    keys = [
        "file",
        "sheet",
        "row",
        "page",
        "framework",
        "event",
        "published",
        "start_date",
        "record",
    ]
    frame = frame.sort_values(keys, na_position="first", kind="stable")
    first = frame.drop_duplicates("record")["record"].tolist()
    renumber = {old: new for new, old in enumerate(first)}
    frame = frame.assign(record=frame["record"].map(renumber))
    return frame.sort_values(["record", "area"], na_position="first", kind="stable").reset_index(
        drop=True
    )


def from_frame(frame) -> list[SourceInspection]:
    """The source inspections an observations table holds."""

    from ..core.errors import Location

    def column(name: str) -> list:
        """A column as Python values, None where missing (column-wise: ~10x faster than
        converting row by row)."""
        series = frame[name]
        missing = series.isna().tolist()
        if str(series.dtype).startswith("datetime64"):
            values = [
                None if m else d for m, d in zip(missing, series.dt.date.tolist(), strict=True)
            ]
            return values
        return [None if m else v for m, v in zip(missing, series.tolist(), strict=True)]

    names = list(frame.columns)
    records = [
        dict(zip(names, row, strict=True)) for row in zip(*(column(n) for n in names), strict=True)
    ]
    out: list[SourceInspection] = []
    for _record, group in groupby(records, key=lambda r: r["record"]):
        rows = list(group)
        r = rows[0]
        where = Location(r["file"], r["sheet"], _int(r["row"]), None, _int(r["page"]))
        inspection = SourceInspection(
            **{name: r[name] for name in _STORED_AS_IS},
            where=where,
        )
        # A missing value in these two is the record's default.
        inspection.la_name_source = inspection.la_name_source or ""
        inspection.date_precision = inspection.date_precision or "day"
        inspection.judgements = [
            SourceJudgement(
                j["area"],
                j["area_label"],
                j["grade"],
                j["grade_label"],
                Location(
                    j["file"],
                    j["sheet"],
                    _int(j["cell_row"]),
                    j["cell_column"],
                    _int(j["cell_page"]),
                ),
            )
            for j in rows
            if j["area"] is not None
        ]
        out.append(inspection)
    return out


def _int(value) -> int | None:
    return None if value is None else int(value)
