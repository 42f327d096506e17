"""Paths and small files shared by the watchlist tests."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "communiques" / "pakistan-china-2022-11.txt"
EXAMPLES = ROOT / "communiques" / "examples"
DATA = ROOT / "tests" / "data" / "watchlist"

SOURCE_TEXT = (
    "Trade\n\n"
    "The two sides agreed to build the Lakeside Railway by 2026. They noted the weather.\n\n"
    "Both sides resolved to open the Hill Pass border crossing.\n"
)

WATCHLIST_TEXT = """# reviewed by hand
[source]
title = "Test statement"
date = 2024-01-02
path = "statement.txt"

[[commitment]]
id = "lakeside-railway"  # the railway
title = "Lakeside Railway"
section = "Trade"
quote = "The two sides agreed to build the Lakeside Railway by 2026."
aliases = ["Lakeside Railway"]
keywords = ["railway"]
exclude = []
tags = ["transport"]
deadline = 2026-12-31

# the crossing
[[commitment]]
id = "hill-pass"
title = "Hill Pass crossing"
section = "Trade"
quote = "Both sides resolved to open the Hill Pass border crossing."
aliases = ["Hill Pass"]
keywords = ["border", "crossing"]
exclude = []
tags = ["trade"]
"""


@pytest.fixture
def watchlist_file(tmp_path: Path) -> Path:
    """A valid watchlist beside its source statement."""
    (tmp_path / "statement.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    path = tmp_path / "watchlist.toml"
    path.write_text(WATCHLIST_TEXT, encoding="utf-8")
    return path
