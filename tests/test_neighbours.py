"""One neighbours module (issue 21): both DfE statistical-neighbour models, one default, and
every table, chart and sentence naming the model. Expected neighbours are read here from DfE's
own files: the April 2021 groupings (reference/New_Statistical_Neighbour_Groupings_April_2021.csv)
and the 2025 model (outcomes/dfe/sn_model_2025_wide.csv)."""

from __future__ import annotations

import csv
import json

import matplotlib.pyplot as plt
import pytest
from shared_files import DFE, SHARED

import ofsted_analysis as oa
from ofsted_analysis.core.errors import InputError
from ofsted_analysis.core.neighbours import (
    describe_neighbours,
    held_models,
    model_label,
    resolve_model,
    statistical_neighbours,
)
from ofsted_analysis.judgements.compare import compare_neighbours
from ofsted_analysis.judgements.tables import benchmark, neighbour_table
from ofsted_analysis.plots import style as st

DFE_2021 = SHARED / "reference" / "New_Statistical_Neighbour_Groupings_April_2021.csv"
DFE_2025 = DFE / "sn_model_2025_wide.csv"


def dfe_2021() -> dict[str, list[tuple[str, str]]]:
    """LA number -> [(neighbour number, closeness)] from DfE's 2021 file: its columns are
    LA num, LA Name, LA number, GOInd, GOReg, then SN1, SNP, ..., SN10, SNP (SNP: closeness);
    an "Old SNs:" block at the end holds authorities abolished since."""
    with open(DFE_2021, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    out = {}
    for r in rows[1:]:
        if r and r[0].strip().isdigit():
            out[r[0].strip()] = [(r[5 + 2 * k].strip(), r[6 + 2 * k].strip()) for k in range(10)]
    return out


def dfe_2025() -> dict[str, list[tuple[str, str]]]:
    with open(DFE_2025, encoding="utf-8-sig", newline="") as fh:
        return {
            r["old_la_code"]: [(r[f"SN_{k}"], r[f"SN_{k}P"].strip()) for k in range(1, 11)]
            for r in csv.DictReader(fh)
        }


FILES = {2021: dfe_2021(), 2025: dfe_2025()}


@pytest.mark.parametrize("model", [2021, 2025])
def test_every_authoritys_neighbours_are_dfes_in_each_model(model):
    """For every authority in DfE's file: the ten neighbours in DfE's order, with DfE's
    closeness band (lower-cased: DfE writes "Not Close" and "Somewhat close")."""
    for number, want in FILES[model].items():
        got = statistical_neighbours(number, model)
        assert got["la_number"].tolist() == [n for n, _ in want], number
        assert got["closeness"].tolist() == [c.lower() for _, c in want], number
        assert got["neighbour_rank"].tolist() == list(range(1, 11))
        assert set(got["model"]) == {model} and got.attrs["model"] == model
    assert len(FILES[model]) >= 150


def test_leeds_keeps_two_of_ten_neighbours_from_2021_to_2025():
    """The issue's figure, from DfE's files: Leeds (383) shares 2 of its 10 neighbours."""
    shared = {n for n, _ in FILES[2021]["383"]} & {n for n, _ in FILES[2025]["383"]}
    assert len(shared) == 2
    a = set(statistical_neighbours("Leeds", 2021)["la_number"])
    b = set(statistical_neighbours("Leeds", "2025")["la_number"])
    assert a & b == shared


def test_one_default_the_newest_model_held():
    """The shipped store holds the 2025 model; "latest" (the default everywhere) means it."""
    assert held_models() == [2021, 2025]
    assert resolve_model() == resolve_model("latest") == resolve_model(" LATEST ") == 2025
    assert resolve_model(2021) == resolve_model("2021") == 2021
    want = [n for n, _ in FILES[2025]["383"]]
    assert statistical_neighbours("Leeds")["la_number"].tolist() == want


def test_without_a_stored_model_latest_is_2021(tmp_path):
    """A store built without DfE's model file: the 2021 groupings (shipped) are the newest."""
    (tmp_path / "manifest.json").write_text(json.dumps({}))
    assert held_models(tmp_path) == [2021]
    assert resolve_model("latest", tmp_path) == 2021
    with pytest.raises(InputError, match=r"held: 2021\b"):
        resolve_model(2025, tmp_path)


@pytest.mark.parametrize("bad", ["2019", "newest", 2030, ""])
def test_an_unknown_model_is_refused_naming_those_held(bad):
    with pytest.raises(InputError, match=r"model .* expected latest .* 2021, 2025"):
        resolve_model(bad)


def test_an_authority_created_after_a_model_takes_its_predecessors_row():
    """Cumberland (April 2023) is not in the 2021 groupings: it takes Cumbria's (909) row, and
    says so; Cumbria, abolished before 2025, is not in the 2025 model and the error says which
    model has it."""
    got = statistical_neighbours("Cumberland", 2021)
    assert got["la_number"].tolist() == [n for n, _ in FILES[2021]["909"]]
    assert set(got["neighbours_of"]) == {"Cumbria"}
    assert "those of Cumbria" in describe_neighbours(got, "Cumberland")
    assert statistical_neighbours("Cumberland", 2025)["la_number"].tolist() == [
        n for n, _ in FILES[2025]["942"]
    ]
    with pytest.raises(InputError, match=r"Cumbria.*model 2021 has it"):
        statistical_neighbours("Cumbria", 2025)


def test_a_group_all_not_close_is_said_so():
    """Isles of Scilly (420) and City of London (201): DfE's 2025 file rates all ten of their
    neighbours "Not close"; Leeds' are not."""
    for number, name in (("420", "Isles of Scilly"), ("201", "City of London")):
        assert {c.lower() for _, c in FILES[2025][number]} == {"not close"}
        text = describe_neighbours(statistical_neighbours(number), name)
        assert '"not close"' in text and model_label(2025) in text
    assert any(c.lower() != "not close" for _, c in FILES[2025]["383"])
    assert "not close" not in describe_neighbours(statistical_neighbours("Leeds"), "Leeds")


# --- judgement comparisons name and use the model ---------------------------------------------


@pytest.fixture(scope="module")
def shipped_judgements():
    return oa.load()


@pytest.mark.parametrize("model", [2021, 2025])
def test_compare_neighbours_uses_and_names_the_model(shipped_judgements, model):
    out = compare_neighbours(shipped_judgements, "Leeds", "2024-03-31", model=model)
    assert out["la_number"].tolist()[1:] == [n for n, _ in FILES[model]["383"]]
    assert set(out["model"]) == {model} and out.attrs["model"] == model
    assert out.iloc[0]["la_name"] == "Leeds" and out.iloc[0]["role"] == "authority"
    table = neighbour_table(shipped_judgements, "Leeds", "2024-03-31", model=model)
    assert f"closeness (DfE {model} model)" in table.columns
    bench = benchmark(shipped_judgements, "Leeds", "2024-03-31", model=model)
    assert f"DfE {model} model" in bench["group"].iloc[1]


def test_plot_neighbours_names_the_model(shipped_judgements):
    from ofsted_analysis.plots.trajectory import plot_neighbours

    for model in (2021, 2025):
        # plot_neighbours returns the authority's own panel; its figure holds the others
        fig = plot_neighbours(shipped_judgements, "Leeds", model=model).figure
        texts = " ".join(" ".join(t.get_text().split()) for t in fig.texts)
        assert model_label(model) in texts
        panels = [ax for ax in fig.axes if ax.get_visible()]
        names = [ax.get_title(loc="left") or ax.get_title() for ax in panels]
        assert len(names) == 11
        plt.close(fig)
    fig = plot_neighbours(shipped_judgements, "Isles of Scilly").figure
    assert '"not close"' in " ".join(" ".join(t.get_text().split()) for t in fig.texts)
    assert st.alt_text(fig)
    plt.close(fig)


def test_latest_for_an_abolished_authority_is_the_newest_model_that_has_it(shipped_judgements):
    """Northamptonshire (928, abolished March 2021) is only in the 2021 file's "Old SNs" block:
    "latest" gives that row, named 2021, where a model asked for by name refuses."""
    got = statistical_neighbours("Northamptonshire")
    assert got.attrs["model"] == 2021 and set(got["model"]) == {2021}
    assert got["la_number"].tolist() == [n for n, _ in FILES[2021]["928"]]
    with pytest.raises(InputError, match=r"Northamptonshire.*model 2021 has it"):
        statistical_neighbours("Northamptonshire", 2025)
    table = neighbour_table(shipped_judgements, "Northamptonshire", "2019-03-31")
    assert "closeness (DfE 2021 model)" in table.columns


def _model_cut(text: str) -> tuple[str, str]:
    """The 2025 model cut inside its 77th line (an interrupted download)."""
    lines = text.splitlines(keepends=True)
    return "".join(lines[:76]) + lines[76][:40], "row 77"


def _model_blank(text: str) -> tuple[str, str]:
    """The 2025 model with the first authority's SN_3 cell blanked (row 2)."""
    import io

    rows = list(csv.reader(text.splitlines()))
    rows[1][rows[0].index("SN_3")] = ""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue(), "row 2, column 'SN_3'"


@pytest.mark.parametrize("damage", [_model_cut, _model_blank], ids=["cut", "blank"])
def test_a_damaged_model_is_refused_not_read_in_part(tmp_path, damage):
    """Every authority of DfE's model has ten neighbours (the real file: 153 rows, no blank
    SN cell); a copy cut short or with a blank neighbour is refused where it is damaged,
    never read with those neighbours missing."""
    from ofsted_analysis.core.errors import OfstedAnalysisError
    from ofsted_analysis.sources.dfe import read_neighbour_model

    real = DFE / "sn_model_2025_wide.csv"
    rows = list(csv.DictReader(open(real, encoding="utf-8-sig")))
    assert len(rows) == 153 and all(r[f"SN_{i}"].strip() for r in rows for i in range(1, 11))
    text, where = damage(real.read_text(encoding="utf-8-sig"))
    path = tmp_path / "sn_model_2025_wide.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(OfstedAnalysisError, match=where):
        read_neighbour_model(path)
