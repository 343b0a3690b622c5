"The repository is consistent: clean notebooks, package in sync with them, no stale module."
import shutil, subprocess, sys
from pathlib import Path
from conftest import ROOT, notebooks

BIN = Path(sys.executable).parent

def _copy_project(dst: Path) -> Path:
    "Copy what nbdev reads and writes (pyproject, nbs, package) into `dst`."
    shutil.copy(ROOT/'pyproject.toml', dst)
    shutil.copytree(ROOT/'nbs', dst/'nbs')
    shutil.copytree(ROOT/'diamond', dst/'diamond', ignore=shutil.ignore_patterns('__pycache__'))
    return dst

def _files(d: Path): return {p.relative_to(d): p.read_bytes() for p in sorted(d.rglob('*')) if p.is_file() and '__pycache__' not in p.parts}

def test_there_are_notebooks():
    names = [p.name for p in notebooks()]
    assert '00_core.ipynb' in names and '01_edm.ipynb' in names, names

def test_notebooks_are_clean(tmp_path):
    "`nbdev-clean` leaves no diff: no outputs, no execution counts, no stray metadata."
    proj = _copy_project(tmp_path)
    subprocess.run([str(BIN/'nbdev-clean')], cwd=proj, check=True, capture_output=True)
    before, after = _files(ROOT/'nbs'), _files(proj/'nbs')
    dirty = [str(k) for k in before if before[k] != after.get(k)]
    assert not dirty, f"run `nbdev-clean` and commit: not clean: {dirty}"

def test_package_in_sync_and_no_stale_modules(tmp_path):
    "`nbdev-export` from scratch rebuilds diamond/ exactly: nothing out of sync, no module without a notebook."
    proj = _copy_project(tmp_path)
    for f in (proj/'diamond').rglob('*.py'):
        if f.name != '__init__.py': f.unlink()
    subprocess.run([str(BIN/'nbdev-export')], cwd=proj, check=True, capture_output=True)
    want, have = _files(proj/'diamond'), _files(ROOT/'diamond')
    stale = sorted(str(k) for k in set(have) - set(want))
    assert not stale, f"modules whose notebook is gone (delete them): {stale}"
    out_of_sync = sorted(str(k) for k in want if want[k] != have.get(k))
    assert not out_of_sync, f"run `nbdev-export` and commit: out of sync: {out_of_sync}"

def test_published_data_copied():
    for f in ['SOURCES.md', 'per_run_scores.csv', 'reference_scores.csv', 'paper_table1.csv', 'paper_table1_aggregates.csv']:
        assert (ROOT/'data'/'published'/f).exists(), f

def test_ruff_clean():
    "The generated package passes the lint rules of pyproject.toml ([tool.ruff.lint])."
    r = subprocess.run([str(BIN/'ruff'), 'check', '--no-cache', 'diamond'], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr

def test_modules_are_small():
    "No module over 300 lines (the generated index `_modidx.py` excepted): a longer one should be split."
    long = {p.name: n for p in (ROOT/'diamond').glob('*.py') if p.name != '_modidx.py'
            and (n := len(p.read_text().splitlines())) > 300}
    assert not long, f"modules over 300 lines: {long}"
