"Shared helpers for the test suite: the repository root and the notebooks."
import os
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault('DIAMOND_PRESET', 'smoke')
os.environ.setdefault('MPLBACKEND', 'Agg')

def notebooks():
    "Every notebook nbdev exports or tests (scratch `_` files and folders excluded)."
    return sorted(p for p in (ROOT/'nbs').rglob('*.ipynb')
                  if not any(part.startswith(('_', '.')) for part in p.relative_to(ROOT/'nbs').parts))

@pytest.fixture
def root(): return ROOT
