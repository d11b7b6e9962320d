#!/usr/bin/env python3
"""Replays one stored idempotent answer many times against a running payonce and prints the
latency of the replays (issue 10: what the Redis answer cache saves). Sequential, one keep-alive
connection, so the figure is one replay's cost, not the machine's throughput.

Usage: scripts/replay-bench.py http://127.0.0.1:8080 ADMIN_TOKEN [replays] [rounds]
"""
import http.client
import json
import statistics
import sys
import time
import urllib.parse
import uuid

base, admin = sys.argv[1], sys.argv[2]
replays = int(sys.argv[3]) if len(sys.argv) > 3 else 3000
rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 3
url = urllib.parse.urlparse(base)
conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)


def call(method, path, body=None, headers=None):
    conn.request(method, path, body=None if body is None else json.dumps(body),
                 headers={"Content-Type": "application/json", **(headers or {})})
    answer = conn.getresponse()
    data = answer.read()
    return answer.status, answer.getheader("Idempotent-Replayed"), data


sku = "replay-" + uuid.uuid4().hex[:8]
assert call("POST", "/v1/admin/products", {"sku": sku, "name": "Replay", "kind": "CARD_KEY", "price": 100, "currency": "CNY"},
            {"Authorization": "Bearer " + admin})[0] == 201
assert call("POST", f"/v1/admin/products/{sku}/card-keys", {"codes": [f"K-{sku}-{i}" for i in range(rounds)]},
            {"Authorization": "Bearer " + admin})[0] == 200
status, _, session = call("POST", "/v1/buyer-sessions")
buyer = {"Authorization": "Bearer " + json.loads(session)["buyerToken"]}
order = {"sku": sku, "quantity": 1, "buyer": {"userId": "bench", "email": "bench@example.com"}}

for round_no in range(rounds):
    key = {**buyer, "Idempotency-Key": "replay-" + uuid.uuid4().hex}
    status, _, first = call("POST", "/v1/orders", order, key)
    assert status == 201, first
    for _ in range(200):  # warm-up, and the first replay fills the cache when there is one
        call("POST", "/v1/orders", order, key)
    times = []
    for _ in range(replays):
        started = time.perf_counter_ns()
        status, replayed, body = call("POST", "/v1/orders", order, key)
        times.append((time.perf_counter_ns() - started) / 1e6)
        assert status == 201 and replayed == "true" and json.loads(body)["orderId"] == json.loads(first)["orderId"], body
    times.sort()
    print(f"round {round_no + 1}: {replays} replays, mean {statistics.mean(times):.3f} ms, "
          f"p50 {times[len(times) // 2]:.3f} ms, p99 {times[int(len(times) * 0.99)]:.3f} ms, "
          f"{replays / (sum(times) / 1000):.0f}/s")
