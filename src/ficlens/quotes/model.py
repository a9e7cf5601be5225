"""The shipped speaker-ranking models (LightGBM), loaded once per process.

``speaker_pass1.txt`` ranks candidates from the text around a quotation;
``speaker.txt`` also sees who the first pass chose for the previous quotations.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ficlens.errors import ModelError

MODEL_DIR = Path(__file__).resolve().parent.parent / "models"
PASS1 = "speaker_pass1"
PASS2 = "speaker"
META_FILE = MODEL_DIR / "speaker.meta.json"


def model_file(which: str) -> Path:
    return MODEL_DIR / f"{which}.txt"


@lru_cache(maxsize=2)
def load_speaker_model(which: str = PASS2):
    """The LightGBM booster ``which`` (PASS1 or PASS2) and its feature names."""
    import lightgbm

    path = model_file(which)
    if not path.exists():
        raise ModelError(f"speaker model missing at {path}; run training/train_speaker.py")
    try:
        booster = lightgbm.Booster(model_file=str(path))
    except (OSError, ValueError, lightgbm.basic.LightGBMError) as exc:
        raise ModelError(f"speaker model at {path} is unreadable: {exc}") from exc
    return booster, tuple(booster.feature_name())
