"""Masking citizens' personal data in free text: mobile numbers, ID-card numbers, bank cards.

A mask keeps the text's length: each hidden digit (or the ID card's final X) becomes `*`, and
separators stay. Character offsets found in the raw text (a rule's evidence) therefore hold in
the masked text too. Only Arabic digits 0-9 are recognised, as the rules judge them; numbers
spoken as Chinese numerals (一三八…) are not.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import orjson

_PHONE = r"(?:(?<=86)|(?<![0-9]))1[3-9][0-9][ -]?[0-9]{4}[ -]?[0-9]{4}(?![0-9])"
_ID_CARD = r"(?<![0-9A-Za-z])[0-9]{6}[ -]?[0-9]{8}[ -]?[0-9]{3}[0-9Xx](?![0-9A-Za-z])"
_BANK_CARD = r"(?<![0-9])[0-9](?:[ -]?[0-9]){14,18}(?![0-9])"


@dataclass(frozen=True)
class MaskPattern:
    """What to hide: every match of `regex`, but its first `keep_start` and last `keep_end`
    digits (or letters)."""

    name: str
    regex: re.Pattern[str]
    keep_start: int = 0
    keep_end: int = 4

    def mask(self, text: str) -> str:
        return self.regex.sub(self._hide, text)

    def _hide(self, match: re.Match[str]) -> str:
        found = match.group()
        positions = [i for i, char in enumerate(found) if char.isalnum()]
        hidden = set(positions[self.keep_start : len(positions) - self.keep_end])
        return "".join("*" if i in hidden else char for i, char in enumerate(found))


DEFAULT_PATTERNS: tuple[MaskPattern, ...] = (
    MaskPattern("id_card", re.compile(_ID_CARD), keep_start=1, keep_end=4),
    MaskPattern("bank_card", re.compile(_BANK_CARD), keep_start=0, keep_end=4),
    MaskPattern("mobile", re.compile(_PHONE), keep_start=3, keep_end=4),
)
"""In this order: an 18-digit ID first, then 15-19 digits (bank cards, 15-digit IDs), then
mobile numbers (with or without +86); a number masked once is no longer matched."""


class MaskConfigError(ValueError):
    """QA_MASK_PATTERNS is not a list of default names or {name, regex, keep_start, keep_end}."""


@dataclass(frozen=True)
class Masker:
    patterns: tuple[MaskPattern, ...] = DEFAULT_PATTERNS

    def text(self, text: str) -> str:
        for pattern in self.patterns:
            text = pattern.mask(text)
        return text

    def value(self, value: Any) -> Any:
        """A JSON-like value with every string in it masked."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, Mapping):
            return {key: self.value(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [self.value(item) for item in value]
        return value

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Masker:
        """`QA_MASK_PERSONAL_DATA` (default on; `off` keeps text as posted) and
        `QA_MASK_PATTERNS`, a JSON list whose items are default names (`id_card`,
        `bank_card`, `mobile`) or objects `{"name", "regex", "keep_start", "keep_end"}`,
        applied in that order (default: the three defaults)."""
        if (env.get("QA_MASK_PERSONAL_DATA") or "on").strip().lower() in ("off", "0", "false"):
            return cls(())
        configured = env.get("QA_MASK_PATTERNS")
        if not configured:
            return cls()
        try:
            return cls(tuple(_pattern(item) for item in _list(orjson.loads(configured))))
        except (orjson.JSONDecodeError, KeyError, TypeError, re.error) as error:
            raise MaskConfigError(f"QA_MASK_PATTERNS: {error}") from error


def _list(value: Any) -> Sequence[Any]:
    if not isinstance(value, list):
        raise TypeError("expected a JSON list")
    return value


def _pattern(item: Any) -> MaskPattern:
    defaults = {pattern.name: pattern for pattern in DEFAULT_PATTERNS}
    if isinstance(item, str):
        return defaults[item]
    if not isinstance(item, dict):
        raise TypeError(f"expected a name or an object, got {item!r}")
    return MaskPattern(
        str(item["name"]),
        re.compile(str(item["regex"])),
        int(item.get("keep_start", 0)),
        int(item.get("keep_end", 4)),
    )
