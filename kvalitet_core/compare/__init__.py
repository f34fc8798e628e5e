"""Comparing visits: the engine (:mod:`.engine`), timelines of revisits (:mod:`.timeline`) and the
renderings of a comparison for the terminal, Markdown and HTML (:mod:`.render`)."""

from kvalitet_core.compare.engine import Comparison, compare_visits

__all__ = ["Comparison", "compare_visits"]
