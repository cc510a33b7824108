"""Which house profile governs a file, and the warning when there is none."""

from __future__ import annotations

from pathlib import Path

from ..profile import DEFAULT_PROFILE, PROFILE_NAME, Profile, find_profile, load_profile
from ..records import field, record


@record(slots=True)
class Governing:
    """The profile for a file, and a warning when the embedded default stands in for it."""

    profile: Profile
    warnings: list[str] = field(default_factory=list)


def governing_profile(near: Path) -> Governing:
    """The ``bulletin.toml`` in ``near`` (a folder or a file's folder) or its parents; without
    one, the default profile and a warning naming where it looked and ``bulletin init``."""
    found = find_profile(near)
    if found is not None:
        return Governing(load_profile(found))
    return Governing(DEFAULT_PROFILE, [no_profile_warning(near)])


def missing_profile_warnings(near: Path) -> list[str]:
    """The warning of ``governing_profile`` without reading the profile: for commands whose
    results do not carry it."""
    return [] if find_profile(near) is not None else [no_profile_warning(near)]


def no_profile_warning(near: Path) -> str:
    folder = near if near.is_dir() else near.parent
    return (
        f"没有找到 {PROFILE_NAME}（在 {folder.resolve()} 及其上级文件夹中都找过），"
        "按默认设置处理：报头“工作简报”、编印单位“办公室”、没有报尾、不检查栏目和供稿单位。"
        "如果走错了文件夹，请换到简报所在的文件夹；还没有设置的话，运行 bulletin init 写一份"
    )


class ProfileCache:
    """Profiles of several files, each folder's looked up once, its warning given once."""

    def __init__(self) -> None:
        self._by_folder: dict[Path, Governing] = {}
        self.warnings: list[str] = []

    def profile(self, path: Path) -> Profile:
        """The profile of ``path`` (a ``FileProblem`` if its profile cannot be read)."""
        folder = path if path.is_dir() else path.parent
        governing = self._by_folder.get(folder)
        if governing is None:
            governing = self._by_folder[folder] = governing_profile(path)
            for warning in governing.warnings:
                if warning not in self.warnings:
                    self.warnings.append(warning)
        return governing.profile
