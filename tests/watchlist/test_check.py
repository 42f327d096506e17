from __future__ import annotations

import re
from pathlib import Path

from watchlist import Problem, check_watchlist


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_valid_watchlist_has_no_problems(watchlist_file: Path) -> None:
    assert check_watchlist(watchlist_file) == []


def _line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), start=1) if needle in line)


def test_quote_not_in_source_is_an_error_on_its_line(watchlist_file: Path) -> None:
    _edit(watchlist_file, "agreed to build the Lakeside", "agreed to finish the Lakeside")
    problems = check_watchlist(watchlist_file)
    assert [(p.severity, p.line) for p in problems] == [("error", _line_of(watchlist_file, "to finish"))]
    assert "quote: not found verbatim in statement.txt" in problems[0].message


def test_quote_may_differ_from_source_only_in_whitespace(watchlist_file: Path) -> None:
    _edit(watchlist_file, "agreed to build the Lakeside", "agreed to  build\\nthe Lakeside")
    assert check_watchlist(watchlist_file) == []


def test_missing_source_file_is_an_error(watchlist_file: Path) -> None:
    (watchlist_file.parent / "statement.txt").unlink()
    problems = check_watchlist(watchlist_file)
    assert [(p.severity, p.line) for p in problems] == [("error", _line_of(watchlist_file, "path ="))]


def test_all_errors_are_reported_not_just_the_first(watchlist_file: Path) -> None:
    _edit(watchlist_file, 'title = "Hill Pass crossing"\n', "")
    _edit(watchlist_file, "deadline = 2026-12-31", 'deadline = "2026-13-01"')
    messages = [p.message for p in check_watchlist(watchlist_file)]
    assert messages == [
        'commitment "lakeside-railway": deadline: expected an ISO date, got "2026-13-01"',
        'commitment "hill-pass": title: missing',
    ]


def test_invalid_toml_is_one_error_with_its_line(watchlist_file: Path) -> None:
    _edit(watchlist_file, 'title = "Lakeside Railway"', "title = Lakeside Railway")
    problems = check_watchlist(watchlist_file)
    assert len(problems) == 1 and problems[0].message.startswith("invalid TOML")
    assert problems[0].line == _line_of(watchlist_file, "title = Lakeside Railway")


def test_generic_single_word_alias_is_a_warning(watchlist_file: Path) -> None:
    _edit(watchlist_file, 'aliases = ["Hill Pass"]', 'aliases = ["Hill Pass", "railway", "trade"]')
    warnings = [p for p in check_watchlist(watchlist_file) if p.severity == "warning"]
    assert len(warnings) == 2 and all("generic" in p.message for p in warnings)


def test_alias_naming_a_party_is_a_warning(tmp_path: Path, watchlist_file: Path) -> None:
    source = watchlist_file.parent / "statement.txt"
    source.write_text(source.read_text() + "\nAtlantis will help. Atlantis will pay.\n\nAtlantis agreed to host.\n")
    _edit(watchlist_file, 'aliases = ["Hill Pass"]', 'aliases = ["Atlantis"]')
    assert ["names a party" in p.message for p in check_watchlist(watchlist_file)] == [True]


def test_alias_shared_by_two_commitments_is_a_warning(watchlist_file: Path) -> None:
    _edit(watchlist_file, 'aliases = ["Hill Pass"]', 'aliases = ["Lakeside Railway"]')
    assert any('also identifies "lakeside-railway"' in p.message for p in check_watchlist(watchlist_file))


def test_problem_renders_like_a_compiler_message() -> None:
    assert str(Problem("error", "watchlist.toml", 12, "boom")) == "watchlist.toml:12: error: boom"
    assert str(Problem("warning", "w.toml", None, "hm")) == "w.toml: warning: hm"


def test_missing_file_is_an_error(tmp_path: Path) -> None:
    assert [p.severity for p in check_watchlist(tmp_path / "absent.toml")] == ["error"]


def test_alias_naming_a_known_country_party_is_a_warning(watchlist_file: Path) -> None:
    """The parties are found in the place book from the source title, however rarely the text names them."""
    _edit(watchlist_file, 'aliases = ["Hill Pass"]', 'aliases = ["Hill Pass", "China"]')
    text = watchlist_file.read_text(encoding="utf-8")
    watchlist_file.write_text(re.sub(r'(\[source\]\ntitle = )"[^"]*"', r'\1"Pakistan–China joint statement"', text))
    assert ["names a party" in p.message for p in check_watchlist(watchlist_file)] == [True]


def test_a_grammar_word_alias_is_called_one(watchlist_file: Path) -> None:
    _edit(watchlist_file, 'aliases = ["Hill Pass"]', 'aliases = ["Hill Pass", "the"]')
    [problem] = check_watchlist(watchlist_file)
    assert problem.message.endswith('alias "the" is a grammar word, not a name')


def test_an_acronym_that_spells_an_everyday_word_is_a_warning(watchlist_file: Path) -> None:
    _edit(watchlist_file, 'aliases = ["Hill Pass"]', 'aliases = ["Hill Pass", "RISE", "HPX"]')
    [problem] = check_watchlist(watchlist_file)
    assert 'alias "RISE" spells an everyday word' in problem.message


def test_a_deadline_before_the_statement_is_a_warning(watchlist_file: Path) -> None:
    _edit(watchlist_file, "deadline = 2026-12-31", "deadline = 2009-12-31")
    [problem] = check_watchlist(watchlist_file)
    assert problem.severity == "warning" and "is before the statement's date" in problem.message
    assert problem.line == _line_of(watchlist_file, "deadline = 2009-12-31")


def test_a_search_query_with_a_long_exact_phrase_is_a_warning(watchlist_file: Path) -> None:
    _edit(
        watchlist_file,
        'aliases = ["Hill Pass"]',
        'aliases = ["Hill Pass"]\nsearch = "\\"Military visits, training, joint exercises\\""',
    )
    [problem] = check_watchlist(watchlist_file)
    assert "too long for news to repeat" in problem.message
