"""Keyed look-up hashes: secret-dependent, kind-separated, normalised."""

from __future__ import annotations

import pytest

from kiosk.domain.privacy import keyed_hash

SECRET = b"k" * 32


def test_same_number_same_hash_and_no_number_inside() -> None:
    h = keyed_hash(SECRET, "id", "540102198001010011")
    assert h == keyed_hash(SECRET, "id", " 540102198001010011 ")
    assert "540102" not in h


def test_secret_and_kind_change_the_hash() -> None:
    base = keyed_hash(SECRET, "id", "11010519491231002X")
    assert base != keyed_hash(b"j" * 32, "id", "11010519491231002X")
    assert base != keyed_hash(SECRET, "chip", "11010519491231002X")
    assert base == keyed_hash(SECRET, "id", "11010519491231002x")


def test_short_secret_is_refused() -> None:
    with pytest.raises(ValueError, match="secret"):
        keyed_hash(b"short", "id", "1")
