"""The change report ``update`` prints: what new files changed in the stored tables."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..storage.schema import INSPECTION_DATES

#: Each list of a :class:`ChangeReport`, in the order the report prints them: its field, the
#: heading it is printed under, and whether it alone means the stored tables change (authorities
#: newly covered come with their new inspections; revisions, notes, refused rows and skipped
#: files describe what was read, not a change).
SECTIONS: tuple[tuple[str, str, bool], ...] = (
    ("new_inspections", "New inspections and visits", True),
    ("changed_judgements", "Judgements whose value changed", True),
    ("added_judgements", "Judgements added to inspections already held", True),
    ("removed_judgements", "Judgements no longer in the tables", True),
    ("changed_dates", "Inspection dates that changed", True),
    ("removed_inspections", "Inspections no longer in the tables", True),
    ("new_authorities", "Authorities newly covered", False),
    ("new_conflicts", "New conflicts between sources (and how each was resolved)", True),
    ("outcome_changes", "Outcome indicators (DfE) added, changed or gone", True),
    (
        "outcome_conflicts",
        "Outcome values revised between DfE releases (later release kept)",
        False,
    ),
    ("cover_changes", "Release covers (as at date, reports published by) added or gone", True),
    ("send_changes", "Area SEND inspections added, changed or gone", True),
    ("lait_changes", "LAIT measures added, revised or no longer in the file", True),
    ("lait_notes", "LAIT values kept that its file no longer holds", False),
    ("rejected", "Rows refused (--skip-bad-rows)", False),
    ("skipped", "Files skipped (not sources)", False),
)


@dataclass
class ChangeReport:
    files: list[str]
    new_inspections: list[str] = field(default_factory=list)
    removed_inspections: list[str] = field(default_factory=list)
    changed_judgements: list[str] = field(default_factory=list)
    added_judgements: list[str] = field(default_factory=list)  # to inspections already held
    removed_judgements: list[str] = field(default_factory=list)  # from inspections still held
    changed_dates: list[str] = field(default_factory=list)
    new_authorities: list[str] = field(default_factory=list)
    new_conflicts: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # files that are not sources, with reasons
    confirmed: int = 0  # judgements now also recorded by the new files, value unchanged
    outcome_changes: list[str] = field(default_factory=list)  # DfE indicator values
    outcome_conflicts: list[str] = field(default_factory=list)  # revisions between releases
    cover_changes: list[str] = field(default_factory=list)  # release covers' cut-offs
    send_changes: list[str] = field(default_factory=list)  # area SEND inspections
    lait_changes: list[str] = field(default_factory=list)  # LAIT measures, periods, revisions
    lait_notes: list[str] = field(default_factory=list)  # what is kept that LAIT dropped

    @property
    def changed(self) -> bool:
        """Whether the stored tables change: a section that counts (:data:`SECTIONS`) has
        items, or judgements are now also recorded by the new files."""
        return bool(self.confirmed) or any(
            getattr(self, name) for name, _title, counts in SECTIONS if counts
        )

    def text(self) -> str:
        lines = [f"Update from {len(self.files)} file(s): {', '.join(self.files)}"]
        for name, title, _counts in SECTIONS:
            items = getattr(self, name)
            if items:
                lines.append(f"{title} ({len(items)}):")
                lines.extend(f"  {item}" for item in items)
        if self.confirmed:
            lines.append(
                f"Judgements now also recorded by these files, value unchanged: {self.confirmed}"
            )
        if not self.changed:
            lines.append("No changes: the stored tables already hold everything in these files.")
        return "\n".join(lines)


def _describe_event(row, grades: dict[str, str]) -> str:
    when = []
    if row.start_date == row.start_date and row.start_date is not None:
        when.append(f"fieldwork {row.start_date:%Y-%m-%d}")
    if row.published == row.published and row.published is not None:
        when.append(f"published {row.published:%Y-%m-%d}")
    kind = " ".join(str(x) for x in (row.framework, row.event) if x and x == x)
    text = f"{row.la_name}: {kind}, {', '.join(when)}"
    if grades:
        text += " — " + ", ".join(f"{a} {g}" for a, g in grades.items())
    elif isinstance(row.theme, str):
        text += f" — theme: {row.theme}"
    return text


def _day(value) -> str:
    return "none" if value is None or value != value else f"{value:%Y-%m-%d}"


def _same_inspections(old_events, new_events) -> dict[str, str]:
    """old id -> new id of inspections whose id changed but which are the same inspection."""
    gone = old_events[~old_events.inspection_id.isin(new_events.inspection_id)]
    fresh = new_events[~new_events.inspection_id.isin(old_events.inspection_id)]
    out: dict[str, str] = {}
    for was in gone.itertuples():
        candidates = fresh[
            (fresh.la_code == was.la_code)
            & (fresh.framework == was.framework)
            & (fresh.event.fillna("") == (was.event if isinstance(was.event, str) else ""))
        ]
        shared = [
            now.inspection_id
            for now in candidates.itertuples()
            if any(
                _day(getattr(was, c)) == _day(getattr(now, c)) != "none" for c in INSPECTION_DATES
            )
        ]
        if len(shared) == 1 and shared[0] not in out.values():
            out[was.inspection_id] = shared[0]
    return out


def describe_conflict(r) -> str:
    """One line for a row of the conflicts table (a grade or a date the sources disagree on)."""
    field = getattr(r, "field", "grade")
    what = r.area if field == "grade" else field.replace("_", " ")
    kept = getattr(r, "kept_value", r.kept_grade)
    other = getattr(r, "other_value", r.other_grade)
    if kept is None or kept != kept:  # nothing kept: the value was not one the framework had
        return (
            f"{r.la_name} {r.inspection_id} {what}: left out {other} ({r.other_source}) — {r.rule}"
        )
    return (
        f"{r.la_name} {r.inspection_id} {what}: kept {kept} ({r.kept_source}), "
        f"not {other} ({r.other_source}) — {r.rule}"
    )


def compare(old: dict, new: dict, files: list[str]) -> ChangeReport:
    """Differences between two sets of tables (``judgements``, ``events``, ``conflicts``).

    An inspection whose key date moved (its id is built from it) is the same inspection when
    the authority, framework and event agree and another of its dates is unchanged: it is
    reported as changed dates, not as one inspection removed and another added.
    """
    report = ChangeReport(files)
    renamed = _same_inspections(old["events"], new["events"])
    old = {
        **old,
        "events": old["events"].replace({"inspection_id": renamed}),
        "judgements": old["judgements"].replace({"inspection_id": renamed}),
    }
    old_ev = old["events"].set_index("inspection_id")
    new_ev = new["events"].set_index("inspection_id")
    new_j = new["judgements"]
    from ..core.frameworks import AREAS

    order = {area: n for n, area in enumerate(AREAS)}
    grades = {
        k: dict(
            sorted(zip(g.area, g.grade.astype(str), strict=True), key=lambda item: order[item[0]])
        )
        for k, g in new_j.groupby("inspection_id")
    }
    added = new["events"][~new["events"].inspection_id.isin(old_ev.index)]
    for row in added.itertuples():
        report.new_inspections.append(_describe_event(row, grades.get(row.inspection_id, {})))
    for iid in old_ev.index.difference(new_ev.index):
        report.removed_inspections.append(f"{old_ev.loc[iid, 'la_name']}: {iid}")
    key = ["inspection_id", "area"]
    both = old["judgements"].merge(new_j, on=key, suffixes=("_old", "_new"))
    same = both.grade_old.astype(str) == both.grade_new.astype(str)
    report.confirmed = int((same & (both.sources_old != both.sources_new)).sum())
    changed = both[~same]
    for r in changed.itertuples():
        report.changed_judgements.append(
            f"{r.la_name_new} {r.inspection_id} {r.area}: {r.grade_old} ({r.source_old}) -> "
            f"{r.grade_new} ({r.source_new})"
        )
    old_ids, new_ids = set(old_ev.index), set(new_ev.index)
    old_keys = set(map(tuple, old["judgements"][key].itertuples(index=False)))
    new_keys = set(map(tuple, new_j[key].itertuples(index=False)))
    for r in new_j.itertuples():
        if r.inspection_id in old_ids and (r.inspection_id, r.area) not in old_keys:
            report.added_judgements.append(
                f"{r.la_name} {r.inspection_id} {r.area}: {r.grade} ({r.source})"
            )
    for r in old["judgements"].itertuples():
        if r.inspection_id in new_ids and (r.inspection_id, r.area) not in new_keys:
            report.removed_judgements.append(
                f"{r.la_name} {r.inspection_id} {r.area}: was {r.grade} ({r.source})"
            )
    for iid in sorted(old_ids & new_ids):
        was, now = old_ev.loc[iid], new_ev.loc[iid]
        moved = [
            f"{col} {_day(was[col])} -> {_day(now[col])}"
            for col in INSPECTION_DATES
            if _day(was[col]) != _day(now[col])
        ]
        if moved:
            report.changed_dates.append(f"{now['la_name']} {iid}: {', '.join(moved)}")
    old_codes = set(old["events"].la_code)
    for code, name in (
        new["events"][["la_code", "la_name"]].drop_duplicates().itertuples(index=False)
    ):
        if code not in old_codes:
            report.new_authorities.append(f"{name} ({code})")
    ckey = ["inspection_id", "field", "area", "other_source"]
    # Keys compared as text on both sides, so a missing area (a date conflict) is one value.
    old_c = set(map(tuple, old["conflicts"][ckey].fillna("").astype(str).itertuples(index=False)))
    new_keys = new["conflicts"][ckey].fillna("").astype(str).itertuples(index=False)
    for key, r in zip(new_keys, new["conflicts"].itertuples(), strict=True):
        if tuple(key) not in old_c:
            report.new_conflicts.append(describe_conflict(r))
    return report


def describe_cover_changes(old, new) -> list[str]:
    """Lines for the change report: release covers (as-at date and publication cut-off,
    :mod:`ofsted_analysis.sources.covers`) added or no longer held."""

    def statements(frame) -> set[tuple[str, str]]:
        return {
            (r.file, f"as at {r.as_at:%Y-%m-%d}, reports published by {r.published_by:%Y-%m-%d}")
            for r in frame.itertuples()
        }

    before, after = statements(old), statements(new)
    return [f"{file}: {what} (added)" for file, what in sorted(after - before)] + [
        f"{file}: {what} (no longer held)" for file, what in sorted(before - after)
    ]
