"""A multi-class averaged perceptron over sparse string features, in pure Python.

Weights are stored sparsely (feature -> {class index: weight}), so scoring touches only the
classes a feature has evidence for. The model saves to gzip-compressed JSON: plain numbers and
strings, nothing executable.
"""

from __future__ import annotations

import gzip
import json
import random
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from pharmgraph.errors import InputError

FORMAT = "pharmgraph-perceptron/1"


class Perceptron:
    """A linear multi-class model: the class with the highest summed feature weight wins.

    Parameters
    ----------
    classes : sequence of str
        Class names; the first is the "no relation" class.
    weights : dict, optional
        ``{feature: {class_index: weight}}``.
    bias : float
        Added to the score of the first class at prediction time; raising it trades recall
        for precision.
    """

    def __init__(
        self,
        classes: Sequence[str],
        weights: dict[str, dict[int, float]] | None = None,
        bias: float = 0.0,
    ) -> None:
        self.classes = list(classes)
        self.weights: dict[str, dict[int, float]] = weights or {}
        self.bias = bias

    def scores(self, features: Sequence[str]) -> list[float]:
        """Return the score of every class for one example."""
        totals = [0.0] * len(self.classes)
        weights = self.weights
        for feature in features:
            row = weights.get(feature)
            if row:
                for k, w in row.items():
                    totals[k] += w
        totals[0] += self.bias
        return totals

    def predict(self, features: Sequence[str]) -> int:
        """Return the index of the best class for one example."""
        totals = self.scores(features)
        return max(range(len(totals)), key=totals.__getitem__)

    def fit(
        self,
        examples: Sequence[tuple[Sequence[str], int]],
        epochs: int = 10,
        min_count: int = 2,
        seed: int = 13,
        progress=None,
    ) -> Perceptron:
        """Train on ``(features, class_index)`` examples, averaging the weights over updates.

        Parameters
        ----------
        examples : sequence of (sequence of str, int)
            Training examples.
        epochs : int
            Passes over the shuffled examples.
        min_count : int
            Features seen in fewer examples are ignored.
        seed : int
            Seed of the shuffling, so training is repeatable.
        progress : callable, optional
            Called with the epoch number after each pass.

        Returns
        -------
        Perceptron
            ``self``, with averaged weights.
        """
        counts = Counter(f for feats, _ in examples for f in set(feats))
        data = [
            (tuple(f for f in set(feats) if counts[f] >= min_count), label)
            for feats, label in examples
        ]
        weights: dict[str, dict[int, float]] = {}
        totals: dict[str, dict[int, float]] = {}
        self.weights, saved_bias, self.bias = weights, self.bias, 0.0
        rng = random.Random(seed)
        step = 1
        order = list(range(len(data)))
        for epoch in range(epochs):
            rng.shuffle(order)
            for i in order:
                feats, gold = data[i]
                guess = self.predict(feats)
                if guess != gold:
                    for f in feats:
                        row = weights.setdefault(f, {})
                        acc = totals.setdefault(f, {})
                        row[gold] = row.get(gold, 0.0) + 1.0
                        acc[gold] = acc.get(gold, 0.0) + step
                        row[guess] = row.get(guess, 0.0) - 1.0
                        acc[guess] = acc.get(guess, 0.0) - step
                step += 1
            if progress is not None:
                progress(epoch + 1)
        averaged: dict[str, dict[int, float]] = {}
        for f, row in weights.items():
            acc = totals[f]
            kept = {}
            for k, w in row.items():
                value = round(w - acc[k] / step, 3)
                if value:
                    kept[k] = value
            if kept:
                averaged[f] = kept
        self.weights, self.bias = averaged, saved_bias
        return self

    def to_dict(self) -> dict:
        """Return a JSON-ready dict of the model."""
        return {
            "format": FORMAT,
            "classes": self.classes,
            "bias": self.bias,
            "weights": {f: {str(k): w for k, w in row.items()} for f, row in self.weights.items()},
        }

    @classmethod
    def from_dict(cls, data: dict) -> Perceptron:
        """Build a model from :meth:`to_dict` output."""
        if data.get("format") != FORMAT:
            raise InputError(f"not a {FORMAT} model (format {data.get('format')!r}).")
        weights = {
            f: {int(k): float(w) for k, w in row.items()} for f, row in data["weights"].items()
        }
        return cls(data["classes"], weights, float(data.get("bias", 0.0)))

    def save(self, path: str | Path) -> None:
        """Write the model as gzip-compressed JSON."""
        text = json.dumps(self.to_dict(), separators=(",", ":"), sort_keys=True)
        with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as handle:
            handle.write(text)

    @classmethod
    def load(cls, path: str | Path) -> Perceptron:
        """Read a model written by :meth:`save`.

        Raises
        ------
        InputError
            If the file is missing or is not such a model.
        """
        try:
            with gzip.open(path, "rt", encoding="utf-8") as handle:
                data = json.load(handle)
        except (OSError, ValueError, EOFError) as exc:
            raise InputError(f"{path} is not a readable relation model ({exc}).") from None
        try:
            return cls.from_dict(data)
        except InputError as exc:
            raise InputError(f"{path} is {exc}") from None
