"""What an executed notebook keeps, so that re-running it on unchanged data leaves the file
byte-identical: consecutive stream outputs of one name merged (the kernel splits a cell's
printing into messages as its output buffer happens to flush), execution counts numbered
from 1, no timing, widget or papermill metadata, and one fixed kernel description (not the
version of the Python that happened to run it).

>>> import nbformat
>>> cell = nbformat.v4.new_code_cell("print(1); print(2)")
>>> cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="1\\n"),
...                 nbformat.v4.new_output("stream", name="stdout", text="2\\n")]
>>> merge_streams(cell.outputs)[0]["text"]
'1\\n2\\n'
"""

from __future__ import annotations

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
LANGUAGE_INFO = {
    "codemirror_mode": {"name": "ipython", "version": 3},
    "file_extension": ".py",
    "mimetype": "text/x-python",
    "name": "python",
    "nbconvert_exporter": "python",
    "pygments_lexer": "ipython3",
}


def merge_streams(outputs: list) -> list:
    """``outputs`` with each run of stream outputs of the same name (stdout, stderr) joined
    into one, as JupyterLab shows them."""
    merged: list = []
    for out in outputs:
        prev = merged[-1] if merged else None
        if (
            out.get("output_type") == "stream"
            and prev is not None
            and prev.get("output_type") == "stream"
            and prev.get("name") == out.get("name")
        ):
            prev["text"] = _text(prev["text"]) + _text(out["text"])
        else:
            merged.append(out)
    return merged


def _text(text) -> str:
    return "".join(text) if isinstance(text, list) else text


def normalise(nb) -> None:
    """Make an executed notebook depend only on its inputs (in place)."""
    count = 0
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type != "code":
            continue
        cell.outputs = merge_streams(cell.get("outputs", []))
        if cell.get("execution_count") is not None:
            count += 1
            cell.execution_count = count
            for out in cell.outputs:
                if out.get("output_type") == "execute_result":
                    out["execution_count"] = count
    for key in ("widgets", "papermill"):
        nb.metadata.pop(key, None)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = dict(LANGUAGE_INFO)
