# Server cost of a KNN / relevance read: FT.SEARCH ... RETURN (before) vs the search-found script (after),
# by INFO commandstats. Usage: redis-server --port 7392 --loadmodule redisearch.so --save "" &
#   python3 benchmarks/search-found-cost.py 7392 runtime/src/main/java/dev/rekord/internal/engine/search/SearchScripts.java
import socket, struct, random, re, sys
def enc(args):
    out = [b'*%d\r\n' % len(args)]
    for a in args:
        if isinstance(a, str): a = a.encode()
        out.append(b'$%d\r\n%s\r\n' % (len(a), a))
    return b''.join(out)
class R:
    def __init__(s, port): s.s = socket.create_connection(('127.0.0.1', port)); s.f = s.s.makefile('rb')
    def __call__(s, *args): s.s.sendall(enc(args)); return s.read()
    def read(s):
        l = s.f.readline(); t, rest = l[:1], l[1:-2]
        if t == b'+': return rest.decode()
        if t == b'-': raise Exception(rest.decode())
        if t == b':': return int(rest)
        if t == b'$':
            n = int(rest)
            if n < 0: return None
            d = s.f.read(n + 2)[:-2]; return d
        if t == b'*':
            n = int(rest); return None if n < 0 else [s.read() for _ in range(n)]
src = open(sys.argv[2]).read()
lua = re.search(r'FOUND_SOURCE = """\n(.*?)""";', src, re.S).group(1)
lua = '\n'.join(l[6:] for l in lua.split('\n'))
r = R(int(sys.argv[1]))
r('FLUSHALL')
r('FT.CREATE', 'idx', 'ON', 'HASH', 'PREFIX', '1', '{p}:', 'LANGUAGE', 'english', 'STOPWORDS', '0', 'SCHEMA',
  '__rk.id', 'AS', 'rkid', 'TAG', 'SORTABLE', 'UNF', 'NOINDEX', '__rk.t.category', 'AS', 't0', 'TAG',
  'body', 'AS', 's1', 'TEXT', '__rk.v.embedding', 'AS', 'v2', 'VECTOR', 'FLAT', '6', 'TYPE', 'FLOAT32', 'DIM', '8', 'DISTANCE_METRIC', 'COSINE')
rnd = random.Random(1)
words = 'run running shoes walk fast slow red blue green city park road'.split()
for i in range(5000):
    v = [rnd.random() for _ in range(8)]
    r('HSET', '{p}:p%d' % i, 'id', 'p%d' % i, 'category', 'c%d' % (i % 5), 'price', str(i), 'embedding', 'x' * 44,
      'body', ' '.join(rnd.choice(words) for _ in range(12)),
      '__rk.id', 'p%d' % i, '__rk.t.category', 'x63%02x' % (0x30 + i % 5), '__rk.v.embedding', struct.pack('<8f', *v))
fields = ['id', 'category', 'price', 'embedding', 'body']
sha = r('SCRIPT', 'LOAD', lua).decode()
N = 2000
def run(label, make):
    r('CONFIG', 'RESETSTAT')
    for _ in range(N):
        r(*make(struct.pack('<8f', *[rnd.random() for _ in range(8)])))
    stats = r('INFO', 'commandstats').decode()
    print(label)
    for line in stats.split('\r\n'):
        if 'calls=' in line and 'config' not in line and 'info' not in line: print('   ', line)
for k, filt in (('10', '*'), ('10', '@t0:{x6332}')):
    knn = '(%s)=>[KNN %s @v2 $rkvec AS rkdist]' % (filt, k)
    run('KNN %s %s, FT.SEARCH RETURN (before):' % (k, filt), lambda b: ['FT.SEARCH', 'idx', knn, 'RETURN', str(len(fields) + 2), '__rk.id', 'rkdist', *fields,
        'SORTBY', 'rkdist', 'ASC', 'LIMIT', '0', k, 'DIALECT', '2', 'TIMEOUT', '0', 'PARAMS', '2', 'rkvec', b])
    run('KNN %s %s, search-found (after):' % (k, filt), lambda b: ['EVALSHA', sha, '0', str(len(fields)), *fields, 'idx', knn, 'NOCONTENT', 'WITHSORTKEYS',
        'SORTBY', 'rkdist', 'ASC', 'LIMIT', '0', k, 'DIALECT', '2', 'TIMEOUT', '0', 'LANGUAGE', 'english', 'PARAMS', '2', 'rkvec', b])
q = '@s1:running @s1:park'
run('relevance 10, FT.SEARCH RETURN (before):', lambda b: ['FT.SEARCH', 'idx', q, 'RETURN', str(len(fields) + 1), '__rk.id', *fields, 'SCORER', 'BM25', 'LIMIT', '0', '10', 'DIALECT', '2', 'TIMEOUT', '0', 'LANGUAGE', 'english'])
run('relevance 10, search-found (after):', lambda b: ['EVALSHA', sha, '0', str(len(fields)), *fields, 'idx', q, 'NOCONTENT', 'WITHSCORES', 'SCORER', 'BM25', 'LIMIT', '0', '10', 'DIALECT', '2', 'TIMEOUT', '0', 'LANGUAGE', 'english'])
