# The two commands of the README.  Run as root (or with sudo) on Debian 12.
VENV ?= .venv
APDC = $(VENV)/bin/apdc
BENCHES ?= ingest crossmatch datalink

.PHONY: up down test check status bench

up:            ## install, import the default data, start the server
	sh deploy/system_install.sh
	$(APDC) up

down:          ## stop the server
	$(APDC) stop

status:
	$(APDC) status

test: up       ## the whole test suite, against the running server
	$(VENV)/bin/python -m pytest -ra $(PYTEST_ARGS)

check: $(VENV)/.installed   ## unit tests only: no root, no server, no "make up"
	$(VENV)/bin/python -m pytest -q -m "not live" -p no:cacheprovider $(PYTEST_ARGS)

# The virtual environment for "make check", made without root when
# "make up" has not made it (on Debian's Python if there is one).
$(VENV)/.installed: setup.cfg
	[ -x $(VENV)/bin/python ] || python3 -m venv --system-site-packages $(VENV)
	$(VENV)/bin/pip install -q -e '.[test]'
	touch $@

bench:         ## speed and memory measurements (bench/README.md)
	for b in $(BENCHES); do $(VENV)/bin/python -m bench.$$b || exit 1; done
