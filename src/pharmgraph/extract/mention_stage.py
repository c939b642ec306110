"""The mention stage of extraction, run in order in this process or in a forked one.

Extraction reads a document in two stages. The first finds the mentions of every sentence
(:class:`~pharmgraph.extract.mentions.MentionFinder`, after one lexicon scan of the whole
document, which also decides the document's drug); it reads nothing the second produces.
The second (the relation rules, the learned model, statements) reads the first's mentions
and the drug in focus after each sentence.

So on a long document the first stage can run in a child process (``os.fork``: the lexicon
and the document are shared, nothing is pickled on the way in) while this process reads the
relations: :class:`ForkedMentions` streams each sentence's mentions back through a pipe, in
order, as plain tuples (every entity is sent once and referred to by number after that). The
second stage gets the same mentions either way, so the statements are the same, byte for byte.

The child is used only where it can help and cannot disturb (:func:`fork_helps`): at least
:data:`FORK_MIN_SENTENCES` sentences; two usable CPUs of which one is idle (no other task is
runnable: on a busy machine the two stages would only take turns); a platform with ``fork``;
no thread in this process but daemons (a progress bar's monitor); not inside a
multiprocessing worker (``pharmgraph ingest --jobs`` already spreads files over processes);
and ``$PHARMGRAPH_EXTRACT_FORK`` not ``0``. If the child fails for any reason the caller runs
the stage here instead (:class:`WorkerFailed`).
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import threading
import time
from collections.abc import Iterator, Sequence
from typing import Any, BinaryIO

from pharmgraph.extract.enantiomers import is_enantiomer_name
from pharmgraph.extract.mentions import MentionFinder, annotation_entity
from pharmgraph.extract.tokens import Mention, group_of
from pharmgraph.identifiers import LOCAL_PREFIX
from pharmgraph.lexicon.matcher import MatchTable
from pharmgraph.model import Entity

FORK_MIN_SENTENCES = 4000
"""Fewest sentences for which the mention stage runs in a child process (about 250 KB)."""

FORK_ENV = "PHARMGRAPH_EXTRACT_FORK"
"""Environment variable: ``0`` keeps the mention stage in this process."""

_BATCH = 256  # sentences per message from the child


class WorkerFailed(Exception):
    """The child process stopped before sending every sentence's mentions."""


def main_drug(doc, named: list[Entity], title_matches: list) -> Entity | None:
    """The document's drug: the title's, else the most frequent drug named (``named``: the
    entity of every lexicon match of the document, in text order)."""
    for m in title_matches:
        if group_of(m.entity.type) == "Drug" and not is_enantiomer_name(m.entity.label):
            return m.entity
    counts: dict[str, int] = {}
    first: dict[str, Entity] = {}
    for entity in named:
        if group_of(entity.type) == "Drug" and not is_enantiomer_name(entity.label):
            counts[entity.id] = counts.get(entity.id, 0) + 1
            first.setdefault(entity.id, entity)
    if not counts:
        return None
    best = max(counts.values())
    return next(first[i] for i in first if counts[i] == best)


def speaks_of_one_drug(main: Entity | None, named: list[Entity], title_matches: list) -> bool:
    """True when the document is about ``main``: its title names it, or it is named at least
    twice as often as any other drug (a label, a monograph, a review of one drug)."""
    if main is None:
        return False
    if any(m.entity.id == main.id for m in title_matches):
        return True
    counts: dict[str, int] = {}
    for entity in named:
        if group_of(entity.type) == "Drug":
            counts[entity.id] = counts.get(entity.id, 0) + 1
    own = counts.pop(main.id, 0)
    return own >= 2 and all(own >= 2 * c for c in counts.values())


def annotations_by_sentence(doc, resolver, lexicon) -> dict[int, list[tuple[int, int, Entity]]]:
    """The file's own annotations (PubTator, BioC) of each sentence, in sentence offsets."""
    out: dict[int, list[tuple[int, int, Entity]]] = {}
    annotations = sorted(getattr(doc, "annotations", None) or (), key=lambda a: a.start)
    if not annotations:
        return out
    for idx, s in enumerate(doc.sentences):
        for a in annotations:
            if a.start >= s.start and a.end <= s.end:
                entity = annotation_entity(resolver, lexicon, a.text, a.type, a.identifier)
                out.setdefault(idx, []).append((a.start - s.start, a.end - s.start, entity))
    return out


