"""``ktw check`` takes its reports from the read model and its cache when the settings allow,
and prints byte for byte what checking the stored library from scratch prints."""

from __future__ import annotations

import dataclasses
import os
import shutil
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner

from benchmarks.generator import generate_library
from kt_workbench.checker import CheckerConfig, LibraryContext, check_library, check_process
from kt_workbench.checker.files import locate_library
from kt_workbench.checker.formats import formatter
from kt_workbench.checker.results import CheckResult
from kt_workbench.cli import main
from kt_workbench.importing import load_files
from kt_workbench.model import ProcessDocument
from kt_workbench.store import ProcessStore
from tests.conftest import SAMPLES


@cache
def samples() -> tuple[ProcessDocument, ...]:
    return tuple(item.document for item in load_files([SAMPLES]))


@cache
def generated() -> tuple[ProcessDocument, ...]:
    documents = generate_library(200, seed=3, tail_words=3_000)
    # Near-duplicates, so library-wide findings are compared too.
    twins = [dataclasses.replace(doc, id=f"{doc.id}-copy") for doc in documents[:3]]
    return (*documents, *twins)


def from_scratch(documents: Sequence[ProcessDocument], ids: Sequence[str], form: str) -> str:
    """What ``ktw check`` prints when every report is computed there and then."""
    config = CheckerConfig()
    documents = sorted(documents, key=lambda doc: doc.id)
    if ids:
        by_id = {doc.id: doc for doc in documents}
        context = LibraryContext.build(documents)
        reports = tuple(check_process(by_id[pid], context, config) for pid in dict.fromkeys(ids))
        findings = ()
    else:
        library = check_library(documents, config)
        reports, findings = library.processes, library.findings
    reports, located, suppressed = locate_library(reports, documents, config)
    return formatter(form)(CheckResult(reports, located, findings, {}, suppressed, 0)) + "\n"


def check(db: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--db", str(db), "check", *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout


@pytest.mark.parametrize("library", [samples, generated], ids=["samples", "generated-200"])
def test_cached_reports_print_what_a_check_from_scratch_prints(
    db_path: Path, library: object
) -> None:
    documents = library()  # type: ignore[operator]
    assert library is samples or check_library(documents).findings
    with ProcessStore.open(db_path) as store:
        store.save_many(documents)
    ids = sorted(doc.id for doc in documents)
    some = (ids[len(ids) // 2], ids[0], ids[-1], ids[0])
    folder = Path(os.environ["KTW_CACHE_DIR"])
    for form in ("json", "text"):
        whole = from_scratch(documents, (), form)
        chosen = from_scratch(documents, some, form)
        shutil.rmtree(folder, ignore_errors=True)
        assert check(db_path, "--format", form, *some)[1] == chosen  # nothing cached yet
        status, printed = check(db_path, "--format", form)  # checked, then cached
        assert printed == whole
        assert any(folder.glob("library-*.pickle"))
        assert check(db_path, "--format", form) == (status, whole)  # from the cache
        assert check(db_path, "--format", form, *some)[1] == chosen  # from the cache
        for damaged in folder.glob("library-*.pickle"):
            damaged.write_bytes(b"\x80\x05garbage")
        assert check(db_path, "--format", form, *some)[1] == chosen
        assert check(db_path, "--format", form) == (status, whole)


def test_another_checker_configuration_is_never_served_from_the_cache(
    db_path: Path, tmp_path: Path
) -> None:
    with ProcessStore.open(db_path) as store:
        store.save_many(samples())
    ids = sorted(doc.id for doc in samples())
    default = check(db_path, "--format", "json", ids[0])  # caches default-settings reports
    check(db_path, "--format", "json")
    strict = tmp_path / "strict.toml"
    strict.write_text("[readiness]\nready_min_score = 99\nnot_ready_below = 98\n", encoding="utf-8")
    judged = check(db_path, "--config", str(strict), "--format", "json", ids[0])
    assert judged != default
    assert check(db_path, "--format", "json", ids[0]) == default
