# Two commands do all the set-up on a fresh machine with only Python 3.11+ and make:
#   make run   - create .venv, install Warroom, open the window on the local store
#   make test  - create .venv, install Warroom with its test tools, run the whole suite
#   make lint  - ruff check, ruff format --check, mypy, import-linter (CI runs it before the tests)
#   make package - the PyInstaller one-folder bundle in dist/warroom/ (icons made from the SVG)
#   make smoke - wheel in a fresh venv + bundle: both --self-test, bundle output = source output
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BUILD_STAMP := $(VENV)/.build-installed

.PHONY: run test bench lint demo clean package smoke wheel

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit("Warroom needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test,lint]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/warroom

demo: $(STAMP)
	$(BIN)/warroom demo && $(BIN)/warroom

# one worker per core; a test takes the next free worker (some take seconds, most milliseconds)
test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -n auto --dist worksteal

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.bench

lint: $(STAMP)
	$(BIN)/ruff check warroom tests
	$(BIN)/ruff format --check warroom tests
	$(BIN)/mypy
	$(BIN)/lint-imports

# the pinned build extra (pyinstaller, its contrib hooks, Pillow), only when packaging
$(BUILD_STAMP): $(STAMP) pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test,lint,build]'
	touch $(BUILD_STAMP)

wheel: $(STAMP)
	$(BIN)/python -m pip wheel --quiet --no-deps --no-build-isolation --wheel-dir dist .

package: $(BUILD_STAMP)
	$(BIN)/python packaging/make_icons.py build/icons
	$(BIN)/pyinstaller --noconfirm --log-level ERROR --distpath dist --workpath build/pyinstaller packaging/warroom.spec
	@echo "bundle: dist/warroom/warroom (try: dist/warroom/warroom --self-test)"

smoke: $(BUILD_STAMP)
	bash packaging/smoke.sh

clean:
	rm -rf $(VENV) build dist *.egg-info
