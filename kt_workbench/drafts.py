"""Autosaved drafts: the editor's unsaved text, kept on disk until saved or discarded."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from kt_workbench import locations
from kt_workbench.handover.files import write_atomically


@dataclass(frozen=True)
class Draft:
    key: str
    text: str
    saved_at: dt.datetime


class DraftStore:
    """One JSON file per draft, named by a digest of its key so any key is a safe name."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or locations.data_dir() / "drafts"

    def _path(self, key: str) -> Path:
        return self.folder / (hashlib.sha256(key.encode()).hexdigest()[:32] + ".json")

    def save(self, key: str, text: str) -> None:
        payload = {"key": key, "text": text, "saved_at": dt.datetime.now(dt.UTC).isoformat()}
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_atomically(self._path(key), json.dumps(payload, ensure_ascii=False))

    def load(self, key: str) -> Draft | None:
        path = self._path(key)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return Draft(data["key"], data["text"], dt.datetime.fromisoformat(data["saved_at"]))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            # A damaged draft is not worth an error: the stored process is intact.
            path.unlink(missing_ok=True)
            return None

    def discard(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)
