"""How the matcher links an article to pledges: names, context, vetoes, weights, explanations."""

from __future__ import annotations

import pytest

from matcher import DEFAULT_THRESHOLD, Matcher, compile_matcher
from tests.matcher.small_watchlist import FLOODS, WATCHLIST, commitment, matched
from watchlist import Commitment, Source, Watchlist


@pytest.mark.parametrize(
    "title",
    [
        "ML-1 financing talks resume",
        "ML 1 financing talks resume",
        "ML1 financing talks resume",
        "Mainline-1 financing talks resume",
        "Main Line 1 financing talks resume",
        "main-line-1 financing talks resume",
        "Why ML-1's financing matters",
    ],
)
def test_alias_matches_however_news_writes_it(matcher: Matcher, title: str) -> None:
    assert matched(matcher, title) == ["ml-1"]


def test_a_different_number_is_a_different_name(matcher: Matcher) -> None:
    assert matched(matcher, "ML-10 financing talks resume") == []


def test_alias_tolerates_one_vowel_of_transliteration(matcher: Matcher) -> None:
    assert matched(matcher, "Pakistan opens new berth at Gawadar") == ["gwadar"]


def test_possessive_does_not_break_a_name(matcher: Matcher) -> None:
    assert matched(matcher, "Karachi Circular Railway's new stations open") == ["kcr"]


def test_one_word_alias_needs_corroboration(matcher: Matcher) -> None:
    assert matched(matcher, "Gwadar cricket stadium hosts first match") == []


def test_one_word_alias_with_a_party_named_matches(matcher: Matcher) -> None:
    assert matched(matcher, "Chinese investors tour Gwadar") == ["gwadar"]


def test_keywords_without_the_parties_do_not_match(matcher: Matcher) -> None:
    assert matched(matcher, "India upgrades railway track on busiest route") == []


def test_keywords_with_both_parties_match(matcher: Matcher) -> None:
    assert matched(matcher, "China and Pakistan agree railway track upgrade") == ["ml-1"]


def test_a_lone_keyword_is_not_enough(matcher: Matcher) -> None:
    assert matched(matcher, "Pakistan and China discuss tariff") == []


def test_plural_and_verb_forms_of_keywords_count(matcher: Matcher) -> None:
    assert matched(matcher, "China sends relief to Pakistan's flood survivors") == ["floods"]
    assert matched(matcher, "Chinese relief reaches Pakistan's flooded districts") == ["floods"]


def test_exclude_vetoes_a_pledge(matcher: Matcher) -> None:
    [vetoed] = [
        m for m in matcher.explain("Pakistan and China flood insurance relief plan") if m.score == 0.0 and m.why
    ]
    assert vetoed.commitment == FLOODS.id
    assert vetoed.why[0] == "exclude: flood insurance"


def test_words_inside_a_name_do_not_count_for_another_pledge(matcher: Matcher) -> None:
    assert matched(matcher, "Pakistan and China to relay the Karachi Circular Railway track") == ["kcr"]


def test_title_weighs_more_than_summary(matcher: Matcher) -> None:
    [in_title] = matcher.match("Main Line-1 upgrade approved", "")
    [in_summary] = matcher.match("Cabinet meets", "Main Line-1 upgrade approved")
    assert in_title.score > in_summary.score >= DEFAULT_THRESHOLD


def test_an_article_can_match_several_pledges(matcher: Matcher) -> None:
    assert set(matched(matcher, "JCC reviews ML-1 and the Karachi Circular Railway")) == {"ml-1", "kcr"}


def test_matches_come_best_first_with_reasons(matcher: Matcher) -> None:
    matches = matcher.match("ML-1 railway and Gwadar port projects reviewed by Pakistan and China")
    assert [m.commitment for m in matches] == ["ml-1", "gwadar"]
    assert matches[0].score > matches[1].score
    assert matches[0].why[:2] == ("alias: ML-1", "keyword: railway")
    assert matches[1].why[:2] == ("alias: Gwadar", "keyword: port")


def test_an_article_is_about_its_main_topic_not_every_pledge_it_brushes(matcher: Matcher) -> None:
    title = "ML-1 railway deal signed as Pakistan and China also cut tariff on trade"
    assert matched(matcher, "Pakistan and China cut tariff on trade") == ["cpfta"]
    assert matched(matcher, title) == ["ml-1"]
    explained = {m.commitment: m for m in matcher.explain(title)}
    assert "not the main topic: ml-1 is far stronger" in explained["cpfta"].why


def test_explain_scores_every_pledge_including_zero(matcher: Matcher) -> None:
    explained = matcher.explain("ML-1 financing talks resume")
    assert sorted(m.commitment for m in explained) == sorted(c.id for c in WATCHLIST.commitments)
    assert explained[0].commitment == "ml-1"
    assert all(0.0 <= m.score < 1.0 for m in explained)
    assert explained[-1].score == 0.0 and explained[-1].why == ()


def test_threshold_decides_what_is_a_match() -> None:
    strict = compile_matcher(WATCHLIST, threshold=0.95)
    assert strict.match("ML-1 financing talks resume") == []
    assert strict.threshold == 0.95


def test_threshold_outside_zero_to_one_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 0 and below 1"):
        compile_matcher(WATCHLIST, threshold=1.5)


