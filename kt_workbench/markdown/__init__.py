"""The markdown format: reading and writing process documents (see docs/format.md)."""

from kt_workbench.markdown.parser import parse_document
from kt_workbench.markdown.renderer import render_document

__all__ = ["parse_document", "render_document"]
