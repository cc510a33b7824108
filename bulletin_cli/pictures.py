"""Pictures of articles: what a PNG or JPEG file says about itself, and keeping a copy beside
the issue file.

The headers are read by hand (a few dozen bytes of a PNG, the markers of a JPEG up to its
frame header), so ``add`` and ``check`` need no imaging library. A picture is stored under
``images/STEM/`` beside the issue file (``STEM`` is the issue file's name without ``.toml``);
the same bytes are stored once, so adding or collecting the same photo twice reuses the file.
"""

from __future__ import annotations

import contextlib
import math
import re
import struct
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Literal

from .errors import FileProblem, os_reason

if TYPE_CHECKING:
    from .model import Article

MAX_PICTURE_BYTES = 32 * 1024 * 1024
"""The largest picture accepted (as the largest part of an imported DOCX)."""
MAX_PIXELS = 20_000
"""The most pixels a picture may have along either side (a 100-megapixel photo is 12,000)."""
DEFAULT_DPI = 96.0
"""The resolution Word assumes for a picture that names none."""
MIN_PRINT_DPI = 150.0
"""Below this at its printed size a picture prints blurred (``check`` warns)."""

PictureFormat = Literal["png", "jpeg"]
_PNG = b"\x89PNG\r\n\x1a\n"
_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


@dataclass(frozen=True, slots=True)
class PictureInfo:
    """The format, pixel size and stated resolution (dots per inch, ``None`` if unstated)."""

    format: PictureFormat
    width: int
    height: int
    dpi: float | None = None

    @property
    def extension(self) -> str:
        return ".png" if self.format == "png" else ".jpg"

    @property
    def content_type(self) -> str:
        return "image/png" if self.format == "png" else "image/jpeg"

    def natural_width_twips(self) -> int:
        """The width Word gives the picture at its own resolution (96 dpi when unstated)."""
        return round(self.width / (self.dpi or DEFAULT_DPI) * 1440)


class NotAPicture(ValueError):
    """The bytes are not a PNG or JPEG this module can read; the message says why (Chinese)."""


def picture_info(data: bytes) -> PictureInfo:
    """Read the header of a PNG or JPEG (``NotAPicture`` for anything else)."""
    if data.startswith(_PNG):
        info = _png_info(data)
    elif data.startswith(b"\xff\xd8"):
        info = _jpeg_info(data)
    else:
        raise NotAPicture(f"不是 PNG 或 JPEG 图片（{_format_name(data)}）")
    if not (0 < info.width <= MAX_PIXELS and 0 < info.height <= MAX_PIXELS):
        raise NotAPicture(f"图片尺寸 {info.width}×{info.height} 像素不合常理")
    return info


def _format_name(data: bytes) -> str:
    for magic, name in (
        (b"GIF8", "GIF 图片"),
        (b"BM", "BMP 图片"),
        (b"II*\x00", "TIFF 图片"),
        (b"MM\x00*", "TIFF 图片"),
        (b"RIFF", "WEBP 或其他 RIFF 文件"),
        (b"\xd7\xcd\xc6\x9a", "WMF 矢量图"),
        (b"\x01\x00\x00\x00", "EMF 矢量图"),
    ):
        if data.startswith(magic):
            return name
    return "文件格式无法识别"


def _png_info(data: bytes) -> PictureInfo:
    if len(data) < 33 or data[12:16] != b"IHDR":
        raise NotAPicture("PNG 图片已损坏（缺少文件头）")
    width, height = struct.unpack(">II", data[16:24])
    dpi = None
    at = 8
    while at + 8 <= len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind = data[at + 4 : at + 8]
        if kind == b"pHYs" and length == 9 and at + 17 <= len(data):
            x, _y, unit = struct.unpack(">IIB", data[at + 8 : at + 17])
            if unit == 1 and x:
                dpi = x * 0.0254
        if kind in (b"IDAT", b"IEND"):
            break
        at += 12 + length
    return PictureInfo("png", width, height, dpi)


def _jpeg_info(data: bytes) -> PictureInfo:
    at = 2
    dpi = None
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            raise NotAPicture("JPEG 图片已损坏（标记错乱）")
        marker = data[at + 1]
        if marker == 0xFF:
            at += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            at += 2
            continue
        (length,) = struct.unpack(">H", data[at + 2 : at + 4])
        segment = data[at + 4 : at + 2 + length]
        if marker == 0xE0 and segment[:5] == b"JFIF\x00" and len(segment) >= 12:
            unit = segment[7]
            x = struct.unpack(">H", segment[8:10])[0]
            if x and unit == 1:
                dpi = float(x)
            elif x and unit == 2:
                dpi = x * 2.54
        if marker in _SOF and len(segment) >= 5:
            height, width = struct.unpack(">HH", segment[1:5])
            return PictureInfo("jpeg", width, height, dpi)
        if marker == 0xDA:
            break
        at += 2 + length
    raise NotAPicture("JPEG 图片已损坏（找不到图像尺寸）")


