"""Decoding review bytes and refusing files that are not text."""

import codecs
import gzip

import pytest

from desktop.engine import ReviewError
from desktop.engine.text.decode import decode

TEXT = "It\u2019s a \u201cgreat\u201d film \u2013 caf\u00e9 scenes, na\u00efve hero."


def test_plain_utf8():
    assert decode(TEXT.encode("utf-8")) == (TEXT, "UTF-8")


def test_utf8_with_bom_drops_the_bom():
    assert decode(codecs.BOM_UTF8 + TEXT.encode("utf-8")) == (TEXT, "UTF-8 (BOM)")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(codec):
    raw = TEXT.encode(codec)
    if codec == "utf-16-be":
        raw = codecs.BOM_UTF16_BE + raw
    text, encoding = decode(raw)
    assert text == TEXT
    assert "BOM" in encoding


@pytest.mark.parametrize("codec", ["cp1252", "latin-1"])
def test_western_legacy_encodings_read_as_windows_1252(codec):
    raw = "Caf\u00e9 cr\u00e8me, tr\u00e8s bon. Je l'ai ador\u00e9 \u00e0 Paris.".encode(codec)
    text, encoding = decode(raw)
    assert text == raw.decode(codec)
    assert encoding == "Windows-1252"


def test_cp1252_curly_quotes_and_dashes():
    text, encoding = decode(TEXT.encode("cp1252"))
    assert (text, encoding) == (TEXT, "Windows-1252")


def test_cyrillic_legacy_encoding_is_detected():
    raw = ("Это очень хороший фильм, я его люблю. Актёры играют прекрасно, "
           "а музыка просто замечательная.").encode("cp1251")
    text, encoding = decode(raw)
    assert text == raw.decode("cp1251")
    assert "1251" in encoding


def test_utf8_with_a_few_invalid_bytes_keeps_the_rest():
    raw = "Caf\u00e9 \u2014 good ".encode() + b"\xff\xfe" + " na\u00efve".encode()
    text, encoding = decode(raw)
    assert text.startswith("Caf\u00e9 \u2014 good ") and text.endswith(" na\u00efve")
    assert "\ufffd" in text
    assert encoding == "UTF-8 (2 invalid bytes replaced)"


def test_stray_nul_bytes_are_dropped():
    assert decode(b"Good\x00 film.") == ("Good film.", "UTF-8")


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG image"),
        (gzip.compress(b"hello world", mtime=0), "gzip"),  # the same bytes every run (and in every test worker)
        (b"%PDF-1.7\n...", "PDF"),
        (b"\x00" * 4096, "zero bytes"),
        (bytes(range(256)) * 16, "binary"),
    ],
)
def test_binary_files_are_refused_with_a_plain_reason(raw, words):
    with pytest.raises(ReviewError, match=words):
        decode(raw)


def test_a_long_review_in_a_detected_legacy_encoding_is_decoded_whole():
    line = "Фильм очень хороший, актёры играют прекрасно, а музыка просто чудесная.\n"
    text = line * (300_000 // len(line))  # past the 256 KB the encoding is detected from
    decoded, encoding = decode(text.encode("cp1251"))
    assert encoding == "CP1251" and decoded == text
