"""kvalitet's terminal UI: browse, read, search and compare the visits of a library.

A Textual app built only on the core's public services (the library index and its search, the
compare engine, analytics and the quality models). The core never imports this package; a test
enforces that, so the command line and pipelines never pay for Textual.
"""
