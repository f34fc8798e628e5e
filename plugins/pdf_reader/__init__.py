"""Reading PDF pages into text blocks: page objects (pdfium, through pypdfium2), then geometry.

``objects`` turns a page's text and path objects into positioned, styled pieces and shapes on
the upright page; ``layout`` groups pieces into lines and paragraphs inside the regions the
shapes draw, and orders them. What the blocks and regions mean is the core recogniser's business.
"""
