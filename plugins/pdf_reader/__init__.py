"""Reading PDF pages into text blocks: page objects (pypdfium2), then geometry.

``objects`` turns a page's text and path objects into positioned, styled pieces on the upright
page; ``layout`` groups pieces into lines and paragraphs and orders them. Two modules serve the
Word importer as well, which meets the same problems: ``glyphs`` (what symbol-font characters
mean) and ``report`` (blocks to a visit through the core's recogniser).
"""
