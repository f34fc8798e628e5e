"""The visit library: a folder tree of visit files, indexed in SQLite so it opens and searches fast.

:mod:`~kvalitet_core.library.index` keeps the index in step with the folder,
:mod:`~kvalitet_core.library.search` answers full-text queries over it and
:mod:`~kvalitet_core.library.locations` decides where the index lives.
"""
