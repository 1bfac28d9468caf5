"""Search tokens: jieba's search-engine segmentation (words and their sub-words)."""

from __future__ import annotations

import unicodedata

import jieba

jieba.setLogLevel(60)  # jieba logs its dictionary loading at INFO to stderr


def _is_word(token: str) -> bool:
    return any(unicodedata.category(ch)[0] in "LN" for ch in token)


def search_tokens(text: str) -> list[str]:
    """Distinct tokens of `text`, lower-cased, without punctuation and spaces."""
    tokens = (token.strip().lower() for token in jieba.lcut_for_search(text))
    return list(dict.fromkeys(token for token in tokens if token and _is_word(token)))
