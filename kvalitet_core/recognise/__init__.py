"""The structure recogniser: from positioned, styled text blocks to a visit.

Importers (PDF, Word, plain text) only produce :class:`TextBlock` streams; the knowledge of the
report's anatomy lives here, in one place.
"""
