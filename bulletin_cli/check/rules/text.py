"""Title, body and text rules: T001–T007."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from ...model import Article
from ...records import record
from ...textclean import SPACES, clean_section, strip_spaces
from ..core import ArticleRule, CheckContext, FixValue, Hit, IssueRule

FULL_WIDTH = {
    ",": "，",
    ".": "。",
    ":": "：",
    ";": "；",
    "?": "？",
    "!": "！",
    "(": "（",
    ")": "）",
}
_HALF_WIDTH = ",.:;?!()"
_BEFORE_MARKS = frozenset("”’）》」』")
_AFTER_MARKS = frozenset("“‘（《「『”’")
_PAREN_RE = re.compile(r"\(([^()\n]{0,80})\)")
_PUNCT_RE = re.compile(r"[,.:;?!]")
_LONE_PAREN_RE = re.compile(r"[()]")


def _is_han(char: str) -> bool:
    """A CJK ideograph (U+3400–4DBF, U+4E00–9FFF, U+F900–FAFF). Tested by comparison, not
    with a regex class: ``re`` takes milliseconds to compile a class of 28 000 characters."""
    return (
        "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf" or "\uf900" <= char <= "\ufaff"
    )


def _ends_line(text: str, start: int) -> bool:
    """Whether only spaces and tabs stand between ``start`` and the end of its line. Looks
    only as far as the spaces go: a long line with many spots stays linear."""
    end = start
    length = len(text)
    while end < length and text[end] in " \t":
        end += 1
    return end == length or text[end] == "\n"


_TITLE_ENDINGS = "。，；：,;:."
"""What a title must not end with (T003); a half-width ``.`` only after a Chinese character."""
_HALF_WIDTH_ENDINGS = frozenset(",;:.")
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@functools.cache
def _bad_character_re() -> re.Pattern[str]:
    """What textclean.bad_characters reports, as one regex; compiled when a text may hold one
    (``re`` takes about 1.5 ms to compile the class of surrogates: a 65,536-entry table)."""
    return re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _may_hold_bad_characters(text: str) -> bool:
    """False for text without a control character, surrogate or non-character, found at C
    speed: a control character by a small regex, a surrogate by UTF-8 refusing it."""
    if _CONTROL_RE.search(text):
        return True
    if text.isascii():
        return False
    if "\ufffe" in text or "\uffff" in text:
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


@record(frozen=True, slots=True)
class HalfWidth:
    """Half-width punctuation in Chinese text: the offsets of the characters to replace."""

    offsets: tuple[int, ...]

    @property
    def start(self) -> int:
        return self.offsets[0]

    @property
    def end(self) -> int:
        return self.offsets[-1] + 1


def halfwidth_punctuation(text: str) -> list[HalfWidth]:
    """Every , . : ; ? ! ( ) written half-width between Chinese characters (a pair of
    parentheses counts once), in text order."""
    found: list[HalfWidth] = []
    if not any(char in text for char in _HALF_WIDTH):
        return found
    taken: set[int] = set()
    for match in _PAREN_RE.finditer(text):
        start = match.start()
        if (start and _is_han(text[start - 1])) or any(map(_is_han, match.group(1))):
            found.append(HalfWidth((start, match.end() - 1)))
            taken.update((start, match.end() - 1))
    last = len(text) - 1
    for match in _LONE_PAREN_RE.finditer(text):
        at = match.start()
        if 0 < at < last and at not in taken and _is_han(text[at - 1]) and _is_han(text[at + 1]):
            found.append(HalfWidth((at,)))
    for match in _PUNCT_RE.finditer(text):
        at = match.start()
        before = text[at - 1] if at else ""
        if not (before and (_is_han(before) or before in _BEFORE_MARKS)):
            continue
        after = text[at + 1] if at < last else ""
        if (after and (_is_han(after) or after in _AFTER_MARKS)) or _ends_line(text, at + 1):
            found.append(HalfWidth((at,)))
    return sorted(found, key=lambda item: item.start)


def to_full_width(text: str, found: list[HalfWidth] | None = None) -> str:
    """``text`` with its half-width punctuation between Chinese characters made full-width."""
    chars = list(text)
    for item in halfwidth_punctuation(text) if found is None else found:
        for offset in item.offsets:
            chars[offset] = FULL_WIDTH[chars[offset]]
    return "".join(chars)


def _excerpt(text: str, item: HalfWidth, fixed: bool) -> str:
    start, end = max(0, item.start - 6), min(len(text), item.end + 6)
    snippet = text[start:end]
    if fixed:
        chars = list(snippet)
        for offset in item.offsets:
            chars[offset - start] = FULL_WIDTH[chars[offset - start]]
        snippet = "".join(chars)
    lead = "…" if start > 0 else ""
    tail = "…" if end < len(text) else ""
    return lead + " ".join(snippet.split("\n")).strip() + tail


def _is_brief(ctx: CheckContext, article: Article) -> bool:
    briefs = ctx.profile.briefs
    return article.section in briefs or clean_section(article.section) in briefs


_FIELD_NAMES = {"title": "标题", "subtitle": "副标题", "body": "正文", "section": "栏目"}


def empty_title(ctx: CheckContext, index: int, article: Article) -> Iterator[Hit]:
    if not strip_spaces(article.title) and not _is_brief(ctx, article):
        yield Hit(
            "稿件没有标题",
            "写上标题；只有简讯栏目的稿件可以没有标题（设简讯栏目：bulletin sections add 名称 --brief）",
            key="title",
        )


EMPTY_TITLE = ArticleRule(
    summary="稿件没有标题",
    doc="每篇稿件都要有 title（标题）。只有 bulletin.toml 的 briefs 中列出的简讯类栏目"
    "（如“一句话信息”）的稿件可以不写标题，每条印成一段。",
    wrong='section = "工作动态"\ntitle = ""',
    right='section = "工作动态"\ntitle = "市总工会召开全委会"',
    check=empty_title,
)


def empty_body(ctx: CheckContext, index: int, article: Article) -> Iterator[Hit]:
    if not strip_spaces(article.body):
        yield Hit(
            "稿件没有正文",
            ("写上正文（段与段之间空一行），如 bulletin edit 期刊文件 序号 --body-file 正文.txt"),
            key="body",
        )


EMPTY_BODY = ArticleRule(
    summary="稿件没有正文",
    doc="每篇稿件（包括简讯）都要有 body（正文），段与段之间空一行。",
    wrong='body = ""',
    right='body = """\n1月18日，市政府与市总工会召开第八次联席会议……\n"""',
    check=empty_body,
)


def _title_ending(title: str) -> str | None:
    """The punctuation a title ends with that T003 is about, or ``None``."""
    title = strip_spaces(title)
    if not title or title[-1] not in _TITLE_ENDINGS:
        return None
    if title[-1] == "." and (len(title) < 2 or title[-2].isascii()):
        return None  # Co., Ltd. or a version number, not a Chinese full stop typed half-width
    return title[-1]


def _without_ending(title: str) -> str:
    return title.rstrip(_TITLE_ENDINGS + SPACES + "\r\n")


def title_punctuation(ctx: CheckContext, index: int, article: Article) -> Iterator[Hit]:
    ending = _title_ending(article.title)
    if ending is None:
        return
    fixed = _without_ending(article.title)
    hint = f"标题改为“{fixed}”" if fixed.strip() else f"删去标题末尾的“{ending}”"
    yield Hit(f"标题末尾不应有“{ending}”", hint, key="title")


def fix_title_ending(ctx: CheckContext, article: Article, key: str) -> FixValue | None:
    """The title without the punctuation at its end (a title of punctuation only stays)."""
    if key != "title" or _title_ending(article.title) is None:
        return None
    fixed = _without_ending(article.title)
    return fixed if fixed.strip() else None


TITLE_PUNCTUATION = ArticleRule(
    summary="标题末尾带了句号、逗号、分号或冒号",
    doc="标题末尾不加句号、逗号、分号、冒号，半角的也不加（问号、叹号和引号可以保留）。",
    wrong='title = "市总工会召开全委会。"',
    right='title = "市总工会召开全委会"',
    check=title_punctuation,
    fix=fix_title_ending,
)


def long_title(ctx: CheckContext, index: int, article: Article) -> Iterator[Hit]:
    length = len(strip_spaces(article.title))
    limit = ctx.profile.title_max
    if length > limit:
        yield Hit(
            f"标题有 {length} 个字，超过 {limit} 字的上限",
            "压缩标题，或把后半句移作副标题（bulletin edit 期刊文件 序号 --subtitle 副标题）",
            key="title",
        )


LONG_TITLE = ArticleRule(
    summary="标题太长",
    doc="标题超过 bulletin.toml 的 title_max 字（默认 40 字）时提醒：简报标题宜短，"
    "长标题可把后半句移到 subtitle（副标题）。",
    wrong='title = "（超过 40 个字的标题）"',
    right='title = "市政府与市总工会召开第八次联席会议"\nsubtitle = "工会四项建议全部获得政府支持"',
    check=long_title,
)


def repeated_title(ctx: CheckContext) -> Iterator[Hit]:
    first: dict[str, int] = {}
    for index, article in enumerate(ctx.issue.articles):
        title = strip_spaces(article.title)
        if not title:
            continue
        if title in first:
            yield Hit(
                f"标题与第 {first[title] + 1} 篇相同：“{title}”",
                "同一篇稿件多半添加了两次：删去一篇，或改写标题",
                path=("articles", index, "title"),
                article=index,
            )
        else:
            first[title] = index


REPEATED_TITLE = IssueRule(
    summary="两篇稿件标题相同",
    doc="同一期中两篇稿件的标题不能相同：多半是同一篇稿件添加了两次。",
    wrong='[[articles]]\ntitle = "市总工会召开全委会"\n…\n[[articles]]\ntitle = "市总工会召开全委会"',
    right="# 删去重复的一篇，或改写其中一个标题",
    check=repeated_title,
)


def _halfwidth_spots(text: str, key: str) -> list[HalfWidth]:
    """The T006 spots of one field. A title's last , ; : . is T003's: it goes, rather than
    becoming a full-width mark that a title must not end with either."""
    found = halfwidth_punctuation(text)
    if key == "title" and found:
        last = found[-1]
        ending = len(text.rstrip(SPACES + "\r\n")) - 1
        if last.offsets == (ending,) and text[ending] in _HALF_WIDTH_ENDINGS:
            found.pop()
    return found


MAX_SPOTS = 100
"""Spots of one field listed one by one (T006, T007); the rest are counted in one finding,
so a pasted text with thousands of them gives a readable report, and a short one."""


def halfwidth(ctx: CheckContext, index: int, article: Article) -> Iterator[Hit]:
    for key in ("title", "subtitle", "body"):
        text = getattr(article, key) or ""
        spots = _halfwidth_spots(text, key)
        for item in spots[:MAX_SPOTS]:
            marks = "".join(text[offset] for offset in item.offsets)
            yield Hit(
                f"{_FIELD_NAMES[key]}中汉字之间用了半角的“{marks}”：“{_excerpt(text, item, False)}”",
                f"改为“{_excerpt(text, item, True)}”",
                key=key,
                line=ctx.text_line(index, key, text, item.start) if key == "body" else None,
            )
        if len(spots) > MAX_SPOTS:
            rest = spots[MAX_SPOTS]
            yield Hit(
                f"{_FIELD_NAMES[key]}中还有 {len(spots) - MAX_SPOTS} 处汉字之间用了半角标点"
                f"（以上只列出前 {MAX_SPOTS} 处）",
                "改为全角的，。：；？！（）",
                key=key,
                line=ctx.text_line(index, key, text, rest.start) if key == "body" else None,
            )


def fix_halfwidth(ctx: CheckContext, article: Article, key: str) -> FixValue | None:
    """The field with its half-width punctuation between Chinese characters made full-width."""
    if key not in ("title", "subtitle", "body"):
        return None
    text = getattr(article, key) or ""
    spots = _halfwidth_spots(text, key)
    return to_full_width(text, spots) if spots else None


HALFWIDTH = ArticleRule(
    summary="汉字之间用了半角标点",
    doc="中文里的逗号、句号、冒号、分号、问号、叹号和括号用全角（，。：；？！（））。"
    "夹在汉字之间的半角 , . : ; ? ! ( ) 多半是输入法没切换，提示给出改正后的文字。"
    "标题末尾的半角 , ; : . 归 T003：改正时删去，而不是改成全角。",
    wrong='body = "会议由市总主席主持,各区总工会参加(共30人)."',
    right='body = "会议由市总主席主持，各区总工会参加（共30人）。"',
    check=halfwidth,
    fix=fix_halfwidth,
)


def bad_character_hits(name: str, text: str) -> Iterator[tuple[str, int]]:
    """(message, offset) for each character of ``text`` a DOCX cannot hold (those of
    ``textclean.bad_characters``), in one pass over the text."""
    if not _may_hold_bad_characters(text):
        return
    multiline = "\n" in text
    line, line_start, counted = 1, 0, 0
    for match in _bad_character_re().finditer(text):
        offset = match.start()
        newlines = text.count("\n", counted, offset)
        if newlines:
            line += newlines
            line_start = text.rfind("\n", counted, offset) + 1
        counted = offset
        column = offset - line_start + 1
        where = f"第 {line} 行第 {column} 个字符" if multiline else f"第 {column} 个字符"
        code = f"U+{ord(match.group()):04X}"
        yield f"{name}{where}是无法写入 Word 文档的控制字符 {code}", offset


BAD_CHARACTER_HINT = "删除这个字符（常见于从网页或 PDF 复制的文字），在 TOML 中它写作 \\u 转义"


def bad_characters_in_article(ctx: CheckContext, index: int, article: Article) -> Iterator[Hit]:
    fields = [("section", "栏目", article.section), ("title", "标题", article.title)]
    fields.append(("subtitle", "副标题", article.subtitle or ""))
    fields.extend(("sources", "供稿单位", source) for source in article.sources)
    fields.append(("body", "正文", article.body))
    for key, name, text in fields:
        for number, (message, offset) in enumerate(bad_character_hits(name, text)):
            line = ctx.text_line(index, key, text, offset) if key == "body" else None
            if number == MAX_SPOTS:
                rest = sum(1 for _match in _bad_character_re().finditer(text, offset))
                message = (
                    f"{name}中还有 {rest} 个无法写入 Word 文档的控制字符"
                    f"（以上只列出前 {MAX_SPOTS} 个）"
                )
                yield Hit(message, BAD_CHARACTER_HINT, key=key, line=line)
                break
            yield Hit(message, BAD_CHARACTER_HINT, key=key, line=line)


BAD_CHARACTERS_IN_ARTICLE = ArticleRule(
    summary="含有无法写入 Word 文档的字符",
    doc="控制字符（如 \\u0007、\\u000b、\\f）不能写进 DOCX，导出会失败。它们多半来自从网页或 PDF "
    "复制的文字，在期刊文件中写作 \\u 转义。消息给出字段和位置（第几行第几个字符）。",
    wrong='body = "会议\\u000b召开"',
    right='body = "会议召开"',
    check=bad_characters_in_article,
)
