#!/bin/sh
# Creates the namespace and the search attributes the service uses. Safe to run again.
set -eu
temporal operator namespace describe --namespace default >/dev/null 2>&1 \
  || temporal operator namespace create --namespace default --retention 30d
for attr in IntegrationId Entity SyncMode SyncStatus; do
  temporal operator search-attribute create --namespace default --name "$attr" --type Keyword 2>/dev/null \
    || echo "search attribute $attr exists"
done
