"""The model inside ``extract`` scores a sentence's pairs together: the same features, the same scores."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from pharmgraph.extract.learned import (
    FEATURE_SETS,
    HiddenLayer,
    RelationHead,
    _SentenceRows,
    masked_stems,
    pair_features,
)
from pharmgraph.extract.tokens import Mention, tokenize
from pharmgraph.model import Entity

SENTENCES = (
    (
        "Unlike aspirin, lovastatin (a statin) did not inhibit HMG-CoA reductase, but it may "
        "block the COX-2 enzyme and the 5-HT2A receptor in rat liver cells.",
        {
            "aspirin": "Drug",
            "lovastatin": "Drug",
            "HMG-CoA reductase": "Enzyme",
            "COX-2": "Enzyme",
            "5-HT2A receptor": "Receptor",
        },
    ),
    ("COX-2 is inhibited by celecoxib.", {"COX-2": "Enzyme", "celecoxib": "Drug"}),
)


def sentence(text: str, names: dict[str, str]) -> tuple[list, list[int]]:
    """Tokens of a sentence with the named mentions, and the mention positions."""
    mentions = [
        Mention(text.index(n), text.index(n) + len(n), n, (Entity(f"x:{i}", n, kind),))
        for i, (n, kind) in enumerate(names.items())
    ]
    tokens = tokenize(text, mentions)
    return tokens, [i for i, t in enumerate(tokens) if t.mention is not None]


def head_for(features: list[str], feature_set: str, hidden: bool) -> RelationHead:
    """A head that knows every other one of ``features`` (random weights, optionally a network)."""
    names = sorted(set(features))[::2]
    rng = np.random.default_rng(0)
    weights = rng.standard_normal((len(names), 3)).astype(np.float32)
    head = RelationHead(
        "chemical-gene",
        "C",
        "G",
        ("NONE", "A", "B"),
        {"A": "inhibits"},
        {n: i for i, n in enumerate(names)},
        weights,
        np.array([0.5, -0.2, 0.1], dtype=np.float32),
        feature_set=feature_set,
    )
    if hidden:
        index = np.where(np.arange(len(names)) % 3 == 0, np.arange(len(names)) // 3, -1).astype(
            np.int32
        )
        w1 = rng.integers(-127, 128, ((len(names) + 2) // 3, 4)).astype(np.int8)
        scale = np.array([0.01, 0.02, 0.005, 0.03], dtype=np.float32)
        head.hidden = HiddenLayer(
            index,
            w1.astype(np.float32) * scale,
            np.zeros(4, np.float32),
            rng.standard_normal((4, 3)).astype(np.float32),
            np.zeros(3, np.float32),
            0.3,
            (w1, scale),
        )
    return head


@pytest.mark.parametrize("feature_set", FEATURE_SETS)
def test_a_sentences_pairs_get_the_rows_of_their_features_and_the_same_scores(
    feature_set: str,
) -> None:
    for text, names in SENTENCES:
        tokens, where = sentence(text, names)
        base = masked_stems(tokens)
        pairs = list(itertools.permutations(where, 2))
        features = {p: pair_features(tokens, *p, None, base, feature_set) for p in pairs}
        for hidden in (False, True):
            head = head_for([f for fs in features.values() for f in fs], feature_set, hidden)
            rows = _SentenceRows(head, tokens, base)
            got = [rows.rows(*p) for p in pairs]
            for p, r in zip(pairs, got, strict=True):
                assert sorted(r) == sorted(
                    head.features[f] for f in features[p] if f in head.features
                )
            batch = head.batch_row_scores([*got, []])  # a pair with no known feature too
            assert np.allclose(
                batch, np.vstack([reference(head, r) for r in [*got, []]]), rtol=0, atol=1e-5
            )
            assert np.allclose(head.scores(features[pairs[0]]), batch[0], rtol=0, atol=1e-5)


def reference(head: RelationHead, rows: list[int]) -> np.ndarray:
    """A pair's scores the plain way: float32 rows summed, the network from its float32 ``w1``."""
    s = head.weights[rows].sum(axis=0) + head.intercept
    if head.hidden is not None:
        s = s + head.hidden.log_probabilities(np.array(rows, dtype=np.intp))
    s[0] += head.none_bias
    return s
