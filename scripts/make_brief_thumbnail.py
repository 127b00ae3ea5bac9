"""Draw the README's thumbnail of a real briefing pack: ``python3 scripts/make_brief_thumbnail.py``.

Writes Leeds' pack (HTML and PDF) to a temporary folder with the command line's own code, and
the PDF's first two pages side by side as ``docs/images/brief_leeds.png`` (small: a thumbnail).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the checkout this script is in
OUT = ROOT / "docs" / "images" / "brief_leeds.png"
PAGES = 2
WIDTH = 360  # pixels per page in the thumbnail


def main() -> None:
    import pypdfium2
    from PIL import Image

    import ofsted_analysis as oa

    with tempfile.TemporaryDirectory() as folder:
        pdf = next(p for p in oa.brief("Leeds", out=folder, workers=1) if p.suffix == ".pdf")
        doc = pypdfium2.PdfDocument(pdf)
        pages = []
        for i in range(min(PAGES, len(doc))):
            page = doc[i]
            image = page.render(scale=WIDTH / page.get_width()).to_pil().convert("RGB")
            pages.append(image)
        doc.close()
    gap = 12
    sheet = Image.new(
        "RGB",
        (
            sum(p.width for p in pages) + gap * (len(pages) + 1),
            max(p.height for p in pages) + 2 * gap,
        ),
        "#BFBFBF",
    )
    x = gap
    for p in pages:
        sheet.paste(p, (x, gap))
        x += p.width + gap
    OUT.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(OUT, optimize=True)
    print(f"wrote {OUT.relative_to(ROOT)} ({sheet.width}x{sheet.height})")


if __name__ == "__main__":
    main()
