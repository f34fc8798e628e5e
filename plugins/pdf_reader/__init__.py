"""Reading PDF pages into text blocks: page objects (pdfium, as pypdfium2 ships it), then geometry.

``pdfium`` binds the few pdfium functions the reader calls; ``objects`` turns a page's text and
path objects into positioned, styled pieces on the upright page, walking them with ``_walk`` (C,
optional: built where the package is installed with a C compiler) or in Python; ``layout``
groups pieces into lines and paragraphs and orders them. What the blocks mean is the core
recogniser's business.
"""
