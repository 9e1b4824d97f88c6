#!/usr/bin/env python3
# Writes N saves of fresh Member documents (benchmarks' Member: 3 indexes) as EVALSHA calls in RESP,
# for redis-cli --pipe: the arguments IndexWriter sends to save_one.lua (one document per call),
# with --plain to save_plain.lua (ScriptCalls.plainSave), or with --many to save.lua (100 documents
# per call, as saveAll joins them). Mirrors
# ScriptCalls.save's layout (save_head.lua documents it); when that layout changes, update this, or
# script-cost.sh reports errors.
#   script_cost_calls.py <sha> <id prefix> <n> [--many | --plain]
import sys

sha, prefix, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
per = 100 if "--many" in sys.argv[4:] else 1
plain = "--plain" in sys.argv[4:]
out = sys.stdout.buffer


def command(args):
    b = b"*%d\r\n" % len(args)
    for a in args:
        a = a.encode()
        b += b"$%d\r\n%s\r\n" % (len(a), a)
    return b


for call in range(n // per):
    keys = ["{bench-member}#ids"]
    argv = ["{bench-member}#", "hash", str(per)]
    for j in range(per):
        i = call * per + j
        id = f"{prefix}{i}"
        city, country, age = f"city-{i % 200}", f"country-{i % 20}", str(18 + i % 60)
        manifest = f"lcity:{len(city)}:{city}lcountry:{len(country)}:{country}Nage:"
        keys += ["{bench-member}:" + id, "{bench-member}#doc:" + id, "{bench-member}#lex:city",
                 "{bench-member}#lex:country", "{bench-member}#num:age"]
        fields = ["id", id, "city", city, "country", country, "age", age, "name", f"Member Name {i}",
                  "email", f"member{i}@example.com", "joinDate", "2006-01-21", "points", str(39753 + i),
                  "#", manifest]
        if plain:  # save_plain.lua's arguments (ScriptCalls.plainSave)
            argv = [id, manifest, str(len(fields) - 2)] + fields[:-2] + ["value", city, "value", country, "score", age]
            break
        argv += [id, "always", "", "", "0", "document", manifest, str(len(fields))] + fields
        argv += ["3", "value", city, "value", country, "score", age]
    if not plain:
        argv += ["0", ""]  # no change feed
    out.write(command(["EVALSHA", sha, str(len(keys))] + keys + argv))
