"""Drives a RESP server with redis-py at its defaults; prints OK or fails with an AssertionError.

Usage: python3 redis_py_client.py PORT
Connect, set and get, binary values, expiry, a pipeline of thousands of commands, a transaction, and carrying
on after the server closes the connection (CLIENT KILL from another connection): redis-py reconnects.
"""
import sys
import time

import redis

port = int(sys.argv[1])
r = redis.Redis(host="127.0.0.1", port=port)
assert r.ping() is True
assert r.set("greeting", "hello") is True
assert r.get("greeting") == b"hello"
binary = bytes(range(256))
r.set(b"bin", binary)
assert r.get(b"bin") == binary
r.set("short", "v", ex=100)
ttl = r.ttl("short")
assert 98 < ttl <= 100, ttl
r.pexpire("short", 1)
deadline = time.time() + 5
while r.get("short") is not None:
    assert time.time() < deadline, "the key never expired"
    time.sleep(0.01)

pipe = r.pipeline(transaction=False)
for i in range(5000):
    pipe.set(f"k{i}", i)
    pipe.get(f"k{i}")
replies = pipe.execute()
assert replies[1::2] == [str(i).encode() for i in range(5000)], "pipelined GETs out of order"

tx = r.pipeline(transaction=True)
tx.incr("counter")
tx.incr("counter")
tx.get("counter")
assert tx.execute() == [1, 2, b"2"]

killer = redis.Redis(host="127.0.0.1", port=port)
victim_id = r.client_id()
assert killer.client_kill_filter(_id=victim_id) == 1
killer.close()
for attempt in range(2):  # the first command after the kill may meet the closed connection, as with Redis
    try:
        assert r.get("greeting") == b"hello"
        break
    except redis.ConnectionError:
        assert attempt == 0, "redis-py did not reconnect"
assert r.client_id() != victim_id
r.close()
print("OK")
