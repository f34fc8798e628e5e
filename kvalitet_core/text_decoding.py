"""Decoding a text dump's bytes: byte-order marks honoured, and a guess said out loud.

Windows Notepad's "Unicode" is UTF-16 with a byte-order mark; other tools write UTF-8 with or
without one, or UTF-32. A BOM settles the encoding. Without one, UTF-8 is tried; text that is
not UTF-8 is UTF-16 when every other byte is NUL (a BOM-less UTF-16 export of Danish text), else
Windows-1252 (what older Danish Windows tools write). A guess is returned with the encoding,
so that the importer can record which one it assumed.
"""

from __future__ import annotations

import codecs

_BOMS = (  # UTF-32 first: its little-endian mark begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)


def decode_text(data: bytes) -> tuple[str, str | None]:
    """The text, and ``None`` when the encoding was certain (a BOM, or valid UTF-8) or else a
    one-line note of the encoding that was assumed."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            text = data[len(bom):].decode(codec, errors="replace")
            return text, None if "\ufffd" not in text else f"{name} byte-order mark, but some bytes are not {name}: replaced"
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    sample = data[:4096]
    if len(sample) >= 4:
        even, odd = sample[0::2], sample[1::2]
        if odd.count(0) > len(odd) * 0.4 and even.count(0) < len(even) * 0.1:
            return data.decode("utf-16-le", errors="replace"), "no byte-order mark and not UTF-8: read as UTF-16 (little-endian)"
        if even.count(0) > len(even) * 0.4 and odd.count(0) < len(odd) * 0.1:
            return data.decode("utf-16-be", errors="replace"), "no byte-order mark and not UTF-8: read as UTF-16 (big-endian)"
    return data.decode("cp1252", errors="replace"), "not UTF-8: read as Windows-1252"
