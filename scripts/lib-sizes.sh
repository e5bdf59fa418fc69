# Sourced helper: print every file of a directory with raw and gzip sizes, and the totals.
print_dist_sizes() {
  local dir="$1" f raw gz total_raw=0 total_gz=0
  printf '%-52s %12s %12s\n' "file ($dir)" "raw bytes" "gzip bytes"
  while IFS= read -r f; do
    raw=$(stat -c %s "$f")
    gz=$(gzip -9 -c "$f" | wc -c)
    total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
    printf '%-52s %12d %12d\n' "${f#"$dir"/}" "$raw" "$gz"
  done < <(find "$dir" -type f | LC_ALL=C sort)
  printf '%-52s %12d %12d\n' "TOTAL" "$total_raw" "$total_gz"
}
