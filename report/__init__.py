"""The public pledge-tracker site, rendered from plain values: pledges with their statuses in, pages' text out.

    pages = render_site(statuses, watchlist.source, now)   # {"index.html": "<!doctype html>…", "ml-1.html": …}

Pure: no I/O, no network. `pledgewatch report --html DIR` (bot/cli/report.py) writes the pages; every
page inlines its stylesheet (and the index its filter script), so the site works from file://.
"""

from report.site import render_site

__all__ = ["render_site"]
