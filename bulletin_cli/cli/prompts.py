"""The questions of an interactive ``add``: each answer checked at once, nothing typed lost.

The section prompt shows the catalogue numbered (``1`` picks the first) and asks again on a name
outside it, with the likely intended one; units are offered from the profile; an empty required
answer says why it is asked again; a brief section (``briefs``) asks no title; the body ends at
a line holding only ``.``, ``。`` or ``．``. Every answer goes into an ``ArticleForm`` as soon as it
is given, so whatever stops the questions (Ctrl-C, Ctrl-D, a refusal at the end) can save what
was typed as a draft (``save_draft``) that ``add --from`` reads back.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .. import api
from ..articleform import ArticleForm
from ..errors import BulletinError
from ..profile import Profile
from ..textclean import clean_body, clean_section, clean_title, split_units, strip_spaces
from .visible import visible

BODY_ENDS = (".", "。", "．")
"""A line holding only one of these ends the body."""

_SHOWN_UNITS = 30


@dataclass(frozen=True, slots=True)
class Given:
    """The fields given as options; ``None`` is asked for at the terminal."""

    section: str | None = None
    title: str | None = None
    subtitle: str | None = None
    sources: list[str] | None = None
    body: str | None = None


def say(message: str) -> None:
    print(visible(message), file=sys.stderr, flush=True)


def read_line(prompt: str) -> str:
    """One line typed at the terminal, without its line end; Ctrl-D is an interrupt."""
    print(visible(prompt), end="", file=sys.stderr, flush=True)
    line = sys.stdin.readline()
    if not line:
        say("")
        raise KeyboardInterrupt
    return _as_utf8(line.rstrip("\r\n"))


def _as_utf8(line: str) -> str:
    """A line read under a locale that is not UTF-8 (``LC_ALL=C``) holds the UTF-8 bytes of
    Chinese as surrogate escapes: decode them as UTF-8."""
    if not any("\udc80" <= char <= "\udcff" for char in line):
        return line
    try:
        return line.encode(sys.stdin.encoding or "ascii", "surrogateescape").decode("utf-8")
    except (UnicodeError, LookupError):
        return line


YES = ("是", "是的", "y", "yes", "好", "确定")
NO = ("否", "不", "不是", "n", "no")


def confirm(question: str, *, default: bool) -> bool:
    """A yes/no question: ``写入这一篇吗？（是/否，直接回车为是）：``, answered 是/否/y/n;
    anything else is asked again."""
    plain = "是" if default else "否"
    while True:
        answer = strip_spaces(read_line(f"{question}（是/否，直接回车为{plain}）：")).lower()
        if not answer:
            return default
        if answer in YES:
            return True
        if answer in NO:
            return False
        say("请输入 是 或 否（也可以输入 y 或 n）。")


REMOVE = ("-", "－", "无")
"""An answer that takes an optional field out (``ask_keeping`` with ``removable``)."""


def ask_keeping(
    label: str, current: str, *, required: bool = False, removable: bool = False
) -> str:
    """A field read from a file, asked again: Enter keeps ``current`` (shown), ``-`` takes an
    optional one out; a required field is asked again when it would be empty."""
    while True:
        if current:
            extra = "；写 - 去掉" if removable else ""
            prompt = f"{label}（直接回车保留“{current}”{extra}）："
        else:
            prompt = f"{label}（没有就直接回车）：" if not required else f"{label}："
        answer = strip_spaces(read_line(prompt))
        if removable and answer in REMOVE:
            return ""
        value = answer or current
        if value or not required:
            return value
        say(f"{label}不能空着。")


class Typing:
    """What the clerk has given so far, and whether any of it was typed at a prompt."""

    def __init__(self) -> None:
        self.form = ArticleForm()
        self.asked = False

    def fill(self, given: Given) -> None:
        """Take the fields given as options."""
        self.form.section = clean_section(given.section) if given.section else ""
        self.form.title = given.title or ""
        self.form.subtitle = given.subtitle or ""
        self.form.sources = list(given.sources or [])
        self.form.body = given.body or ""


def ask_article(given: Given, profile: Profile, typed: Typing) -> None:
    """Ask at the terminal for every field ``given`` lacks, keeping each answer in ``typed``."""
    form = typed.form
    typed.asked = True
    if given.section is None:
        form.section = ask_section(profile)
    if given.title is None:
        form.title = ask_title(form.section, profile)
        if given.subtitle is None and form.title:
            form.subtitle = ask_subtitle()
    if given.sources is None:
        form.sources = ask_sources(profile, required=False)
    if given.body is None:
        form.body = ask_body(lambda text: setattr(form, "body", text))
    if not form.sources and not clean_body(form.body).sources:
        say("正文末尾没有（供稿单位），请补上供稿单位。")
        form.sources = ask_sources(profile, required=True)


@contextmanager
def saving_draft(issue: Path) -> Iterator[Typing]:
    """Keep what the clerk types: when the add fails or is interrupted after questions were
    asked, save it as a draft and say where (the issue file is never touched)."""
    typed = Typing()
    try:
        yield typed
    except KeyboardInterrupt:
        say("")
        kept = _keep(issue, typed)
        if kept:
            say(kept)
        raise
    except BulletinError as err:
        kept = _keep(issue, typed)
        if kept:
            err.hint = f"{err.hint}\n  {kept}" if err.hint else kept
        raise


def _keep(issue: Path, typed: Typing) -> str | None:
    """Save a draft of what was typed at the prompts; what to tell the clerk about it."""
    if not typed.asked:
        return None
    path = save_draft(issue, typed.form)
    if path is None:
        return None
    return (
        f"已输入的稿件保存在 {path}（期刊文件未改动）。\n  "
        f"改好后运行：bulletin add {issue} --from {path}"
    )


def catalogue_line(profile: Profile) -> str:
    """``栏目目录：1 工作动态　2 基层交流　3 一句话信息（简讯）``."""
    items = []
    for number, name in enumerate(profile.sections, start=1):
        brief = "（简讯）" if name in profile.briefs else ""
        items.append(f"{number} {name}{brief}")
    return "栏目目录：" + "　".join(items)


def ask_section(profile: Profile) -> str:
    """A section of the catalogue, by number or name; asked again until it is one."""
    catalogue = profile.sections
    if catalogue:
        say(catalogue_line(profile))
    prompt = "栏目（写序号或名称）：" if catalogue else "栏目："
    while True:
        answer = clean_section(read_line(prompt))
        if not answer:
            say("栏目不能空着：每篇稿件都要放在一个栏目下，导出时按栏目排列。")
            continue
        chosen = section_of(answer, catalogue)
        if chosen is not None:
            return chosen
        say(f"“{answer}” 不在栏目目录中。{_section_guess(answer, catalogue)}请重新输入。")


def section_of(answer: str, catalogue: list[str]) -> str | None:
    """The catalogue section an answer names (a number picks by position); any name without
    a catalogue."""
    if not catalogue:
        return answer
    if answer.isdigit() and 1 <= int(answer) <= len(catalogue):
        return catalogue[int(answer) - 1]
    return answer if answer in catalogue else None


def _section_guess(answer: str, catalogue: list[str]) -> str:
    from ..check.core import nearest

    if answer.isdigit():
        return f"序号只能是 1 到 {len(catalogue)}。"
    guesses = nearest(answer, catalogue)
    if guesses:
        return "您要写的是不是 " + " 或 ".join(f"“{g}”" for g in guesses) + "？"
    return ""


def ask_title(section: str, profile: Profile) -> str:
    """The title; a brief section asks none; empty is asked again, saying why."""
    if section in profile.briefs:
        say(f"“{section}” 是简讯栏目，不用标题。")
        return ""
    while True:
        title = clean_title(read_line("标题："))
        if title:
            return title
        say(
            "标题不能空着：只有简讯栏目"
            + (f"（{'、'.join(profile.briefs)}）" if profile.briefs else "")
            + "的稿件可以没有标题。"
        )


def ask_subtitle() -> str:
    """The subtitle, if the article has one; Enter leaves it out."""
    return clean_title(read_line("副标题（没有就直接回车）：")).lstrip("—－-─ ")


def units_line(profile: Profile) -> str:
    """``常用供稿单位：1 办公室　2 研究室`` (the first thirty)."""
    shown = profile.units[:_SHOWN_UNITS]
    more = f" 等 {len(profile.units)} 个" if len(profile.units) > _SHOWN_UNITS else ""
    return "常用供稿单位：" + "　".join(f"{n} {u}" for n, u in enumerate(shown, 1)) + more


def ask_sources(profile: Profile, *, required: bool) -> list[str]:
    """Units by number or name, several separated by 、; a name like a known one is asked again
    once (typing it again keeps it)."""
    if profile.units:
        say(units_line(profile))
    prompt = "供稿单位（写序号或名称，多个用、分隔" + ("" if required else "；可留空") + "）："
    confirmed: set[str] = set()
    while True:
        answer = read_line(prompt)
        units = units_of(answer, profile.units)
        if not units:
            if not required:
                say("留空了：正文末尾如带着（供稿单位）会自动取出，否则稍后再问。")
                return []
            say("供稿单位不能空着：它印在稿件末尾，也是信息采用统计的依据。")
            continue
        doubtful = _doubtful_unit(units, profile.units, confirmed)
        if doubtful is None:
            return units
        unit, guess = doubtful
        confirmed.add(unit)
        say(
            f"“{unit}” 不在常用供稿单位中，是否应为“{guess}”？"
            "请重新输入；确实是这个单位就照原样再输入一次。"
        )


def units_of(answer: str, known: list[str]) -> list[str]:
    """The units an answer names: numbers pick from ``known`` by position."""
    units: list[str] = []
    for part in split_units(answer, at_spaces=False):
        if part.isdigit() and 1 <= int(part) <= len(known):
            part = known[int(part) - 1]
        if part not in units:
            units.append(part)
    return units


def _doubtful_unit(
    units: list[str], known: list[str], confirmed: set[str]
) -> tuple[str, str] | None:
    from ..check.core import nearest

    for unit in units:
        if unit in known or unit in confirmed:
            continue
        guesses = nearest(unit, known, n=1)
        if guesses:
            return unit, guesses[0]
    return None


def ask_body(keep: Callable[[str], None] = lambda text: None) -> str:
    """The body, typed or pasted, ending at a line of only 。 (or . or ．); never empty.
    ``keep`` receives the text typed so far after every line, so an interrupt loses none."""
    while True:
        say("请输入或粘贴正文，输完后另起一行只输入一个句号 。 并回车：")
        lines: list[str] = []
        while True:
            try:
                line = read_body_line()
            except PartLine as part:  # Ctrl-C in the middle of a line: keep what it holds
                keep("\n".join([*lines, part.text]) + "\n")
                raise KeyboardInterrupt from None
            if strip_spaces(line) in BODY_ENDS:
                break
            lines.append(line)
            keep("\n".join(lines) + "\n")
        body = "\n".join(lines)
        if strip_spaces(body.replace("\n", "")):
            return body + "\n"
        say("正文是空的：每篇稿件都要有正文。请把正文粘贴进来，再另起一行输入 。 结束。")


class PartLine(Exception):
    """Ctrl-C while a body line was half typed: the text typed on it so far."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


def read_body_line() -> str:
    """One line of the body. At a terminal with GNU readline (Linux, macOS) the line is edited
    by readline, so a Ctrl-C in the middle of it can still tell what was typed (``PartLine``);
    elsewhere the terminal discards a half line on Ctrl-C, and this is ``read_line``."""
    if not (sys.stdin is not None and sys.stdin.isatty() and sys.stdout.isatty()):
        return read_line("")
    try:
        import readline
    except ImportError:  # Windows: no readline
        return read_line("")
    try:
        return _as_utf8(input(""))
    except EOFError:
        say("")
        raise KeyboardInterrupt from None
    except KeyboardInterrupt:
        part = readline.get_line_buffer()
        if strip_spaces(part):
            raise PartLine(_as_utf8(part)) from None
        raise


def save_draft(issue: Path, typed: ArticleForm) -> Path | None:
    """Save what was typed as a form the clerk can finish and add with ``add --from``;
    ``None`` when nothing was typed or the draft could not be written (said on stderr)."""
    if typed.is_empty:
        return None
    try:
        return api.save_draft(issue, typed)
    except BulletinError as err:
        say(f"已输入的内容未能保存为草稿（{err}）")
        return None
