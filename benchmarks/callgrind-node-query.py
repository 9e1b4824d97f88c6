#!/usr/bin/env python3
# Driver of benchmarks/callgrind-node-query.sh: loads 20,000 members (a tag of 50 values, a score
# of 90) into 1 bucket or 16, then for each query zeroes the server's callgrind counters, runs it
# K times (16 buckets: one query_node.lua call per node of the 3-master test cluster, buckets
# 0-4, 5-9, 10-15, a page as NodeFanOut.spreadRows asks it, then HGETALL of its 20 documents;
# 1 bucket: query.lua as a standalone page or count runs it) and prints the instructions per query.
import socket, subprocess, sys, time, os, glob, re, zlib
class R:
    def __init__(s, port):
        s.s = socket.create_connection(('127.0.0.1', port)); s.f = s.s.makefile('rb')
    def enc(s, *a):
        out = b'*%d\r\n' % len(a)
        for x in a:
            x = x if isinstance(x, bytes) else str(x).encode()
            out += b'$%d\r\n%s\r\n' % (len(x), x)
        return out
    def read(s):
        l = s.f.readline(); t, r = l[:1], l[1:-2]
        if t == b'+': return r.decode()
        if t == b'-': raise Exception(r.decode())
        if t == b':': return int(r)
        if t == b'$':
            n = int(r)
            return None if n < 0 else s.f.read(n + 2)[:-2]
        if t == b'*':
            n = int(r); return None if n < 0 else [s.read() for _ in range(n)]
    def cmd(s, *a): s.s.sendall(s.enc(*a)); return s.read()
    def pipe(s, cmds):
        out = []
        for i in range(0, len(cmds), 2000):
            part = cmds[i:i+2000]
            s.s.sendall(b''.join(s.enc(*c) for c in part)); out += [s.read() for _ in part]
        return out

M = 20000
def load(r, nb):
    cmds = []
    for i in range(M):
        id_ = 'm%06d' % i
        b = 0 if nb == 1 else zlib.crc32(id_.encode()) % nb  # KeyLayout's bucket of an id
        t = '{b%d}' % b
        city, age = 'city%d' % (i % 50), i * 7919 % 90
        cmds.append(('HSET', t + ':' + id_, 'id', id_, 'city', city, 'age', age, 'joinDate', '2020-01-01', 'tags', 't'))
        cmds.append(('ZADD', t + '#ids', 0, id_))
        cmds.append(('ZADD', t + '#city', 0, (city + '\0' + id_).encode()))
        cmds.append(('ZADD', t + '#age', age, id_))
    r.pipe(cmds)

def keys(b): t = '{b%d}' % b; return [t + '#ids', t + '#exp', t + '#city', t + '#age']
def bargs(b, mode, limit, withValues, plan, sort=()):
    t = '{b%d}' % b
    return [mode, t + ':', t + '#doc:', t + '#', '0', str(limit), withValues, '0', '0', 'hash', str(len(sort) // 3)] + list(sort) + plan

def spread_ask(need, n): return min(need, (2 * need + n - 1) // n + 4)  # NodeFanOut.spreadAsk
GROUPS = [list(range(0, 5)), list(range(5, 10)), list(range(10, 16))]
QUERIES = {
  'count city': dict(mode='count', plan=['value', '3', 'city3'], sort=(), page=False),
  'count age<40': dict(mode='count', plan=['range', '4', '-inf', '(40'], sort=(), page=False),
  'equality page': dict(mode='ids', plan=['value', '3', 'city3'], sort=(), page=True),
  'range+sort page': dict(mode='ids', plan=['range', '4', '30', '69'], sort=('score', '4', 'desc'), page=True),
}
def calls(nb, q):
    if nb == 1:
        mode = 'documents' if q['page'] else 'count'
        return [('EVALSHA', QUERY, len(keys(0)), *keys(0), *bargs(0, mode, 20 if q['page'] else -1, '0', q['plan'], q['sort']))]
    out = []
    for g in GROUPS:
        if q['page']:  # NodeFanOut.spreadRows: each bucket's first 7 rows apart, no documents
            argv = ['20', str(spread_ask(20, 16)), '-1', str(len(g))]
        else:
            argv = ['-1', '-1', '0', str(len(g))]
        # ScriptCalls.nodeQuery: the first bucket's keys declared, its arguments whole, then every
        # bucket's tag
        k = keys(g[0]); a = bargs(g[0], q['mode'], -1, '1' if q['sort'] else '0', q['plan'], q['sort'])
        argv += [str(len(a))] + a + ['{b%d}' % b for b in g]
        out.append(('EVALSHA', NODE, len(k), *k, *argv))
    return out

def documents(nb, q, replies):
    # the second round trip of a page over several nodes: the client merges the buckets' rows and
    # reads the page's 20 documents with plain HGETALLs
    if nb == 1 or not q['page']:
        return []
    rows = []
    for g, reply in zip(GROUPS, replies):
        for b, flat in zip(g, reply[1:]):
            step = 2 if q['sort'] else 1
            for i in range(0, len(flat), step):
                score = float(flat[i + 1][1:]) if q['sort'] else 0
                rows.append((score, flat[i], b))
    if q['sort']:  # score descending, ties by id descending (the tie rule follows the last sort key)
        rows.sort(key=lambda r: (r[0], r[1]), reverse=True)
    else:  # ids ascending, byte-wise
        rows.sort(key=lambda r: r[1])
    return [('HGETALL', '{b%d}:' % b + i.decode()) for _, i, b in rows[:20]]

def totals(pid, name):
    subprocess.run(['callgrind_control', '-d', name, str(pid)], capture_output=True)
    f = sorted(glob.glob(f'{OUT}/callgrind.out.{pid}.*'), key=os.path.getmtime)[-1]
    for line in open(f):
        if line.startswith('summary:') or line.startswith('totals:'):
            return int(line.split()[1])

mode, port, nb, node_file, query_file = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
pid, OUT = int(sys.argv[6]), sys.argv[7]
r = R(port)
r.cmd('FLUSHALL'); load(r, nb)
NODE = r.cmd('SCRIPT', 'LOAD', open(node_file, 'rb').read()).decode()
QUERY = r.cmd('SCRIPT', 'LOAD', open(query_file, 'rb').read()).decode()
K = 50
for name, q in QUERIES.items():
    cs = calls(nb, q)
    res = r.pipe(cs)  # warm-up and a look
    if nb > 1 and any(reply[0] for reply in res):
        sys.exit(f'{name}: a node call failed buckets {[reply[0] for reply in res]}: the driver is out of step with query_node.lua')
    cs = cs + documents(nb, q, res)
    subprocess.run(['callgrind_control', '-z', str(pid)], capture_output=True)
    r.pipe(cs * K)
    n = totals(pid, re.sub('[^a-z0-9]', '_', name))
    print(f'CG {mode} buckets={nb} {name:16s} {n / K:12.0f} instr/query   reply0={str(res[0])[:80]}')
