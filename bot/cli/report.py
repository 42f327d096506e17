"""`pledgewatch report --html DIR`: the public pledge-tracker site, written once (`run` can keep it fresh)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bot.cli.common import ConfigOption, fail, load_or_fail, open_for_reading, run_async

if TYPE_CHECKING:
    from bot.site import Published


def report_command(
    html: Annotated[Path, typer.Option("--html", help="Folder to write the site into (created if missing).")],
    config: ConfigOption = None,
) -> None:
    """Write the pledge-tracker site: index.html and one page per pledge, loading nothing from the network."""
    from bot.services import utc_now
    from bot.site import publish_site
    from watchlist import WatchlistError, load_watchlist

    loaded = load_or_fail(config)
    try:
        watchlist = load_watchlist(loaded.watchlist.path)
    except WatchlistError as error:
        fail(str(error))

    async def publish() -> Published:
        database = await open_for_reading(loaded)
        try:
            return await publish_site(database, watchlist, html, utc_now())
        except OSError as error:  # the folder, not the database: say which
            fail(f"--html {html}: cannot write the site: {error.strerror or error}")
        finally:
            await database.close()

    if html.exists() and not html.is_dir():
        fail(f"--html {html}: not a folder")
    published = run_async(publish(), loaded)
    typer.echo(
        f"tracker site: {published.written} pages written, {published.unchanged} unchanged in "
        f"{published.folder.resolve()} (open {(published.folder / 'index.html').resolve()})"
    )
