"""A small hand-made judgements/events pair with the tidy schema, for rule tests.

Built to exercise the rules of :func:`ofsted_analysis.judgements.asat.as_at` on cases the real
table may not contain at a given date (a 2026-framework inspection, a report published late).
"""

from __future__ import annotations

import pandas as pd

from ofsted_analysis.core.grades import grade_dtype

# (la_code, la_name, inspection_id, framework, event, start, published, {area: grade})
INSPECTIONS = [
    (
        "E08000035",
        "Leeds",
        "L1",
        "slac",
        "full",
        "2010-01-11",
        "2010-02-19",
        {"help_and_protection": "Inadequate", "children_in_care": "Requires improvement"},
    ),
    (
        "E08000035",
        "Leeds",
        "L2",
        "sif",
        "full",
        "2015-03-02",
        "2015-04-22",
        {"overall": "Good", "leadership": "Outstanding"},
    ),
    (
        "E08000035",
        "Leeds",
        "L3",
        "ilacs",
        "standard",
        "2018-12-03",
        "2019-01-25",
        {"overall": "Outstanding"},
    ),
    (
        "E08000035",
        "Leeds",
        "L4",
        "ilacs_2026",
        "standard",
        "2026-05-04",
        "2026-06-20",
        {"leadership": "Good", "help_and_protection": "Good"},
    ),
    (
        "E10000021",
        "Northamptonshire",
        "N1",
        "sif",
        "full",
        "2016-10-03",
        "2016-12-01",
        {"overall": "Inadequate"},
    ),
    (
        "E06000061",
        "North Northamptonshire",
        "N2",
        "ilacs",
        "standard",
        "2022-05-09",
        "2022-07-01",
        {"overall": "Requires improvement"},
    ),
    ("E09000001", "City of London", "C1", "sif", "full", "2016-09-05", None, {"overall": "Good"}),
    (
        "E09000001",
        "City of London",
        "C2",
        "ilacs",
        "standard",
        "2020-03-02",
        "2020-04-30",
        {"overall": "Outstanding"},
    ),
    (
        "E09000002",
        "Barking and Dagenham",
        "B1",
        "sif",
        "full",
        "2014-01-06",
        "2014-03-01",
        {"overall": "Inadequate"},
    ),
    (
        "E09000002",
        "Barking and Dagenham",
        "B2",
        "sif",
        "reinspection",
        "2016-01-04",
        "2016-03-01",
        {"overall": "Requires improvement"},
    ),
    (
        "E09000002",
        "Barking and Dagenham",
        "B3",
        "ilacs",
        "standard",
        "2019-06-03",
        "2019-10-15",
        {"overall": "Good"},
    ),
]


def judgements() -> pd.DataFrame:
    rows = []
    for code, name, iid, fw, ev, start, pub, grades in INSPECTIONS:
        for area, grade in grades.items():
            rows.append(
                {
                    "la_code": code,
                    "la_name": name,
                    "la_number": "",
                    "region": "",
                    "inspection_id": iid,
                    "framework": fw,
                    "event": ev,
                    "start_date": pd.Timestamp(start),
                    "end_date": pd.Timestamp(start),
                    "published": pd.Timestamp(pub) if pub else pd.NaT,
                    "area": area,
                    "area_label": area,
                    "grade": grade,
                    "grade_label": grade,
                    "source": "synthetic",
                }
            )
    frame = pd.DataFrame(rows)
    frame["grade"] = frame["grade"].astype(grade_dtype())
    return frame


def events() -> pd.DataFrame:
    rows = [
        {
            "inspection_id": iid,
            "la_code": code,
            "la_name": name,
            "framework": fw,
            "event": ev,
            "start_date": pd.Timestamp(start),
            "published": pd.Timestamp(pub) if pub else pd.NaT,
            "theme": None,
            "graded": True,
        }
        for code, name, iid, fw, ev, start, pub, _ in INSPECTIONS
    ]
    rows.append(
        {
            "inspection_id": "L-FV",
            "la_code": "E08000035",
            "la_name": "Leeds",
            "framework": "ilacs",
            "event": "focused_visit",
            "start_date": pd.Timestamp("2021-06-08"),
            "published": pd.Timestamp("2021-07-20"),
            "theme": "children in need",
            "graded": False,
        }
    )
    return pd.DataFrame(rows)
