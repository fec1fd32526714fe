"""Stored files encrypted at rest (seed 002, "sensitive data encryption"): what the table holds
is an envelope, never the file; the API still hands the file back; keys rotate; an altered
envelope is caught; production refuses to start without a key of its own."""

from __future__ import annotations

import asyncio
import base64
import io
import os
import sys
import uuid

import asyncpg
import httpx
import pytest
import structlog
from alembic import command
from fastapi import FastAPI
from PIL import Image
from sqlalchemy import LargeBinary, select, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from doorstep.agencies.models import StaffRole
from doorstep.core import encryption
from doorstep.core.clock import FixedClock
from doorstep.core.db import Database
from doorstep.core.encryption import (
    FORMAT_V1,
    EncryptedBytes,
    Keyring,
    UndecryptableData,
    encrypted_columns,
    keyring,
    reseal_stale,
    rewrite_column,
    using_keys,
)
from doorstep.core.logging import configure_logging
from doorstep.core.migrations import alembic_config
from doorstep.core.settings import (
    DEVELOPMENT_DATA_KEYS,
    Environment,
    InsecureSettings,
    Settings,
)
from doorstep.models import metadata
from doorstep.notifications.models import OutboxAttachment
from doorstep.notifications.service import Attachment, queue_email
from doorstep.payments.proofs.models import TransferProofFile
from tests.conftest import ADMIN_DSN, TEST_DB, settings_for_tests, url_of_database
from tests.factories import Factory
from tests.live import service_env

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
STRONG_SECRET = "7Ey2hQm_Vq9cLr4TzK0sWbN8fJd3XaPu6GiHo1MkRvYn5eSxUl"
SEALED = {
    "onboarding_invite_uploads.content",
    "task_assignment_uploads.content",
    "lease_documents.content",
    "incident_photos.content",
    "transfer_proof_files.content",
    "outbox_attachments.content",
    "staff_two_factor.secret",
}


def new_key(key_id: str) -> tuple[str, bytes]:
    return key_id, os.urandom(32)


def written(*pairs: tuple[str, bytes]) -> str:
    return ",".join(f"{key_id}:{base64.b64encode(key).decode()}" for key_id, key in pairs)


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


# The envelope.


def test_an_envelope_opens_under_its_key_and_column_only() -> None:
    keys = Keyring.from_pairs([new_key("k1")])
    envelope = keys.seal(PDF, "lease_documents.content")
    assert envelope[0] == FORMAT_V1
    assert envelope.startswith(keys.header())
    assert PDF not in envelope
    assert keys.open(envelope, "lease_documents.content") == PDF
    # A fresh nonce each time: the same file twice gives two envelopes.
    assert keys.seal(PDF, "lease_documents.content") != envelope
    # Moved to another column, it does not open (the associated data names the column).
    with pytest.raises(UndecryptableData, match=r"incident_photos\.content"):
        keys.open(envelope, "incident_photos.content")
    # Under another key of the same id, neither.
    stranger = Keyring.from_pairs([new_key("k1")])
    with pytest.raises(UndecryptableData, match="key is wrong or the bytes were altered"):
        stranger.open(envelope, "lease_documents.content")
    with pytest.raises(UndecryptableData, match="not configured"):
        Keyring.from_pairs([new_key("k2")]).open(envelope, "lease_documents.content")


@pytest.mark.parametrize("where", [-1, -20, 30])
def test_every_altered_byte_is_caught(where: int) -> None:
    keys = Keyring.from_pairs([new_key("k1")])
    envelope = bytearray(keys.seal(PDF, "lease_documents.content"))
    envelope[where] ^= 0x01
    with pytest.raises(UndecryptableData):
        keys.open(bytes(envelope), "lease_documents.content")


def test_a_plaintext_file_is_never_taken_for_an_envelope() -> None:
    keys = Keyring.from_pairs([new_key("k1")])
    for plaintext in (PDF, _png(), b"\x01\x02k1" + b"\0" * 40, b""):
        with pytest.raises(UndecryptableData):
            keys.open(plaintext, "lease_documents.content")


def test_every_binary_column_is_sealed() -> None:
    assert {column.purpose for column in encrypted_columns(metadata)} == SEALED
    for table in metadata.tables.values():
        for column in table.columns:
            if isinstance(column.type, LargeBinary):
                raise AssertionError(f"{table.name}.{column.name} is stored in the clear")
            if isinstance(column.type, EncryptedBytes):
                assert column.type.purpose == f"{table.name}.{column.name}"


# The settings.