class MentionStage:
    """The mentions of each sentence of a document, found in order in this process.

    Iterating yields ``(mentions, topic)`` per sentence: the sentence's mentions and the drug
    in focus once it has been read. :attr:`main`, :attr:`one_drug` and :attr:`resolver` are
    set on creation; :attr:`enantiomers` is complete once the iteration has ended.
    """

    def __init__(self, doc, lexicon, sentences: Sequence, title_matches: list, matches: MatchTable | None = None) -> None:
        self._sentences = sentences
        if matches is None:
            matches = lexicon.matcher().find_table([s.clean for s in sentences])
        self._matches = matches
        named = self._matches.entities()
        self.main: Entity | None = main_drug(doc, named, title_matches)
        self.one_drug: bool = speaks_of_one_drug(self.main, named, title_matches)
        del named
        self.finder = MentionFinder(lexicon, self.main)
        for m in title_matches:
            if m.entity.id.startswith(LOCAL_PREFIX + ":") and group_of(m.entity.type) == "Drug":
                # a drug the lexicon does not know, named by the title: found in every sentence
                for form in {m.text, m.entity.label, m.entity.label.capitalize(), m.entity.label.upper()}:
                    self.finder.aliases.setdefault(form, m.entity)
        self.resolver = self.finder.resolver
        self._annotations = annotations_by_sentence(doc, self.finder.resolver, lexicon)

    def __iter__(self) -> Iterator[tuple[list[Mention], Entity | None]]:
        finder, matches, annotations = self.finder, self._matches, self._annotations
        for idx, sentence in enumerate(self._sentences):
            mentions = finder.find(sentence.clean, annotations.get(idx, ()), matches=matches[idx])
            yield mentions, finder.topic

    @property
    def enantiomers(self) -> dict[str, tuple[Entity, Entity, int, int]]:
        """Enantiomer id -> (enantiomer, parent, sentence index of the best evidence, score)."""
        return self.finder.enantiomers


def fork_helps(n_sentences: int) -> bool:
    """True when the mention stage of a document this long should run in a child process.

    ``$PHARMGRAPH_EXTRACT_FORK``: ``0`` never, ``1`` whenever the platform allows it (any
    length, any load: for tests), unset or anything else: on its own judgement (a long
    document, and a CPU no other task wants, :func:`_busy_elsewhere`).
    """
    choice = os.environ.get(FORK_ENV, "").strip()
    if choice == "0" or not hasattr(os, "fork") or not _only_daemon_threads():
        return False
    if multiprocessing.parent_process() is not None:
        return False  # a worker of a process pool: the pool already uses the CPUs
    if choice == "1":
        return True
    if n_sentences < FORK_MIN_SENTENCES:
        return False
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    # this process needs one CPU: fork only when another is left idle
    return cpus >= 2 and _busy_elsewhere() <= cpus - 2


def _only_daemon_threads() -> bool:
    """True when every other thread of this process is a daemon (a progress bar's monitor):
    the child uses none of them, and none is anything the program waits for."""
    current = threading.current_thread()
    return all(t is current or t.daemon for t in threading.enumerate())


