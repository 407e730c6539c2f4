#!/bin/sh
# The backend image's commands, so compose and Kubernetes name what to run, not how:
#   serve    (default) the API: uvicorn with WEB_CONCURRENCY workers (default 2, about one
#            per core; Kubernetes sets 1 and scales pods) on HOST:PORT, trusting
#            X-Forwarded-For/-Proto from FORWARDED_ALLOW_IPS (uvicorn reads it; default
#            127.0.0.1; compose.yaml sets it for nginx) and from TRUSTED_PROXIES (the app)
#   migrate  apply the database migrations (alembic upgrade head) and exit
#   anything else runs as given, e.g. `docker run IMAGE alembic current`
set -eu

case "${1:-serve}" in
  serve)
    exec uvicorn app.main:app \
      --host "${HOST:-0.0.0.0}" --port "${PORT:-8000}" \
      --workers "${WEB_CONCURRENCY:-2}" \
      --proxy-headers --no-server-header \
      --timeout-graceful-shutdown 20
    ;;
  migrate)
    exec alembic upgrade head
    ;;
  *)
    exec "$@"
    ;;
esac
