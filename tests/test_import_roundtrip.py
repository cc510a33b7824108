"""Property: an issue exported by ``bulletin export`` imports back to the same issue."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bulletin_cli.export import build_docx, with_profile_defaults
from bulletin_cli.importer import import_docx_bytes
from bulletin_cli.model import Article, Distribution, Issue
from bulletin_cli.profile import Profile
from bulletin_cli.textclean import clean_title, join_paragraphs, split_units, strip_spaces

CATALOGUE = ["工作动态", "“送温暖”活动", "一句话信息"]
BRIEFS = ["一句话信息"]
PROFILE = Profile(
    name="测试工作简报",
    editor="测试办公室",
    sections=CATALOGUE,
    briefs=BRIEFS,
    distribution=Distribution(report=["上级单位"], distribute=["各部门"], copies=30),
)
PROFILES = [
    PROFILE,
    replace(PROFILE, layout_table={"attribution_position": "end_of_paragraph"}),
]

_CJK = "市总工会召开会议职工服务中心建设劳模慰问困难家庭活动开展苏州张家港常熟吴江区镇街道学习"
_PUNCT = "，。、；：？！“”‘’《》（）()—…·-/%&<>\"'"
_LATIN = "abcXYZ0123456789"
TEXT = st.text(alphabet=_CJK + _PUNCT + _LATIN + " ", min_size=1, max_size=60).filter(
    lambda t: strip_spaces(t) == t
)
WORDS = st.text(alphabet=_CJK + _LATIN, min_size=1, max_size=12)
UNIT = st.text(alphabet=_CJK, min_size=2, max_size=8).filter(lambda u: split_units(u) == [u])
UNITS = st.lists(UNIT, min_size=1, max_size=3, unique=True)
EDITOR = st.text(alphabet=_CJK.replace("年", ""), min_size=2, max_size=12).filter(
    lambda e: not e.endswith("编") and not e.startswith(("编印", "主办", "编者"))
)
NAME = st.text(alphabet=_CJK + _PUNCT + _LATIN, min_size=1, max_size=30).filter(
    lambda n: not any(c in n for c in "，,；;") and not n.endswith(("。", "."))
)
SUBTITLE = TEXT.filter(lambda s: s[0] not in "—－-─―~～")
NOTE = TEXT.filter(lambda n: not n.startswith("编者按"))


@st.composite
def articles(draw: st.DrawFn, section: str) -> Article:
    if section in BRIEFS:
        return Article(
            section=section,
            title="",
            body=join_paragraphs([draw(TEXT)]),
            sources=draw(UNITS),
        )
    return Article(
        section=section,
        title=draw(TEXT),
        subtitle=draw(st.none() | SUBTITLE),
        body=join_paragraphs(draw(st.lists(TEXT, min_size=0, max_size=3))),
        sources=draw(st.lists(UNIT, max_size=3, unique=True)),
    )


@st.composite
def issues(draw: st.DrawFn) -> Issue:
    chosen: list[Article] = []
    for section in CATALOGUE:
        count = draw(st.integers(min_value=0, max_value=3))
        chosen += [draw(articles(section)) for _ in range(count)]
    if not chosen:
        chosen = [draw(articles(CATALOGUE[0]))]
    distribution = draw(
        st.none()
        | st.builds(
            Distribution,
            report=st.lists(NAME, max_size=3),
            send=st.lists(NAME, max_size=2),
            distribute=st.lists(NAME, max_size=3),
            copies=st.none() | st.integers(min_value=1, max_value=5000),
        ).filter(lambda d: not d.is_empty)
    )
    return Issue(
        number=draw(st.integers(min_value=1, max_value=99)),
        total=draw(st.none() | st.integers(min_value=1, max_value=9999)),
        date=draw(st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2035, 12, 31))),
        name=draw(st.none() | NAME),
        editor=draw(st.none() | EDITOR),
        mark=draw(st.none() | st.sampled_from(["内部资料", "秘密"])),
        note=draw(st.none() | NOTE),
        articles=chosen,
        distribution=distribution,
    )


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(issue=issues(), profile=st.sampled_from(PROFILES))
def test_import_of_export_is_the_issue(issue: Issue, profile: Profile) -> None:
    imported = import_docx_bytes(build_docx(issue, profile), profile=profile).issue
    assert imported == with_profile_defaults(issue, profile)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(issue=issues())
def test_export_of_import_of_export_is_the_same_document(issue: Issue) -> None:
    first = build_docx(issue, PROFILE)
    again = build_docx(import_docx_bytes(first, profile=PROFILE).issue, PROFILE)
    assert again == first


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        ("000XX \n····", "000XX ····"),
        ("Annual Report\n 2012", "Annual Report 2012"),
        ("市总工会\n召开会议", "市总工会召开会议"),
        ("吴中区\u3000\n总工会", "吴中区\u3000总工会"),
    ],
)
def test_a_title_broken_at_a_space_joins_with_that_space(lines: str, title: str) -> None:
    # the exporter breaks a long title at a space as well as between two characters
    assert clean_title(lines) == title
