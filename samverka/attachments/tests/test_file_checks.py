"""What a file must be to be taken, and the names it goes out with."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from samverka.attachments import files, testing


def check(name, content):
    return files.check(SimpleUploadedFile(name, content))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("a.pdf", testing.PDF),
        ("a.docx", testing.docx()),
        ("a.xlsx", testing.xlsx()),
        ("a.odt", testing.odf("text")),
        ("a.ods", testing.odf("spreadsheet")),
        ("a.png", testing.PNG),
        ("a.jpeg", testing.JPEG),
        ("A.JPG", testing.JPEG),
        ("a.txt", "Skövde\n".encode()),
    ],
)
def test_each_allowed_type_with_matching_content_is_taken(name, content):
    assert check(name, content).size == len(content)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("a.pdf", testing.EXE),
        ("a.docx", testing.xlsx()),  # a workbook renamed as a document
        ("a.xlsx", testing.docx()),
        ("a.odt", testing.odf("spreadsheet")),
        ("a.docx", b"PK\x03\x04 not really a zip"),
        ("a.png", testing.JPEG),
        ("a.txt", testing.EXE),
        ("a.txt", b"\xff\xfeS\x00k\x00"),  # UTF-16: NUL bytes, not plain text
    ],
)
def test_content_that_is_not_what_the_extension_says_is_refused(name, content):
    with pytest.raises(files.FileRefused, match="innehållet stämmer inte med filändelsen"):
        check(name, content)


def test_the_sha256_is_of_the_whole_file():
    import hashlib

    content = testing.PDF + b"x" * 200_000
    assert check("a.pdf", content).sha256 == hashlib.sha256(content).hexdigest()


def test_an_empty_file_is_refused_by_name():
    with pytest.raises(files.FileRefused, match="”tom.pdf” är tom."):
        check("tom.pdf", b"")


def test_the_limit_comes_from_the_settings(settings):
    settings.SAMVERKA_ATTACHMENT_MAX_BYTES = 2_500_000
    with pytest.raises(files.FileRefused) as refused:
        check("stor.pdf", testing.PDF + bytes(2_600_000))
    assert refused.value.message.startswith(
        "”stor.pdf” är 2,6\u00a0MB; högst 2,5\u00a0MB tas emot."
    )


def test_a_name_from_a_mac_is_composed_and_folders_are_dropped():
    decomposed = "Protokoll a\u030a.pdf"  # å as a + combining ring, as macOS sends it
    assert files.clean_name(decomposed) == "Protokoll å.pdf"
    assert files.clean_name("C:\\Users\\anna\\Ansökan.docx") == "Ansökan.docx"
    assert files.clean_name("../../etc/passwd\x00.txt") == "passwd.txt"
    assert files.clean_name("") == "fil"
    long = "a" * 300 + ".pdf"
    assert len(files.clean_name(long)) == 255 and files.clean_name(long).endswith(".pdf")


def test_the_download_name_keeps_swedish_letters_with_an_ascii_fallback():
    header = files.content_disposition('Beslut "VGR" å;ä.pdf', inline=False)
    assert header == (
        'attachment; filename="Beslut _VGR_ a_a.pdf"; '
        "filename*=UTF-8''Beslut%20%22VGR%22%20%C3%A5%3B%C3%A4.pdf"
    )


def test_sizes_read_the_swedish_way():
    assert files.human_size(812) == "812\u00a0byte"
    assert files.human_size(245_300) == "245\u00a0kB"
    assert files.human_size(1_234_567) == "1,2\u00a0MB"
    assert files.megabytes(20_000_000) == "20\u00a0MB"