def test_production_refuses_to_start_without_a_data_key_of_its_own() -> None:
    with pytest.raises(InsecureSettings, match="DOORSTEP_DATA_KEYS is required"):
        Settings(env=Environment.PRODUCTION, secret_key=STRONG_SECRET)
    with pytest.raises(InsecureSettings, match="published development key"):
        Settings(
            env=Environment.PRODUCTION, secret_key=STRONG_SECRET, data_keys=DEVELOPMENT_DATA_KEYS
        )
    good = written(new_key("k2"), new_key("k1"))
    settings = Settings(env=Environment.PRODUCTION, secret_key=STRONG_SECRET, data_keys=good)
    assert settings.data_keyring.ids == ("k2", "k1")
    # Development and tests need nothing: the published development key.
    assert Settings(env=Environment.DEVELOPMENT).data_keyring.ids == ("dev",)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("k1:" + base64.b64encode(b"s3cr3t-sixteen-b").decode(), "is 16 bytes; AES-256 needs 32"),
        ("k1:" + base64.b64encode(b"s3cr3t" * 10).decode(), "is 60 bytes"),
        ("s3cr3t-without-an-id", "written id:base64"),
        ("k1:s3cr3t!!not*base64", "is not base64"),
        ("k 1:" + base64.b64encode(b"s3cr3t" * 10).decode(), "written id:base64"),
        (written(("k1", b"s3cr3t" * 5 + b"ab"), ("k1", b"s3cr3t" * 5 + b"cd")), "given twice"),
    ],
)
@pytest.mark.parametrize("env", [Environment.PRODUCTION, Environment.DEVELOPMENT])
def test_a_malformed_data_key_stops_the_start_without_being_printed(
    value: str, message: str, env: Environment
) -> None:
    with pytest.raises(InsecureSettings, match=message) as refused:
        Settings(env=env, secret_key=STRONG_SECRET, data_keys=value)
    assert "s3cr3t" not in str(refused.value)
    assert "czNjcjN0" not in str(refused.value)  # nor its base64
    assert refused.value.__cause__ is None
    assert refused.value.__suppress_context__


# In the database.


async def test_the_tables_hold_envelopes_and_the_api_hands_the_files_back(
    client: httpx.AsyncClient, factory: Factory, session: AsyncSession
) -> None:
    agency = await factory.agency()
    manager = await factory.staff(agency, StaffRole.MANAGER)
    tenant = await factory.tenant(agency)
    lease = await factory.lease(agency, [tenant])
    staff = await factory.headers(manager)
    published = await client.post(
        f"/api/v1/leases/{lease.id}/documents",
        data={"kind": "condition_report_move_in", "title": "Move-in"},
        files={"file": ("report.pdf", PDF, "application/octet-stream")},
        headers=staff | {"Idempotency-Key": str(uuid.uuid4())},
    )
    assert published.status_code == 201, published.text
    proof = await factory.transfer_proof(agency, lease, tenant, content=PDF)

    raw = await session.scalar(
        text("SELECT content FROM lease_documents WHERE id = :id"),
        {"id": uuid.UUID(published.json()["id"])},
    )
    assert raw is not None
    assert raw.startswith(keyring().header())
    assert PDF not in raw
    assert published.json()["file_size"] == len(PDF)  # the plaintext's size, kept apart
    proof_raw = await session.scalar(
        text("SELECT content FROM transfer_proof_files WHERE proof_id = :id"), {"id": proof.id}
    )
    assert proof_raw is not None
    assert PDF not in proof_raw

    download = await client.get(
        f"/api/v1/leases/{lease.id}/documents/{published.json()['id']}/file", headers=staff
    )
    assert download.status_code == 200
    assert download.content == PDF
    # The ORM and Core reads open it as well.
    assert (
        await session.scalar(
            select(TransferProofFile.content).where(TransferProofFile.proof_id == proof.id)
        )
        == PDF
    )


