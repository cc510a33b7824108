"""bulletin: compose, check and export a Chinese work bulletin (简报)."""

from __future__ import annotations

__version__ = "0.1.0"
