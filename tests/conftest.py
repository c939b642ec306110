"""Shared fixtures: small hand-made statements and the location of ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

from pharmgraph.model import Statement

from pg_fixtures import BZD_SITE, CARBAMAZEPINE, EPILEPSY, LAMOTRIGINE, LOSIGAMONE, SHARED, VGSC, ev


@pytest.fixture
def statements() -> list[Statement]:
    """Four statements over two documents, one negated and one hedged."""
    return [
        Statement(LAMOTRIGINE, "blocks", VGSC, evidence=(ev("a.txt", "Lamotrigine blocks sodium channels."),)),
        Statement(CARBAMAZEPINE, "blocks", VGSC, evidence=(ev("b.txt", "Carbamazepine blocks them too."),)),
        Statement(LOSIGAMONE, "binds", BZD_SITE, negated=True,
                  evidence=(ev("b.txt", "Losigamone does not bind the benzodiazepine site.", 40),)),
        Statement(LAMOTRIGINE, "treats", EPILEPSY, certainty="hedged",
                  qualifiers={"population": "adults"},
                  evidence=(ev("a.txt", "It may help in epilepsy.", 36),)),
    ]


@pytest.fixture
def shared_dir() -> Path:
    """The ../shared folder; skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is absent")
    return SHARED
