"""One article as a plain form a clerk edits in Notepad: ``栏目：…``, ``标题：…``, then the body.

``edit`` opens an article in this form and ``add`` saves what a clerk typed in it as a draft
when the article cannot be added; ``parse_form`` reads it back, naming the line of a mistake in
a clerk's words. It is not TOML: no quotes, no escapes, nothing a clerk can break by typing.

    栏目：工作动态
    标题：市总工会召开全委会
    副标题：
    供稿单位：市总办公室、研究室
    正文：
    1月18日，市总工会召开……

Lines before the first field that start with ``#`` are notes for the clerk and are ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import FileProblem, InputProblem
from .textclean import split_units, strip_spaces

FIELDS = {"栏目": "section", "标题": "title", "副标题": "subtitle", "供稿单位": "sources"}
"""The one-line fields of the form, in their order, and the article key each fills."""

BODY_LABEL = "正文"
_COLONS = "：:"


@dataclass(slots=True)
class ArticleForm:
    """The fields of one article as written in the form (not yet cleaned or checked)."""

    section: str = ""
    title: str = ""
    subtitle: str = ""
    sources: list[str] = field(default_factory=list)
    body: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.section or self.title or self.subtitle or self.sources or self.body)

    def fields(self) -> dict[str, object]:
        """The keys of an ``[[articles]]`` table (no ``subtitle`` when it is empty)."""
        table: dict[str, object] = {
            "section": self.section,
            "title": self.title,
            "sources": list(self.sources),
            "body": self.body,
        }
        if self.subtitle:
            table["subtitle"] = self.subtitle
        return table


def format_form(form: ArticleForm, *, notes: list[str] | None = None) -> str:
    """The form's text: notes as ``#`` lines, the fields, ``正文：`` and the body."""
    lines = [f"# {note}" for note in notes or []]
    lines += [
        f"栏目：{form.section}",
        f"标题：{form.title}",
        f"副标题：{form.subtitle}",
        f"供稿单位：{'、'.join(form.sources)}",
        f"{BODY_LABEL}：",
    ]
    body = form.body.replace("\r\n", "\n").strip("\n")
    return "\n".join(lines) + "\n" + (body + "\n" if body else "")


def read_form_file(path: Path) -> ArticleForm | None:
    """The form in a ``.txt`` file (a draft of ``add``), or ``None`` when the file is not one
    (a unit's plain article); a form with a mistake is an ``InputProblem`` naming the file."""
    if path.suffix.lower() != ".txt":
        return None
    from .fileread import read_regular
    from .importer._limits import MAX_TEXT_BYTES

    try:
        data = read_regular(path, MAX_TEXT_BYTES)  # bounded, regular files only
    except FileProblem:
        return None  # the reader of units' files reports it
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        return None
    if not looks_like_form(text):
        return None
    try:
        return parse_form(text)
    except InputProblem as err:
        raise InputProblem(f"{path}：{err.message}", hint=err.hint) from None


def looks_like_form(text: str) -> bool:
    """Whether ``text`` is an article form (its first field line is ``栏目：``)."""
    for line in _lines(text):
        if _is_note(line) or not line.strip():
            continue
        return _label_of(line) == "栏目"
    return False


def parse_form(text: str) -> ArticleForm:
    """Read a form back; a line that is neither a field nor a note is an ``InputProblem``."""
    form = ArticleForm()
    seen: set[str] = set()
    lines = _lines(text)
    for number, line in enumerate(lines, start=1):
        if not seen and (_is_note(line) or not line.strip()):
            continue
        if not line.strip():
            continue
        label = _label_of(line)
        value = strip_spaces(line.split(_colon_of(line), 1)[1]) if label else ""
        if label == BODY_LABEL:
            rest = [value] if value else []
            form.body = "\n".join(rest + lines[number:]).strip("\n")
            return form
        if label is None or label not in FIELDS:
            raise InputProblem(
                f"第 {number} 行 “{_shorten(line)}” 不是表格中的项目",
                hint="每行以 栏目：、标题：、副标题：、供稿单位： 开头，正文写在 正文： 这一行的下面",
            )
        if label in seen:
            raise InputProblem(f"第 {number} 行：“{label}” 写了两次", hint="删去多余的一行")
        seen.add(label)
        if label == "供稿单位":
            form.sources = split_units(value)
        else:
            setattr(form, FIELDS[label], value)
    raise InputProblem(
        "没有找到 “正文：” 这一行",
        hint="在各项下面另起一行写 正文：，再把正文写在它下面",
    )


def _lines(text: str) -> list[str]:
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _is_note(line: str) -> bool:
    return line.lstrip().startswith(("#", "＃"))


def _colon_of(line: str) -> str:
    positions = [(line.find(colon), colon) for colon in _COLONS if colon in line]
    return min(positions)[1] if positions else "："


def _label_of(line: str) -> str | None:
    colon = _colon_of(line)
    if colon not in line:
        return None
    label = strip_spaces(line.split(colon, 1)[0])
    return label if label in FIELDS or label == BODY_LABEL else None


def _shorten(line: str, limit: int = 20) -> str:
    line = line.strip()
    return line if len(line) <= limit else line[:limit] + "…"
