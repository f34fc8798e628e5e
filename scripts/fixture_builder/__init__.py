"""Fixture builders: the report as format-neutral pages, and producers that render it.

An importer tested only against one builder's layout learns that layout; these modules render
the same reference visits through independent code paths so it cannot. Importable after
``sys.path.insert(0, "scripts")``.

- :mod:`.pages`: the report as pages of regions and paragraphs (every word of the visit);
- :mod:`.pdf_text`, :mod:`.word`: line breaking, the reportlab painter and the Word helpers of
  ``build_fixtures.py``'s fixed layout;
- :mod:`.fuzz`: the layout fuzzer — :func:`~.fuzz.random_template` draws a template from a seed,
  :func:`~.fuzz.render_pdf` renders a visit in it;
- :mod:`.html`, :mod:`.word_wild`, :mod:`.slides`, :mod:`.dumps`: Chromium, Word/LibreOffice,
  PowerPoint/LibreOffice and text-dump producers for ``build_wild_fixtures.py``;
- :mod:`.criterion`: what passing means, for ``score_wild.py`` and ``tests/wild_checks.py``.
"""
