#!/usr/bin/env bash
# Adds a migration for both engines, each in its own folder: SQLite (the host's default) and PostgreSQL
# (the host with Database:Provider=Postgres; no server is contacted). The namespaces follow the folders; --namespace
# would also move the model snapshot to a folder named after it. Usage: scripts/add-migration.sh <Name>
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh <MigrationName>}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet tool run dotnet-ef migrations add "$name" --context CoopahDbContext --project Coopah.Web \
  --output-dir Data/Migrations/Sqlite
Database__Provider=Postgres ConnectionStrings__Coopah="Host=localhost;Database=coopah_design" \
  dotnet tool run dotnet-ef migrations add "$name" --context PostgresCoopahDbContext --project Coopah.Web \
  --output-dir Data/Migrations/Postgres
