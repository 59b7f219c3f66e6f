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
