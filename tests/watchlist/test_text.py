from __future__ import annotations

from watchlist.text import collapse, is_heading, parse_document


def test_short_unpunctuated_lines_are_headings() -> None:
    assert is_heading("Reviving CPEC & BRI")
    assert is_heading("## Energy transition")
    assert not is_heading("The two sides agreed to meet.")
    assert not is_heading("and a continuation of a wrapped line")


def test_paragraphs_take_the_section_of_the_heading_above() -> None:
    text = "Statement\n\nTrade\n\nThey agreed to trade.\n\nEnergy\n\nThey agreed to build a dam.\n"
    document = parse_document(text)
    assert document.title == "Statement"
    assert [p.section for p in document.paragraphs] == ["Trade", "Energy"]


def test_long_first_line_is_the_title_not_a_paragraph() -> None:
    text = "Joint Statement of Atlantis and Lemuria on Enhancing Cooperation to Address the Climate Crisis\n\nBody."
    document = parse_document(text)
    assert document.title is not None and document.title.startswith("Joint Statement of Atlantis")
    assert len(document.paragraphs) == 1


def test_hard_wrapped_lines_join_into_one_paragraph() -> None:
    document = parse_document("The two sides agreed\nto build the railway. They also\nagreed to meet.\n")
    assert len(document.paragraphs) == 1
    assert [collapse(document.of(s)) for s in document.paragraphs[0].sentences] == [
        "The two sides agreed to build the railway.",
        "They also agreed to meet.",
    ]


def test_a_line_ending_a_sentence_ends_its_paragraph() -> None:
    document = parse_document("They agreed to build the railway.\nThey also agreed to meet.\n")
    assert len(document.paragraphs) == 2


def test_abbreviations_do_not_end_sentences() -> None:
    document = parse_document("They met Mr. Smith at the U.N. in No. 3 hall. Then they left.\n")
    sentences = [document.of(s) for s in document.paragraphs[0].sentences]
    assert sentences == ["They met Mr. Smith at the U.N. in No. 3 hall.", "Then they left."]


def test_sentence_spans_point_into_the_original_text() -> None:
    text = "Heading\n\n  First one. Second one.\n"
    document = parse_document(text)
    spans = document.paragraphs[0].sentences
    assert [text[s.start : s.end] for s in spans] == ["First one.", "Second one."]
