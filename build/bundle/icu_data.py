"""Qt's ICU data library without the data Qt never asks ICU for; used by ReviewReader.spec.

Qt calls ICU only for collation (ucol_*), calendars and time-zone names (ucal_*), text
converters (ucnv_*) and case mapping (u_strToUpper/Lower): `readelf --dyn-syms` on
libQt6Core lists exactly those, and nothing else in the bundle links ICU. The data that
only ICU's other services read (break iterators, currency, language, region and unit
names, number spell-out rules, transliterators) is dropped from libicudata's common
data package, and the library is linked again around what is left (binutils only).
"""

from __future__ import annotations

import re
import struct
import subprocess
import tempfile
from pathlib import Path

UNUSED_BY_QT = ("brkitr", "curr", "lang", "rbnf", "region", "translit", "unit")
"""Folders of ICU's data package that Qt's ICU calls never open."""

ALIGNMENT = 16
"""ICU aligns every item of its data package, and the package itself, to 16 bytes."""


def data_symbol(library: Path) -> tuple[str, int, int]:
    """The library's data symbol (``icudtNN_dat``), its file offset and its size."""
    symbols = subprocess.run(["readelf", "-W", "--dyn-syms", str(library)], capture_output=True, text=True,
                             check=True).stdout
    address, size, name = re.search(r"([0-9a-f]+)\s+(0x[0-9a-f]+|\d+)\s+OBJECT\s+GLOBAL\s+DEFAULT\s+\d+\s+"
                                    r"(icudt\d+_dat)$", symbols, re.MULTILINE).groups()
    sections = subprocess.run(["readelf", "-W", "-S", str(library)], capture_output=True, text=True,
                              check=True).stdout
    for section_address, offset, length in re.findall(r"PROGBITS\s+([0-9a-f]+) ([0-9a-f]+) ([0-9a-f]+)", sections):
        start = int(section_address, 16)
        if start <= int(address, 16) < start + int(length, 16):
            return name, int(address, 16) - start + int(offset, 16), int(size, 0)
    raise ValueError(f"{library}: {name} lies in no section")


def without_folders(package: bytes, folders: tuple[str, ...]) -> bytes:
    """ICU's common data package (offset table of contents) without the items in ``folders``."""
    header_size = struct.unpack_from("<H", package)[0]
    if package[12:16] != b"CmnD":
        raise ValueError("not an ICU common data package")
    toc = header_size
    count = struct.unpack_from("<I", package, toc)[0]
    entries = [struct.unpack_from("<II", package, toc + 4 + 8 * i) for i in range(count)]
    ends = [data for _name, data in entries[1:]] + [len(package) - toc]
    items = []
    for (name_at, data_at), end in zip(entries, ends):
        name = package[toc + name_at:package.index(b"\0", toc + name_at)]
        if name.split(b"/")[1].decode() not in folders:
            items.append((name, package[toc + data_at:toc + end]))
    names_at = 4 + 8 * len(items)
    names = b"".join(name + b"\0" for name, _data in items)
    data_at = names_at + len(names) + (-(header_size + names_at + len(names)) % ALIGNMENT)
    table, name_offset, data_offset = [struct.pack("<I", len(items))], names_at, data_at
    for name, data in items:
        table.append(struct.pack("<II", name_offset, data_offset))
        name_offset += len(name) + 1
        data_offset += len(data)
    body = b"".join(table) + names
    return package[:header_size] + body + b"\0" * (data_at - len(body)) + b"".join(data for _name, data in items)


def trimmed_library(library: Path, target: Path) -> Path:
    """Write ``library`` (libicudataNN) to ``target`` without the data Qt never uses; return ``target``."""
    symbol, offset, size = data_symbol(library)
    package = without_folders(library.read_bytes()[offset:offset + size], UNUSED_BY_QT)
    with tempfile.TemporaryDirectory(prefix="icu-data-") as folder:
        blob, obj = Path(folder) / "data", Path(folder) / "data.o"
        blob.write_bytes(package)
        # objcopy names the symbol after the input path; run in the folder so it is _binary_data_start.
        subprocess.run(["objcopy", "-I", "binary", "-O", "elf64-x86-64", "-B", "i386:x86-64",
                        "--rename-section", ".data=.rodata,alloc,load,readonly,data,contents",
                        "--set-section-alignment", f".rodata={ALIGNMENT}",
                        "--redefine-sym", f"_binary_data_start={symbol}",
                        "--strip-symbol", "_binary_data_end", "--strip-symbol", "_binary_data_size",
                        "data", "data.o"], cwd=folder, check=True)
        subprocess.run(["ld", "-shared", "-z", "noexecstack", "-soname", library.name, "-o", str(target), str(obj)],
                       check=True)
    return target
