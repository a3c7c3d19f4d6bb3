"""One engine per database per process, shared by every store open on it.

Engines are reference counted so that closing the last store on a database releases its
pooled connections (and lets SQLite checkpoint its WAL) while stores that remain keep going.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from sqlalchemy import create_engine
from sqlalchemy.engine import URL, Engine

from kt_workbench.store.dialects import DialectSupport


@dataclass
class _Shared:
    engine: Engine
    users: int


class EngineRegistry:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._engines: dict[str, _Shared] = {}

    def acquire(self, url: URL, support: DialectSupport) -> Engine:
        key = url.render_as_string(hide_password=False)
        with self._lock:
            shared = self._engines.get(key)
            if shared is None:
                engine = create_engine(url, **support.engine_options(url))
                support.configure_engine(engine)
                shared = self._engines[key] = _Shared(engine, 0)
            shared.users += 1
            return shared.engine

    def release(self, engine: Engine) -> None:
        with self._lock:
            for key, shared in self._engines.items():
                if shared.engine is engine:
                    shared.users -= 1
                    if shared.users == 0:
                        del self._engines[key]
                        engine.dispose()
                    return

    def open_count(self) -> int:
        with self._lock:
            return len(self._engines)


ENGINES = EngineRegistry()
