"""Word (.docx) and HTML documents to markdown the parser reads (see docs/importing.md).

Word goes to semantic HTML with mammoth (headings, real numbering as nested lists, tables),
HTML is tidied with Beautiful Soup (bold-only paragraphs as headings, hand-typed numbering as
lists, images and embedded objects as visible notes where they were) and written as
markdown with markdownify.
"""

from kt_workbench.converting.html_document import Converted, convert_html
from kt_workbench.converting.word_document import convert_docx

CONVERTED_SUFFIXES = frozenset({".docx", ".html", ".htm"})

__all__ = ["CONVERTED_SUFFIXES", "Converted", "convert_docx", "convert_html"]
