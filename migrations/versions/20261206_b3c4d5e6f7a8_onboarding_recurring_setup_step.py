"""An onboarding task can be the set-up of recurring rent (issue 13)

Revision ID: b3c4d5e6f7a8
Revises: e45d8fe0bb8a
Create Date: 2026-12-06 18:10:00.000000+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "b3c4d5e6f7a8"
down_revision: str | None = "e45d8fe0bb8a"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WITHOUT_RECURRING = "'form', 'document_upload', 'read_and_accept', 'payment'"


def upgrade() -> None:
    op.drop_constraint(
        op.f("ck_onboarding_tasks_onboarding_task_kind"), "onboarding_tasks", type_="check"
    )
    op.create_check_constraint(
        op.f("ck_onboarding_tasks_onboarding_task_kind"),
        "onboarding_tasks",
        f"kind IN ({WITHOUT_RECURRING}, 'recurring_setup')",
    )


def downgrade() -> None:
    # The older schema has no such kind; the steps copied into invites point at these tasks,
    # so the tasks cannot simply go: a downgrade refuses while any exists.
    op.execute(
        "DO $$ BEGIN IF EXISTS (SELECT 1 FROM onboarding_tasks WHERE kind = 'recurring_setup') "
        "THEN RAISE EXCEPTION 'recurring_setup onboarding tasks exist: remove them first'; "
        "END IF; END $$"
    )
    op.drop_constraint(
        op.f("ck_onboarding_tasks_onboarding_task_kind"), "onboarding_tasks", type_="check"
    )
    op.create_check_constraint(
        op.f("ck_onboarding_tasks_onboarding_task_kind"),
        "onboarding_tasks",
        f"kind IN ({WITHOUT_RECURRING})",
    )
