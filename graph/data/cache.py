"""Reading the records file by file, reusing what the last build made of the files that did not change.

A records file's parsed records (and its own problems) are kept under a digest of its bytes
and of the program; the evidence located for its quotes is kept under a digest of the file and
of the texts of the sources it cites (graph.rdf.dataset keeps the file's triples the same way).
The checks across files -- ids, references, unknown sources -- still run over the whole corpus
every time; only the parsing and the quote matching of unchanged files are skipped.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from graph.cache import PieceCache, code_digest, digest, map_in_processes
from graph.data.records import Records, load_records
from graph.problems import Problem


@dataclass
class RecordFile:
    """One records file: its name as shown in problems, the digest of its bytes, its records."""

    name: str
    digest: str
    records: Records
    problems: list[Problem] = field(default_factory=list)


class _ParseFile:
    """A records file parsed (graph.data.records.load_records): its records and problems, pickled."""

    def __init__(self, data_dir: Path):
        self.data_dir = data_dir

    def __call__(self, path: Path) -> bytes:
        return pickle.dumps(load_records(self.data_dir, [path]), protocol=pickle.HIGHEST_PROTOCOL)


class RecordCache:
    """The pieces of a PieceCache that the data layer reads and writes."""

    def __init__(self, pieces: PieceCache):
        self.pieces = pieces
        self.code = code_digest()
        self._text_digests: dict[str, str] = {}
        self._labels: dict[str, str] | None = None

    def load_records(self, data_dir: Path) -> tuple[Records, list[Problem], list[RecordFile]]:
        """Every records file's records, merged in name order, and each file's own."""
        records, problems, files = Records(), [], []
        record_dir = Path(data_dir) / "records"
        if not record_dir.is_dir():
            found, errors = load_records(Path(data_dir))  # says what is missing
            return found, errors, []
        paths = sorted(record_dir.glob("*.yaml"))
        keys: dict[Path, str] = {}
        found: dict[Path, bytes] = {}
        for path in paths:
            if path.is_file():
                keys[path] = digest(self.code, path.name, path.read_bytes())
                cached = self.pieces.get("records", keys[path])
                if cached is not None:
                    found[path] = cached
        # The files not read before are parsed on every core (graph.cache.map_in_processes).
        missing = [path for path in paths if path not in found]
        for path, parsed in zip(missing, map_in_processes(_ParseFile(Path(data_dir)), missing), strict=True):
            found[path] = parsed
            if path in keys:
                self.pieces.put("records", keys[path], parsed)
        for path in paths:
            one, errors = pickle.loads(found[path])
            if path in keys:  # an unreadable file (a folder named .yaml) is reported, as any
                files.append(RecordFile(f"records/{path.name}", keys[path], one, errors))
            records.extend(one)
            problems += errors
        return records, problems, files

    def evidence_key(self, corpus, file: RecordFile) -> str:
        """A digest of what the file's evidence and triples are made from: the file, the texts
        of the sources it cites, the labels of the areas its judgements name, the base."""
        cited = sorted({r.evidence.source for r in file.records.evidenced() if r.evidence.source})
        texts = [f"{source_id}\0{self._text_digest(corpus, source_id)}" for source_id in cited]
        if self._labels is None:
            self._labels = {entity.id: entity.label for entity in corpus.records.entities}
        labels = self._labels
        areas = sorted(f"{j.area}\0{labels.get(j.area, '')}" for j in file.records.judgements)
        return digest(file.digest, *texts, "\0areas", *areas)

    def _text_digest(self, corpus, source_id: str) -> str:
        found = self._text_digests.get(source_id)
        if found is None:
            source = corpus.sources.get(source_id)
            text = source.text if source is not None and source.text is not None else ""
            found = self._text_digests[source_id] = hashlib.sha1(text.encode("utf-8")).hexdigest()
        return found

    def known_matches(self, corpus, files: list[RecordFile]) -> dict:
        """The evidence located by an earlier build for files whose inputs are unchanged."""
        matches = {}
        for file in files:
            cached = self.pieces.get("evidence", self.evidence_key(corpus, file))
            if cached is not None:
                matches.update(pickle.loads(cached))
        return matches

    def keep_matches(self, corpus, files: list[RecordFile]) -> None:
        """Keep each file's located evidence, for the next build."""
        for file in files:
            key = self.evidence_key(corpus, file)
            if self.pieces.get("evidence", key) is None:
                own = {}
                for record in file.records.evidenced():
                    found = corpus.matches.get((record.evidence.source, record.evidence.quote))
                    if found is not None:
                        own[(record.evidence.source, record.evidence.quote)] = found
                self.pieces.put("evidence", key, pickle.dumps(own, protocol=pickle.HIGHEST_PROTOCOL))
