"""Persisted reference store: original documents and their fingerprints in one SQLite file.

``textrepair index add PATH... --db refs.sqlite`` stores reference originals (incremental:
a file already stored with the same content is skipped, a changed one is replaced), and
``textrepair --reference refs.sqlite`` looks spun copies up in it. SQLite is embedded (no
server), and the file is opened read-only for lookups, so any number of worker processes
(``--jobs``, Dask workers) can share it.

The store indexes the same fingerprints as the spun stage's in-memory
:class:`~textrepair.spun.index.ReferenceIndex` (sampled skeleton n-grams,
:func:`~textrepair.spun.index.fingerprints`) and answers the same ``query``/``text`` calls,
so the stage uses it as a ready index. Postings are a ``(hash, ref)`` B-tree and
document frequencies a ``(hash, n)`` table: a lookup reads the frequencies of the query's
grams, skips the too-common ones, and reads only the postings of the rest, whatever the
number of stored documents. Texts are stored zlib-compressed.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import sqlite3
import sys
import time
import zlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from .config import Config
from .decode import DecodeError, decode_bytes
from .spun.index import MAX_DF_FRACTION, MIN_MAX_DF, Candidate, fingerprints
from .spun.references import iter_files, normalise_text

#: Suffixes that ``--reference`` treats as a reference store rather than a text file.
STORE_SUFFIXES = (".sqlite", ".sqlite3", ".db")
#: Schema version, checked on open.
SCHEMA = 1
#: Documents stored per transaction by :meth:`RefStore.add_many`.
COMMIT_EVERY = 2000
_BATCH = 500

_DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS refs (
    id INTEGER PRIMARY KEY,
    path TEXT UNIQUE NOT NULL,
    sha1 TEXT NOT NULL,
    text BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS postings (
    hash INTEGER NOT NULL,
    ref INTEGER NOT NULL,
    PRIMARY KEY (hash, ref)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS df (hash INTEGER PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
"""


def is_store_path(path: str | Path) -> bool:
    """Whether a ``--reference`` argument names a reference store."""
    return str(path).lower().endswith(STORE_SUFFIXES)


