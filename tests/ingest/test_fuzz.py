"""Generated inputs for every reader: each lands whole or is refused in one sentence.

Never a traceback, never a silent change (see ``fuzz_cases.outcome``). Few examples here to
keep the suite fast; ``benchmarks/fuzz_inputs.py`` runs tens of thousands.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from fuzz_cases import STRATEGIES, outcome
from hypothesis import HealthCheck, given, settings


@pytest.fixture(scope="module", autouse=True)
def _lexicon_loaded():
    from pharmgraph.lexicon import default_lexicon

    default_lexicon().matcher()


@pytest.mark.parametrize("reader", sorted(STRATEGIES))
def test_generated_files_land_whole_or_are_refused_in_one_sentence(reader):
    folder = Path(tempfile.mkdtemp(prefix=f"fuzz-{reader}-"))

    @settings(max_examples=25, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(STRATEGIES[reader])
    def check(case):
        data, suffix = case
        kind, detail = outcome(data, suffix, folder)
        assert kind in ("landed", "refused"), f"{kind}: {detail}"

    check()
