"""Properties of the text importer over generated bulletins: it never crashes, never loses text."""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_import_text import lost_lines

from bulletin_cli.errors import FileProblem
from bulletin_cli.importer import import_docx_bytes, import_text
from bulletin_cli.profile import Profile

PROFILE = Profile(
    name="苏州工会工作简报",
    editor="苏州市总工会办公室",
    sections=["工作动态", "基层交流", "一句话信息"],
    units=["市总办公室", "研究室"],
    briefs=["一句话信息"],
)

_CJK = "市总工会召开会议职工服务中心建设劳模慰问困难家庭活动开展苏州张家港常熟吴江"
SHORT = st.text(alphabet=_CJK + "“”《》0123456789", min_size=2, max_size=24)
SENTENCE = st.builds(
    lambda a, b: f"{a}，{b}。", st.text(alphabet=_CJK, min_size=4), st.text(alphabet=_CJK)
)
UNITS = st.sampled_from(
    ["市总办公室", "研究室", "吴江市总工会", "市总办公室、研究室", "市总办公室 张三"]
)
PAD = st.sampled_from(["", " ", "    ", "\u3000\u3000", "\t"])

LINE = st.one_of(
    st.sampled_from(
        [
            "",
            "",
            "",
            "   ",
            "【工作动态】",
            "一、基层交流",
            "■工作动态",
            "[一句话信息]",
            "【未知栏目】",
            "第3期（总第217期）",
            "苏州市总工会办公室编    2012年3月5日",
            "内部资料",
            "苏州工会工作简报",
            "报：省总工会，市委、市政府领导。",
            "送：市人大、",
            "（共印120份）",
            "————————",
            "编者按：本期刊发各地做法。",
        ]
    ),
    SHORT,
    SHORT.map(lambda s: "——" + s),
    SENTENCE,
    st.builds(lambda p, s: p + s, PAD, SENTENCE),
    st.builds(lambda s, p, u: f"{s}{p}（{u}）", SENTENCE, PAD, UNITS),
    st.builds(lambda p, u: f"{p}({u})", PAD, UNITS),
    UNITS.map(lambda u: f"来源：{u}"),
    st.builds(
        lambda m, s, u: f"{m}{s}（{u}）", st.sampled_from(["△", "▲", "● ", "1. "]), SENTENCE, UNITS
    ),
    st.text(max_size=30),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(LINE, min_size=1, max_size=40), profile=st.sampled_from([PROFILE, None]))
def test_never_crashes_and_never_loses_text(lines: list[str], profile: Profile | None) -> None:
    text = "\n".join(lines)
    try:
        result = import_text(text, profile=profile)
    except FileProblem as err:
        assert "没有找到任何稿件" in str(err) or "文件是空的" in str(err)
        return
    assert lost_lines(text.splitlines(), result.issue) == []
    report = result.report
    assert report.articles == len(result.issue.articles)
    assert all(1 <= guess.line <= len(text.splitlines()) for guess in report.guesses)


ALIGN = st.sampled_from([None, "center", "right", "both"])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(st.tuples(LINE, ALIGN), min_size=1, max_size=30))
def test_a_hand_made_docx_never_crashes_or_loses_text(lines: list[tuple[str, str | None]]) -> None:
    """The same lines typed into Word, each a Normal paragraph, aligned at random."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    aligns = {
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "both": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }
    doc = Document()
    texts: list[str] = []
    for text, align in lines:
        clean = "".join(ch for ch in text if ch.isprintable() or ch == "\t")
        paragraph = doc.add_paragraph(clean)
        if align is not None:
            paragraph.alignment = aligns[align]
        texts.append(clean)
    buffer = io.BytesIO()
    doc.save(buffer)
    try:
        result = import_docx_bytes(buffer.getvalue(), profile=PROFILE)
    except FileProblem as err:
        assert "没有找到任何稿件" in str(err)
        return
    assert lost_lines(texts, result.issue) == []
