#!/usr/bin/env python3
"""Watches a prediction log from a connection of its own while a replay
writes it, and reports how long that connection waited between commits.

    python3 tests/perf/commit_gaps.py LOG PID

Polls until process PID has ended. A commit by another connection changes
PRAGMA data_version, which costs nothing to read; only then is the log's
last call read (its primary key, newest first: one index seek, no scan of
millions of rows). A commit counts when that last call moved, that is when
new calls became visible. Prints JSON: the commits seen, the longest gap in
milliseconds between two of them, and the seconds from the first to the last.
"""
import json
import os
import sqlite3
import sys
import time

POLL_SECONDS = 0.002


def running(pid):
    """Whether PID still runs (a child its shell has not reaped yet is done)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def last_call(db):
    try:
        return db.execute("SELECT run, time, stock FROM predictions "
                          "ORDER BY run DESC, time DESC, stock DESC LIMIT 1").fetchone()
    except sqlite3.OperationalError:  # no table yet, or the log is being created
        return None


def main():
    path, pid = sys.argv[1], int(sys.argv[2])
    while running(pid) and not os.path.exists(path):
        time.sleep(POLL_SECONDS)
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    commits = []
    version = None
    seen = None
    while running(pid):
        try:
            now_version = db.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.OperationalError:
            now_version = None
        if now_version != version:
            version = now_version
            call = last_call(db)
            if call is not None and call != seen:
                seen = call
                commits.append(time.monotonic())
        time.sleep(POLL_SECONDS)
    gaps = [b - a for a, b in zip(commits, commits[1:])]
    json.dump({
        "commits": len(commits),
        "longest_gap_ms": round(max(gaps) * 1000, 1) if gaps else None,
        "span_s": round(commits[-1] - commits[0], 2) if commits else None,
    }, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
