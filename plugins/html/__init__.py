"""HTML exporter (to be written)."""
