# The two entry points of the README: `make figures` and `make test`. Both set up .venv first if needed.
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# CPU wheel by default (an unpinned torch pulls several GB of CUDA); GPU users: make TORCH="torch==2.x.y" ...
TORCH ?= torch==2.13.0
STAMP := $(VENV)/.installed-$(subst /,_,$(TORCH))
# pip on these machines warns about missing local index folders: hide that noise, keep pip's exit status.
QUIET := sed "/is ignored: it is neither a file nor a directory/d"
# Torch is up to 10x slower with 2 threads on small convolutions: one thread per process, processes in parallel.
RUN_ENV := OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 MPLBACKEND=Agg PYTHONHASHSEED=0
WORKERS ?= 2
# Preset the notebooks run under for `make figures` (the tests always use smoke).
PRESET ?= cpu

.PHONY: install export figures test clean-nbs bench
install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Installing into $(VENV) ($(TORCH)) ..."
	@$(BIN)/python -m pip install -q --upgrade pip 2>&1 | $(QUIET)
	@$(BIN)/python -m pip install -q "$(TORCH)" 2>&1 | $(QUIET)
	@$(BIN)/python -m pip install -q -e ".[dev]" 2>&1 | $(QUIET)
	@$(BIN)/python -c "import diamond, torch, nbdev, rliable; print('installed torch', torch.__version__)"
	@rm -f $(VENV)/.installed-* && touch $(STAMP)

# Build the package diamond/ from the notebooks.
export: install
	$(BIN)/nbdev-export

# Execute every notebook top to bottom; experiment notebooks write tables and figures into figures/.
figures: export
	$(RUN_ENV) DIAMOND_PRESET=$(PRESET) $(BIN)/nbdev-test --n-workers $(WORKERS) --do-print --timing

# Every check of CI: clean notebooks, package in sync, no stale module, every notebook under `smoke`, tests/.
test: install
	$(RUN_ENV) DIAMOND_PRESET=smoke $(BIN)/python -m pytest -n $(WORKERS) -p no:cacheprovider -q tests

bench: export
	$(BIN)/diamond-bench
