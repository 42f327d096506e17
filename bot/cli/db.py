"""`pledgewatch db upgrade`: bring the database schema to the current version."""

from __future__ import annotations

import typer

from bot.cli.common import ConfigOption, load_or_fail, open_database, run_async

db_app = typer.Typer(help="Manage the database schema.", no_args_is_help=True)


@db_app.command("upgrade")
def db_upgrade(config: ConfigOption = None) -> None:
    """Apply pending schema migrations (run automatically at start too)."""
    from storage import current_revision, head_revision

    loaded = load_or_fail(config)

    async def upgraded() -> str | None:
        database = await open_database(loaded)
        try:
            return await current_revision(database)
        finally:
            await database.close()

    revision = run_async(upgraded(), loaded)
    typer.echo(f"database at revision {revision} (head {head_revision()})")
