"""Any text a clerk can type exports to a well-formed DOCX that keeps the text."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree  # type: ignore[import-untyped]

from bulletin_cli.export import build_docx
from bulletin_cli.export.ooxml import esc
from bulletin_cli.model import Article, Distribution, Issue, split_paragraphs
from bulletin_cli.profile import Profile

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
text = st.text(
    st.characters(codec="utf-8") | st.sampled_from("“”—…、。（）《》镕"),
    max_size=40,
)


def _kept(value: str) -> str:
    """What survives into the XML: characters XML cannot hold are dropped."""
    return esc(value).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")


@settings(max_examples=60, deadline=None)
@given(
    name=text,
    section=text,
    title=text,
    body=text,
    sources=st.lists(text, max_size=3),
    report=st.lists(text, max_size=2),
)
def test_any_text_gives_a_well_formed_docx(
    name: str, section: str, title: str, body: str, sources: list[str], report: list[str]
) -> None:
    issue = Issue(
        number=1,
        date=dt.date(2012, 1, 20),
        name=name,
        articles=[Article(section=section, title=title, body=body, sources=sources)],
        distribution=Distribution(report=report, copies=3),
    )
    data = build_docx(issue, Profile(briefs=["简讯"]))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    printed = "".join(t.text or "" for t in root.iter(f"{W}t"))
    for paragraph in split_paragraphs(body):
        for line in paragraph.replace("\r", "\n").split("\n"):
            assert _kept(line).replace("\t", "") in printed.replace("\t", "")
    assert build_docx(issue, Profile(briefs=["简讯"])) == data