def _busy_elsewhere() -> float:
    """How many other tasks want a CPU now: the median of a few looks at the kernel's count
    of runnable tasks (``/proc/loadavg``, less this process), else the load average less one.

    The count of the moment, not the one-minute average: that average still holds this
    process's own child from a moment ago.
    """
    counts: list[int] = []
    try:
        for k in range(5):
            if k:
                time.sleep(0.01)
            with open("/proc/loadavg", encoding="ascii") as handle:
                counts.append(int(handle.read().split()[3].split("/")[0]) - 1)
    except (OSError, ValueError, IndexError):
        try:
            return max(0.0, os.getloadavg()[0] - 1.0)
        except (AttributeError, OSError):
            return 0.0
    return float(sorted(counts)[len(counts) // 2])


class ForkedMentions:
    """:class:`MentionStage` run in a forked child process, read back here in order.

    Parameters
    ----------
    make_stage : callable
        Builds the :class:`MentionStage` from the lexicon matches of the sentences (called in
        the child only, with None when ``texts`` is not given).
    resolver : EntityResolver
        This process's resolver, handed out as :attr:`resolver` (lookups only, so it answers
        as the child's would).
    texts, matcher : list of str and Matcher, optional
        The sentences' clean texts and the lexicon's matcher: when given, the two processes
        share the lexicon scan (this one scans the first half of the text, the child the rest,
        and this one's half is sent over), so that this one does not wait for all of it.

    Raises
    ------
    WorkerFailed
        From creation or iteration, when the child cannot be started or stops early.
    """

    def __init__(self, make_stage, resolver, texts: Sequence[str] | None = None, matcher=None) -> None:
        self.resolver = resolver
        self._entities: list[Entity] = []
        self._enantiomers: dict[str, tuple[Entity, Entity, int, int]] | None = None
        self._pid = 0
        mid = _middle(texts) if texts is not None and matcher is not None else None
        try:
            read_fd, write_fd = os.pipe()
            if mid is not None:
                table_in, table_out = os.pipe()
            pid = os.fork()
        except OSError as exc:
            raise WorkerFailed(str(exc)) from None
        if pid == 0:  # the child: find the mentions, send them, leave without cleaning up
            code = 1
            try:
                os.close(read_fd)
                matches = None
                if mid is not None:
                    os.close(table_out)
                    later = matcher.find_table(texts[mid:])
                    with os.fdopen(table_in, "rb") as given:
                        parts = pickle.load(given)
                    matches = MatchTable.from_parts(texts[:mid], parts, matcher).joined(later)
                with os.fdopen(write_fd, "wb", buffering=1 << 16) as out:
                    _send(make_stage(matches), out)
                code = 0
            except BaseException:
                pass
            finally:
                os._exit(code)
        os.close(write_fd)
        self._pid = pid
        self._in: BinaryIO = os.fdopen(read_fd, "rb", buffering=1 << 16)
        try:
            if mid is not None:
                os.close(table_in)
                try:
                    with os.fdopen(table_out, "wb") as given:
                        pickle.dump(matcher.find_table(texts[:mid]).parts(), given, protocol=pickle.HIGHEST_PROTOCOL)
                except OSError as exc:  # the child is gone
                    raise WorkerFailed(str(exc)) from None
            first = self._receive("start")
        except BaseException:
            self.close()
            raise
        main, self.one_drug = first[2], first[3]
        self.main: Entity | None = self._entities[main] if main >= 0 else None

    def _receive(self, kind: str | None = None) -> tuple:
        try:
            message = pickle.load(self._in)
        except Exception as exc:  # EOF, a torn message: the child died
            raise WorkerFailed(f"the mention process stopped ({type(exc).__name__})") from None
        if not isinstance(message, tuple) or (kind is not None and message[0] != kind):
            raise WorkerFailed("the mention process sent something unexpected")
        self._entities.extend(message[1])
        return message

    def __iter__(self) -> Iterator[tuple[list[Mention], Entity | None]]:
        entities = self._entities
        while True:
            message = self._receive()
            if message[0] == "end":
                self._end(message)
                return
            for encoded, topic in message[2]:
                mentions = [
                    Mention(start, end, text, tuple([entities[k] for k in ids]), kind)
                    for start, end, text, ids, kind in encoded
                ]
                yield mentions, entities[topic] if topic >= 0 else None

    def _end(self, message: tuple) -> None:
        entities = self._entities
        self._enantiomers = {
            key: (entities[a], entities[b], idx, score) for key, a, b, idx, score in message[2]
        }

    @property
    def enantiomers(self) -> dict[str, tuple[Entity, Entity, int, int]]:
        """As :attr:`MentionStage.enantiomers` (read from the child's last message)."""
        while self._enantiomers is None:
            message = self._receive()
            if message[0] == "end":
                self._end(message)
        return self._enantiomers

    def close(self) -> None:
        """Stop the child if it still runs and collect it."""
        if not self._pid:
            return
        pid, self._pid = self._pid, 0
        try:
            self._in.close()
        except OSError:
            pass
        try:
            if self._enantiomers is None:  # stopped early: the child need not finish
                os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)  # after its last message the child only exits
        except (ChildProcessError, ProcessLookupError):
            pass


def _middle(texts: Sequence[str]) -> int:
    """Index that cuts ``texts`` into two runs of about equal length."""
    half = sum(len(t) for t in texts) // 2
    size = 0
    for i, text in enumerate(texts):
        if size >= half:
            return i
        size += len(text)
    return len(texts)


def _send(stage: MentionStage, out: BinaryIO) -> None:
    """Stream a stage's results as pickled tuples: ``("start", new entities, main, one_drug)``,
    ``("batch", new entities, [(mentions, topic), ...])``..., ``("end", new entities,
    enantiomers)``; an entity is a number, its index in all the new entities sent so far."""
    codes: dict[int, int] = {}
    kept: list[Entity] = []  # keeps every coded entity alive, so its id is never reused
    new: list[Entity] = []

    def code(entity: Entity | None) -> int:
        if entity is None:
            return -1
        k = codes.get(id(entity))
        if k is None:
            k = codes[id(entity)] = len(kept)
            kept.append(entity)
            new.append(entity)
        return k

    def send(*message: Any) -> None:
        pickle.dump((message[0], list(new), *message[1:]), out, protocol=pickle.HIGHEST_PROTOCOL)
        new.clear()

    main = code(stage.main)
    send("start", main, stage.one_drug)
    batch: list = []
    for mentions, topic in stage:
        encoded = tuple((m.start, m.end, m.text, tuple([code(e) for e in m.entities]), m.kind) for m in mentions)
        batch.append((encoded, code(topic)))
        if len(batch) >= _BATCH:
            send("batch", batch)
            batch = []
    if batch:
        send("batch", batch)
    found = [(key, code(a), code(b), idx, score) for key, (a, b, idx, score) in stage.enantiomers.items()]
    send("end", found)
