"""Small generic word lists the matcher leans on: language data, not tied to any communique.

`COMMON_NEWS_WORDS` stands in for the background word frequencies the matcher cannot learn from
a watchlist of a few dozen pledges: "meeting", "minister" or "projects" are rare among one
communique's pledges but appear in a large share of all news, so alone they say little.

`FACILITY_WORDS` are nouns for built things: "Khunjerab Border Port" is the place "Khunjerab"
plus such nouns, and news often names only the place.
"""

from __future__ import annotations

_WORDS = """
accord agency agreement agreements aid area areas assistance authority begin begins big bilateral
board body budget business businesses case cases cities city commission committee common companies
company conference conflict cooperation cost costs council countries country day days deal deals
defence defense develop developing development economic economy education end ends energy event
events exchange exchanges fall federal finance financial firm firms first food foreign forum forums
framework fund funding funds future global goods government governments group groups growth health
high higher important increase industries industry information international investment investments
investor investors issue issues joint key large last launch launched launches leader leaders level
levels low lower main major management market markets matter media meet meeting memorandum military
minister ministers ministry money month months mou mutual nation national nations network networks
new news next number official officials open opening opens part partnership partnerships peace
people phase plan plans policies policy power premier president press price prices prime private
problem problems product products program programme programs progress project projects provincial
public record region regional relations report reports rise safety said say says second sector
sectors security service services session sessions small special stability stage start starts state
statement states step steps summit support system systems talk talks tax taxes technology third
ties time times today trade visit visits war water week weeks work works world year years
"""

_FACILITIES = """
port seaport airport pass border crossing zone free trade dry dam railway highway motorway expressway
bridge tunnel park plant station terminal harbour harbor canal pipeline
"""

COMMON_NEWS_WORDS = frozenset(_WORDS.split())
FACILITY_WORDS = frozenset(_FACILITIES.split())
