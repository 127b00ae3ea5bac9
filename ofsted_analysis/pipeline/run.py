"""``build`` and ``update``: read sources (:mod:`.read`), merge, and write the tidy tables.

Both go the same way: source files -> source inspections -> the ``observations`` table (every
source record, canonically ordered) -> merge -> ``judgements``, ``events``, ``conflicts``, with
``release_covers`` (each release's "as at" date and publication cut-off), ``findings`` and the
outcome tables beside them. ``update`` replaces the stored rows of the files it is given (by
path or content: :func:`.replace.kept_rows`) and re-merges, so applying a file twice changes
nothing and the order in which files are applied does not matter.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core import paths
from ..storage.store import write_tables
from .read import SourcesRead, covers_table, read_sources
from .replace import kept_rows

if TYPE_CHECKING:  # imported where used at run time, to keep `import ofsted_analysis` fast
    from ..outcomes.table import OutcomeSources
    from ..sources.formats import Format
    from .changes import ChangeReport

DEFAULT_RAW = (paths.raw(),)
DEFAULT_CURATED = paths.curated()
DEFAULT_REJECTS = paths.rejects()


@dataclass
class BuildResult:
    out: Path | None
    files: list[str]
    inspections: int
    judgements: int
    events: int
    conflicts: int
    seconds: float
    conflicts_resolved: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "file: reason" of files not read
    from_cache: int = 0
    placeholders: int = 0
    findings: int = 0  # points to improve read from the reports
    finding_problems: list[str] = field(default_factory=list)  # "file: reason", list not read
    outcome_files: list[str] = field(default_factory=list)
    outcomes: int = 0  # rows of the outcomes table
    lait_measures: int = 0  # LAIT measures the bulk file holds
    lait_without_period: int = 0  # its cells under period '0' (all '-'), not stored
    lait_undescribed: list[str] = field(default_factory=list)  # held, in no dictionary
    passed_over: list[str] = field(default_factory=list)  # "file: sheet ...: reason"
    area_send: int = 0  # rows of the area_send table
    area_send_points: int = 0  # areas for improvement and priority action in SEND reports
    area_send_files: int = 0

    def summary(self) -> str:
        where = f" -> {self.out}" if self.out else " (dry run, nothing written)"
        read = len(self.files) - len(self.skipped)
        cached = f", {self.from_cache} unchanged since the last read" if self.from_cache else ""
        skipped = f", {len(self.skipped)} skipped (below)" if self.skipped else ""
        placeholders = (
            f"; {self.placeholders} cell(s) held a placeholder ('-', 'N/A', "
            "'Not yet inspected', ...) and were read as no value"
            if self.placeholders
            else ""
        )
        findings = (
            f", {self.findings} points to improve from the reports"
            + (
                f" ({len(self.finding_problems)} report(s) whose list was not read, below)"
                if self.finding_problems
                else ""
            )
            if self.findings or self.finding_problems
            else ""
        )
        outcomes = (
            f", {self.outcomes} outcome values from {len(self.outcome_files)} outcome file(s)"
            if self.outcome_files
            else ""
        )
        if self.lait_measures:
            outcomes += (
                f" (LAIT: {self.lait_measures} measures"
                + (
                    f"; {self.lait_without_period} cell(s) under LAIT's period '0', all '-', "
                    "hold no value and no period and are not stored"
                    if self.lait_without_period
                    else ""
                )
                + (
                    f"; {len(self.lait_undescribed)} not in its data dictionary, so without "
                    f"label, unit or polarity: {', '.join(self.lait_undescribed)}"
                    if self.lait_undescribed
                    else ""
                )
                + ")"
            )
        passed_over = "".join(f"\n  table passed over: {line}" for line in self.passed_over)
        send = (
            f", {self.area_send} area SEND inspections and revisits from "
            f"{self.area_send_files} file(s) (with {self.area_send_points} areas for "
            "improvement or priority action)"
            if self.area_send_files
            else ""
        )
        return (
            f"read {read} file(s){cached}{skipped}: {self.events} inspections and visits, "
            f"{self.judgements} judgements, {self.conflicts} conflict(s) resolved"
            f"{findings}{outcomes}{send}{where} in {self.seconds:.2f} s{placeholders}{passed_over}"
        )


def tables(observations) -> dict:
    """Merge the observations into the ``judgements``, ``events`` and ``conflicts`` frames."""
    import pandas as pd

    from ..core.authorities import register
    from ..storage.conform import conform
    from ..storage.schema import columns
    from .merge import merge
    from .records import from_frame

    merged = merge(from_frame(observations), register())
    rows = {"judgements": merged.judgements, "events": merged.events, "conflicts": merged.conflicts}
    frames = {
        name: conform(name, pd.DataFrame(table, columns=list(columns(name))))
        for name, table in rows.items()
    }
    frames["judgements"] = (
        frames["judgements"]
        .sort_values(
            ["la_name", "published", "start_date", "inspection_id", "area"], na_position="last"
        )
        .reset_index(drop=True)
    )
    frames["events"] = (
        frames["events"]
        .sort_values(["la_name", "start_date", "published", "inspection_id"], na_position="last")
        .reset_index(drop=True)
    )
    frames["conflicts"] = (
        frames["conflicts"]
        .sort_values(["inspection_id", "field", "area", "other_source"], na_position="first")
        .reset_index(drop=True)
    )
    frames["observations"] = observations
    return frames


def split_outcome_files(
    paths,
) -> tuple[list[Path], OutcomeSources | None, dict[Path, Format]]:
    """The inspection sources under ``paths``, the DfE outcome files there
    (:class:`outcomes.OutcomeSources`, not yet read; None when there are none), and every
    file's format. Each file's format is asked of the registry once
    (:func:`ofsted_analysis.sources.formats.identify_all`); outcome files never go through
    the inspection readers or their cache."""
    from ..outcomes.table import OutcomeSources
    from ..sources import discover, source_key
    from ..sources.formats import identify_all
    from ..storage import cache

    files = discover(paths)
    hasher = cache.FileHashes()
    hashes = {f: hasher(f) for f in files}
    formats = identify_all(files, hashes)
    for companion in _lait_dictionaries(files, formats):  # read with the bulk file beside it
        files.append(companion)
        hashes[companion] = hasher(companion)
        formats.update(identify_all([companion], hashes))
    hasher.save()
    outcome = [f for f in files if formats[f].domain == "outcomes"]
    inspections = [f for f in files if formats[f].domain == "inspections"]
    if not outcome:
        return inspections, None, formats
    found = OutcomeSources(
        outcome,
        {f: formats[f].name for f in outcome},
        {f: source_key(f) for f in outcome},
        {f: hashes[f] for f in outcome},
    )
    return inspections, found, formats


def _lait_dictionaries(files: list[Path], formats: dict[Path, Format]) -> list[Path]:
    """The dictionary beside each LAIT bulk file given without it (a bulk file is refused
    without one: its measures' labels, units and polarity are there)."""
    from ..core.errors import FileError
    from ..sources.lait import DICTIONARY_NAME

    given = {f.resolve() for f in files if formats[f].name == "lait_dictionary"}
    out: list[Path] = []
    for f in files:
        if formats[f].name != "lait" or given:
            continue
        beside = f.parent / DICTIONARY_NAME
        if not beside.is_file():
            raise FileError(
                str(f),
                f"is LAIT's bulk data but its data dictionary is not beside it (expected "
                f"{beside}, as LAIT publishes the two together)",
            )
        if beside.resolve() not in given:
            given.add(beside.resolve())
            out.append(beside)
    return out


def manifest_of(frames: dict) -> dict:
    """The manifest written beside the tables; its ``data_date`` is :func:`data_date` of the
    events (loaded tables carry it)."""
    from ..core.checks import data_date

    outcome_files = (
        sorted(set(frames["outcome_measures"]["file"]) | set(frames["neighbour_models"]["file"]))
        if "outcome_measures" in frames
        else []
    )
    if "lait_measures" in frames:  # LAIT's bulk files and dictionaries
        lait = frames["lait_measures"]
        outcome_files = sorted({*outcome_files, *lait["file"], *lait["bulk_file"]} - {""})
    return {
        "outcome_files": outcome_files,
        "files": sorted(frames["observations"]["file"].unique().tolist()),
        "tables": {name: len(frame) for name, frame in frames.items()},
        "data_date": data_date(frames["events"]).date().isoformat(),
    }


def observations_of(found: SourcesRead):
    """The observations table of what was read, each record with its file's content hash."""
    from .records import to_frame

    return to_frame(found.inspections, found.hashes)


def build(
    raw=None, out=None, curated=None, dry_run: bool = False, progress: bool | None = None
) -> BuildResult:
    """Read every source found, normalise, merge and write the tidy tables.

    ``raw``: files or folders to read (default ``data/raw``); ``curated``: the curated
    folder (default ``data/curated``, always read); ``out``: where to write (default
    ``data/processed``). Nothing is written if any input is bad. Files read before come from
    the cache (:mod:`ofsted_analysis.storage.cache`), so a rebuild re-reads only what changed.

    Not run here (it reads every source and writes a set of tables):

    >>> import ofsted_analysis as oa
    >>> oa.build(raw=["../shared/data/raw"], out="/tmp/processed")  # doctest: +SKIP
    """
    from ..core.errors import OfstedAnalysisError

    started = time.perf_counter()
    raw_paths = [Path(p) for p in (raw or DEFAULT_RAW)]
    curated_dir = Path(curated) if curated else DEFAULT_CURATED
    paths = raw_paths + ([curated_dir] if curated_dir.exists() else [])
    inspection_files, outcome_found, formats = split_outcome_files(paths)
    found = read_sources(inspection_files, progress=progress, formats=formats)
    if not any(i.source_kind != "curated" for i in found.inspections):
        raise OfstedAnalysisError(
            f"no release, scrape or report found under {', '.join(map(str, raw_paths))}: "
            "nothing to build from (the stored tables were left as they were). Put Ofsted's "
            "release files or report PDFs in data/raw/ or give --raw DIR."
        )
    send_frames = _send_frames(formats)
    frames = tables(observations_of(found))
    frames["release_covers"] = covers_table(found)
    from ..findings.table import findings_table, problems_table

    frames["findings"] = findings_table(found.inspections, frames["events"], found.hashes)
    frames["finding_problems"] = problems_table(found.inspections)
    n_points = len(frames["findings"])
    if "send_findings" in send_frames:
        from ..send.findings import combined

        frames["findings"] = combined(frames["findings"], send_frames.pop("send_findings"))
    if outcome_found is not None:
        from ..outcomes.table import cached_outcome_tables

        frames.update(cached_outcome_tables(outcome_found))
    frames.update(send_frames)
    written = None if dry_run else write_tables(frames, manifest_of(frames), out)
    from .changes import describe_conflict

    return BuildResult(
        written,
        found.files,
        len(found.inspections),
        len(frames["judgements"]),
        len(frames["events"]),
        len(frames["conflicts"]),
        time.perf_counter() - started,
        [describe_conflict(r) for r in frames["conflicts"].itertuples()],
        skipped=[f"{e.path}: {e.problem}" for e in found.skipped],
        from_cache=found.from_cache,
        placeholders=found.placeholders,
        findings=n_points,
        finding_problems=[
            f"{r.file}: {r.problem}" for r in frames["finding_problems"].itertuples()
        ],
        outcome_files=outcome_found.files if outcome_found is not None else [],
        outcomes=len(frames.get("outcomes", ())),
        passed_over=found.passed_over,
        area_send=len(frames.get("area_send", ())),
        area_send_points=len(frames["findings"]) - n_points,
        area_send_files=len({*frames["area_send_records"]["file"]}) if send_frames else 0,
        **_lait_counts(frames),
    )


def _lait_counts(frames: dict) -> dict[str, Any]:
    """The build summary's LAIT figures, from the ``lait_measures`` table (a measure no
    dictionary describes has a bare row, read from no dictionary file)."""
    measures = frames.get("lait_measures")
    if measures is None or measures.empty:
        return {}
    bare = measures["in_bulk_file"] & (measures["file"] == "")
    return {
        "lait_measures": int(measures["in_bulk_file"].sum()),
        "lait_without_period": int(measures["cells_without_period"].sum()),
        "lait_undescribed": sorted(measures.loc[bare, "measure"]),
    }


def _read_optional(name: str, out):
    """A stored table that older stores may lack (``None`` then)."""
    from ..core.errors import FileError
    from ..storage.store import read_table

    try:
        return read_table(name, out)
    except FileError:
        return None


@dataclass
class UpdateResult:
    report: ChangeReport
    written: bool
    rejects_file: Path | None = None


def update(
    files,
    out=None,
    dry_run: bool = False,
    skip_bad_rows: bool = False,
    rejects: str | Path | None = None,
) -> UpdateResult:
    """Merge new files into the stored tables and report what changed.

    A file is known by its path relative to the project (:func:`sources.source_key`) and by
    its content hash: it replaces the stored records of the same file, or of a file with the
    same content, so updating twice with one file changes nothing, two reports that share a
    base name never replace each other, and files applied in any order give the same tables.
    Nothing is written on ``dry_run``, when nothing changed, or when any input is bad (unless
    ``skip_bad_rows``: then the good rows are stored and the refused ones written, with
    reasons, to ``rejects`` (default ``data/rejects/rejects.csv``)).

    Not run here (it reads the file and re-merges every stored record, seconds):

    >>> import ofsted_analysis as oa
    >>> print(oa.update(["data/raw/new_release.ods"], dry_run=True).report.text())  # doctest: +SKIP
    """
    import pandas as pd

    from ..core.errors import FileError
    from ..storage.conform import conform
    from ..storage.store import TABLES, read_table
    from .changes import compare, describe_cover_changes
    from .records import canonical

    paths = [Path(f) for f in files]
    for p in paths:
        if not p.is_file():
            raise FileError(str(p), "does not exist or is not a file")
    old = {name: read_table(name, out) for name in TABLES}
    # a store built before covers were kept has none: an empty table
    old["release_covers"] = read_table("release_covers", out, missing_ok=True)
    inspection_files, outcome_found, formats = split_outcome_files(paths)
    found = read_sources(inspection_files, skip_bad_rows=skip_bad_rows, formats=formats)
    send_files = [f for f in paths if formats[f].domain == "send"]
    kept = kept_rows(old["observations"], found.hashes)
    incoming = observations_of(found)
    incoming["record"] += int(kept["record"].max()) + 1 if len(kept) else 0
    parts = [f for f in (kept, incoming) if len(f)]
    observations = canonical(pd.concat(parts, ignore_index=True))
    new = tables(observations)
    covers = pd.concat([kept_rows(old["release_covers"], found.hashes), covers_table(found)])
    new["release_covers"] = conform("release_covers", covers.sort_values("file", ignore_index=True))
    from ..findings.table import updated

    stored_findings = _read_optional("findings", out)
    new["findings"], new["finding_problems"] = updated(
        _children_services(stored_findings),
        _read_optional("finding_problems", out),
        found,
        new["events"],
    )
    report = compare(old, new, found.files)
    report.cover_changes = describe_cover_changes(old["release_covers"], new["release_covers"])
    _update_outcomes(old, new, outcome_found, out, report)
    report.files = [*report.files, *map(str, send_files)]
    new.update(_updated_send(send_files, formats, out, report, stored_findings))
    if "send_findings" in new:
        from ..send.findings import combined

        new["findings"] = combined(new["findings"], new.pop("send_findings"))
    report.rejected = [str(e) for e in found.rejected.errors]
    report.skipped = [f"{e.path}: {e.problem}" for e in found.skipped]
    rejects_file = None
    if found.rejected.errors:
        rejects_file = found.rejected.write(Path(rejects) if rejects else DEFAULT_REJECTS)
    written = False
    if report.changed and not dry_run:
        write_tables(new, manifest_of(new), out)
        written = True
    return UpdateResult(report, written, rejects_file)


def _send_frames(formats: dict) -> dict:
    """The area SEND tables of the SEND files among ``formats`` (none when there are none)."""
    from ..send.table import built_send_tables

    return built_send_tables([f for f, fmt in formats.items() if fmt.domain == "send"], formats)


def _updated_send(files: list[Path], formats: dict, out, report, stored_findings) -> dict:
    """The area SEND tables after ``update`` (and their points, as ``send_findings``): the
    stored ones, with the records of ``files`` replacing those of the same file (path or
    content); their changes added to ``report``."""
    from ..send.changes import updated_send_tables

    return updated_send_tables(files, formats, out, report, stored_findings)


def _children_services(findings):
    """The stored findings of children's services reports (area SEND points are re-merged
    with the area SEND tables)."""
    if findings is None:
        return None
    from ..send.findings import SEND_KINDS

    return findings[~findings["kind"].isin(SEND_KINDS)]


def _update_outcomes(old: dict, new: dict, found, out, report) -> None:
    """Carry the stored outcome tables into ``new``, replacing the cells of the outcome files
    given to ``update`` (same key or same content), and add their changes to ``report``."""
    import pandas as pd

    from ..outcomes.table import (
        OUTCOME_TABLES,
        describe_changes,
        load_outcome_table,
        outcome_tables,
    )
    from ..storage.store import table_file

    stored = {name: load_outcome_table(name, out, missing_ok=True) for name in OUTCOME_TABLES}
    if found is None:
        if table_file("outcomes", out).exists():  # a store built without DfE files has none
            new.update(stored)
        return
    report.files = [*report.files, *found.files]
    found = found.read()
    parts = []
    for name, incoming in (
        ("outcome_measures", found.measures),
        ("neighbour_models", found.neighbours),
    ):
        kept = kept_rows(stored[name], found.hashes)
        parts.append(
            pd.concat([f for f in (kept, incoming) if len(f)], ignore_index=True)
            if len(kept)
            else incoming
        )
    from ..outcomes.lait import is_lait, updated_tables

    tables, lait = updated_tables(stored, outcome_tables(*parts), found.lait, found.dictionary)
    new.update(tables)
    report.outcome_changes = describe_changes(stored["outcomes"], new["outcomes"])
    report.lait_changes = lait.lines() if lait is not None else []
    report.lait_notes = lait.notes() if lait is not None else []
    old_c = stored["outcome_conflicts"]
    seen = set(zip(old_c.get("kept_source", []), old_c.get("other_source", []), strict=True))
    fresh = new["outcome_conflicts"]
    report.outcome_conflicts = [
        f"{r.la_name} {r.measure} {r.year}: kept {r.kept_status or r.kept_value} "
        f"({r.kept_source}), not {r.other_status or r.other_value} ({r.other_source}) — {r.rule}"
        for r in fresh[~is_lait(fresh["measure"])].itertuples()  # LAIT's: counted per measure
        if (r.kept_source, r.other_source) not in seen
    ]
