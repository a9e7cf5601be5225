"""Predicting with a shipped LightGBM model through LightGBM's own C library, without
importing the ``lightgbm`` Python package.

``import lightgbm`` runs its ``compat`` module, which imports scikit-learn (and pandas, when
installed) and scipy.sparse: about a second of start-up that a prediction from a dense numpy
matrix never uses. This module loads the same ``lib_lightgbm`` the package ships and calls the
same C functions ``lightgbm.Booster.predict`` calls for a numpy matrix (model loading,
``LGBM_BoosterPredictForMat`` with the same data type, layout and parameters), so the
predictions are those of ``lightgbm.Booster`` to the last bit (tests/test_booster.py checks
this on every shipped model). Training still uses the ``lightgbm`` package.
"""

from __future__ import annotations

import ctypes
import importlib.util
import threading
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path

import numpy as np

_PREDICT_NORMAL = 0
_FLOAT32, _FLOAT64 = 0, 1
_ROW_MAJOR, _COL_MAJOR = 1, 0
_ALL_ITERATIONS = -1
_NAME_BUFFER = 255


class BoosterError(ValueError):
    """The model cannot be loaded (missing library, unreadable or corrupt model)."""


@lru_cache(maxsize=1)
def _library() -> ctypes.CDLL:
    spec = importlib.util.find_spec("lightgbm")  # finds the package without importing it
    folders = list(spec.submodule_search_locations or []) if spec else []
    for folder in folders:
        for candidate in (Path(folder) / "lib" / "lib_lightgbm.so",
                          Path(folder) / "lib" / "lib_lightgbm.dylib",
                          Path(folder) / "bin" / "lib_lightgbm.dll",
                          Path(folder) / "lib_lightgbm.dll"):
            if candidate.is_file():
                lib = ctypes.cdll.LoadLibrary(str(candidate))
                lib.LGBM_GetLastError.restype = ctypes.c_char_p
                return lib
    raise BoosterError("LightGBM's library (lib_lightgbm) is not installed: "
                       "pip install lightgbm")


def _check(status: int) -> None:
    if status != 0:
        raise BoosterError(_library().LGBM_GetLastError().decode("utf-8", "replace"))


class Booster:
    """A loaded LightGBM model: ``predict`` on a 2-D numpy matrix, ``feature_name``."""

    def __init__(self, model_file: str | Path | None = None, model_str: str | None = None
                 ) -> None:
        lib = self._lib = _library()  # kept: at interpreter exit the module's names are gone
        self._handle = ctypes.c_void_p()
        iterations = ctypes.c_int(0)
        if model_file is not None:
            _check(lib.LGBM_BoosterCreateFromModelfile(
                str(model_file).encode("utf-8"), ctypes.byref(iterations),
                ctypes.byref(self._handle)))
        elif model_str is not None:
            _check(lib.LGBM_BoosterLoadModelFromString(
                model_str.encode("utf-8"), ctypes.byref(iterations),
                ctypes.byref(self._handle)))
        else:
            raise TypeError("Booster needs model_file or model_str")
        self._names = self._feature_names()

    def __del__(self) -> None:
        handle = getattr(self, "_handle", None)
        if handle:
            self._lib.LGBM_BoosterFree(handle)

    def _feature_names(self) -> list[str]:
        lib = _library()
        count = ctypes.c_int(0)
        _check(lib.LGBM_BoosterGetNumFeature(self._handle, ctypes.byref(count)))
        size = _NAME_BUFFER
        while True:
            buffers = [ctypes.create_string_buffer(size) for _ in range(count.value)]
            pointers = (ctypes.c_char_p * count.value)(*map(ctypes.addressof, buffers))
            written, needed = ctypes.c_int(0), ctypes.c_size_t(0)
            _check(lib.LGBM_BoosterGetFeatureNames(
                self._handle, ctypes.c_int(count.value), ctypes.byref(written),
                ctypes.c_size_t(size), ctypes.byref(needed), pointers))
            if needed.value <= size:
                return [b.value.decode("utf-8") for b in buffers[: written.value]]
            size = needed.value

    def feature_name(self) -> list[str]:
        return list(self._names)

    def num_feature(self) -> int:
        return len(self._names)

    def predict(self, data: np.ndarray, num_threads: int | None = None) -> np.ndarray:
        """One score per row (a probability for a binary model, the raw score for a
        ranker), as ``lightgbm.Booster.predict(data, num_threads=...)`` gives it."""
        matrix = np.asarray(data)
        if matrix.ndim != 2:
            raise ValueError("predict needs a 2-D matrix")
        # the conversions lightgbm.basic._np2d_to_np1d makes
        dtype = matrix.dtype if matrix.dtype in (np.float32, np.float64) else np.float32
        order, layout = ("F", _COL_MAJOR) if matrix.flags["F_CONTIGUOUS"] else ("C", _ROW_MAJOR)
        flat = np.asarray(matrix, dtype=dtype, order=order).ravel(order=order)
        type_code = _FLOAT64 if dtype == np.float64 else _FLOAT32
        pointer_type = ctypes.c_double if dtype == np.float64 else ctypes.c_float
        rows, cols = matrix.shape
        if rows == 0:
            return np.zeros(0)
        parameters = "" if num_threads is None else f"num_threads={num_threads}"
        out = np.empty(rows, dtype=np.float64)
        written = ctypes.c_int64(0)
        _check(_library().LGBM_BoosterPredictForMat(
            self._handle, flat.ctypes.data_as(ctypes.POINTER(pointer_type)),
            ctypes.c_int(type_code), ctypes.c_int32(rows), ctypes.c_int32(cols),
            ctypes.c_int(layout), ctypes.c_int(_PREDICT_NORMAL), ctypes.c_int(0),
            ctypes.c_int(_ALL_ITERATIONS), parameters.encode("utf-8"), ctypes.byref(written),
            out.ctypes.data_as(ctypes.POINTER(ctypes.c_double))))
        if written.value != rows:
            raise BoosterError(f"the model gave {written.value} scores for {rows} rows "
                               "(not a one-score-per-row model)")
        return out


_preloaded: dict[Path, Future[Booster]] = {}
_preloaded_lock = threading.Lock()


def preload(model_files: Iterable[Path]) -> None:
    """Start loading these model files in one background thread, for :func:`from_file` to
    take later. LightGBM parses a model in C, and ctypes releases the GIL for the call, so
    the parse runs beside whatever the process does meanwhile (importing and loading spaCy)."""
    with _preloaded_lock:
        files = [k for k in (Path(f).resolve() for f in model_files) if k not in _preloaded]
        if not files:
            return
        loader = ThreadPoolExecutor(1, thread_name_prefix="ficlens-models")
        for key in files:
            _preloaded[key] = loader.submit(Booster, model_file=key)
    loader.shutdown(wait=False)


def from_file(model_file: str | Path) -> Booster:
    """The booster in ``model_file``: the one :func:`preload` has loaded (waiting for it if
    it is still loading; its load error raised here), or loaded now."""
    with _preloaded_lock:
        future = _preloaded.pop(Path(model_file).resolve(), None)
    if future is None:
        return Booster(model_file=model_file)
    return future.result()
