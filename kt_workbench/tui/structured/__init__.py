"""Structured views of the editor's section tabs, one widget per kind of section."""
