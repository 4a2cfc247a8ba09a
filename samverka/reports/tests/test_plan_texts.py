"""A chapter text becomes paragraphs and bulleted lists."""

from samverka.reports.document import BulletList, Paragraph
from samverka.reports.texts import blocks


def test_blank_lines_separate_paragraphs():
    assert blocks("Ett.\n\nTvå.\n\n\nTre.") == [
        Paragraph("Ett."),
        Paragraph("Två."),
        Paragraph("Tre."),
    ]


def test_lines_beginning_with_a_bullet_or_a_dash_make_a_list_after_their_lead_in():
    text = "Förbundet ska verka inom:\n• Tillväxt\n– Verksamhetsstöd\n- Projekt\n\nSlut."
    assert blocks(text) == [
        Paragraph("Förbundet ska verka inom:"),
        BulletList(("Tillväxt", "Verksamhetsstöd", "Projekt")),
        Paragraph("Slut."),
    ]


def test_a_dash_inside_a_word_or_without_a_space_is_text():
    assert blocks("-6 254 000 kr\n2024-2026") == [Paragraph("-6 254 000 kr\n2024-2026")]


def test_a_style_is_given_to_every_paragraph_and_windows_line_ends_are_read():
    assert blocks("Citat ett.\r\n\r\nCitat två.", style="quote") == [
        Paragraph("Citat ett.", "quote"),
        Paragraph("Citat två.", "quote"),
    ]
