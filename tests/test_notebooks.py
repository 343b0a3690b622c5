"Every notebook runs top to bottom under the `smoke` preset (its cells hold the component tests)."
import os
import pytest
from conftest import ROOT, notebooks

@pytest.mark.parametrize('nb', notebooks(), ids=lambda p: str(p.relative_to(ROOT/'nbs')))
def test_notebook_runs(nb, monkeypatch):
    from nbdev.test import test_nb
    from nbdev.config import get_config
    monkeypatch.setenv('DIAMOND_PRESET', 'smoke')
    monkeypatch.chdir(nb.parent)
    skip = get_config(ROOT).tst_flags.split()
    ok, secs = test_nb(nb, skip_flags=skip, showerr=True)
    assert ok, f"{nb.name} failed under the smoke preset (see the traceback above)"
