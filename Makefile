# Everything a contributor runs. Each target installs what it needs first.
.DEFAULT_GOAL := help
.PHONY: help venv serve build zensical check freshness note links offline edition release bench screenshots test test-fast lint clean

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Each pinned set is installed once, and again when its lock file changes.
INSTALLED := $(VENV)/.installed
TEST_INSTALLED := $(VENV)/.installed-test
ZENSICAL_INSTALLED := $(VENV)/.installed-zensical
# The engine's settings for this site.
ENGINE := annotate.yml

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
$(INSTALLED): requirements.lock engine/pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e engine
	touch $@

# Tests, browser tests and linting.
$(TEST_INSTALLED): $(INSTALLED) requirements-test.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.lock
	touch $@

# Zensical, pinned apart from the MkDocs build.
$(ZENSICAL_INSTALLED): $(INSTALLED) requirements-zensical.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-zensical.lock
	touch $@

venv: $(TEST_INSTALLED) $(ZENSICAL_INSTALLED)  ## Create .venv with every pinned package: building, Zensical, tests

serve: $(INSTALLED)  ## Serve the site at http://127.0.0.1:8000, rebuilding on every change
	-@$(BIN)/python -m annotate tree $(ENGINE)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --watch-theme

build: $(INSTALLED)  ## Build the site into site/ with MkDocs, failing on any warning
	$(BIN)/python -m annotate tree $(ENGINE)
	$(BIN)/mkdocs build --strict

zensical: $(ZENSICAL_INSTALLED)  ## Build the same site into site-zensical/ with Zensical
	$(BIN)/python -m annotate tree $(ENGINE)
	SITE_DIR=site-zensical $(BIN)/zensical build --clean --strict

check: $(INSTALLED)  ## Validate notes and data in about a second, no browser
	$(BIN)/python -m annotate check $(ENGINE)

freshness: $(INSTALLED)  ## List crates behind crates.io or GitHub releases, yanked versions notes cite, notes due for review, cited sources that drifted
	$(BIN)/python scripts/freshness.py $(if $(OPEN_ISSUE),--open-issue)

note: $(INSTALLED)  ## Start a note from the article's words: make note QUOTE="words" [ID=slug]
	@test -n "$(QUOTE)" || { echo 'usage: make note QUOTE="the article'"'"'s exact words" [ID=slug]' >&2; exit 2; }
	$(BIN)/python scripts/new_note.py "$(QUOTE)" $(if $(ID),--id "$(ID)")

offline: $(INSTALLED)  ## Build a copy that works from disk, with search, zipped as rust-ml-annotated-offline.zip into one dated folder
	export SOURCE_DATE_EPOCH="$${SOURCE_DATE_EPOCH:-$$(date +%s)}" && \
	export OFFLINE=true && $(BIN)/python -m annotate tree $(ENGINE) && \
	$(BIN)/mkdocs build --strict --site-dir site-offline && \
	$(BIN)/python scripts/offline_zip.py site-offline rust-ml-annotated-offline.zip

edition:  ## Name the next published edition (version from the day and the v* tags); the deploy workflow runs it
	@$(PYTHON) scripts/edition.py

release:  ## Tag this commit as release v$SITE_VERSION with the offline zip attached (the deploy workflow runs it; needs gh)
	@test -n "$(SITE_VERSION)" || { echo "release: set SITE_VERSION (make edition names it)" >&2; exit 2; }
	@test -f rust-ml-annotated-offline.zip || { echo "release: rust-ml-annotated-offline.zip is missing; run make offline" >&2; exit 2; }
	gh release create "v$(SITE_VERSION)" rust-ml-annotated-offline.zip --target "$$(git rev-parse HEAD)" \
		--title "Rust & ML, Annotated $(SITE_VERSION)" \
		--notes "The site as published in version $(SITE_VERSION). rust-ml-annotated-offline.zip is the offline copy: it unpacks into one folder named with its build date; open index.html in it."

# Lighthouse, at the version pinned in package-lock.json, for `make bench`.
node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund
	touch $@

bench: $(INSTALLED) node_modules/.installed  ## Measure weight, build time, scaling and Lighthouse scores; writes bench-results.json and README's tables
	CHROMIUM="$$(scripts/find-chromium.sh)" $(BIN)/python scripts/bench.py

screenshots: build  ## Take README's pictures of the article (laptop light and dark, phone) into screenshots/
	$(BIN)/python scripts/screenshots.py

links: build  ## Add new public links to data/public-links.txt (never removes one)
	$(BIN)/python scripts/links.py --update

lint: $(TEST_INSTALLED)  ## Lint the Python code
	$(BIN)/ruff check engine scripts tests

test: $(TEST_INSTALLED) $(ZENSICAL_INSTALLED)  ## Run every test, browser tests included, in parallel
	$(BIN)/ruff check engine scripts tests
	CHROMIUM="$$(scripts/find-chromium.sh)" $(BIN)/python -m pytest -n 3 --dist loadfile

test-fast: $(TEST_INSTALLED) $(ZENSICAL_INSTALLED)  ## Every test but the browser tests, in parallel
	$(BIN)/ruff check engine scripts tests
	$(BIN)/python -m pytest -n 2 --dist loadfile -m "not browser"

clean:  ## Remove the built sites, the build tree and the virtual environment
	rm -rf build site site-zensical site-offline rust-ml-annotated-offline.zip $(VENV) .pytest_cache node_modules
