"""The matcher as configured: the rules, the semantic stage when its model is installed, and what readers
taught it. One place builds it for `run`, `match` and `explain`, so all three decide alike."""

from __future__ import annotations

from dataclasses import dataclass

from bot.config import MatcherSettings
from matcher import Embedder, Feedback, LearnedModel, Matcher, SemanticSettings, compile_matcher
from matcher.semantic import Embedder as ModelEmbedder
from matcher.semantic import ModelUnavailable
from storage import Database, list_verdicts
from watchlist import Watchlist


@dataclass(frozen=True, slots=True)
class SemanticStage:
    """The loaded model, or why there is none (`status` is one line for the log or the console)."""

    embedder: Embedder | None
    status: str


def load_semantic_stage(settings: MatcherSettings) -> SemanticStage:
    """The semantic stage's model from `[matcher] model_dir`, or the reason matching runs on rules alone."""
    if not settings.semantic:
        return SemanticStage(None, "semantic stage off ([matcher] semantic = false): matching on rules alone")
    loaded = ModelEmbedder.load(settings.model_dir)
    if isinstance(loaded, ModelUnavailable):
        return SemanticStage(
            None, f"semantic stage off: {loaded.reason}; matching on rules alone (install: pledgewatch model fetch)"
        )
    return SemanticStage(loaded, f"semantic stage on: {settings.model_dir.name} from {settings.model_dir}")


def build_matcher(
    watchlist: Watchlist, settings: MatcherSettings, stage: SemanticStage, model: LearnedModel | None = None
) -> Matcher:
    return compile_matcher(
        watchlist,
        settings.threshold,
        embedder=stage.embedder,
        semantic=SemanticSettings(settings.semantic_filter, settings.semantic_add),
        model=model,
    )


async def learn_from_stored(database: Database, matcher: Matcher, settings: MatcherSettings) -> LearnedModel | None:
    """A model fitted to the stored verdicts the config says to learn from (admins', or everyone's)."""
    async with database.transaction() as connection:
        verdicts = await list_verdicts(connection, admins_only=settings.learn_from == "admins")
    return matcher.learn([Feedback(v.title, v.summary, v.commitment_id, v.relevant) for v in verdicts])
