"""Team-mode queries: revisions, sign-offs and handover packs, each within a caller's unit.

Functions take an open session (or connection) and return plain records; the store decides
the transaction. Errors a person can cause (an unknown version, a second sign-off by the same
person) are ``KtwError``s with one line that says what to do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from kt_workbench.errors import KtwError, NotFoundError
from kt_workbench.markdown import render_document
from kt_workbench.store.reads import load_documents
from kt_workbench.store.records import PackRecord, RevisionInfo, SignOff
from kt_workbench.store.tables import PROCESS_TABLE as PROCESS
from kt_workbench.store.team_tables import PACK_PROCESS_TABLE as PACK_PROCESS
from kt_workbench.store.team_tables import PACK_TABLE as PACK
from kt_workbench.store.team_tables import REVISION_TABLE as REVISION
from kt_workbench.store.team_tables import SIGN_OFF_TABLE as SIGN_OFF
from kt_workbench.store.writes import chunks, utc

Unit = Session | Connection


def revisions(unit: Unit, process_id: str) -> list[RevisionInfo]:
    statement = (
        select(REVISION.c.version, REVISION.c.saved_at, REVISION.c.author)
        .where(REVISION.c.process_id == process_id)
        .order_by(REVISION.c.version)
    )
    return [
        RevisionInfo(process_id, row.version, utc(row.saved_at), row.author)
        for row in unit.execute(statement)
    ]


def revision_markdown(unit: Unit, process_id: str, version: int) -> str:
    statement = select(REVISION.c.markdown).where(
        REVISION.c.process_id == process_id, REVISION.c.version == version
    )
    markdown = unit.execute(statement).scalar()
    if markdown is None:
        raise NotFoundError(_no_version(unit, process_id, version))
    return str(markdown)


def _no_version(unit: Unit, process_id: str, version: int) -> str:
    newest = _newest_revision(unit, process_id)
    if newest == 0:
        return NotFoundError.for_process(process_id).message
    return f"process '{process_id}' has no version {version} (its versions are 1 to {newest})"


def _newest_revision(unit: Unit, process_id: str) -> int:
    statement = select(func.max(REVISION.c.version)).where(REVISION.c.process_id == process_id)
    return int(unit.execute(statement).scalar() or 0)


def _live_version(unit: Unit, process_id: str) -> int | None:
    statement = select(PROCESS.c.version).where(PROCESS.c.id == process_id)
    version = unit.execute(statement).scalar()
    return None if version is None else int(version)


def sign_off(
    unit: Unit, process_id: str, version: int, signed_by: str, note: str, now: dt.datetime
) -> SignOff:
    live = _live_version(unit, process_id)
    if live is None:
        if _newest_revision(unit, process_id):
            raise NotFoundError(f"process '{process_id}' was deleted; there is nothing to sign off")
        raise NotFoundError.for_process(process_id)
    revision_markdown(unit, process_id, version)  # raises when there is no such version
    earlier = unit.execute(
        select(SIGN_OFF.c.signed_at).where(
            SIGN_OFF.c.process_id == process_id,
            SIGN_OFF.c.version == version,
            SIGN_OFF.c.signed_by == signed_by,
        )
    ).scalar()
    if earlier is not None:
        raise KtwError(
            f"{signed_by} already signed off version {version} of '{process_id}' "
            f"on {utc(earlier):%Y-%m-%d %H:%M} UTC"
        )
    values = {
        "process_id": process_id,
        "version": version,
        "signed_by": signed_by,
        "signed_at": now,
        "note": note,
    }
    unit.execute(insert(SIGN_OFF), [values])
    return SignOff(process_id, version, signed_by, now, note, latest_version=live)


def sign_offs(unit: Unit, process_id: str) -> list[SignOff]:
    latest = _live_version(unit, process_id) or _newest_revision(unit, process_id)
    statement = (
        select(SIGN_OFF)
        .where(SIGN_OFF.c.process_id == process_id)
        .order_by(SIGN_OFF.c.version, SIGN_OFF.c.signed_at, SIGN_OFF.c.signed_by)
    )
    return [
        SignOff(process_id, row.version, row.signed_by, utc(row.signed_at), row.note, latest)
        for row in unit.execute(statement)
    ]


def record_pack(
    unit: Unit, recipient: str, versions: Mapping[str, int], author: str, now: dt.datetime
) -> PackRecord:
    _check_versions_exist(unit, versions)
    last = unit.execute(
        select(func.max(PACK.c.number)).where(PACK.c.recipient == recipient)
    ).scalar()
    number = int(last or 0) + 1
    pack = {"recipient": recipient, "number": number, "created_at": now, "author": author}
    unit.execute(insert(PACK), [pack])
    rows = [
        {"recipient": recipient, "number": number, "process_id": pid, "version": version}
        for pid, version in sorted(versions.items())
    ]
    if rows:
        unit.execute(insert(PACK_PROCESS), rows)
    return PackRecord(recipient, number, now, author, dict(sorted(versions.items())))


def _check_versions_exist(unit: Unit, versions: Mapping[str, int]) -> None:
    found: set[tuple[str, int]] = set()
    for chunk in chunks(sorted(versions)):
        statement = select(REVISION.c.process_id, REVISION.c.version).where(
            REVISION.c.process_id.in_(chunk)
        )
        found.update((pid, version) for pid, version in unit.execute(statement))
    for process_id, version in sorted(versions.items()):
        if (process_id, version) not in found:
            raise NotFoundError(_no_version(unit, process_id, version))


def last_pack(unit: Unit, recipient: str) -> PackRecord | None:
    statement = (
        select(PACK).where(PACK.c.recipient == recipient).order_by(PACK.c.number.desc()).limit(1)
    )
    pack = unit.execute(statement).first()
    if pack is None:
        return None
    held = unit.execute(
        select(PACK_PROCESS.c.process_id, PACK_PROCESS.c.version).where(
            PACK_PROCESS.c.recipient == recipient, PACK_PROCESS.c.number == pack.number
        )
    )
    versions = dict(sorted((pid, version) for pid, version in held))
    return PackRecord(recipient, pack.number, utc(pack.created_at), pack.author, versions)


def recipients(unit: Unit) -> list[str]:
    return sorted(unit.execute(select(PACK.c.recipient).distinct()).scalars())


def current_versions(unit: Unit) -> dict[str, int]:
    return {pid: version for pid, version in unit.execute(select(PROCESS.c.id, PROCESS.c.version))}


def record_missing_revisions(connection: Connection) -> int:
    """Give every process whose current version has no revision one, with no author.

    Processes saved before history was kept have none; this runs after each schema upgrade,
    inside its transaction, so history starts complete at the version each process is at.
    """
    recorded = select(REVISION.c.process_id, REVISION.c.version)
    have = {(pid, version) for pid, version in connection.execute(recorded)}
    rows = connection.execute(select(PROCESS.c.id, PROCESS.c.version, PROCESS.c.updated_at))
    missing = {pid: (version, saved_at) for pid, version, saved_at in rows
               if (pid, version) not in have}  # fmt: skip
    if not missing:
        return 0
    values: list[dict[str, Any]] = []
    for document, version in load_documents(connection, None):
        if document.id in missing:
            saved_at = utc(missing[document.id][1])
            markdown = render_document(document, diagram=False)
            values.append(
                {"process_id": document.id, "version": version, "saved_at": saved_at,
                 "author": "", "markdown": markdown}
            )  # fmt: skip
    connection.execute(insert(REVISION), values)
    return len(values)
