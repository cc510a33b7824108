"""The questions of ``bulletin init`` at a terminal with no options: each answer checked at
once (an empty name is asked again, a 简讯 section must be one of the sections just given)."""

from __future__ import annotations

from .. import api
from ..textclean import clean_section, split_units, strip_spaces
from .prompts import read_line, say


def ask_first_settings() -> api.FirstSettings:
    """Name, editor, catalogue, 简讯 sections and units, asked one by one (Ctrl-C ends the
    line it was typed on before the message)."""
    try:
        return _ask()
    except KeyboardInterrupt:
        say("")
        raise


def _ask() -> api.FirstSettings:
    say("逐项填写本单位的简报设置（以后可以用 bulletin sections、bulletin units 修改）。")
    name = _ask_text("简报名称（印在报头，如 阳光街道工作简报）：", "简报名称")
    editor = _ask_text("编印单位（如 阳光街道办公室）：", "编印单位")
    sections = _ask_sections()
    briefs = _ask_briefs(sections)
    units = _ask_units()
    return api.FirstSettings(
        name=name,
        editor=editor,
        sections=tuple(sections),
        briefs=tuple(briefs),
        units=tuple(units),
    )


def _ask_text(prompt: str, label: str) -> str:
    while True:
        answer = strip_spaces(read_line(prompt))
        if answer:
            return answer
        say(f"{label}不能空着：它印在每一期简报上。")


def _names(answer: str) -> list[str]:
    """Names separated by 、，,；; or spaces, each without 【】."""
    names: list[str] = []
    for part in split_units(answer):
        name = clean_section(part)
        if name and name not in names:
            names.append(name)
    return names


def _ask_sections() -> list[str]:
    while True:
        answer = read_line("栏目（按印刷顺序，用、分隔，如 工作动态、基层交流、一句话信息）：")
        sections = _names(answer)
        if sections:
            return sections
        say("至少要有一个栏目：每篇稿件都放在一个栏目下，导出时按栏目排列。")


def _ask_briefs(sections: list[str]) -> list[str]:
    listed = "　".join(f"{number} {name}" for number, name in enumerate(sections, start=1))
    say(f"栏目：{listed}")
    while True:
        answer = read_line("其中哪些是简讯栏目（稿件没有标题，写序号或名称；没有就直接回车）：")
        chosen: list[str] = []
        wrong: list[str] = []
        for part in _names(answer):
            if part.isdigit() and 1 <= int(part) <= len(sections):
                part = sections[int(part) - 1]
            (chosen if part in sections else wrong).append(part)
        if not wrong:
            return list(dict.fromkeys(chosen))
        say(f"“{'、'.join(wrong)}” 不是上面的栏目，请写序号（1 到 {len(sections)}）或栏目名称。")


def _ask_units() -> list[str]:
    answer = read_line("供稿单位（用、分隔；以后也可以用 bulletin units add 添加，可留空）：")
    return split_units(answer, at_spaces=False)
