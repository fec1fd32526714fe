"""Schema migrations: upgrade to head, and whether a database is current."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.exc import ProgrammingError
from sqlalchemy.ext.asyncio import AsyncConnection

from doorstep.core.settings import REPO_ROOT


def alembic_config(database_url: str) -> Config:
    config = Config(str(REPO_ROOT / "alembic.ini"))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(Config(str(REPO_ROOT / "alembic.ini"))).get_current_head()


def upgrade_to_head(database_url: str) -> None:
    command.upgrade(alembic_config(database_url), "head")


async def current_revision(connection: AsyncConnection) -> str | None:
    try:
        async with connection.begin_nested():
            revision = await connection.scalar(text("SELECT version_num FROM alembic_version"))
            return str(revision) if revision is not None else None
    except ProgrammingError:
        return None


async def schema_is_current(connection: AsyncConnection) -> bool:
    return await current_revision(connection) == head_revision()
