#!/usr/bin/env python3
"""CPU accounting for scale-out.sh, from /proc/<pid>/stat (utime + stime).

  cpu_snap.py snap OUT --app "PID ..." [--pg "PID ..."]   one JSON snapshot: ticks per app pid, per PostgreSQL
                                                         backend of the bench database, and the PostgreSQL
                                                         server's background processes (WAL writer, checkpointer,
                                                         background writer, autovacuum, ...)
  cpu_snap.py diff BEFORE AFTER                          "app_ms pg_ms pgbg_ms" spent between the two snapshots

A pid present only in AFTER counts whole (a backend the pool opened meanwhile); one present only in BEFORE counts
nothing (its last slice is lost - backends are pooled and live for the run, so this is small). The background
processes serve every database on the server, so other users' work shows there too: reported separately.
"""
import json
import os
import sys

TICK_MS = 1000 / os.sysconf("SC_CLK_TCK")


def ticks(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, IndexError, ValueError):
        return None


def background():
    out = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if cmd.startswith("postgres: ") and any(k in cmd for k in (
                "walwriter", "checkpointer", "background writer", "autovacuum", "logical replication", "stats")):
            t = ticks(pid)
            if t is not None:
                out[pid] = t
    return out


def snap(out, app, pg):
    data = {"app": {}, "pg": {}, "bg": background()}
    for kind, pids in (("app", app), ("pg", pg)):
        for pid in pids.split():
            t = ticks(pid)
            if t is not None:
                data[kind][pid] = t
    with open(out, "w") as f:
        json.dump(data, f)


def diff(before_path, after_path):
    before, after = json.load(open(before_path)), json.load(open(after_path))
    res = []
    for kind in ("app", "pg", "bg"):
        total = 0
        for pid, t in after[kind].items():
            total += t - before[kind].get(pid, 0) if pid in before[kind] else t
        res.append(total * TICK_MS)
    print(" ".join(f"{x:.0f}" for x in res))


if __name__ == "__main__":
    if sys.argv[1] == "snap":
        args = dict(zip(sys.argv[3::2], sys.argv[4::2]))
        snap(sys.argv[2], args.get("--app", ""), args.get("--pg", ""))
    else:
        diff(sys.argv[2], sys.argv[3])
