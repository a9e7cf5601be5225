"""The speaker-ranking models (LightGBM): the shipped ones by default, or a candidate's
from any folder, each folder read once per process.

``speaker_pass1`` ranks candidates from the text around a quotation; ``speaker`` also sees
who the first pass chose for the previous quotations. Each is a small ensemble: boosters
trained alike but for their random seed (``speaker.txt``, ``speaker.1.txt``, ...), whose
scores are averaged; one booster alone moves by half a point from seed to seed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from ficlens.errors import ModelError

MODEL_DIR = Path(__file__).resolve().parent.parent / "models"
PASS1 = "speaker_pass1"
PASS2 = "speaker"
META_FILE = MODEL_DIR / "speaker.meta.json"


def model_file(which: str, member: int = 0, folder: Path = MODEL_DIR) -> Path:
    """The file of ensemble member ``member`` of model ``which`` in ``folder``."""
    suffix = f".{member}" if member else ""
    return Path(folder) / f"{which}{suffix}.txt"


def member_files(which: str, folder: Path = MODEL_DIR) -> list[Path]:
    files = []
    while model_file(which, len(files), folder).exists():
        files.append(model_file(which, len(files), folder))
    return files


@dataclass(frozen=True)
class Ensemble:
    """Boosters whose scores are averaged."""

    boosters: tuple

    def predict(self, matrix: np.ndarray) -> np.ndarray:
        # one thread, as the other models: threads cost a fixed wake-up per call that a
        # quotation matrix (a few thousand rows) does not win back
        return np.mean([b.predict(matrix, num_threads=1) for b in self.boosters], axis=0)

    def feature_name(self) -> list[str]:
        return self.boosters[0].feature_name()


def load_speaker_model(
    which: str = PASS2, folder: Path = MODEL_DIR
) -> tuple[Ensemble, tuple[str, ...]]:
    """The ensemble ``which`` (PASS1 or PASS2) in ``folder`` and its feature names."""
    return _load(which, Path(folder).resolve())


@lru_cache(maxsize=8)
def _load(which: str, folder: Path) -> tuple[Ensemble, tuple[str, ...]]:
    from ficlens.models.booster import BoosterError, from_file

    files = member_files(which, folder)
    if not files:
        raise ModelError(f"speaker model missing at {model_file(which, 0, folder)}; "
                         "run training/train_speaker.py")
    try:
        boosters = tuple(from_file(path) for path in files)
    except (OSError, BoosterError) as exc:
        raise ModelError(f"speaker model in {folder} is unreadable: {exc}") from exc
    names = {tuple(b.feature_name()) for b in boosters}
    if len(names) != 1:
        raise ModelError(f"speaker model {which}: its members disagree on their features")
    ensemble = Ensemble(boosters)
    return ensemble, tuple(ensemble.feature_name())
