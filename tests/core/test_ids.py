"""Batches of ids (``new_ids``) are UUIDv7s like ``new_id``'s, distinct and in order."""

from __future__ import annotations

import uuid

from doorstep.core.ids import new_id, new_ids


def test_a_batch_is_distinct_ascending_uuid7s() -> None:
    ids = new_ids(10_000)
    assert len(ids) == 10_000
    assert len(set(ids)) == len(ids)
    assert ids == sorted(ids)
    assert {(i.version, i.variant) for i in ids} == {(7, uuid.RFC_4122)}


def test_a_batch_shares_the_time_layout_of_single_ids() -> None:
    # The top 48 bits are Unix milliseconds: a batch and a single id made next to it read
    # the same clock, so their stamps are close (within a minute, however loaded the machine).
    single, batch = new_id(), new_ids(3)
    assert all(abs((i.int >> 80) - (single.int >> 80)) < 60_000 for i in batch)


def test_no_ids_for_none() -> None:
    assert new_ids(0) == []