async def test_an_altered_file_is_a_logged_server_error_that_names_no_key(
    app: FastAPI,
    factory: Factory,
    session: AsyncSession,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    agency = await factory.agency()
    manager = await factory.staff(agency, StaffRole.MANAGER)
    tenant = await factory.tenant(agency)
    lease = await factory.lease(agency, [tenant])
    staff = await factory.headers(manager)
    configure_logging("INFO", json_output=True)
    monkeypatch.setattr(encryption, "log", structlog.get_logger(encryption.__name__))
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        published = await client.post(
            f"/api/v1/leases/{lease.id}/documents",
            data={"kind": "condition_report_move_in", "title": "Move-in"},
            files={"file": ("report.pdf", PDF, "application/octet-stream")},
            headers=staff | {"Idempotency-Key": str(uuid.uuid4())},
        )
        assert published.status_code == 201, published.text
        document_id = published.json()["id"]
        # One bit of the ciphertext flipped in place, as a tampered backup would have it.
        await session.execute(
            text(
                "UPDATE lease_documents SET content = set_byte(content, length(content) - 1, "
                "get_byte(content, length(content) - 1) # 1) WHERE id = :id"
            ),
            {"id": uuid.UUID(document_id)},
        )
        response = await client.get(
            f"/api/v1/leases/{lease.id}/documents/{document_id}/file", headers=staff
        )
    configure_logging("WARNING")

    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"].endswith("internal-error")
    logged = capsys.readouterr().err
    assert '"event": "stored_file_undecryptable"' in logged
    assert '"column": "lease_documents.content"' in logged
    assert "the key is wrong or the bytes were altered" in logged
    dev_key = DEVELOPMENT_DATA_KEYS.split(":", 1)[1]
    assert dev_key not in logged
    assert dev_key.rstrip("=") not in logged


async def test_a_rotated_key_still_opens_and_the_old_rows_are_resealed(
    connection: AsyncConnection, session: AsyncSession, factory: Factory
) -> None:
    old, new = new_key("old"), new_key("new")
    agency = await factory.agency()
    tenant = await factory.tenant(agency)
    lease = await factory.lease(agency, [tenant])
    with using_keys(Keyring.from_pairs([old])):
        first = await factory.transfer_proof(agency, lease, tenant, content=PDF)
        second = await factory.transfer_proof(agency, lease, tenant, content=PDF + b"2")
        await session.flush()

    async def raw(proof_id: uuid.UUID) -> bytes:
        value = await session.scalar(
            text("SELECT content FROM transfer_proof_files WHERE proof_id = :id"),
            {"id": proof_id},
        )
        assert value is not None
        return bytes(value)

    rotated = Keyring.from_pairs([new, old])
    column = next(c for c in encrypted_columns(metadata) if c.table == "transfer_proof_files")
    with using_keys(rotated):
        # The old key still opens what it sealed; new files are sealed under the new one.
        read = select(TransferProofFile.content).where(TransferProofFile.proof_id == first.id)
        assert await session.scalar(read) == PDF
        third = await factory.transfer_proof(agency, lease, tenant, content=PDF + b"3")
        await session.flush()
        assert (await raw(third.id)).startswith(rotated.header("new"))
        assert (await raw(first.id)).startswith(rotated.header("old"))

        resealed = await connection.run_sync(rewrite_column, column, rotated, source="stale")
        assert resealed == 2  # the third was under the new key already
        again = await connection.run_sync(rewrite_column, column, rotated, source="stale")
        assert again == 0

    with using_keys(Keyring.from_pairs([new])):  # the old key is gone
        for proof, content in ((first, PDF), (second, PDF + b"2"), (third, PDF + b"3")):
            assert (await raw(proof.id)).startswith(rotated.header("new"))
            read = select(TransferProofFile.content).where(TransferProofFile.proof_id == proof.id)
            assert await session.scalar(read) == content


async def doorstep_cli(*args: str, **env: str) -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "doorstep.cli",
        *args,
        env=service_env(**env),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=120)
    assert process.returncode is not None
    return process.returncode, stdout.decode(), stderr.decode()


async def test_encrypt_files_reseals_under_the_first_key(
    committed_database: Database, clock: FixedClock
) -> None:
    old, new = new_key("old"), new_key("new")
    async with committed_database.transaction() as session:
        factory = Factory(session, None, clock)  # type: ignore[arg-type]
        agency = await factory.agency()
        tenant = await factory.tenant(agency)
        lease = await factory.lease(agency, [tenant])
        with using_keys(Keyring.from_pairs([old])):
            proof = await factory.transfer_proof(agency, lease, tenant, content=PDF)

    code, out, err = await doorstep_cli("encrypt-files", DOORSTEP_DATA_KEYS=written(new, old))
    assert code == 0, err
    assert "under data key 'new'" in err
    assert "transfer_proof_files.content" in out
    assert "1 re-encrypted" in out
    assert base64.b64encode(new[1]).decode() not in out + err

    with using_keys(Keyring.from_pairs([new])):
        async with committed_database.transaction() as session:
            read = select(TransferProofFile.content).where(TransferProofFile.proof_id == proof.id)
            assert await session.scalar(read) == PDF
        # In-process, a second run finds nothing left to do.
        done = await reseal_stale(
            committed_database.engine, encrypted_columns(metadata), Keyring.from_pairs([new])
        )
        assert set(done.values()) == {0}


def test_settings_for_tests_can_run_as_production() -> None:
    assert settings_for_tests(env=Environment.PRODUCTION).is_production


