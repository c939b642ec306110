"""Put this folder on the path so the ingest tests can share ``helpers``."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
