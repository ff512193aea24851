#!/bin/sh
# Installs what the data centre needs on Debian 12; run as root.
# Idempotent: a second run only checks.  Called by "make up".
set -eu

VENV=${VENV:-.venv}
PG_VERSION=15
DEBIAN_PACKAGES="postgresql postgresql-$PG_VERSION-pgsphere postgresql-$PG_VERSION-q3c \
  python3-venv python3-pip python3-h5py python3-sqlalchemy python3-psycopg2 \
  python3-astropy python3-numpy python3-scipy python3-matplotlib python3-healpy stilts \
  nginx chromium chromium-driver rabbitmq-server"

missing() {
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" \
      || echo "$pkg"
  done
}

apt_install() {
  todo=$(missing "$@")
  [ -z "$todo" ] && return 0
  echo "== installing Debian packages: $todo"
  if [ -z "${APT_UPDATED:-}" ]; then apt-get update -qq; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q $todo
}

start_postgres() {
  if ! pg_lsclusters -h | awk '{print $4}' | grep -q online; then
    echo "== starting PostgreSQL $PG_VERSION"
    pg_ctlcluster --skip-systemctl-redirect $PG_VERSION main start \
      || pg_ctlcluster $PG_VERSION main start
  fi
}

start_rabbitmq() {
  # the data shop's broker (Celery); durable queues survive its restarts
  if ! rabbitmqctl -q status >/dev/null 2>&1; then
    echo "== starting RabbitMQ"
    rabbitmq-server -detached
    rabbitmqctl -q await_startup --timeout 60 >/dev/null
  fi
}

apt_install $DEBIAN_PACKAGES
start_postgres
start_rabbitmq
# pgSphere's extension script must be fixed before DaCHS creates it.
/usr/bin/python3 -m workarounds.pgsphere

if [ -n "$(missing gavodachs2-server)" ] \
    || ! dpkg-query -W -f='${Status}' gavodachs2-server | grep -q "installed"; then
  apt_install gavodachs2-server || true
fi
# A half-configured DaCHS (e.g. from an earlier failed install) is finished here.
if ! dpkg-query -W -f='${Status}' gavodachs2-server | grep -q "ok installed"; then
  DEBIAN_FRONTEND=noninteractive dpkg --configure -a
fi
su postgres -c "psql -d gavo -tAc 'CREATE EXTENSION IF NOT EXISTS q3c'" >/dev/null
# TAP queries are short; JIT compilation cost more than it saved in the
# cross-match benchmark (bench/crossmatch.py: 190 of 320 ms).
su postgres -c "psql -d gavo -tAc 'ALTER DATABASE gavo SET jit = off'" >/dev/null

if [ ! -x "$VENV/bin/python" ]; then
  echo "== creating $VENV on Debian's Python (DaCHS's interpreter)"
  /usr/bin/python3 -m venv --system-site-packages "$VENV"
fi
if ! "$VENV/bin/python" -c "import apdc.cli, uproot, pyvo, pytest, django, selenium" 2>/dev/null \
    || [ setup.cfg -nt "$VENV/.installed" ]; then
  echo "== installing the project and its Python dependencies into $VENV"
  "$VENV/bin/pip" install -q -e '.[portal,test]'
  touch "$VENV/.installed"
fi