def test_the_migration_seals_the_files_written_before_and_its_downgrade_opens_them() -> None:
    name = f"{TEST_DB}_sealing"
    scratch = url_of_database(name)
    before = "d81f3b6a2c47"  # the revision before files were sealed
    files = {uuid.uuid4(): os.urandom(50) + PDF for _ in range(encryption.BATCH_ROWS * 2 + 3)}
    upload = uuid.uuid4()
    invite = uuid.uuid4()  # two uploads: a key of two columns
    rendered_later = uuid.uuid4()

    async def admin(statement: str) -> None:
        connection = await asyncpg.connect(ADMIN_DSN)
        try:
            await connection.execute(statement)
        finally:
            await connection.close()

    async def scratch_connection() -> asyncpg.Connection:
        return await asyncpg.connect(ADMIN_DSN, database=name)

    async def write_plaintext() -> None:
        connection = await scratch_connection()
        try:
            # The files alone: the rows they belong to do not matter here.
            await connection.execute("SET session_replication_role = replica")
            await connection.executemany(
                "INSERT INTO transfer_proof_files (proof_id, content) VALUES ($1, $2)",
                list(files.items()),
            )
            await connection.execute(
                "INSERT INTO task_assignment_uploads (assignment_id, file_name, content_type, "
                "content) VALUES ($1, 'payslip.pdf', 'application/pdf', $2)",
                upload,
                PDF,
            )
            await connection.executemany(
                "INSERT INTO onboarding_invite_uploads (invite_id, position, file_name, "
                "content_type, content) VALUES ($1, $2, 'id.pdf', 'application/pdf', $3)",
                [(invite, position, PDF + bytes([position])) for position in (1, 2)],
            )
            await connection.execute(
                "INSERT INTO outbox_attachments (id, message_id, position, filename, "
                "content_type, renderer, renderer_ref) VALUES ($1, $1, 0, 'receipt.pdf', "
                "'application/pdf', 'receipt', 'x')",
                rendered_later,
            )
        finally:
            await connection.close()

    async def stored() -> dict[uuid.UUID, bytes | None]:
        connection = await scratch_connection()
        try:
            rows = await connection.fetch("SELECT proof_id, content FROM transfer_proof_files")
            found = {row[0]: row[1] for row in rows}
            found[upload] = await connection.fetchval(
                "SELECT content FROM task_assignment_uploads WHERE assignment_id = $1", upload
            )
            for position in (1, 2):
                found[uuid.UUID(int=position)] = await connection.fetchval(
                    "SELECT content FROM onboarding_invite_uploads "
                    "WHERE invite_id = $1 AND position = $2",
                    invite,
                    position,
                )
            found[rendered_later] = await connection.fetchval(
                "SELECT content FROM outbox_attachments WHERE id = $1", rendered_later
            )
            return found
        finally:
            await connection.close()

    asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    asyncio.run(admin(f'CREATE DATABASE "{name}"'))
    try:
        config = alembic_config(scratch)
        command.upgrade(config, before)
        asyncio.run(write_plaintext())

        command.upgrade(config, "head")
        sealed = asyncio.run(stored())
        keys = keyring()
        assert sealed[rendered_later] is None  # nothing to seal until it is rendered
        upload_envelope = sealed[upload]
        assert upload_envelope is not None
        assert keys.open(upload_envelope, "task_assignment_uploads.content") == PDF
        for position in (1, 2):
            invite_envelope = sealed[uuid.UUID(int=position)]
            assert invite_envelope is not None
            opened_upload = keys.open(invite_envelope, "onboarding_invite_uploads.content")
            assert opened_upload == PDF + bytes([position])
        for proof_id, content in files.items():
            envelope = sealed[proof_id]
            assert envelope is not None
            assert envelope.startswith(keys.header())
            assert keys.open(envelope, "transfer_proof_files.content") == content

        command.downgrade(config, before)
        opened = asyncio.run(stored())
        assert opened == {
            **files,
            upload: PDF,
            uuid.UUID(int=1): PDF + b"\x01",
            uuid.UUID(int=2): PDF + b"\x02",
            rendered_later: None,
        }
    finally:
        asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def test_the_outbox_insert_built_once_seals_attachments_too(
    session: AsyncSession, factory: Factory
) -> None:
    agency = await factory.agency()
    message = await queue_email(
        session,
        agency_id=agency.id,
        to="tara@example.com",
        subject="Your receipt",
        text="Attached.",
        kind="test",
        attachments=[Attachment("receipt.pdf", "application/pdf", content=PDF)],
    )
    raw = await session.scalar(
        text("SELECT content FROM outbox_attachments WHERE message_id = :id"), {"id": message.id}
    )
    assert raw is not None
    assert raw.startswith(keyring().header())
    assert PDF not in raw
    attachment = await session.scalar(
        select(OutboxAttachment).where(OutboxAttachment.message_id == message.id)
    )
    assert attachment is not None
    assert attachment.content == PDF
