"""What every stored table and column means, in words, beside the schema that gives their types.

``docs/tables.md`` is generated from this module and :mod:`.schema` (``python
scripts/make_table_docs.py``), and a test checks it is current and that every column of every
schema is described here, so the reference cannot drift from the tables.

>>> print(column_description("judgements", "la_number"))
DfE's three-digit LA number: the stable key when a GSS code changes.
"""

from __future__ import annotations

from .schema import SCHEMAS

TABLES: dict[str, str] = {
    "judgements": "One row per authority x inspection x judgement: every graded judgement Ofsted "
    "made on an English local authority's children's services since 2009, merged across sources.",
    "events": "One row per inspection or visit, including the ungraded focused and monitoring "
    "visits (with their theme), so timelines can show them.",
    "conflicts": "One row per disagreement between sources on a judgement's grade or an "
    "inspection's date: the value kept, the other value, both sources and the rule applied.",
    "observations": "Every source record behind the tables, one row per judgement (or one row "
    "for an inspection without judgements), so `update` re-merges exactly as `build` would.",
    "release_covers": "One row per Ofsted release read whose cover states the period of its "
    "figures: the date they are 'as at' and the publication cut-off they count (the cut-off "
    "`ofsted_cut_off` gives for that date).",
    "findings": "One row per point an inspection report asks the authority to improve (ILACS "
    "'What needs to improve', SIF recommendations and priority actions, TLAC areas for "
    "improvement), verbatim.",
    "finding_problems": "One row per report whose list of points could not be delimited with "
    "certainty, and why (none of its points is guessed).",
    "outcomes": "One row per level x area x indicator x year: DfE's children's social care "
    "indicators and every measure of LAIT's bulk file (one row per level x area x measure x "
    "period), each value traceable to the published cell.",
    "outcome_measures": "Every published cell read from a DfE file, before one value per key is "
    "chosen.",
    "outcome_conflicts": "One row per value a later DfE release revised: both values and both "
    "cells.",
    "neighbour_models": "DfE's statistical-neighbour models: each authority's ranked neighbours, "
    "one row per authority x neighbour x model.",
    "area_send": "One row per area SEND inspection (Ofsted and the CQC's joint inspection of a "
    "local area's services for children and young people with special educational needs "
    "and/or disabilities), revisit or monitoring inspection, merged across Ofsted's official "
    "statistics, the report, Ofsted's management information, Data to Insight's scrape and "
    "ADCS's summary (in that precedence). Areas follow the register: an inspection before a "
    "reorganisation is the former authority's (Dorset County Council, Northamptonshire).",
    "area_send_records": "Every area SEND source record behind `area_send`, one row per "
    "inspection or revisit a source states, so `update` re-merges exactly as `build` would.",
    "area_send_conflicts": "One row per disagreement between area SEND sources on an "
    "inspection's date or finding: the value kept, the other value, both sources and the rule.",
    "lait_measures": "LAIT's data dictionary, one row per LAIT measure (indicator "
    "`lait:<measure>`): what it is, its polarity, decimals, year type and quartile rule, as "
    "the dictionary beside the bulk file describes it (`oa.indicator_table()` shows it beside "
    "the package's own indicators).",
}

# Columns that mean the same in every table that has them.
COMMON: dict[str, str] = {
    "la_code": "ONS GSS code of the authority (E06/E08/E09/E10...), also for authorities that "
    "no longer exist.",
    "la_name": "The register's canonical name (one spelling per authority, whatever the source "
    "wrote).",
    "la_number": "DfE's three-digit LA number: the stable key when a GSS code changes.",
    "region": "The authority's region.",
    "inspection_id": "Stable key of the inspection event (joins judgements, events, findings).",
    "framework": "`slac`, `child_protection`, `tlac`, `sif`, `ilacs` or `ilacs_2026`.",
    "event": "`full`, `reinspection`, `standard`, `short`, `focused_visit`, "
    "`monitoring_visit`, ...",
    "start_date": "First day of fieldwork, where known.",
    "end_date": "Last day of fieldwork, where known.",
    "published": "Publication date of the report.",
    "area": "Harmonised judgement area: `overall`, `leadership`, `help_and_protection`, "
    "`children_in_care`, `care_leavers`, `adoption`, `lscb`.",
    "area_label": "The framework's own wording of the judgement, verbatim.",
    "grade": "Ofsted's grade, ordered: Inadequate < Requires improvement < Good < Outstanding. "
    "SLAC's *Adequate* is stored as Requires improvement (its word kept in `grade_label`).",
    "grade_label": "The source's own word for the grade (`Adequate`, `Requires improvement to "
    "be good`, `good`, ...).",
    "source": "Where the value kept came from: file, sheet, row and column (or page).",
    "sources": "Every source that recorded the same value.",
    "n_sources": "How many sources recorded it.",
    "date_precision": "`day`, or `month` where the cited source gives only a month.",
    "theme": "The theme of a focused or monitoring visit, as the source states it.",
    "file": "The source file, relative to the project folder.",
    "file_hash": "Content hash of the source file (a file is known by path and content).",
    "year": "The year the measure's period ends (DfE's `time_period`): on 31 March for DfE's "
    "children's social care years, 30 September for the workforce census, 31 August for an "
    "academic year (its indicator's `year_type`; `ofsted_analysis.outcomes.periods`).",
    "level": "`england`, `region` or `la`.",
    "value": "The value as published (or computed); missing when suppressed, never 0.",
    "status": "'' or DfE's code as published: `c`, `x`, `z`, `u`, `low`, `k`.",
    "rule": "The precedence rule that chose the value kept.",
}

