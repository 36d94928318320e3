"""The build's outputs replaced as a set: staged in a new folder, then swapped in at once.

A build writes everything -- exports, the query store, the cache, the pages -- into a staging
folder beside the output folder (`.exports.build-XXXX`), carrying over by hard link what it
does not rewrite (`--no-pages` keeps the last pages). Only when all of it is written does one
rename put it in place: on Linux renameat2(RENAME_EXCHANGE) swaps the two folders in one
step, so there is never a moment with no `exports/` or with half of a build's files; elsewhere
two renames come close. The previous generation is then deleted. A build killed at any point
leaves `exports/` as the previous build wrote it, and at most a stale staging folder, which
the next build deletes (`clean_stale`).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import fcntl
import os
import shutil
import tempfile
from pathlib import Path

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
STAGING = ".build-"  # `.<out name>.build-XXXX`: a generation being written, or left by a killed build
RETIRED = ".old-"  # `.<out name>.old-XXXX`: the generation just replaced, being deleted
# temporary folders that earlier versions left inside the output folder
_LEGACY_TEMPORARY = (".store.", ".site.", ".views.")


def _exchange(one: Path, other: Path) -> bool:
    """Swap two folders in one step (Linux renameat2); False where the system cannot."""
    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    done = renameat2(_AT_FDCWD, os.fsencode(one), _AT_FDCWD, os.fsencode(other), _RENAME_EXCHANGE)
    if done != 0:
        error = ctypes.get_errno()
        if error in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: this file system cannot
            return False
        raise OSError(error, os.strerror(error), str(one))
    return True


def clean_stale(out: Path) -> list[Path]:
    """Delete what killed builds left: staging and retired generations beside `out`, and the
    temporary folders of older versions inside it. Returns what was deleted."""
    out = Path(out)
    removed = []
    if out.parent.is_dir():
        for path in out.parent.iterdir():
            if path.name.startswith((f".{out.name}{STAGING}", f".{out.name}{RETIRED}")):
                shutil.rmtree(path, ignore_errors=True)
                removed.append(path)
    if out.is_dir():
        for path in out.iterdir():
            if path.name.startswith(_LEGACY_TEMPORARY) and path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
                removed.append(path)
    return removed


class Generation:
    """One build's outputs, staged beside `out` until `commit` swaps them in.

        with Generation(out) as stage:        # a fresh folder; deleted if the block fails
            write files into stage.path ...
            stage.commit()                    # now `out` holds them, all at once
    """

    def __init__(self, out: Path):
        self.out = Path(out).absolute()
        self.out.parent.mkdir(parents=True, exist_ok=True)
        # One build of `out` at a time: a second waits here, so that it neither deletes the
        # first one's staging folder as stale nor swaps in an older generation after it.
        self._lock = open(self.out.parent / f".{self.out.name}.lock", "a")  # noqa: SIM115 - held until exit
        fcntl.flock(self._lock, fcntl.LOCK_EX)
        clean_stale(self.out)
        self.path = Path(tempfile.mkdtemp(prefix=f".{self.out.name}{STAGING}", dir=self.out.parent))
        os.chmod(self.path, 0o755)
        self.committed = False

    @property
    def previous(self) -> Path | None:
        """The generation in place now, if any."""
        return self.out if self.out.is_dir() else None

    def carry_over(self, names: set[str] | None = None, skip: set[str] = frozenset()) -> None:
        """Hard-link entries of the previous generation into this one: those in `names`, or,
        if None, every entry not written yet and not in `skip`."""
        if self.previous is None:
            return
        for entry in sorted(self.previous.iterdir()):
            name = entry.name
            if name in skip or (self.path / name).exists() or name.startswith(_LEGACY_TEMPORARY):
                continue
            if names is not None and name not in names:
                continue
            _link_tree(entry, self.path / name)

    def commit(self) -> None:
        """Put the staged generation in place of the previous one, in one step where possible."""
        if self.previous is None:
            os.rename(self.path, self.out)
        elif _exchange(self.path, self.out):
            retired = self.path.with_name(self.path.name.replace(STAGING, RETIRED, 1))
            os.rename(self.path, retired)  # now the old generation, under a name clean_stale knows
            shutil.rmtree(retired, ignore_errors=True)
        else:
            retired = Path(tempfile.mkdtemp(prefix=f".{self.out.name}{RETIRED}", dir=self.out.parent))
            os.rmdir(retired)
            os.rename(self.out, retired)
            os.rename(self.path, self.out)
            shutil.rmtree(retired, ignore_errors=True)
        self.committed = True

    def discard(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)

    def __enter__(self) -> Generation:
        return self

    def __exit__(self, *exc) -> None:
        if not self.committed:
            self.discard()
        self._lock.close()  # and with it the lock


def _link_tree(source: Path, target: Path) -> None:
    """A copy of `source` at `target` whose files are hard links (a copy where linking fails)."""
    if source.is_dir() and not source.is_symlink():
        target.mkdir()
        for entry in source.iterdir():
            _link_tree(entry, target / entry.name)
        return
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:
        with contextlib.suppress(FileNotFoundError):
            shutil.copy2(source, target, follow_symlinks=False)
