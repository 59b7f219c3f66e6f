#!/usr/bin/env bash
# Checks the nginx configuration of docs/deploy.md §3 as written there: the
# ```nginx block is read from the document, its addresses, ports and paths
# moved to a throw-away folder, checked with `nginx -t`, then run on loopback
# with a throw-away certificate in front of a `chiso serve` started for it:
#   - a login over HTTPS gets a Secure cookie (X-Forwarded-Proto from the
#     trusted proxy), and the session works through nginx;
#   - chiso's access log names the client nginx passed on (X-Forwarded-For),
#     not a forged one the client sent;
#   - an upload over nginx's limit gets the JSON 413.
# Needs nginx (apt-get install nginx-light), openssl and curl; not part of
# `make test`.
#
#   bash scripts/try-deploy.sh [CHISO]     (default: build/chiso)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CHISO="$(realpath "${1:-$ROOT/build/chiso}")"
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
WORK="$(mktemp -d /tmp/chiso-deploy-XXXXXX)"
CHISO_PID="" NGINX_PID=""
cleanup() {
  [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null || true
  [ -n "$CHISO_PID" ] && kill "$CHISO_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "try-deploy: FAILED: $*" >&2; exit 1; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# 1. chiso on a database with the sample and one coordinator.
export CHISO_CACHE_DIR="$WORK/cache"
"$CHISO" --db "$WORK/chiso.db" import "$ROOT/samples/000_e41d2a91a7ebffff.txt" --period 2024-Q4 >/dev/null || [ $? = 1 ]
echo "mat-khau-trien-khai" | "$CHISO" --db "$WORK/chiso.db" user add dieu-phoi --role coordinator --password-stdin >/dev/null
CHISO_PORT="$(free_port)"
"$CHISO" --db "$WORK/chiso.db" serve --listen "127.0.0.1:$CHISO_PORT" --trusted-proxy 127.0.0.1 \
  --access-log "$WORK/access.log" >"$WORK/serve.out" 2>"$WORK/serve.err" &
CHISO_PID=$!

# 2. The block of docs/deploy.md, moved to the folder and the free ports.
HTTP_PORT="$(free_port)" HTTPS_PORT="$(free_port)"
mkdir -p "$WORK/ssl" "$WORK/log" "$WORK/tmp"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=chiso.example.gov.vn" \
  -keyout "$WORK/ssl/privkey.pem" -out "$WORK/ssl/fullchain.pem" 2>/dev/null
awk '/^```nginx$/ {on = 1; next} /^```$/ {on = 0} on' "$ROOT/docs/deploy.md" |
  sed -e "s|server 127.0.0.1:8080;|server 127.0.0.1:$CHISO_PORT;|" \
      -e "s|listen 80;|listen 127.0.0.1:$HTTP_PORT;|" -e "/listen \[::\]:/d" \
      -e "s|listen 443 ssl http2;|listen 127.0.0.1:$HTTPS_PORT ssl http2;|" \
      -e "s|/etc/ssl/chiso/|$WORK/ssl/|" -e "s|/var/log/nginx/|$WORK/log/|" >"$WORK/site.conf"
grep -q "proxy_pass http://chiso;" "$WORK/site.conf" || fail "no nginx block found in docs/deploy.md"
cat >"$WORK/nginx.conf" <<CONF
# Debian's /etc/nginx/nginx.conf reduced to what a test run needs.
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/log/error.log;
daemon off;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  client_body_temp_path $WORK/tmp/body;
  proxy_temp_path $WORK/tmp/proxy;
  fastcgi_temp_path $WORK/tmp/fastcgi;
  uwsgi_temp_path $WORK/tmp/uwsgi;
  scgi_temp_path $WORK/tmp/scgi;
  include $WORK/site.conf;
}
CONF
"$NGINX" -t -c "$WORK/nginx.conf" -p "$WORK" 2>&1 | sed 's/^/nginx -t: /' >&2
"$NGINX" -t -q -c "$WORK/nginx.conf" -p "$WORK" || fail "nginx -t"
"$NGINX" -c "$WORK/nginx.conf" -p "$WORK" &
NGINX_PID=$!

# 3. Through nginx.
BASE="https://127.0.0.1:$HTTPS_PORT"
for _ in $(seq 100); do curl -ks -o /dev/null "$BASE/api/openapi.json" && break; sleep 0.1; done
redirect="$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "http://127.0.0.1:$HTTP_PORT/api/units")"
[[ "$redirect" == "301 https://"* ]] || fail "HTTP is not redirected to HTTPS: $redirect"
login="$(curl -ks -D "$WORK/login.headers" -H 'Content-Type: application/json' -H 'X-Forwarded-For: 6.6.6.6' \
  --data '{"username": "dieu-phoi", "password": "mat-khau-trien-khai"}' "$BASE/api/session")"
grep -qi '^set-cookie: chiso_session=.*; Secure' "$WORK/login.headers" || fail "the session cookie is not Secure: $(cat "$WORK/login.headers")"
cookie="$(grep -i '^set-cookie:' "$WORK/login.headers" | sed 's/^[^:]*: *//; s/;.*//')"
grep -qi '^strict-transport-security:' "$WORK/login.headers" || fail "no HSTS header"
units="$(curl -ks -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$BASE/api/units")"
[ "$units" = 200 ] || fail "GET /api/units through nginx: $units"
# The client as nginx saw it (127.0.0.1), not the forged 6.6.6.6: chiso takes
# the last address of X-Forwarded-For, the one nginx adds.
grep -q " 127.0.0.1 dieu-phoi GET /api/units 200 " "$WORK/access.log" || fail "access log: $(tail -3 "$WORK/access.log")"
! grep -q "6.6.6.6" "$WORK/access.log" || fail "a forged X-Forwarded-For was believed"
head -c $((22 << 20)) /dev/zero >"$WORK/big"
too_large="$(curl -ks -w ' %{http_code}' -H "Cookie: $cookie" -H "X-CSRF-Token: $(echo "$login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])')" \
  --data-binary @"$WORK/big" "$BASE/api/periods/2024-Q4/upload?name=big.csv")"
[[ "$too_large" == *'"too_large"'*' 413' ]] || fail "an upload over the limit: $too_large"
echo "try-deploy: nginx -t passed; HTTPS login with a Secure cookie, the client from X-Forwarded-For, the JSON 413: all as docs/deploy.md says"
