from __future__ import annotations

from pathlib import Path

import pytest

from watchlist import WatchlistError
from watchlist.communique import MAX_BYTES, read_communique


def _file(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "statement.txt"
    path.write_bytes(data)
    return path


def test_plain_utf8_text_is_returned_as_is(tmp_path: Path) -> None:
    text = "Trade\n\nThe two sides agreed to meet — soon.\n"
    assert read_communique(_file(tmp_path, text.encode())) == text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b"  \n\n ", "the file is empty"),
        (b"The two sides agreed to meet \xe9t\xe9.", r"not UTF-8 text \(invalid byte 0xe9 at offset 29\)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary data"),
        (b"<html><body><p>The two sides agreed.</p><p>More.</p></body></html>", "looks like HTML"),
    ],
)
def test_unusable_files_are_refused_with_a_reason(tmp_path: Path, data: bytes, message: str) -> None:
    with pytest.raises(WatchlistError, match=message):
        read_communique(_file(tmp_path, data))


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    path = _file(tmp_path, b"The two sides agreed to meet.\n" * (5 * MAX_BYTES // 30))
    with pytest.raises(WatchlistError, match=r"5\.0 MB is too large"):
        read_communique(path)


def test_missing_file_and_directory_are_refused(tmp_path: Path) -> None:
    with pytest.raises(WatchlistError, match="file not found"):
        read_communique(tmp_path / "absent.txt")
    with pytest.raises(WatchlistError, match="is a directory"):
        read_communique(tmp_path)
