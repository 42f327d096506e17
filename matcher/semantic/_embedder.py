"""Texts in, unit vectors out: the sentence-embedding model on onnxruntime, pooled as sentence-transformers pools it.

sentence-transformers' recipe for all-MiniLM-L6-v2 is: word pieces truncated at 256, the BERT
encoder, the mean of the token vectors over the attention mask (padding excluded, the count
clamped at 1e-9), then division by the L2 norm (clamped at 1e-12). `Embedder` does exactly that,
with onnxruntime for the encoder and the `tokenizers` library for the word pieces, so no PyTorch.

Texts are encoded in batches of similar length (sorted, as sentence-transformers does), so short
titles are not padded to the length of the longest summary, and returned in the caller's order.

numpy, onnxruntime and tokenizers come with the `semantic` extra: they are imported where they are used,
so that this module, and `load` saying that the extra is missing, work without them.

Thread safety: an onnxruntime session may run from several threads at once, and the tokenizer is
configured once at load and only read afterwards, so one `Embedder` can serve `asyncio.to_thread`
calls concurrently.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from matcher.semantic._model import MAX_TOKENS, ONNX_FILE, TOKENIZER_FILE

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray
    from tokenizers import Tokenizer

DEFAULT_BATCH_SIZE = 8
"""Texts per run of the encoder. benchmarks/semantic.py --batch-sizes 1,8,16,32 measured 52, 56, 54 and 51
articles/s: bigger batches do not pay, and each 256-piece text in a batch costs ~6 MB of attention scores."""

_REQUIRED_INPUTS = {"input_ids", "attention_mask"}
_OPTIONAL_INPUTS = {"token_type_ids"}


@dataclass(frozen=True)
class ModelUnavailable:
    """Why there is no semantic stage: the runtime is not installed, or the model folder is missing or unusable."""

    reason: str


class Embedder:
    """A loaded model: `embed(texts)` gives one L2-normalised vector per text, so a dot product is a cosine."""

    def __init__(self, session: Any, tokenizer: Tokenizer, batch_size: int) -> None:
        self._session = session
        self._tokenizer = tokenizer
        self._batch_size = batch_size
        self._inputs = {entry.name for entry in session.get_inputs()}
        output = session.get_outputs()[0]
        self._output: str = output.name
        self.dimension: int = output.shape[-1]

    @classmethod
    def load(
        cls, model_dir: Path, *, threads: int = 0, batch_size: int = DEFAULT_BATCH_SIZE
    ) -> Embedder | ModelUnavailable:
        """The model in `model_dir` (as `pledgewatch model fetch` installs it), or why it cannot be used.

        `threads`: onnxruntime's intra-op threads; 0 lets it use every core.
        """
        try:
            import onnxruntime
            from tokenizers import Tokenizer
        except ImportError as error:
            return ModelUnavailable(f"the semantic extra is not installed ({error.name} is missing)")
        missing = [name for name in (ONNX_FILE, TOKENIZER_FILE) if not (model_dir / name).is_file()]
        if missing:
            return ModelUnavailable(f"no model in {model_dir} ({' and '.join(missing)} not found)")
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")  # idle threads sleep, not spin
        options.log_severity_level = 3  # errors reach us as exceptions; its warnings would go to stderr
        try:
            tokenizer = Tokenizer.from_file(str(model_dir / TOKENIZER_FILE))
            session = onnxruntime.InferenceSession(
                str(model_dir / ONNX_FILE), options, providers=["CPUExecutionProvider"]
            )
        except Exception as error:  # both libraries raise bare Exception subclasses of their own for a bad file
            return ModelUnavailable(f"{model_dir}: unusable model: {error}")
        problem = _interface_problem(session)
        if problem:
            return ModelUnavailable(f"{model_dir / ONNX_FILE}: {problem}")
        tokenizer.enable_truncation(MAX_TOKENS)
        tokenizer.no_padding()
        return cls(session, tokenizer, batch_size)

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """An array of shape (len(texts), dimension), row i the unit vector of texts[i]."""
        import numpy as np

        vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
        if not texts:
            return vectors
        pieces = [encoding.ids for encoding in self._tokenizer.encode_batch(list(texts))]
        by_length = sorted(range(len(pieces)), key=lambda index: len(pieces[index]))
        for start in range(0, len(by_length), self._batch_size):
            rows = by_length[start : start + self._batch_size]
            vectors[rows] = self._encode([pieces[row] for row in rows])
        return vectors

    def _encode(self, pieces: list[list[int]]) -> NDArray[np.float32]:
        import numpy as np

        ids = np.zeros((len(pieces), max(map(len, pieces))), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, text in enumerate(pieces):
            ids[row, : len(text)] = text
            mask[row, : len(text)] = 1
        feed = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feed["token_type_ids"] = np.zeros_like(ids)
        (tokens,) = self._session.run([self._output], feed)
        return mean_pool_normalised(np.asarray(tokens, dtype=np.float32), mask)


def mean_pool_normalised(tokens: NDArray[np.float32], mask: NDArray[np.int64]) -> NDArray[np.float32]:
    """sentence-transformers' Pooling(mean) then Normalize, in float32 like PyTorch."""
    import numpy as np

    weights = mask[..., np.newaxis].astype(np.float32)
    means = (tokens * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
    norms = np.linalg.norm(means, axis=1, keepdims=True)
    result: NDArray[np.float32] = means / np.clip(norms, 1e-12, None)
    return result


def _interface_problem(session: Any) -> str | None:
    """What makes this graph something else than a BERT-style encoder, if anything."""
    inputs = {entry.name for entry in session.get_inputs()}
    if not inputs >= _REQUIRED_INPUTS or not inputs <= _REQUIRED_INPUTS | _OPTIONAL_INPUTS:
        return f"expected inputs input_ids, attention_mask[, token_type_ids], found {', '.join(sorted(inputs))}"
    shape = session.get_outputs()[0].shape
    if len(shape) != 3 or not isinstance(shape[-1], int):
        return f"expected token vectors (batch, sequence, dimension) as output, found shape {shape}"
    return None
