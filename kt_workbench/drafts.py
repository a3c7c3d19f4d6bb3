"""Autosaved drafts: the editor's unsaved text, kept on disk until saved or discarded.

A draft belongs to one database: the same process id (or a new process) in another library is
another draft, so Restore never fills one library's editor with another library's text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from kt_workbench import locations
from kt_workbench.handover.files import write_atomically

NEW_PROCESS_PREFIX = "new-"


@dataclass(frozen=True)
class Draft:
    key: str
    text: str
    saved_at: dt.datetime

    @property
    def is_new_process(self) -> bool:
        return self.key.startswith(NEW_PROCESS_PREFIX)


class DraftStore:
    """One JSON file per draft, named by a digest of database and key so any key is a safe name.

    ``database`` identifies the library (its store URL); drafts of other databases are neither
    loaded nor listed.
    """

    def __init__(self, folder: Path | None = None, database: str = "") -> None:
        self.folder = folder or locations.data_dir() / "drafts"
        self.database = database

    def _path(self, key: str) -> Path:
        digest = hashlib.sha256(f"{self.database}\n{key}".encode()).hexdigest()[:32]
        return self.folder / (digest + ".json")

    def save(self, key: str, text: str) -> None:
        payload = {
            "database": self.database,
            "key": key,
            "text": text,
            "saved_at": dt.datetime.now(dt.UTC).isoformat(),
        }
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_atomically(self._path(key), json.dumps(payload, ensure_ascii=False))

    def load(self, key: str) -> Draft | None:
        path = self._path(key)
        try:
            draft = self._read(path)
        except FileNotFoundError:
            return None
        if draft is None:
            # A damaged draft is not worth an error: the stored process is intact.
            path.unlink(missing_ok=True)
            return None
        return draft if draft.key == key else None

    def _read(self, path: Path) -> Draft | None:
        """The draft in ``path`` if it is readable and belongs to this database."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("database", "") != self.database:
                return None
            return Draft(
                str(data["key"]), str(data["text"]), dt.datetime.fromisoformat(data["saved_at"])
            )
        except FileNotFoundError:
            raise
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def new_process_drafts(self) -> list[Draft]:
        """Drafts of processes never saved in this database, newest first."""
        drafts: list[Draft] = []
        try:
            paths = sorted(self.folder.glob("*.json"))
        except OSError:
            return []
        for path in paths:
            try:
                draft = self._read(path)
            except FileNotFoundError:
                continue
            if draft is not None and draft.is_new_process:
                drafts.append(draft)
        return sorted(drafts, key=lambda draft: draft.saved_at, reverse=True)

    def discard(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)
