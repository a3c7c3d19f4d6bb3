"""Titles other tools keep outside the page's own title: Docusaurus and Hugo menus."""

from __future__ import annotations

import json
from pathlib import Path

from kt_workbench.importing import load_files


def _one(folder: Path) -> tuple[str, str]:
    (loaded,) = load_files([folder])
    assert loaded.report is not None
    return loaded.document.title, loaded.report.title_from


def test_a_docusaurus_sidebar_label_titles_a_page_without_a_title(tmp_path: Path) -> None:
    (tmp_path / "refund_flow.md").write_text(
        "---\nsidebar_label: 'Refunds: the flow'\nsidebar_position: 2\n---\n\nSome text.\n",
        encoding="utf-8",
    )
    assert _one(tmp_path) == ("Refunds: the flow", "front matter 'sidebar_label'")


def test_a_hugo_link_title_titles_a_page_without_a_title(tmp_path: Path) -> None:
    (tmp_path / "oncall.md").write_text(
        "---\nlinkTitle: On call\nweight: 10\n---\n\nText.\n", encoding="utf-8"
    )
    assert _one(tmp_path) == ("On call", "front matter 'linkTitle'")


def test_a_title_in_the_file_still_wins(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "---\ntitle: Real title\nsidebar_label: Short\n---\n\nText.\n", encoding="utf-8"
    )
    assert _one(tmp_path) == ("Real title", "front matter")
    (tmp_path / "a.md").write_text(
        "---\nlinkTitle: Short\n---\n\n# Heading title\n\nText.\n", encoding="utf-8"
    )
    assert _one(tmp_path) == ("Heading title", "heading")


def test_a_label_that_is_not_text_is_not_used(tmp_path: Path) -> None:
    (tmp_path / "billing_faq.md").write_text(
        "---\nsidebar_label: [a, b]\nlinkTitle: 12\n---\n\nText.\n", encoding="utf-8"
    )
    assert _one(tmp_path) == ("Billing faq", "file name")


def test_an_index_page_takes_its_folders_category_label(tmp_path: Path) -> None:
    folder = tmp_path / "billing"
    folder.mkdir()
    (folder / "_category_.json").write_text(json.dumps({"label": "Billing desk"}), "utf-8")
    (folder / "index.md").write_text("Text without a title.\n", encoding="utf-8")
    assert _one(tmp_path) == ("Billing desk", "folder's _category_.json")


def test_a_broken_category_file_falls_back_to_the_folder_name(tmp_path: Path) -> None:
    folder = tmp_path / "billing_desk"
    folder.mkdir()
    (folder / "_category_.json").write_text("{not json", "utf-8")
    (folder / "README.md").write_text("Text.\n", encoding="utf-8")
    assert _one(tmp_path) == ("Billing desk", "file name")
