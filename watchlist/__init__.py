"""The watchlist: pledges of a communique as plain values, generated, validated, edited and reloaded.

Everything other packages need is re-exported here; the modules behind it are private detail.
"""

from watchlist.check import check_watchlist
from watchlist.communique import read_communique
from watchlist.edit import add_commitment, remove_commitment, set_field, write_atomically
from watchlist.errors import WatchlistError
from watchlist.generate import generate_watchlist, slugify
from watchlist.model import Commitment, Kind, Source, Watchlist
from watchlist.places import Place, find_parties, place_book, places_named
from watchlist.problems import Problem
from watchlist.reload import ReloadOutcome, WatchlistReloader
from watchlist.schema import parse_date
from watchlist.toml_io import load_watchlist, parse_watchlist, render_watchlist
from watchlist.vocabulary import everyday_word, guarded_name

__all__ = [
    "Commitment",
    "Kind",
    "Place",
    "Problem",
    "ReloadOutcome",
    "Source",
    "Watchlist",
    "WatchlistError",
    "WatchlistReloader",
    "add_commitment",
    "check_watchlist",
    "everyday_word",
    "find_parties",
    "generate_watchlist",
    "guarded_name",
    "load_watchlist",
    "parse_date",
    "parse_watchlist",
    "place_book",
    "places_named",
    "read_communique",
    "remove_commitment",
    "render_watchlist",
    "set_field",
    "slugify",
    "write_atomically",
]
