"""Writing packs: ``DIR/<slug>.html`` and ``DIR/<slug>.pdf`` per authority, one at a time in
this process or, for many (``--all``), on every core: the tables are loaded once and shared
with forked workers, each keeping one headless Chromium open for its PDFs.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from pathlib import Path

from ..core.authorities import Authority, register
from ..core.checks import check_as_at, resolve_authority
from ..core.errors import InputError, OfstedAnalysisError
from ..core.neighbours import resolve_model
from .pack import make_pack
from .pdf import Printer, chromium_path
from .render import render_html
from .tables import Tables

_STATE: dict = {}  # what a forked worker inherits: the tables, the options, its printer


def every_authority(tables: Tables) -> list[Authority]:
    """The authorities ``--all`` writes: every current one and every former one with a
    judgement in the tables (Cumbria, Northamptonshire, ...), in name order."""
    judged = set(tables.judgements["la_code"])
    found = [a for a in register().authorities if a.current or a.la_code in judged]
    return sorted(dict.fromkeys(found), key=lambda a: a.la_name)


def write_pack(
    tables: Tables, a: Authority, out: Path, as_at, model: int, printer: Printer
) -> tuple[Path, Path]:
    """Write one authority's HTML and PDF into ``out``; return their paths."""
    pack = make_pack(tables, a.la_code, as_at, model)
    html = out / f"{pack.slug}.html"
    html.write_text(render_html(pack), encoding="utf-8")
    pdf = printer.pdf(html, out / f"{pack.slug}.pdf")
    return html, pdf


def _worker_start() -> None:
    from multiprocessing.util import Finalize

    printer = Printer().__enter__()
    _STATE["printer"] = printer
    Finalize(printer, printer.__exit__, exitpriority=10)  # closed when the worker ends


def _worker_write(code: str) -> tuple[Path, Path] | str:
    """One pack in a worker: its paths, or the package's refusal as text (never a bug)."""
    a = register().by_gss(code)
    assert a is not None
    s = _STATE
    try:
        return write_pack(s["tables"], a, s["out"], s["as_at"], s["model"], s["printer"])
    except OfstedAnalysisError as e:
        return str(e)


def brief(
    authorities: str | Sequence[str] | None = None,
    out: str | Path = "briefs",
    as_at: object = None,
    neighbours: object = "latest",
    everyone: bool = False,
    data: str | Path | None = None,
    workers: int | None = None,
    progress: bool = False,
    tables: Tables | None = None,
) -> list[Path]:
    """Write a briefing pack (``<slug>.html`` and ``<slug>.pdf``) for each authority named,
    or for every authority with ``everyone=True``, into ``out``; return the paths written.

    ``as_at``: the date the pack describes (default: the data date; checked against the data);
    ``neighbours``: DfE's statistical-neighbour model (``"latest"`` or a year held);
    ``data``: the stored tables' folder; ``workers``: processes for many packs (default: one
    per core); ``progress``: a progress bar on the screen.

    >>> import ofsted_analysis as oa
    >>> paths = oa.brief("Leeds", out="briefs")  # doctest: +SKIP

    Raises :class:`InputError` for an unknown authority (naming the closest), a date outside
    the data or a model not held, before anything is written.
    """
    names = [authorities] if isinstance(authorities, str) else list(authorities or [])
    if not names and not everyone:
        raise InputError("authorities", names, "at least one authority name, or --all")
    chosen = [resolve_authority(n) for n in names]
    tables = tables or Tables.load(data)
    when = None if as_at is None else check_as_at(as_at, tables.judgements, "--as-at")
    model = resolve_model(neighbours, data, tables.neighbour_models)
    chromium_path()  # no browser: say so before any work
    if everyone:
        chosen += every_authority(tables)
    chosen = list(dict.fromkeys(chosen))
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    workers = min(workers or os.cpu_count() or 1, len(chosen))
    bar = _bar(len(chosen), progress)
    written: list[Path] = []
    try:
        if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
            with Printer() as printer:
                for a in chosen:
                    written += write_pack(tables, a, folder, when, model, printer)
                    bar.update()
            return written
        return _in_pool(tables, chosen, folder, when, model, workers, bar)
    finally:
        bar.close()


def _in_pool(tables, chosen, folder, when, model, workers, bar) -> list[Path]:
    from concurrent.futures import ProcessPoolExecutor, as_completed

    _STATE.update(tables=tables, out=folder, as_at=when, model=model)
    context = multiprocessing.get_context("fork")
    try:
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_start) as pool:
            futures = {pool.submit(_worker_write, a.la_code): a for a in chosen}
            done: dict[str, tuple[Path, Path] | str] = {}
            for future in as_completed(futures):
                done[futures[future].la_code] = future.result()
                bar.update()
    finally:
        _STATE.clear()
    refused = {a.la_name: r for a in chosen if isinstance(r := done[a.la_code], str)}
    if refused:  # the others are written; none is dropped without a word
        raise OfstedAnalysisError(
            f"{len(chosen) - len(refused)} pack(s) written to {folder}; not written: "
            + "; ".join(f"{name} ({why})" for name, why in refused.items())
        )
    written: list[Path] = []
    for a in chosen:
        paths = done[a.la_code]
        if not isinstance(paths, str):
            written += paths
    return written


def _bar(total: int, shown: bool):
    from tqdm import tqdm

    return tqdm(total=total, unit="pack", disable=not shown or total < 2, desc="brief")


__all__ = ["brief", "every_authority", "write_pack"]
