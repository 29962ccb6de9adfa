#!/usr/bin/env python3
"""Load generator for webhook-crash.sh: K `activities` pushes, each with its own summaryId, over C keep-alive
connections. Every id that got exactly HTTP 200 is appended (and flushed) to ACKED; ids whose request failed
(connection refused or reset, timeout, non-200) to FAILED. No retries: an id is sent once.

  push_unique.py HOST PORT PATH USER K C ACKED FAILED
"""
import http.client
import json
import sys
import threading
import time

host, port, path, user = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
total, concurrency = int(sys.argv[5]), int(sys.argv[6])
acked_file, failed_file = open(sys.argv[7], "a"), open(sys.argv[8], "a")
lock = threading.Lock()
next_id = [0]


def body(summary_id):
    return json.dumps({"activities": [{
        "userId": user, "summaryId": summary_id, "activityId": 9001, "activityName": "Crash Run",
        "activityType": "RUNNING", "startTimeInSeconds": 1767250800, "startTimeOffsetInSeconds": 3600,
        "durationInSeconds": 1800, "distanceInMeters": 5400.0, "averageSpeedInMetersPerSecond": 3.0,
        "averageHeartRateInBeatsPerMinute": 150, "deviceName": "Forerunner 265"}]}, separators=(",", ":")).encode()


def take():
    with lock:
        if next_id[0] >= total:
            return None
        next_id[0] += 1
        return f"crash-{next_id[0]:07d}"


def record(f, summary_id):
    with lock:
        f.write(summary_id + "\n")
        f.flush()


def worker():
    conn = None
    while (summary_id := take()) is not None:
        try:
            if conn is None:
                conn = http.client.HTTPConnection(host, port, timeout=30)
            conn.request("POST", path, body(summary_id), {"Content-Type": "application/json;charset=UTF-8"})
            response = conn.getresponse()
            response.read()
            if response.status == 200:
                record(acked_file, summary_id)
            else:
                record(failed_file, summary_id)
        except (OSError, http.client.HTTPException):
            record(failed_file, summary_id)
            if conn is not None:
                conn.close()
            conn = None
            time.sleep(0.2)  # the app is down: do not burn through every id while it restarts


threads = [threading.Thread(target=worker) for _ in range(concurrency)]
for t in threads:
    t.start()
for t in threads:
    t.join()
