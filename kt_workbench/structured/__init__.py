"""Structured editing: a section's items (steps, rows, scripts, cases, tree) as data.

The editor keeps one markdown text per section (``kt_workbench.editing``). A structured view
reads that text into the items the parser recognises, applies an item operation, and writes
the section back through the renderer, so the structured view and the source view edit the
same document through the same parser and nothing one can store is lost by the other.
"""
