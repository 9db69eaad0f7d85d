"""Keyed look-up hashes: secret-dependent, kind-separated, normalised."""

from __future__ import annotations

import pytest

from kiosk.domain.privacy import KeyRing, district_known, every_hash, keyed_hash

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


def test_a_key_ring_hashes_id_numbers_under_the_district_s_key_once_it_has_it() -> None:
    district = b"d" * 32
    ring = KeyRing(SECRET)
    number = "540102198001010011"
    assert ring("id", number) == keyed_hash(SECRET, "id", number)
    assert ring.older("id", number) is None
    assert not district_known(ring)
    ring.learn(district)
    assert district_known(ring)
    assert ring("id", number) == keyed_hash(district, "id", number)  # the same at every kiosk
    assert ring.older("id", number) == keyed_hash(SECRET, "id", number)  # found once more by it
    assert every_hash(ring, "id", number) == (ring("id", number), ring.older("id", number))
    # chip serials and phone numbers stay this installation's own
    assert ring("chip", "CHIP-1") == keyed_hash(SECRET, "chip", "CHIP-1")
    assert ring.older("chip", "CHIP-1") is None
    with pytest.raises(ValueError, match="short"):
        ring.learn(b"short")