def read_picture(path: Path) -> tuple[bytes, PictureInfo]:
    """The bytes and header of a picture file (``FileProblem`` naming it when it cannot be)."""
    try:
        size = path.stat().st_size
        if size > MAX_PICTURE_BYTES:
            raise FileProblem(
                path,
                f"图片太大（{size / 1024 / 1024:.1f} MB）",
                hint=f"图片最大 {MAX_PICTURE_BYTES // 1024 // 1024} MB；请先压缩",
            )
        data = path.read_bytes()
    except OSError as err:
        if isinstance(err, FileNotFoundError):
            raise FileProblem(path, "图片文件不存在", hint="检查文件名和文件夹是否正确") from None
        raise FileProblem(path, f"无法读取图片：{os_reason(err)}") from None
    try:
        return data, picture_info(data)
    except NotAPicture as err:
        raise FileProblem(
            path, str(err), hint="只能用 PNG 或 JPEG 图片：请用画图等软件另存为 JPEG 后再试"
        ) from None


def picture_folder(issue_path: Path) -> PurePosixPath:
    """The folder, relative to the issue file's folder, where its pictures are kept."""
    return PurePosixPath("images") / issue_path.stem


_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')


def store_picture(issue_path: Path, data: bytes, name: str) -> tuple[str, bool]:
    """Keep ``data`` (a checked PNG or JPEG) under ``images/STEM/`` beside the issue file.

    Returns its path relative to the issue file's folder (forward slashes, as the issue file
    holds it) and whether a new file was written: a file there with the same bytes is reused,
    and a different file of the same name is never overwritten (the new one gets ``-2``)."""
    import hashlib

    from .issuefile.atomic import atomic_write

    info = picture_info(data)
    folder = picture_folder(issue_path)
    target_dir = issue_path.parent / Path(*folder.parts)
    digest = hashlib.sha256(data).digest()
    if target_dir.is_dir():
        for existing in sorted(target_dir.iterdir()):
            same_size = existing.is_file() and existing.stat().st_size == len(data)
            if same_size and hashlib.sha256(existing.read_bytes()).digest() == digest:
                return str(folder / existing.name), False
    stem = _UNSAFE.sub("_", Path(name).stem).strip(" .") or "图片"
    stem = stem[:60]
    candidate = stem + info.extension
    number = 1
    while (target_dir / candidate).exists():
        number += 1
        candidate = f"{stem}-{number}{info.extension}"
    target_dir.mkdir(parents=True, exist_ok=True)
    atomic_write(target_dir / candidate, data)
    return str(folder / candidate), True


def picture_path(issue_path: Path, file: str) -> Path:
    """Where the picture named ``file`` in an issue file lies on disk."""
    return issue_path.parent / Path(*PurePosixPath(file.replace("\\", "/")).parts)


PICTURE_MARGIN = 20
"""Twips left free under a picture inside its exact line (1 pt), so no face clips it."""


@dataclass(frozen=True, slots=True)
class PrintedSize:
    """A picture as printed: its width and height in twips and the grid lines it takes."""

    width: int
    height: int
    lines: int

    def dpi(self, info: PictureInfo) -> float:
        """The resolution at this size (dots per printed inch, along the width)."""
        return info.width / (self.width / 1440) if self.width else 0.0


def printed_size(
    info: PictureInfo,
    width_share: float | None,
    *,
    area_width: int,
    pitch: int,
    max_lines: int,
) -> PrintedSize:
    """The picture's printed size: ``width_share`` of the type area's width (else its own
    size), at most the whole width and ``max_lines`` grid lines high; its height then rounded
    up to whole grid lines (the width following, aspect kept), or down when rounding up would
    pass the type area's width."""
    wanted = area_width * width_share if width_share else info.natural_width_twips()
    wanted = max(1.0, min(float(area_width), wanted))
    aspect = info.width / info.height
    lines = max(1, math.ceil((wanted / aspect + PICTURE_MARGIN) / pitch))
    while lines > 1 and (
        (lines * pitch - PICTURE_MARGIN) * aspect > area_width or lines > max_lines
    ):
        lines -= 1
    height = lines * pitch - PICTURE_MARGIN
    width = min(area_width, round(height * aspect))
    return PrintedSize(width, height, lines)


def keep_pictures(
    issue_path: Path, articles: list[Article], data: Mapping[str, bytes]
) -> list[Path]:
    """Store the pictures of ``articles`` whose ``file`` is a key of ``data`` (bytes read from
    a unit's Word file or a file the clerk named) beside the issue, and point each ``file`` at
    its stored copy. Returns the files newly written (to remove if the issue is not written)."""
    written: list[Path] = []
    for article in articles:
        for picture in article.pictures:
            bytes_ = data.get(picture.file)
            if bytes_ is None:
                continue
            name = re.split(r"[\\/]", picture.file)[-1]  # the key's last part names the file
            stored, new = store_picture(issue_path, bytes_, name)
            picture.file = stored
            if new:
                written.append(picture_path(issue_path, stored))
    return written


def forget_pictures(paths: list[Path]) -> None:
    """Remove pictures stored for a change that was not written after all."""
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink()
