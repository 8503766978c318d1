#!/usr/bin/env bash
# bench-cluster.sh runs the clusterer's benchmarks (BenchmarkCluster in
# internal/cluster/bench_test.go): Leiden and gonum's Louvain on the same
# planted graphs of 10k, 100k and 1M edges, with clear (20 % of the edges
# cross communities) and noisy (50 %) structure, then prints them side by
# side: time per run, modularity Q, MoJoFM against the planted communities
# and the number of disconnected communities.
#
#   scripts/bench-cluster.sh            # every graph: ~5 min, 3 of them gonum's Louvain on 100k-noisy
#   scripts/bench-cluster.sh '10k|100k|1M' # a regexp over the graph names (here: the clear ones, ~1 min)
#   BENCHTIME=5x scripts/bench-cluster.sh
#
# Louvain is skipped at 1M edges (it would take hours); its cells read "-".
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=${1:-.*}
benchtime=${BENCHTIME:-1s}
raw=$(mktemp)
trap 'rm -f "$raw"' EXIT

go test -run '^$' -bench "^BenchmarkCluster\$/^(leiden|louvain)\$/^(${sizes})\$" \
	-benchtime "$benchtime" -timeout 60m ./internal/cluster/ | tee "$raw" >&2

awk '
/^BenchmarkCluster\// {
	split($1, part, "/"); alg = part[2]; name = part[3]; sub(/-[0-9]+$/, "", name)
	if (!(name in seen)) { seen[name] = 1; order[++n] = name }
	for (i = 3; i < NF; i += 2) v[alg, name, $(i + 1)] = $i
}
function has(alg, name, unit) { return (alg, name, unit) in v }
function cell(alg, name, unit, fmt) { return has(alg, name, unit) ? sprintf(fmt, v[alg, name, unit]) : "-" }
function secs(alg, name) { return has(alg, name, "ns/op") ? sprintf("%.3f", v[alg, name, "ns/op"] / 1e9) : "-" }
END {
	printf "\n%-10s %9s | %9s %9s %7s | %7s %7s | %8s %8s | %s\n", "graph", "edges", "Leiden s", "Louvain s", "speedup",
		"Q Lei", "Q Lou", "MoJoFM L", "MoJoFM V", "disconnected L/V"
	for (k = 1; k <= n; k++) {
		s = order[k]
		edges = has("leiden", s, "edges") ? v["leiden", s, "edges"] : v["louvain", s, "edges"]
		speed = "-"
		if (has("leiden", s, "ns/op") && has("louvain", s, "ns/op"))
			speed = sprintf("%.0fx", v["louvain", s, "ns/op"] / v["leiden", s, "ns/op"])
		printf "%-10s %9d | %9s %9s %7s | %7s %7s | %8s %8s | %s/%s\n", s, edges, secs("leiden", s), secs("louvain", s), speed,
			cell("leiden", s, "Q", "%.4f"), cell("louvain", s, "Q", "%.4f"),
			cell("leiden", s, "MoJoFM", "%.1f"), cell("louvain", s, "MoJoFM", "%.1f"),
			cell("leiden", s, "disconnected", "%d"), cell("louvain", s, "disconnected", "%d")
	}
}' "$raw"
