"""``bulletin mark``: record on an article that a higher outlet adopted it (上级采用) or that a
leader gave it a 批示, or take such a record back; for 信息采用积分 (docs/stats.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputProblem
from ..model import ADOPTION_FORMS
from .profiles import governing_profile

if TYPE_CHECKING:
    from ..issuefile.records import RecordChange, RecordKey
    from ..profile import Profile


@dataclass(slots=True)
class MarkResult:
    """The change made, and what the clerk should know about it."""

    change: RecordChange
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def mark_article(
    path: Path,
    number: int,
    *,
    adopted_by: str | None = None,
    instruction: str | None = None,
    level: str,
    date: dt.date | None = None,
    form: str | None = None,
    remove: bool = False,
) -> MarkResult:
    """Add to article ``number`` a record of adoption by ``adopted_by`` or of a 批示 by
    ``instruction`` (exactly one of them), at ``level``; ``remove`` takes back the last such
    record instead (matching ``by`` and ``level``, and ``date``/``form`` when given). A level
    the profile's ``[scoring]`` lacks is refused (``InputProblem``) when adding."""
    from ..issuefile.edits import require_number
    from ..issuefile.records import add_record, remove_record
    from ..issuefile.store import load_issue

    key, by = _which(adopted_by, instruction)
    require_number(path, number, len(load_issue(path).issue.articles))
    level = _text("--level", level)
    if form is not None and (key != "adopted" or form not in ADOPTION_FORMS):
        raise InputProblem(
            f"--form 写“全文”或“摘要”，只用于上级采用（--adopted-by），而不是“{form}”"
        )
    record: dict[str, object] = {"by": by, "level": level}
    if date is not None:
        record["date"] = date
    if form is not None:
        record["form"] = form
    governing = governing_profile(path)
    if remove:
        change = remove_record(path, number, key, _matcher(record), _described(record))
        return MarkResult(change, governing.warnings)
    warnings = [*governing.warnings, *_level_warnings(key, level, governing.profile)]
    return MarkResult(add_record(path, number, key, record), warnings)


def _which(adopted_by: str | None, instruction: str | None) -> tuple[RecordKey, str]:
    if (adopted_by is None) == (instruction is None):
        raise InputProblem(
            "--adopted-by（哪里采用了这篇）和 --instruction（谁作了批示）要写一个（只写一个）",
            hint='如 bulletin mark issues/2012-01.toml 3 --adopted-by "省委办公厅《江苏信息》" '
            "--level 省级",
        )
    if adopted_by is not None:
        return "adopted", _text("--adopted-by", adopted_by)
    return "instructions", _text("--instruction", instruction or "")


def _text(option: str, value: str) -> str:
    """``value`` on one line, without control characters (they would reach terminals)."""
    text = " ".join("".join(c for c in value if c.isprintable() or c.isspace()).split())
    if not text:
        raise InputProblem(f"{option} 不能为空")
    return text


def _level_warnings(key: RecordKey, level: str, profile: Profile) -> list[str]:
    """Refuse a level the rules lack; without rules, a warning that levels are not checked."""
    rules = profile.scoring
    if rules is None:
        return [
            "bulletin.toml 中还没有积分规则 [scoring]，级别没有核对；"
            "定好规则后运行 bulletin check 核对各期的级别"
        ]
    levels = list(rules.adoption if key == "adopted" else rules.instruction)
    if level in levels:
        return []
    table = "[scoring.adoption]" if key == "adopted" else "[scoring.instruction]"
    from ..issuefile.schema import closest

    guess = closest(level, levels, n=1)
    lead = f"是否应为 {guess[0]}？" if guess else ""
    listed = "、".join(levels) if levels else "（还没有列出任何级别）"
    raise InputProblem(
        f"积分规则 {table} 中没有“{level}”这一级别，未记录",
        hint=f"{lead}可用的级别：{listed}；新的级别先加到 bulletin.toml 的 {table} 中",
    )


def _matcher(wanted: dict[str, object]) -> Callable[[dict[str, object]], bool]:
    def matches(item: dict[str, object]) -> bool:
        return all(item.get(name) == value for name, value in wanted.items())

    return matches


def _described(record: dict[str, object]) -> str:
    parts = [f"“{record['by']}”", f"{record['level']}"]
    if "date" in record:
        parts.append(f"{record['date']}")
    if "form" in record:
        parts.append(f"{record['form']}")
    return "、".join(parts)
