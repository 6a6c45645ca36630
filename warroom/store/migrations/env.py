"""Alembic environment: always driven programmatically by warroom.store.migrate."""

from alembic import context

from warroom.store.models import metadata

config = context.config


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("Warroom migrations run through warroom.store.migrate, not the alembic CLI.")
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
