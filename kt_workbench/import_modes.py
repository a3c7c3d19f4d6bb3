"""How an import reads files: strictly in the ktw format, adopting other tools' files, or
deciding per file. Its own module so the command line can offer the choices without loading
the importer."""

from __future__ import annotations

from typing import Literal

Mode = Literal["auto", "strict", "adopt"]
MODES: tuple[str, ...] = ("auto", "strict", "adopt")
