"""One article in the clerk's own text editor, as a plain form, until what comes back is valid.

The editor is ``$VISUAL`` or ``$EDITOR``, else Notepad on Windows, ``nano`` or ``vi`` elsewhere.
The form is written to a temporary ``.txt`` file (UTF-8; with a BOM and CRLF on Windows, so
every Notepad reads it); when what the clerk saves cannot be used, the reason goes on top of the
clerk's own text as ``#`` lines and the editor opens again: nothing typed is lost, and giving up
keeps the file and says where it is.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from ..articleform import ArticleForm, format_form, parse_form
from ..errors import BulletinError, FileProblem, InputProblem, os_reason
from ..model import Article
from .prompts import read_line, say

GUIDE = [
    "修改下面的内容后保存，再关闭编辑器。以 # 开头的行只是说明，不会写进简报。",
    "每项写在冒号后面；多个供稿单位用、分隔；正文写在“正文：”下面，段与段之间空一行。",
]

GUIDE_LINES = [f"# {line}" for line in GUIDE]

Apply = Callable[[dict[str, object]], None]
"""Writes the changed fields; raises ``BulletinError`` when they cannot be used."""


def editor_command() -> list[str]:
    """The clerk's editor as a command line."""
    for variable in ("VISUAL", "EDITOR"):
        value = os.environ.get(variable, "").strip()
        if value and os.name == "nt":
            # "C:\Program Files\Notepad++\notepad++.exe" -multiInst: backslashes are paths
            return [part.strip('"') for part in shlex.split(value, posix=False)]
        if value:
            return shlex.split(value)
    if os.name == "nt":
        return ["notepad"]
    for name in ("nano", "vi"):
        if shutil.which(name):
            return [name]
    raise InputProblem(
        "找不到文本编辑器",
        hint="设置环境变量 EDITOR（如 EDITOR=nano），或用 --title、--body-file 等选项修改",
    )


def form_of(article: Article) -> ArticleForm:
    return ArticleForm(
        section=article.section,
        title=article.title,
        subtitle=article.subtitle or "",
        sources=list(article.sources),
        body=article.body,
    )


def changed_fields(before: ArticleForm, after: ArticleForm) -> dict[str, object]:
    """The fields the clerk changed, as the keyword arguments of ``edit_article``."""
    changes: dict[str, object] = {}
    for key in ("section", "title", "subtitle", "sources"):
        if getattr(after, key) != getattr(before, key):
            changes[key] = getattr(after, key)
    if after.body.strip() != before.body.strip():
        changes["body"] = after.body
    return changes


def edit_in_editor(article: Article, name: str, apply: Apply) -> bool:
    """Open ``article`` in the editor until ``apply`` takes what comes back; ``False`` when
    the clerk changed nothing. Whatever stops the loop otherwise (``q``, Ctrl-C, a file that
    cannot be written) keeps the clerk's text in the temporary file and says where."""
    before = form_of(article)
    original = format_form(before, notes=GUIDE)
    path = Path(tempfile.mkdtemp(prefix="bulletin-")) / f"{name}.txt"
    text = original
    try:
        while True:
            _write(path, text)
            _run_editor(path)
            returned = _read(path)
            outcome = _try(before, returned, apply)
            if isinstance(outcome, bool):
                _clean_up(path)
                return outcome
            text = _with_notes(returned, outcome)
    except (KeyboardInterrupt, BulletinError):
        if path.exists() and _read(path) != original:
            say(f"没有修改期刊文件；改过的内容保存在 {path}")
        else:
            _clean_up(path)
        raise


def _try(before: ArticleForm, returned: str, apply: Apply) -> bool | list[str]:
    """Apply what came back: ``True`` done, ``False`` nothing changed, or the notes saying why
    to open the editor again; giving up is a ``KeyboardInterrupt``."""
    try:
        changes = changed_fields(before, parse_form(returned))
        if not changes:
            return False
        apply(changes)
        return True
    except FileProblem:
        raise
    except BulletinError as err:
        say(f"错误：{err}")
        answer = read_line("按回车重新打开编辑器改正；输入 q 并回车放弃修改：")
        if answer.strip().lower() in ("q", "quit", "放弃"):
            raise KeyboardInterrupt from None
        return [f"上次保存的内容有问题：{line}" for line in str(err).splitlines()]


def _with_notes(text: str, notes: list[str]) -> str:
    """The clerk's text with fresh ``#`` notes on top in place of the old ones."""
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").split("\n")
    while lines and lines[0].lstrip().startswith(("#", "＃")):
        lines.pop(0)
    return "\n".join([*(f"# {note.strip()}" for note in notes), *GUIDE_LINES, *lines])


def _write(path: Path, text: str) -> None:
    windows = os.name == "nt"
    data = text.replace("\n", "\r\n") if windows else text
    path.write_bytes(data.encode("utf-8-sig" if windows else "utf-8"))


def _read(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise FileProblem(path, f"读不到编辑后的文件：{os_reason(err)}") from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding).replace("\r\n", "\n").lstrip("\ufeff")
        except UnicodeDecodeError:
            continue
    raise FileProblem(path, "编辑后的文件既不是 UTF-8 也不是 GBK 编码", hint="另存为 UTF-8 后再试")


def _run_editor(path: Path) -> None:
    command = editor_command()
    try:
        done = subprocess.run([*command, str(path)], check=False)
    except OSError:
        raise InputProblem(
            f"无法启动编辑器 {command[0]}",
            hint="检查环境变量 EDITOR，或用 --title、--body-file 等选项修改",
        ) from None
    if done.returncode != 0:
        say(f"编辑器 {command[0]} 没有正常退出（返回 {done.returncode}），按保存的内容继续。")


def _clean_up(path: Path) -> None:
    path.unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        path.parent.rmdir()