COLUMNS: dict[str, dict[str, str]] = {
    "events": {
        "graded": "Whether the event made graded judgements (inspections) or not (visits).",
        "n_judgements": "How many graded judgements the event made.",
    },
    "conflicts": {
        "field": "`grade` (with `area`) or a date field (no area).",
        "area": "The judgement area, for a grade; empty for a date.",
        "kept_value": "The value kept, as text (a grade, an ISO date); empty when the framework "
        "made no such judgement at that date.",
        "kept_source": "The source of the value kept.",
        "other_value": "The other source's value, as text.",
        "other_source": "The other source.",
        "kept_grade": "The kept value again, as a grade (for grades).",
        "other_grade": "The other value again, as a grade (for grades).",
    },
    "observations": {
        "record": "Number of the source record.",
        "la_name_source": "The authority's name as the source wrote it.",
        "source_kind": "`official`, `scrape`, `curated` or `report`.",
        "sheet": "The sheet of a workbook (empty for CSV and PDF).",
        "row": "The record's row in its sheet or CSV (1-based), where it has one.",
        "page": "The page of a report PDF, where the record is on one.",
        "grade": "The grade this record gives (empty for an inspection without judgements).",
        "cell_row": "The row of the cell the grade was read from.",
        "cell_page": "The page the grade was read from.",
        "cell_column": "The column (letter or heading) the grade was read from.",
    },
    "release_covers": {
        "as_at": "The date the release's figures describe, as its cover states it.",
        "published_by": "The publication cut-off of those figures: reports published by this "
        "date count.",
        "statement": "The cover's statement, verbatim (e.g. 'As at 31 March 2023, published "
        "by 30 April 2023').",
        "source": "The cell of the statement: file, sheet, row and column.",
    },
    "findings": {
        "kind": "`improve` (ILACS 'What needs to improve', SIF 'Areas for improvement'), "
        "`priority_action` (SIF 'Priority and immediate action') or `recommendation`.",
        "position": "The point's place in the report's list (from 1).",
        "number": "The number the report prints beside the point (SIF), if any.",
        "group": "The sub-heading the point sits under (SIF; TLAC: the timescale), if any.",
        "text": "The point, verbatim (line wraps joined, bullet glyphs dropped).",
        "source": "File and page (`file:pPAGE`).",
        "page": "The page the point starts on.",
    },
    "finding_problems": {
        "problem": "Why the report's list could not be read with certainty.",
    },
    "outcomes": {
        "la_code": "ONS GSS code of the area (England and regions have their own codes).",
        "la_name": "The register's name of the authority (or England, or the region's name).",
        "unit": "The indicator's unit (`%`, `per 10,000`, `£`, ...).",
        "n_authorities": "2 for a row DfE publishes for two authorities together (never taken "
        "for either).",
        "indicator": "A documented indicator id, such as `rereferral_rate`, or a LAIT measure, "
        "`lait:` + LAIT's `Short Desc` verbatim (`lait:ReReferral`); `oa.indicator_table()` "
        "lists them all.",
        "year": "The year the indicator's period ends (DfE's `time_period`): on 31 March for "
        "DfE's children's social care years, 30 September for the workforce census, 31 August "
        "for an academic year (the indicator's `year_type`; `ofsted_analysis.outcomes.periods`); "
        "for a LAIT measure, read from its label (`2016-17` and `2015/16`: 2017 and 2016; the "
        "three-year `2014-16` and `2013/14-15/16`: 2016).",
        "status": "'' or DfE's code as published: `c`, `x`, `z`, `u`, `low`, `k`; for a LAIT "
        "measure, `-` (or `..`) where LAIT has no value.",
        "source": "File, row and column of the cell (both cells for a computed rate; "
        "`file:rROW:Values` for a LAIT cell).",
        "period": "LAIT's `Years` label as written (`2016-17 (OT)`, `2025 (prov)`); '' for the "
        "package's own indicators, whose period is the year.",
        "period_marker": "The marker LAIT writes after a period: `outturn` (OT), `revised` "
        "(Rev, Revised), `provisional` (prov), `final` (Final), or ''.",
    },
    "outcome_measures": {
        "region_code": "DfE's region code, as published.",
        "measure": "The measure as read (file kind and column, through the vocabulary).",
        "row": "The row of the cell in its file.",
        "column": "The column of the cell (`sheet!heading` for a workbook).",
    },
    "outcome_conflicts": {
        "measure": "The measure revised.",
        "kept_value": "The value kept (the later release's).",
        "kept_status": "Its status code.",
        "kept_source": "Its cell.",
        "other_value": "The earlier release's value.",
        "other_status": "Its status code.",
        "other_source": "Its cell.",
    },
    "lait_measures": {
        "measure": "LAIT's `Short Desc` (`Measure_short`), verbatim.",
        "label": "The dictionary's `Measure`.",
        "chart_title": "The dictionary's `Chart_title`.",
        "topic": "The topic of the measure's first listing (`Topic`).",
        "topics": "Every topic the dictionary lists it under, `; `-separated.",
        "unit": "The dictionary's `y_axis_name`.",
        "polarity": "`high` (higher is better), `low` (lower is better) or '' (LAIT's `-` or "
        "none).",
        "decimals": "The decimals LAIT shows (`dps`), where given.",
        "year_type": "Academic, financial, calendar year, end of September, ... (`Year_Type`).",
        "quartiles": "Whether LAIT's quartile bands apply (false where a listing says "
        "`No_Quartile` `N`).",
        "description": "The dictionary's `Description` (line breaks kept).",
        "methodology": "The dictionary's `Methodology`.",
        "source_link": "The dictionary's `Hyperlink(s)`.",
        "data_owner": "The dictionary's data owner and contact.",
        "last_update": "When LAIT last updated the measure (from an Excel serial date).",
        "next_update": "When LAIT next updates it (from an Excel serial date), where a date.",
        "next_update_note": "`TBC`, `Discontinued` or another word written instead of a date.",
        "row": "The dictionary row of the measure's first listing (0: no dictionary row).",
        "file": "The dictionary file, relative to the project folder.",
        "file_hash": "Its content hash.",
        "in_bulk_file": "Whether the latest LAIT bulk file read holds the measure (false: "
        "kept as stored, flagged).",
        "bulk_file": "The bulk file its latest cells came from.",
        "bulk_hash": "That file's content hash.",
        "cells_without_period": "Its cells under LAIT's period `0` (every one `-`): no value "
        "and no period, not stored.",
    },
    "neighbour_models": {
        "la_number": "DfE number of the authority.",
        "neighbour_rank": "The neighbour's rank, 1 the closest.",
        "neighbour_la_number": "DfE number of the neighbour.",
        "closeness": "DfE's closeness band as published (e.g. Very close, Close, Not close).",
        "source": "File and row of the neighbour.",
        "model": "The year of DfE's model (from the file's name, `sn_model_YYYY_wide.csv`).",
    },
    "area_send": {
        "framework": "`area_send_2016` (May 2016 to December 2022: no grade; a written "
        "statement of action or not) or `area_send_2023` (from January 2023: three outcomes).",
        "event": "`full` (an inspection), `revisit` (2016 framework: of an area with a written "
        "statement of action) or `monitoring` (2023 framework: after systemic failings).",
        "published": "Publication date of the report (a 2023 report PDF does not print it: "
        "then its file's name `YYYY-MM-DD.pdf`, as the reports site names it).",
        "wsoa": "2016 framework, full inspection: whether a written statement of action was "
        "required (an indication of significant weaknesses).",
        "significant_weaknesses": "2016 framework: the number of significant weaknesses in the "
        "written statement of action (0 when none was required).",
        "weaknesses_sufficient_progress": "2016 framework, revisit: how many of the significant "
        "weaknesses had sufficient progress made in them.",
        "revisit_outcome": "2016 framework, revisit: sufficient progress in addressing `all` "
        "significant weaknesses, `some` or `none`.",
        "outcome": "2023 framework: ordered `systemic_failings` (widespread and/or systemic "
        "failings) < `inconsistent` (inconsistent experiences and outcomes) < `positive` "
        "(typically positive experiences and outcomes). Not on the children's services grade "
        "scale.",
        "outcome_wording": "The outcome as the source words it (the report's sentence, where "
        "read).",
        "priority_action_plan": "2023 framework: whether HMCI requires a priority action plan "
        "(after widespread and/or systemic failings).",
        "areas_for_priority_action": "2023 framework: how many areas for priority action the "
        "report (or Ofsted's management information) lists.",
        "previous_inspection": "2023 framework: first day of the previous area SEND inspection, "
        "as the report states it (empty when not previously inspected).",
        "next_inspection": "2023 framework: when the next inspection will be, as the report "
        "(or Data to Insight) states it, e.g. 'The next full area SEND inspection will be "
        "within approximately three years.'",
        "source": "The record whose values were taken first (file, sheet and row, or page).",
        "sources": "Every source record that agrees with the kept values on all it states.",
        "n_sources": "How many source records agree.",
    },
    "area_send_records": {
        "record": "Number of the source record.",
        "la_name_source": "The area's name as the source wrote it.",
        "framework": "`area_send_2016` or `area_send_2023`.",
        "event": "`full`, `revisit` or `monitoring`.",
        "wsoa": "As in `area_send`.",
        "significant_weaknesses": "As in `area_send`.",
        "weaknesses_sufficient_progress": "As in `area_send`.",
        "revisit_outcome": "As in `area_send`.",
        "outcome": "As in `area_send`.",
        "outcome_wording": "As in `area_send`.",
        "priority_action_plan": "As in `area_send`.",
        "areas_for_priority_action": "As in `area_send`.",
        "previous_inspection": "As in `area_send`.",
        "next_inspection": "As in `area_send`.",
        "source_kind": "`official`, `report`, `management_information`, `scrape` (Data to "
        "Insight) or `adcs`.",
        "sheet": "The sheet of a workbook (empty for CSV and PDF).",
        "row": "The record's row in its sheet or CSV (1-based).",
        "page": "The page of a report PDF the facts are on.",
    },
    "area_send_conflicts": {
        "field": "The column of `area_send` the sources disagree on.",
        "kept_value": "The value kept, as text (ISO dates).",
        "kept_source": "The source of the value kept.",
        "other_value": "The other source's value, as text.",
        "other_source": "The other source.",
        "rule": "The precedence that chose the value kept (`official before adcs`, ...).",
    },
}


