# The two commands of the README, and the few others developers need.
VENV   ?= .venv
PYTHON ?= python3
BIN    := $(VENV)/bin

.PHONY: run test test-slow lint bench screenshots wheel clean room-server lock dist test-dist translations

## Install Offsite and open it on the demo plan (first run) or the last plan.
run: $(VENV)/.installed
	bash packaging/system-deps.sh --desktop
	$(LRELEASE)
	$(BIN)/python -m compileall -q src  # an editable checkout starts as fast as an installed one
	$(BIN)/offsite

## Install what the tests need (Python packages and Debian libraries) and run the whole suite.
## The bundle's tests build a 230 MB folder and a bare Debian first: `make test-dist` runs them.
test: $(VENV)/.installed-test
	bash packaging/system-deps.sh
	$(LRELEASE)
	rm -rf "$${TMPDIR:-/tmp}/offsite-test-crashes"
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n 2 --dist loadgroup --max-worker-restart=0 \
	    --ignore=tests/integration/test_bundle.py \
	    || { for log in "$${TMPDIR:-/tmp}"/offsite-test-crashes/*.log; do \
	             [ -s "$$log" ] && { echo "== a test process crashed: $$log"; cat "$$log"; }; done; exit 1; }

## Start a PostgreSQL server on this laptop for a room of laptops (kept in Offsite's data folder);
## it prints the address to host a plan on: offsite room host PLAN --database ADDRESS.
room-server: $(VENV)/.installed
	bash packaging/system-deps.sh --room
	$(BIN)/offsite room server

## The reliability tests at full strength (200 kills instead of 50).
test-slow: $(VENV)/.installed-test
	OFFSITE_SLOW=1 QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n 2 --dist loadgroup tests/integration

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests bench
	$(BIN)/lint-imports
	$(BIN)/mypy

## Every ratio of the performance goals, against baselines measured in the same run (long: plans
## up to 1,000x). `make bench BENCH=--quick` stops at 100x and takes a few minutes.
BENCH ?=
## Start-up is timed as a user's installed copy starts: from compiled modules (an installed wheel
## has them; an editable checkout gets them here, whatever PYTHONDONTWRITEBYTECODE says).
bench: $(VENV)/.installed-test
	$(BIN)/python -m compileall -q src
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/run.py $(BENCH)

## The languages besides English: resources/translations/offsite_<lang>.ts is the catalogue a
## translator fills (Qt Linguist); the app loads the .qm that lrelease compiles from it, at every
## `make run`, `make test`, `make wheel` and `make dist`. `make translations` finds every text of the
## code (translate() and QT_TRANSLATE_NOOP calls) and of the forms (ui/) and adds the new ones to the
## catalogue; tests/test_translations.py fails while one is missing or untranslated.
CATALOGUES := $(wildcard resources/translations/offsite_*.ts)
LRELEASE    = $(BIN)/pyside6-lrelease -silent $(CATALOGUES)
translations: $(VENV)/.installed-test
	$(BIN)/pyside6-lupdate -extensions py,ui -locations none -no-obsolete -silent src/offsite ui -ts $(CATALOGUES)
	$(LRELEASE)

## Re-render the README screenshots from the demo plan.
screenshots: $(VENV)/.installed
	$(LRELEASE)
	QT_QPA_PLATFORM=offscreen $(BIN)/python packaging/screenshots.py

wheel: $(VENV)/.installed-test
	$(LRELEASE)
	$(BIN)/python -m build --wheel --outdir dist .

## Offsite in one folder that runs on a Debian desktop without Python: dist/offsite/offsite
## (PyInstaller, packaging/offsite.spec; copy the folder anywhere and run it). --clean: a cached
## analysis would miss a library installed since.
dist: $(VENV)/.installed-test
	bash packaging/system-deps.sh --dist
	$(LRELEASE)
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller packaging/offsite.spec
	du -sh dist/offsite

## Build the bundle, then run it with no Python: here, and in a bare Debian (debootstrap, kept in build/).
test-dist: dist
	QT_QPA_PLATFORM=offscreen OFFSITE_BUNDLE=dist/offsite $(BIN)/python -m pytest -p no:xdist tests/integration/test_bundle.py

$(VENV)/.venv-made:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	touch $@

# Both targets install the lock's exact versions, hash-checked (requirements/app.txt, and
# requirements/test.txt for the tests), then the working tree in place (editable) without resolving
# again, so the app and the tests never run a stale copy nor another version than the suite passed
# with; tests/integration/test_wheel.py proves a plain `pip install .` works too.
$(VENV)/.installed: requirements/app.txt pyproject.toml $(VENV)/.venv-made
	$(BIN)/pip install -q --require-hashes -r requirements/app.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $@

$(VENV)/.installed-test: requirements/test.txt pyproject.toml $(VENV)/.venv-made
	$(BIN)/pip install -q --require-hashes -r requirements/test.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $@

## Write the lock again from pyproject.toml's ranges, for Linux x86_64 and Python 3.11: pins that
## still fit stay; `make lock LOCK=--upgrade` takes the newest releases the ranges allow.
LOCK ?=
COMPILE = $(BIN)/uv pip compile -q pyproject.toml --generate-hashes --python-version 3.11 \
          --python-platform x86_64-manylinux_2_34 --custom-compile-command 'make lock' $(LOCK)
lock: $(VENV)/.venv-made
	$(BIN)/pip install -q uv==0.13.8
	$(COMPILE) --extra test -o requirements/test.txt
	$(COMPILE) -c requirements/test.txt -o requirements/app.txt  # the app's pins are the tests' pins

clean:
	rm -rf $(VENV) dist build
