#!/usr/bin/env python3
# Medians of benchmarks/ab.sh's runs: for each row of run.sh's side-by-side tables (the rows with
# p50, p99, ops/s, server CPU, round trips and client CPU columns), side A's and side B's median p50
# ratio, and the medians of the subject's p50, server CPU and client CPU per operation.
import glob, os, statistics, sys

def rows(files):
    out = {}
    for name in files:
        for line in open(name, encoding="utf-8"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if not line.startswith("| ") or len(cells) != 16:
                continue
            try:
                values = [float(cells[i].replace(",", "")) for i in (1, 2, 3, 9, 10, 14, 15)]
            except ValueError:
                continue  # a header
            out.setdefault(cells[0], []).append(values)
    return out

directory = sys.argv[1]
a = rows(sorted(glob.glob(os.path.join(directory, "a-*.md"))))
b = rows(sorted(glob.glob(os.path.join(directory, "b-*.md"))))
print("| row | A: p50 ratios (median) | B: p50 ratios (median) | subject p50 µs A → B | server CPU µs A → B | client CPU µs A → B |")
print("|---|---|---|--:|--:|--:|")
for name in a:
    if name not in b:
        continue
    med = lambda runs, i: statistics.median(r[i] for r in runs)
    ratios = lambda runs: ", ".join(f"{r[2]:.2f}" for r in runs) + f" ({med(runs, 2):.2f})"
    print(f"| {name} | {ratios(a[name])} | {ratios(b[name])} | {med(a[name], 0):,.0f} → {med(b[name], 0):,.0f}"
          f" | {med(a[name], 3):,.1f} → {med(b[name], 3):,.1f} | {med(a[name], 5):,.1f} → {med(b[name], 5):,.1f} |")
