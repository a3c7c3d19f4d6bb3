"""Word (.docx) and HTML documents to markdown the parser reads (see docs/importing.md).

Word goes to semantic HTML with mammoth (headings, real numbering as nested lists, tables),
HTML is tidied with Beautiful Soup (bold-only paragraphs as headings, hand-typed numbering as
lists, images and embedded objects as visible notes where they were) and written as
markdown with markdownify.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kt_workbench.lazy_exports import lazy_getattr

if TYPE_CHECKING:
    from kt_workbench.converting.html_document import Converted, convert_html
    from kt_workbench.converting.word_document import convert_docx

CONVERTED_SUFFIXES = frozenset({".docx", ".html", ".htm"})

# Imported on first use: an import of markdown files alone never loads mammoth or Beautiful
# Soup (a tenth of a second of start-up).
__getattr__ = lazy_getattr(
    __name__,
    globals(),
    {
        "Converted": "kt_workbench.converting.html_document",
        "convert_html": "kt_workbench.converting.html_document",
        "convert_docx": "kt_workbench.converting.word_document",
    },
)

__all__ = ["CONVERTED_SUFFIXES", "Converted", "convert_docx", "convert_html"]
