#!/usr/bin/env python3
"""Load generator for scale-out.sh: N `activities` pushes, each with its own summaryId, over C keep-alive
connections spread round-robin over one or more ports (connection i goes to ports[i % len(ports)]), so
`--ports A` loads one instance and `--ports A,B` splits the same load 50/50 over two.

Every id that got exactly HTTP 200 is appended (flushed per line) to ACKED as "id port unix_time"; ids whose
request failed (refused or reset connection, timeout, non-200) to FAILED as "id port unix_time reason". No retries:
an id is sent once (Garmin would resend a push we did not acknowledge). A connection whose request failed waits
0.2 s before it reconnects, so a dead instance does not eat every id while it is down.

Raw HTTP/1.1 over sockets rather than http.client: the client shares the 2 cores with the app, so it should spend as
little CPU per request as possible. Prints one JSON line with ack/s and latency percentiles (200s only) per port
and overall.

  push_split.py --ports P1[,P2] --path PATH --user USER -n N -c C --prefix PREFIX --acked FILE --failed FILE
"""
import argparse
import json
import socket
import threading
import time

ap = argparse.ArgumentParser()
ap.add_argument("--host", default="127.0.0.1")
ap.add_argument("--ports", required=True)
ap.add_argument("--path", required=True)
ap.add_argument("--user", required=True)
ap.add_argument("-n", type=int, required=True)
ap.add_argument("-c", type=int, required=True)
ap.add_argument("--prefix", required=True)
ap.add_argument("--acked", required=True)
ap.add_argument("--failed", required=True)
args = ap.parse_args()
ports = [int(p) for p in args.ports.split(",")]
assert 0 < args.n <= 1_000_000 and 0 < args.c <= 1024

acked_file, failed_file = open(args.acked, "a"), open(args.failed, "a")
lock = threading.Lock()
next_id = [0]
latencies = {p: [] for p in ports}
failures = {p: 0 for p in ports}


def body(summary_id):
    return json.dumps({"activities": [{
        "userId": args.user, "summaryId": summary_id, "activityId": 9001, "activityName": "Scale Run",
        "activityType": "RUNNING", "startTimeInSeconds": 1767250800, "startTimeOffsetInSeconds": 3600,
        "durationInSeconds": 1800, "distanceInMeters": 5400.0, "averageSpeedInMetersPerSecond": 3.0,
        "averageHeartRateInBeatsPerMinute": 150, "deviceName": "Forerunner 265"}]}, separators=(",", ":")).encode()


def request(port, summary_id):
    b = body(summary_id)
    return (f"POST {args.path} HTTP/1.1\r\nHost: {args.host}:{port}\r\n"
            f"Content-Type: application/json;charset=UTF-8\r\nContent-Length: {len(b)}\r\n\r\n").encode() + b


def take():
    with lock:
        if next_id[0] >= args.n:
            return None
        next_id[0] += 1
        return f"{args.prefix}-{next_id[0]:07d}"


def read_response(sock, buf):
    """Status of one response; returns (status, leftover bytes, keep_alive)."""
    while b"\r\n\r\n" not in buf:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed")
        buf += chunk
    head, _, rest = buf.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split()[1])
    length, chunked, close = 0, False, False
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"transfer-encoding" and b"chunked" in value.lower():
            chunked = True
        elif name == b"connection" and b"close" in value.lower():
            close = True
    if chunked:
        while b"0\r\n\r\n" not in rest:
            chunk = sock.recv(65536)
            if not chunk:
                raise ConnectionError("closed")
            rest += chunk
        rest = rest.partition(b"0\r\n\r\n")[2]
    else:
        while len(rest) < length:
            chunk = sock.recv(65536)
            if not chunk:
                raise ConnectionError("closed")
            rest += chunk
        rest = rest[length:]
    return status, rest, not close


def worker(port):
    sock, buf, lat = None, b"", []
    while (summary_id := take()) is not None:
        try:
            if sock is None:
                sock = socket.create_connection((args.host, port), timeout=30)
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                buf = b""
            started = time.perf_counter()
            sock.sendall(request(port, summary_id))
            status, buf, keep = read_response(sock, buf)
            lat_s = time.perf_counter() - started
            now = time.time()
            with lock:
                if status == 200:
                    acked_file.write(f"{summary_id} {port} {now:.3f}\n")
                    acked_file.flush()
                else:
                    failed_file.write(f"{summary_id} {port} {now:.3f} http{status}\n")
                    failed_file.flush()
                    failures[port] += 1
            if status == 200:
                lat.append(lat_s)
            if not keep:
                sock.close()
                sock = None
        except (OSError, ValueError, IndexError) as e:
            with lock:
                failed_file.write(f"{summary_id} {port} {time.time():.3f} {type(e).__name__}\n")
                failed_file.flush()
                failures[port] += 1
            if sock is not None:
                sock.close()
            sock = None
            time.sleep(0.2)
    if sock is not None:
        sock.close()
    with lock:
        latencies[port].extend(lat)


def pct(values, p):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] * 1000


started = time.perf_counter()
threads = [threading.Thread(target=worker, args=(ports[i % len(ports)],)) for i in range(args.c)]
for t in threads:
    t.start()
for t in threads:
    t.join()
elapsed = time.perf_counter() - started
every = [x for p in ports for x in latencies[p]]
out = {"elapsed_s": round(elapsed, 3), "requests": args.n, "acked": len(every), "failed": sum(failures.values()),
       "ack_per_s": round(len(every) / elapsed, 1), "p50_ms": round(pct(every, 50), 2), "p99_ms": round(pct(every, 99), 2),
       "ports": {str(p): {"acked": len(latencies[p]), "failed": failures[p], "p50_ms": round(pct(latencies[p], 50), 2),
                          "p99_ms": round(pct(latencies[p], 99), 2)} for p in ports}}
print(json.dumps(out))
