#!/usr/bin/env bash
# `make run`: checks and imports the shipped sample (the seed appendix, under
# its real name), then writes every report of that period into OUT.
# The seed does not say which period it covers; the sample is stored as
# 2024-Q4, a label only.
set -uo pipefail
exe=${1:-build/chiso}
out=${2:-out}
sample=samples/000_e41d2a91a7ebffff.txt
period=2024-Q4
db="$out/chiso.db"

mkdir -p "$out"
rm -f "$db" "$db-wal" "$db-shm"

echo "== chiso check $sample"
"$exe" check "$sample" --period "$period"
rc=$?
# Exit 1 means "findings of severity error": the seed has some, as received.
if [[ $rc -ne 0 && $rc -ne 1 ]]; then echo "chiso check failed (exit $rc)"; exit "$rc"; fi

echo
echo "== chiso import $sample --period $period"
"$exe" --db "$db" import "$sample" --period "$period"
rc=$?
if [[ $rc -ne 0 && $rc -ne 1 ]]; then echo "chiso import failed (exit $rc)"; exit "$rc"; fi

echo
echo "== reports"
set -e
for format in xlsx html csv json docx pdf; do
  "$exe" --db "$db" report --period "$period" -o "$out/phu-luc-2.$format"
done
"$exe" --db "$db" report --period "$period" --variant review --with-summary -o "$out/phu-luc-2-ra-soat.docx"
"$exe" --db "$db" report --period "$period" --variant review --with-summary -o "$out/phu-luc-2-ra-soat.pdf"
"$exe" --db "$db" report --period "$period" --with-charts --with-summary -o "$out/phu-luc-2-bieu-do.pdf"
"$exe" --db "$db" rank --period "$period" --indicator online_full_pct > "$out/xep-hang-toan-trinh.txt"
"$exe" --db "$db" chart --period "$period" --indicator online_full_pct -o "$out/toan-trinh.svg"
"$exe" --db "$db" chart --period "$period" --indicator online_full_pct -o "$out/toan-trinh.png"
echo
echo "The reports are in $out/:"
ls -1 "$out" | grep -v '^chiso.db' | sed "s|^|  $out/|"

# The server on the sample database: a demo coordinator and the reporters of
# two units of the sample, each with a one-time password (changed at the
# first login). In a terminal the server runs in the foreground until Ctrl-C;
# elsewhere (CI, a pipe) the command to start it is printed instead, unless
# CHISO_SERVE=1.
echo
echo "== users"
"$exe" --db "$db" user add dieu-phoi --role coordinator --display-name "Điều phối viên (thử)"
"$exe" --db "$db" user add du-lich --role reporter --unit "Sở Du lịch" --display-name "Sở Du lịch (thử)"
"$exe" --db "$db" user add cong-thuong --role reporter --unit "Sở Công Thương" --display-name "Sở Công Thương (thử)"
listen=${CHISO_LISTEN:-127.0.0.1:8080}
echo
if [[ -t 0 || "${CHISO_SERVE:-}" == "1" ]]; then
  echo "== chiso serve: mở địa chỉ dưới đây trong trình duyệt / open the address below in a browser (Ctrl-C dừng / stops)"
  echo "   README.md: first steps in the browser"
  exec "$exe" --db "$db" serve --listen "$listen"
fi
echo "Start the server with: $exe --db $db serve --listen $listen"

