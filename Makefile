# resodocs: `make site` builds the site and PDFs from content/, `make test` runs the tests.
# Both start from a bare machine: `install` makes .venv and installs the Debian packages
# the build and the tests use (Chromium for the browser tests, poppler for reading PDFs
# back, fonts and Pango for WeasyPrint). It is idempotent and quick when all is there.

PY      := .venv/bin/python
VENV_OK := .venv/.installed
DEB     := chromium poppler-utils fonts-liberation fontconfig libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
APT     := $(shell command -v apt-get 2>/dev/null)
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install system-packages site pdf test goldens bench lint clean

install: system-packages $(VENV_OK)

system-packages:
	@missing=""; for p in $(DEB); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ -z "$(APT)" ]; then echo "missing Debian packages:$$missing (no apt-get here)"; exit 1; fi; \
	  echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

$(VENV_OK): pyproject.toml constraints.txt
	python3 -m venv .venv
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c constraints.txt -e '.[test]'
	touch $@

site: install
	NO_MKDOCS_2_WARNING=1 .venv/bin/resodocs build
	.venv/bin/resodocs pdf

pdf: install
	.venv/bin/resodocs pdf

test: install
	.venv/bin/ruff check generator tests bench
	.venv/bin/mypy
	NO_MKDOCS_2_WARNING=1 .venv/bin/pytest -q

goldens: install
	.venv/bin/python tests/regenerate_goldens.py

bench: install
	NO_MKDOCS_2_WARNING=1 $(PY) bench/run.py --pdfs

lint: install
	.venv/bin/ruff check generator tests bench
	.venv/bin/mypy

clean:
	rm -rf site build .cache
