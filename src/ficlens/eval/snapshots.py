"""Files of public fan-fiction repositories, read from local snapshots (bare git
directories ``owner+name/repo`` under a mirrors folder): the works the evaluations hold
apart or label by hand, named by repository, commit and path, never copied into the project."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

MIRRORS_ENV = "FICLENS_MIRRORS"
DEFAULT_MIRRORS = Path("/work/.mirror")


def default_mirrors() -> Path:
    """Where repository snapshots live: ``$FICLENS_MIRRORS`` or /work/.mirror."""
    return Path(os.environ.get(MIRRORS_ENV) or DEFAULT_MIRRORS)


def snapshot_file(source: dict, mirrors: Path | None, target: Path) -> Path | None:
    """``source``'s file (``repository``, ``commit``, ``path``) written to ``target``; None
    when there is no snapshot of the repository or the file is not in it. A source that is
    one chapter of a novel the repository keeps in one file names its ``lines`` (first and
    last, counted from 1): only those are written. ValueError when they are not in the file."""
    repo = (mirrors or Path()) / source["repository"].replace("/", "+") / "repo"
    if mirrors is None or not repo.is_dir():
        return None
    shown = subprocess.run(["git", "-C", str(repo), "show", f"{source['commit']}:{source['path']}"],
                           capture_output=True, check=False)
    if shown.returncode != 0:
        return None
    data = shown.stdout
    if "lines" in source:
        data = _lines(data, *source["lines"], source["path"])
    target.write_bytes(data)
    return target


def _lines(data: bytes, first: int, last: int, path: str) -> bytes:
    lines = data.splitlines(keepends=True)
    if not 1 <= first <= last <= len(lines):
        raise ValueError(f"{path}: lines {first}-{last} are not in the snapshot file "
                         f"({len(lines)} lines)")
    return b"".join(lines[first - 1:last])