def test_nothing_in_the_matcher_is_specific_to_one_communique() -> None:
    quote = "Kenya and Japan agreed to complete the Mombasa Gate Bridge, with Japan financing it."
    bridge = commitment("bridge", quote, aliases=("Mombasa Gate Bridge",), keywords=("bridge", "financing", "toll"))
    other = commitment("rice", "Kenya and Japan will expand rice research, Japan said.", keywords=("rice",))
    matcher = compile_matcher(Watchlist((bridge, other), Source("Kenya–Japan joint statement", None, "x")))
    assert matched(matcher, "Japan and Kenya sign bridge financing and toll deal") == ["bridge"]
    assert matched(matcher, "Norway opens bridge with new toll financing") == []


def test_party_names_are_context_not_keywords() -> None:
    quote = "Pakistan and China agreed that China will build roads in Pakistan, China said."
    roads = commitment("roads", quote, keywords=("roads", "Pakistan-China", "Chinese"))
    matcher = compile_matcher(Watchlist((roads,), Source("Pakistan–China statement", None, "x")))
    assert matched(matcher, "Pakistan-China friendship week opens") == []


def _single(
    keywords: tuple[str, ...] = (), *, title: str = "pledge", section: str = "", aliases: tuple[str, ...] = ()
) -> Matcher:
    """A watchlist of one pledge plus a bystander, between Pakistan and China."""
    quote = "Pakistan and China agreed that China would help, Pakistan said."
    pledge = Commitment("pledge", title, section, quote, aliases=aliases, keywords=keywords)
    bystander = commitment("other", "Pakistan and China will also plant trees, China said.", keywords=("trees",))
    return compile_matcher(Watchlist((pledge, bystander), Source("Pakistan–China communique", None, "x")))


def test_the_place_in_a_facility_alias_names_the_pledge_when_a_keyword_agrees() -> None:
    matcher = _single(("trade", "customs"), aliases=("Khunjerab Border Port",))
    assert matched(matcher, "Khunjerab pass reopens for trade") == ["pledge"]
    assert matched(matcher, "Chinese researchers photograph snow leopards near Khunjerab") == []


def _umbrella() -> Matcher:
    programme = Commitment(
        "momentum",
        "Continue the momentum of CPEC projects",
        "",
        "Pakistan and China agreed to continue the momentum of CPEC projects.",
        aliases=("CPEC", "China-Pakistan Economic Corridor"),
        keywords=("projects", "momentum"),
    )
    rail = Commitment(
        "rail",
        "Build the ML-1 railway",
        "",
        "China agreed to build the ML-1 railway under the CPEC framework.",
        aliases=("ML-1",),
        keywords=("railway",),
        parent="momentum",
    )
    return compile_matcher(Watchlist((programme, rail), Source("Pakistan–China communique", None, "x")))


def test_an_umbrella_pledge_gets_news_about_the_programme_as_a_whole() -> None:
    assert matched(_umbrella(), "China and Pakistan review CPEC projects") == ["momentum"]


def test_an_umbrella_pledge_is_explained_by_its_part() -> None:
    matcher = _umbrella()
    assert matched(matcher, "CPEC: ML-1 railway financing agreed") == ["rail"]
    explained = {m.commitment: m for m in matcher.explain("CPEC: ML-1 railway financing agreed")}
    assert "umbrella: explained by rail" in explained["momentum"].why


def test_a_name_that_implies_both_parties_counts_as_naming_them() -> None:
    """ "CPEC" is the China-Pakistan Economic Corridor: CPEC news is Pakistan–China news."""
    matcher = _single(("railway", "track"))
    joint = _umbrella()
    assert matched(joint, "CPEC momentum: projects speed up") == ["momentum"]
    assert matched(matcher, "Railway track relaid in Peru") == []


def test_a_name_found_only_in_the_summary_does_not_make_the_subject(matcher: Matcher) -> None:
    title = "Pakistan and China sign flood relief plan for survivors"
    assert matched(matcher, title, "Officials also mentioned Gwadar in passing. More relief follows.") == ["floods"]
    explained = {m.commitment: m for m in matcher.explain(title, "Officials also mentioned Gwadar in passing.")}
    assert any("summary only" in note for note in explained["gwadar"].why)


def test_a_name_opening_the_summary_can_make_the_subject_when_the_title_sets_none(matcher: Matcher) -> None:
    assert matched(matcher, "Cabinet meets", "The Main Line-1 upgrade was approved with Chinese funding.") == ["ml-1"]


def test_news_between_other_countries_is_not_about_the_communique(matcher: Matcher) -> None:
    assert matched(matcher, "India and China agree to cut tariff on trade") == []
    assert matched(matcher, "Pakistan and China agree to cut tariff on trade") == ["cpfta"]


def test_a_one_word_name_beside_other_countries_is_their_news() -> None:
    matcher = _single((), aliases=("Kashmir",))
    assert matched(matcher, "China restates Kashmir stance after Pakistan talks") == ["pledge"]
    assert matched(matcher, "India holds Kashmir assembly election, US observers note") == []


def test_a_heading_word_over_one_pledge_weighs_double() -> None:
    under_heading = _single(("flood", "survivors"), section="Floods")
    plain = _single(("flood", "survivors"))
    assert matched(under_heading, "China sends flood aid to Pakistan") == ["pledge"]
    assert matched(plain, "China sends flood aid to Pakistan") == []


def test_two_forms_of_one_name_are_one_clue() -> None:
    matcher = _single(("afghanistan", "afghan", "humanitarian"))
    assert matched(matcher, "China and Pakistan discuss Afghan refugees in Afghanistan") == []


def test_common_news_words_alone_do_not_make_a_match() -> None:
    matcher = _single(("committee", "meeting", "tariff"))
    assert matched(matcher, "Pakistan and China hold committee meeting") == []
    assert matched(matcher, "Pakistan and China committee agrees tariff cuts") == ["pledge"]
