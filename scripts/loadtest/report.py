"""Print the load test's figures from locust's CSV files: per page the requests, requests per
second, p50/p95/p99 and failures, then the errors. Exits 1 when any request failed.

    python scripts/loadtest/report.py PREFIX      # PREFIX_stats.csv and PREFIX_failures.csv
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path


def _rows(path: str) -> list[dict[str, str]]:
    with Path(path).open(encoding="utf-8") as file:
        return list(csv.DictReader(file))


def main(prefix: str) -> int:
    stats = _rows(f"{prefix}_stats.csv")
    print(f"{'page':22} {'requests':>8} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'failures':>8}")
    for row in stats:
        if row["Request Count"] == "0":  # the sign-ins, counted before the measured time
            continue
        name = row["Name"] if row["Name"] != "Aggregated" else "ALL"
        print(
            f"{name:22} {row['Request Count']:>8} {float(row['Requests/s']):>7.2f} {row['50%']:>8} "
            f"{row['95%']:>8} {row['99%']:>8} {row['Failure Count']:>8}"
        )
    failures = _rows(f"{prefix}_failures.csv")
    if failures:
        print("\nErrors:")
        for row in failures:
            print(f"  {row['Occurrences']:>5} x {row['Method']} {row['Name']}: {row['Error']}")
    total = next((row for row in stats if row["Name"] == "Aggregated"), None)
    return 1 if total and int(total["Failure Count"]) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
