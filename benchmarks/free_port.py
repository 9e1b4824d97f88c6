#!/usr/bin/env python3
# Prints a free loopback port whose Redis Cluster bus port (+10000) is free and valid too (an
# ephemeral port above 55535 has none: a cluster-enabled server on it never starts). Used by
# run.sh and callgrind-node-query.sh.
import random, socket
while True:
    p = random.randint(20000, 40000)
    try:
        for q in (p, p + 10000):
            s = socket.socket(); s.bind(("127.0.0.1", q)); s.close()
        print(p); break
    except OSError:
        pass
