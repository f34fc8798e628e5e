"""The pdfium functions the PDF importer calls, bound straight from the library pypdfium2 ships.

pypdfium2 (Apache-2.0/BSD) brings the pdfium binary and ctypes declarations of all of its
functions, several hundred; importing them costs about 25 ms, 50 ms with pypdfium2's helpers,
which was most of a batch worker's warm-up. The importer needs the few below; the compiled page
walk (``_walk.c``) calls some of them through the addresses bound here, so that one pdfium is
loaded, once, whichever walk runs.
Handles and out-parameters are declared as plain addresses (``c_void_p``): ctypes converts a
typed pointer, passed or returned, about twice as slowly as an integer, and the Python page walk
makes some ten calls per text object.

The binary is looked for beside the ``pypdfium2_raw`` package without importing it. A
pypdfium2 built against another pdfium (a system library) keeps its binary elsewhere; the same
declarations are then made on the library its own bindings load.
"""

from __future__ import annotations

import ctypes
import sys
from ctypes import c_char_p, c_float, c_int, c_size_t, c_uint, c_ulong, c_void_p
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from types import SimpleNamespace

PAGEOBJ_TEXT, PAGEOBJ_PATH, PAGEOBJ_IMAGE, PAGEOBJ_FORM = 1, 2, 3, 5
TEXTRENDERMODE_FILL_STROKE = 2
ERR_PASSWORD, ERR_SECURITY = 4, 5

_SIGNATURES: dict[str, tuple[type | None, tuple[type, ...]]] = {
    "FPDF_InitLibraryWithConfig": (None, (c_void_p,)),
    "FPDF_LoadMemDocument64": (c_void_p, (c_char_p, c_size_t, c_char_p)),
    "FPDF_GetLastError": (c_ulong, ()),
    "FPDF_GetPageCount": (c_int, (c_void_p,)),
    "FPDF_CloseDocument": (None, (c_void_p,)),
    "FPDF_LoadPage": (c_void_p, (c_void_p, c_int)),
    "FPDF_ClosePage": (None, (c_void_p,)),
    "FPDFPage_GetRotation": (c_int, (c_void_p,)),
    "FPDFPage_GetCropBox": (c_int, (c_void_p, c_void_p, c_void_p, c_void_p, c_void_p)),
    "FPDFPage_GetMediaBox": (c_int, (c_void_p, c_void_p, c_void_p, c_void_p, c_void_p)),
    "FPDF_GetPageWidthF": (c_float, (c_void_p,)),
    "FPDF_GetPageHeightF": (c_float, (c_void_p,)),
    "FPDFText_LoadPage": (c_void_p, (c_void_p,)),
    "FPDFText_ClosePage": (None, (c_void_p,)),
    "FPDFPage_CountObjects": (c_int, (c_void_p,)),
    "FPDFPage_GetObject": (c_void_p, (c_void_p, c_int)),
    "FPDFFormObj_CountObjects": (c_int, (c_void_p,)),
    "FPDFFormObj_GetObject": (c_void_p, (c_void_p, c_ulong)),
    "FPDFPageObj_GetType": (c_int, (c_void_p,)),
    "FPDFPageObj_GetBounds": (c_int, (c_void_p, c_void_p, c_void_p, c_void_p, c_void_p)),
    "FPDFPageObj_GetMatrix": (c_int, (c_void_p, c_void_p)),
    "FPDFPageObj_GetFillColor": (c_int, (c_void_p, c_void_p, c_void_p, c_void_p, c_void_p)),
    "FPDFPath_GetDrawMode": (c_int, (c_void_p, c_void_p, c_void_p)),
    "FPDFTextObj_GetText": (c_ulong, (c_void_p, c_void_p, c_void_p, c_ulong)),
    "FPDFText_CountChars": (c_int, (c_void_p,)),
    "FPDFText_GetUnicode": (c_uint, (c_void_p, c_int)),
    "FPDFText_GetTextObject": (c_void_p, (c_void_p, c_int)),
    "FPDFText_GetCharOrigin": (c_int, (c_void_p, c_int, c_void_p, c_void_p)),
    "FPDFTextObj_GetFont": (c_void_p, (c_void_p,)),
    "FPDFTextObj_GetFontSize": (c_int, (c_void_p, c_void_p)),
    "FPDFTextObj_GetTextRenderMode": (c_int, (c_void_p,)),
    "FPDFFont_GetBaseFontName": (c_size_t, (c_void_p, c_void_p, c_size_t)),
    "FPDFFont_GetWeight": (c_int, (c_void_p,)),
    "FPDFFont_GetFlags": (c_int, (c_void_p,)),
}


class Matrix(ctypes.Structure):
    """pdfium's ``FS_MATRIX``: a, b, c, d, e, f of the PDF transformation matrix."""

    _fields_ = [(name, c_float) for name in "abcdef"]


class _LibraryConfig(ctypes.Structure):
    """``FPDF_LIBRARY_CONFIG``, version 2 (no font paths, no JavaScript isolate)."""

    _fields_ = [("version", c_int), ("user_font_paths", c_void_p), ("isolate", c_void_p),
                ("v8_embedder_slot", c_uint)]


def _bundled_library() -> Path | None:
    """pdfium's binary inside the ``pypdfium2_raw`` package, found without importing it."""
    spec = find_spec("pypdfium2_raw")
    if spec is None or not spec.submodule_search_locations:
        return None
    name = {"win32": "pdfium.dll", "darwin": "libpdfium.dylib"}.get(sys.platform, "libpdfium.so")
    for folder in spec.submodule_search_locations:
        if (Path(folder) / name).is_file():
            return Path(folder) / name
    return None


@cache
def pdfium() -> SimpleNamespace:
    """The functions, as attributes named like pdfium's; the library is initialised once."""
    path = _bundled_library()
    if path is not None:
        library = ctypes.CDLL(str(path))
        initialise = True
    else:  # pypdfium2 loads (and initialises) its library itself
        import pypdfium2  # noqa: F401 - initialises pdfium
        from pypdfium2_raw.bindings import _libs

        library, initialise = _libs["pdfium"], False
    functions = SimpleNamespace()
    for name, (result, arguments) in _SIGNATURES.items():
        function = library[name]  # a new function object: pypdfium2's own declarations stay as they are
        function.restype, function.argtypes = result, arguments
        setattr(functions, name, function)
    if initialise:  # pdfium ignores a second initialisation, should pypdfium2 be imported too
        config = _LibraryConfig(version=2)  # named, so that it lives until pdfium has read it
        functions.FPDF_InitLibraryWithConfig(ctypes.addressof(config))
    return functions
