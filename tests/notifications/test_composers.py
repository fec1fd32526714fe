"""Messages are written by ``documents`` and queued by the modules whose change they report,
which never import it: every process that changes money must have the writers registered."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from doorstep.collections.emails import INVOICE_EMAIL
from doorstep.core.ids import new_id
from doorstep.notifications.service import NoComposer, queue_composed
from doorstep.payments.ledger.service import RECEIPT_EMAIL
from doorstep.payments.proofs.service import CONFIRMED_EMAIL, RECEIVED_EMAIL, REJECTION_EMAIL
from tests.conftest import NOW


@pytest.mark.parametrize("entry_point", ["doorstep.app", "doorstep.worker", "doorstep.seed"])
def test_each_process_registers_the_writers_of_payment_messages(entry_point: str) -> None:
    kinds = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import {entry_point}\n"
            "from doorstep.notifications.service import composer_kinds\n"
            "print(' '.join(sorted(composer_kinds())))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert {RECEIPT_EMAIL, REJECTION_EMAIL, RECEIVED_EMAIL, CONFIRMED_EMAIL, INVOICE_EMAIL} <= set(
        kinds
    )


async def test_a_message_nobody_writes_is_refused(session: AsyncSession) -> None:
    with pytest.raises(NoComposer):
        await queue_composed(
            session,
            kind="nobody_writes_this",
            ref="x",
            agency_id=new_id(),
            dedupe_key="nobody:x",
            now=NOW,
        )