def column_description(table: str, column: str) -> str:
    """What ``column`` of ``table`` holds; ``KeyError`` if it is not described."""
    own = COLUMNS.get(table, {})
    return own[column] if column in own else COMMON[column]


def table_docs() -> str:
    """``docs/tables.md``: every stored table with its columns, types, key and meaning."""
    out = [
        "# The stored tables",
        "",
        "Generated from `ofsted_analysis/storage/schema.py` and "
        "`ofsted_analysis/storage/descriptions.py` by `python scripts/make_table_docs.py`; "
        "a test checks this file is current, so edit those modules, not this file.",
        "",
        "Kinds: `text`; `cat` (text stored as a category: few distinct, repeated values); "
        "`date` (a day); `int`; `int?` (an integer that may be missing); "
        "`float`; `bool`; `grade` (ordered categorical Inadequate < Requires improvement < "
        "Good < Outstanding); `bool?` (true/false, may be missing); `send` (ordered "
        "categorical systemic_failings < inconsistent < positive, the area SEND outcome). "
        "The key is the set of columns no two rows share.",
    ]
    for name, schema in SCHEMAS.items():
        out += ["", f"## `{name}`", "", TABLES[name], ""]
        if schema.key:
            out += ["Key: " + ", ".join(f"`{k}`" for k in schema.key) + ".", ""]
        out += ["| column | kind | meaning |", "| --- | --- | --- |"]
        out += [
            f"| `{column}` | {kind} | {column_description(name, column)} |"
            for column, kind in schema.kinds.items()
        ]
    return "\n".join(out) + "\n"
