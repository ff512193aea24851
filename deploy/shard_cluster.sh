#!/bin/sh
# Idempotent: a second PostgreSQL 15 cluster on another port standing in
# for a shard host on the test machine, with q3c and pg_sphere in its
# database and a login role for the postgres_fdw user mapping.
# Usage (as root): deploy/shard_cluster.sh [NAME] [PORT] [DBNAME]
set -eu
NAME=${1:-shard1}; PORT=${2:-5433}; DB=${3:-gavo_shard}
ROLE=${SHARD_ROLE:-apdc_shard}; PASSWORD=${SHARD_PASSWORD:-apdc_shard}
pg_lsclusters -h | awk '{print $2}' | grep -qx "$NAME" \
  || pg_createcluster 15 "$NAME" --port "$PORT"
pg_ctlcluster 15 "$NAME" status >/dev/null 2>&1 || pg_ctlcluster 15 "$NAME" start
psql_() { su postgres -c "psql -p $PORT -v ON_ERROR_STOP=1 -Atq $*"; }
psql_ "-c \"select 1 from pg_roles where rolname='$ROLE'\"" | grep -q 1 \
  || psql_ "-c \"create role $ROLE login password '$PASSWORD'\""
psql_ "-c \"select 1 from pg_database where datname='$DB'\"" | grep -q 1 \
  || psql_ "-c \"create database $DB owner $ROLE\""
psql_ "-d $DB -c 'create extension if not exists q3c; create extension if not exists pg_sphere'"
# local side: postgres_fdw needs a superuser to be created; DaCHS's admin
# role may then declare servers and user mappings with it
LOCAL_DB=${LOCAL_DB:-gavo}; LOCAL_ROLE=${LOCAL_ROLE:-gavoadmin}
su postgres -c "psql -v ON_ERROR_STOP=1 -Atq -d $LOCAL_DB -c 'create extension if not exists postgres_fdw; grant usage on foreign data wrapper postgres_fdw to $LOCAL_ROLE'"
echo "shard cluster $NAME on port $PORT, database $DB, role $ROLE"
