"""The generated document as PDF: the standalone HTML page printed by WeasyPrint on A4.

The page carries its print stylesheet (cover, contents with page numbers, running title,
"Sida 3 av 24", "UTKAST" on every page of a draft); this module adds only the fonts, which are
embedded in the file: DejaVu Sans from the system's font folder, by file URL, so the PDF looks
the same on every server and needs no font installed where it is read.

The PDF is tagged and declares PDF/UA-1 (`pdf_variant="pdf/ua-1"`): a screen reader gets the
headings, lists and tables (with their header cells) of the HTML, the title from <title> and the
language from <html lang>. See ARCHITECTURE.md for why this variant.
"""

from pathlib import Path

from samverka.reports import html
from samverka.reports.document import Document

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
# (file, weight, style): fonts-dejavu-core has the upright faces; the obliques come with
# fonts-dejavu-extra and are used when present (WeasyPrint slants the upright face otherwise).
FONT_FACES = (
    ("DejaVuSans.ttf", "normal", "normal"),
    ("DejaVuSans-Bold.ttf", "bold", "normal"),
    ("DejaVuSans-Oblique.ttf", "normal", "italic"),
    ("DejaVuSans-BoldOblique.ttf", "bold", "italic"),
)
PDF_VARIANT = "pdf/ua-1"


def font_css(font_dir: Path = FONT_DIR) -> str:
    rules = []
    for name, weight, style in FONT_FACES:
        path = font_dir / name
        if path.is_file():
            rules.append(
                '@font-face { font-family: "DejaVu Sans"; '
                f'src: url("{path.as_uri()}"); font-weight: {weight}; font-style: {style}; }}'
            )
    return "\n".join(rules)


def render(document: Document) -> bytes:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    page = HTML(string=html.render(document).decode("utf-8"))
    return page.write_pdf(
        stylesheets=[CSS(string=font_css(), font_config=fonts)],
        font_config=fonts,
        pdf_variant=PDF_VARIANT,
    )
