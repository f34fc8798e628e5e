"""Fixture builders: the report as format-neutral pages, and a layout fuzzer over them.

``build_fixtures.py`` renders the reference visits in the one fixed layout; :mod:`.fuzz` draws
randomised templates (:func:`random_template`) and renders a visit in one of them
(:func:`render_pdf`), so an importer is tested against layouts it has not learned. Importable
after ``sys.path.insert(0, "scripts")``.
"""
