"""What every result of the service carries (its own module: each command loads only the
result classes it returns, and every one of them derives from this)."""

from __future__ import annotations

from ..records import field, record


@record(kw_only=True)
class Result:
    """What every result carries besides its own fields."""

    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