class RefStore:
    """A SQLite reference store; ``RefStore(path)`` opens it read-only for lookups,
    ``RefStore(path, writable=True)`` creates or extends it.

    Picklable and hashable by path: a :class:`~textrepair.config.Config` that names a store
    travels to worker processes, each of which opens its own read-only connection.
    """

    def __init__(self, path: str | Path, writable: bool = False, language: str | None = "en") -> None:
        self.path = Path(path)
        self.writable = writable
        self._language = language
        self._conn: sqlite3.Connection | None = None
        self._count: int | None = None

    # -- connection, pickling, identity

    @property
    def conn(self) -> sqlite3.Connection:
        """The connection, opened on first use (read-only unless writable)."""
        if self._conn is None:
            if self.writable:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(self.path)
                conn.executescript(_DDL)
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA cache_size=-262144")
                stored = dict(conn.execute("SELECT key, value FROM meta").fetchall())
                if not stored:
                    conn.executemany(
                        "INSERT INTO meta VALUES (?, ?)",
                        [("schema", str(SCHEMA)), ("language", self._language or "")],
                    )
                    conn.commit()
            else:
                if not self.path.exists():
                    raise FileNotFoundError(f"no reference store at {self.path}")
                conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)
                stored = dict(conn.execute("SELECT key, value FROM meta").fetchall())
            if int(stored.get("schema", SCHEMA)) != SCHEMA:
                raise ValueError(f"{self.path}: reference store schema {stored.get('schema')}, expected {SCHEMA}")
            if "language" in stored:
                self._language = stored["language"] or None
            self._conn = conn
        return self._conn

    def close(self) -> None:
        """Close the connection (it reopens on next use)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __getstate__(self) -> dict[str, Any]:
        return {"path": self.path, "writable": False, "language": self._language}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["path"], state["writable"], state["language"])  # type: ignore[misc]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RefStore) and other.path.resolve() == self.path.resolve()

    def __hash__(self) -> int:
        return hash(("RefStore", str(self.path.resolve())))

    def __repr__(self) -> str:
        return f"RefStore({str(self.path)!r})"

    @property
    def language(self) -> str | None:
        """The language whose stopwords make the fingerprints (fixed when the store is created)."""
        _ = self.conn
        return self._language

    # -- adding

    def add(self, ref_id: str, text: str) -> bool:
        """Store one document (already normalised); ``False`` if it was there unchanged."""
        sha1 = hashlib.sha1(text.encode("utf-8")).hexdigest()
        conn = self.conn
        row = conn.execute("SELECT id, sha1 FROM refs WHERE path = ?", (ref_id,)).fetchone()
        if row is not None:
            if row[1] == sha1:
                return False
            self._remove(row[0])
        cur = conn.execute(
            "INSERT INTO refs (path, sha1, text) VALUES (?, ?, ?)", (ref_id, sha1, zlib.compress(text.encode("utf-8")))
        )
        doc = cur.lastrowid
        hashes = sorted(fingerprints(text, self.language))
        conn.executemany("INSERT OR IGNORE INTO postings VALUES (?, ?)", [(h, doc) for h in hashes])
        conn.executemany(
            "INSERT INTO df VALUES (?, 1) ON CONFLICT(hash) DO UPDATE SET n = n + 1", [(h,) for h in hashes]
        )
        self._count = None
        return True

    def _remove(self, doc: int) -> None:
        conn = self.conn
        hashes = [h for (h,) in conn.execute("SELECT hash FROM postings WHERE ref = ?", (doc,))]
        conn.execute("DELETE FROM postings WHERE ref = ?", (doc,))
        conn.executemany("UPDATE df SET n = n - 1 WHERE hash = ?", [(h,) for h in hashes])
        conn.execute("DELETE FROM refs WHERE id = ?", (doc,))

    def add_many(self, items: Iterable[tuple[str, str]], commit_every: int = COMMIT_EVERY) -> tuple[int, int]:
        """Store ``(ref_id, text)`` pairs, committing every ``commit_every`` documents (an
        interrupted ``index add`` keeps what it stored, and the write-ahead log stays
        small); returns (added, unchanged)."""
        added = unchanged = 0
        conn = self.conn
        try:
            for n, (ref_id, text) in enumerate(items, 1):
                if self.add(ref_id, text):
                    added += 1
                else:
                    unchanged += 1
                if n % commit_every == 0:
                    conn.commit()
            conn.commit()
        except BaseException:
            conn.rollback()
            raise
        return added, unchanged

    def add_files(self, paths: Iterable[str | Path], config: Config | None = None) -> tuple[int, int, int]:
        """Store every readable text file under ``paths`` (normalised like the spun stage's
        references); returns (added, unchanged, skipped)."""
        config = config or Config()
        skipped = 0

        def texts() -> Iterator[tuple[str, str]]:
            nonlocal skipped
            for path in iter_files([str(p) for p in paths]):
                try:
                    text = decode_bytes(path.read_bytes(), str(path)).text
                except (OSError, DecodeError):
                    skipped += 1
                    continue
                yield str(path), normalise_text(text, config)

        added, unchanged = self.add_many(texts())
        return added, unchanged, skipped

    # -- lookups (the spun stage's IndexLike protocol)

    def __len__(self) -> int:
        if self._count is None:
            self._count = int(self.conn.execute("SELECT count(*) FROM refs").fetchone()[0])
        return self._count

    def __contains__(self, ref_id: object) -> bool:
        return self.conn.execute("SELECT 1 FROM refs WHERE path = ?", (str(ref_id),)).fetchone() is not None

    def text(self, ref_id: str) -> str:
        """The stored text of a reference."""
        row = self.conn.execute("SELECT text FROM refs WHERE path = ?", (ref_id,)).fetchone()
        if row is None:
            raise KeyError(ref_id)
        return zlib.decompress(row[0]).decode("utf-8")

    def query(self, text: str, k: int = 5, exclude: Iterable[str] = (), min_hits: int = 2) -> list[Candidate]:
        """The ``k`` references sharing the most idf-weighted fingerprints with ``text``
        (the same scoring as :meth:`ReferenceIndex.query`)."""
        conn = self.conn
        n_docs = max(1, len(self))
        max_df = max(MIN_MAX_DF, int(MAX_DF_FRACTION * n_docs))
        grams = sorted(fingerprints(text, self.language))
        useful: dict[int, float] = {}
        for batch in _batches(grams):
            marks = ",".join("?" * len(batch))
            for h, n in conn.execute(f"SELECT hash, n FROM df WHERE hash IN ({marks})", batch):
                if 0 < n <= max_df:
                    useful[h] = math.log(1.0 + n_docs / n)
        scores: dict[int, float] = {}
        hits: dict[int, int] = {}
        for batch in _batches(sorted(useful)):
            marks = ",".join("?" * len(batch))
            for h, doc in conn.execute(f"SELECT hash, ref FROM postings WHERE hash IN ({marks})", batch):
                scores[doc] = scores.get(doc, 0.0) + useful[h]
                hits[doc] = hits.get(doc, 0) + 1
        ranked = sorted((d for d in scores if hits[d] >= min_hits), key=lambda d: (-scores[d], d))
        excluded = set(exclude)
        out: list[Candidate] = []
        for doc in ranked:
            row = conn.execute("SELECT path FROM refs WHERE id = ?", (doc,)).fetchone()
            if row is None or row[0] in excluded:
                continue
            out.append(Candidate(row[0], round(scores[doc], 3), hits[doc]))
            if len(out) >= k:
                break
        return out


def _batches(values: Sequence[int]) -> Iterator[list[int]]:
    for start in range(0, len(values), _BATCH):
        yield list(values[start : start + _BATCH])


def open_references(references: Iterable[Any]) -> tuple[Any, ...]:
    """``--reference`` values with store paths (``.sqlite``, ``.db``) opened as read-only
    :class:`RefStore` objects, which the spun stage queries like an in-memory index."""
    return tuple(RefStore(r) if isinstance(r, (str, Path)) and is_store_path(r) else r for r in references)


def index_main(argv: Sequence[str]) -> int:
    """``textrepair index add PATH... --db refs.sqlite`` (and ``index info --db ...``)."""
    p = argparse.ArgumentParser(prog="textrepair index", description="Persisted reference store (SQLite).")
    sub = p.add_subparsers(dest="command", required=True)
    add = sub.add_parser("add", help="add reference originals (files or directories); incremental")
    add.add_argument("paths", nargs="+", metavar="PATH")
    add.add_argument("--db", required=True, help="the store (created if missing)")
    add.add_argument("--language", default="en", help="stopword language of the fingerprints (new stores only)")
    info = sub.add_parser("info", help="print what a store holds")
    info.add_argument("--db", required=True)
    args = p.parse_args(list(argv))
    if args.command == "info":
        store = RefStore(args.db)
        try:
            size = Path(args.db).stat().st_size
            print(f"{args.db}: {len(store)} documents, language {store.language}, {size / 1e6:.1f} MB")
        except (OSError, sqlite3.Error, ValueError) as err:
            print(f"textrepair index: {args.db}: {err}", file=sys.stderr)
            return 1
        return 0
    missing = [path for path in args.paths if not Path(path).exists()]
    for path in missing:
        print(f"textrepair index: {path}: no such file", file=sys.stderr)
    start = time.monotonic()
    try:
        store = RefStore(args.db, writable=True, language=args.language)
        added, unchanged, skipped = store.add_files([x for x in args.paths if x not in missing])
        total = len(store)
        store.close()
    except (sqlite3.Error, ValueError) as err:
        print(f"textrepair index: {args.db}: {err}", file=sys.stderr)
        return 1
    print(
        f"textrepair index: {added} added, {unchanged} unchanged, {skipped} skipped; "
        f"{total} documents in {args.db} ({time.monotonic() - start:.1f}s)",
        file=sys.stderr,
    )
    return 1 if missing else 0
