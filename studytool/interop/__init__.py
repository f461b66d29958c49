"""Interop with Anki, CSV/TSV and Markdown (export and import)."""
