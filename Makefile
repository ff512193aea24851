# The two commands of the README.  Run as root (or with sudo) on Debian 12.
VENV ?= .venv
APDC = $(VENV)/bin/apdc
BENCHES ?= ingest crossmatch datalink

.PHONY: up down test status bench

up:            ## install, import the default data, start the server
	sh apdc/system_install.sh
	$(APDC) up

down:          ## stop the server
	$(APDC) stop

status:
	$(APDC) status

test: up       ## the whole test suite, against the running server
	$(VENV)/bin/python -m pytest -ra $(PYTEST_ARGS)

bench:         ## speed and memory measurements (bench/README.md)
	for b in $(BENCHES); do $(VENV)/bin/python -m bench.$$b || exit 1; done
