"""Bytes to text: BOMs, UTF-8, detected legacy encodings, and refusing binary files."""

from __future__ import annotations

import codecs

from desktop.engine.errors import ReviewError

# File signatures of formats that are sometimes renamed to .txt.
_SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF87a": "a GIF image",
    b"GIF89a": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"%PDF-": "a PDF document",
    b"BZh": "a bzip2 archive",
    b"\xfd7zXZ\x00": "an xz archive",
    b"7z\xbc\xaf\x27\x1c": "a 7-Zip archive",
    b"\x7fELF": "a program (ELF executable)",
    b"MZ": "a Windows program",
    b"SQLite format 3\x00": "an SQLite database",
    b"RIFF": "a media file (RIFF)",
    b"ID3": "an MP3 audio file",
    b"OggS": "an Ogg media file",
}

_BOMS = (  # the BOM, the codec of what follows it, the codec of a stream that starts with it, the name
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32", "UTF-32 (BOM)"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32", "UTF-32 (BOM)"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig", "UTF-8 (BOM)"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16", "UTF-16 LE (BOM)"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16", "UTF-16 BE (BOM)"),
)

# Bytes that never appear in text: C0 controls other than tab, LF, FF, CR, ESC.
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
_SAMPLE = 64 * 1024


def decode(raw: bytes) -> tuple[str, str]:
    """Decode review bytes; return ``(text, encoding name)`` or raise ReviewError."""
    for bom, codec, _stream, label in _BOMS:
        if raw.startswith(bom):
            text = raw[len(bom):].decode(codec, errors="replace")
            return text.replace("\x00", ""), label
    _refuse_binary(raw)
    raw = raw.replace(b"\x00", b"")
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(raw):
        bad = len(raw) - len(raw.decode("utf-8", errors="ignore").encode("utf-8"))
        return raw.decode("utf-8", errors="replace"), f"UTF-8 ({bad} invalid byte{'s' * (bad != 1)} replaced)"
    codec = _legacy_codec(raw)
    text = raw.decode(codec, errors="replace")
    if codec != "cp1252":
        return text, codec.replace("_", "-").upper()
    bad = text.count("\ufffd")
    return text, "Windows-1252" + (f" ({bad} undefined byte{'s' * (bad != 1)} replaced)" if bad else "")


def stream_codec(sample: bytes) -> str:
    """The codec that reads a whole file of which ``sample`` is a part (its start, or a block cut from it)
    as :func:`decode` reads ``sample`` (a BOM included, so a stream drops it); ReviewError for binary data."""
    for bom, _codec, stream, _label in _BOMS:
        if sample.startswith(bom):
            return stream
    sample = _whole_characters(sample)
    _refuse_binary(sample)
    sample = sample.replace(b"\x00", b"")
    return "utf-8" if sample.isascii() or _mostly_utf8(sample) else _legacy_codec(sample)


def codec_name(codec: str, start: bytes) -> str:
    """A reader's name for the codec :func:`stream_codec` chose for a file that starts with ``start``, the
    name :func:`decode` gives what it reads."""
    for bom, _codec, _stream, label in _BOMS:
        if start.startswith(bom):
            return label
    return {"utf-8": "UTF-8", "cp1252": "Windows-1252"}.get(codec, codec.replace("_", "-").upper())


def _whole_characters(sample: bytes) -> bytes:
    """``sample`` without a UTF-8 character cut off at its end."""
    for back in range(1, min(4, len(sample)) + 1):
        byte = sample[-back]
        if byte < 0x80:
            return sample
        if byte >= 0xC0:  # the first byte of a character of 2, 3 or 4 bytes
            size = 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
            return sample if back >= size else sample[:-back]
    return sample


def _refuse_binary(raw: bytes) -> None:
    for signature, kind in _SIGNATURES.items():
        if raw.startswith(signature):
            raise ReviewError(f"This file is {kind}, not a text review.")
    sample = raw[:_SAMPLE]
    if not sample:
        return
    nul = sample.count(0)
    if nul == len(sample):
        raise ReviewError("This file holds only zero bytes, not text.")
    if nul / len(sample) > 0.3:
        raise ReviewError("This file looks like binary data (it is full of zero bytes), not a text review.")
    control = len(sample) - len(sample.translate(None, _CONTROL))
    if (control - nul) / len(sample) > 0.05:
        raise ReviewError("This file looks like binary data, not a text review.")


def _mostly_utf8(raw: bytes) -> bool:
    """True when the bytes are UTF-8 text with a few broken bytes inside."""
    decoded = raw.decode("utf-8", errors="replace")
    bad = decoded.count("\ufffd") - raw.decode("utf-8", errors="ignore").count("\ufffd")
    multibyte = sum(1 for ch in decoded if ord(ch) > 0x7F and ch != "\ufffd")
    return multibyte > 0 and bad <= max(2, multibyte // 4)


def _legacy_codec(raw: bytes) -> str:
    """Western text (few high bytes) reads as Windows-1252; other scripts are detected (on the first
    256 KB), and the whole file is read with the codec found."""
    letters = raw.translate(None, b" \t\r\n0123456789.,;:!?'\"()-")
    high = sum(1 for byte in letters if byte > 0x7F)
    if letters and high / len(letters) > 0.3:
        from charset_normalizer import from_bytes

        best = from_bytes(raw[: 256 * 1024]).best()
        if best is not None and best.encoding not in _WESTERN:
            return best.encoding
    return "cp1252"


_WESTERN = {"ascii", "latin_1", "iso8859_15", "cp1252", "cp1250"}
