#!/usr/bin/env python3
# Writes the synthetic folder the stream-order reference was made from:
# stocks sharing dates (ties broken by name in byte order, upper case first),
# gaps of days and weeks, refused lines (out of order, duplicate, bad close,
# bad date), an empty file and one with a header only. Deterministic.
#   python3 make_synthetic.py synthetic
import datetime, os, random, sys

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
rng = random.Random(18)
names = ["a.us", "a-b.us", "a_b.us", "ab.us", "b.us", "Zz.us", "ZZ.us", "c.us", "cc.us", "d.us", "e.us", "z.us"]
start = datetime.date(2001, 1, 2)
header = "Date,Open,High,Low,Close,Volume,OpenInt\n"
for k, name in enumerate(names):
    lines = [header]
    day = start + datetime.timedelta(days=rng.randrange(0, 20))
    close = 10 + rng.random() * 90
    for i in range(rng.randrange(40, 160)):
        r = rng.random()
        if r < 0.08:
            day += datetime.timedelta(days=rng.randrange(2, 25))  # a gap
        else:
            day += datetime.timedelta(days=1)
        move = rng.choice([-0.02, -0.01, 0.0, 0.0, 0.01, 0.02, 0.03])  # flat moves: ties of closes
        close = round(max(0.01, close * (1 + move)), 4)
        c = "%.4f" % close
        lines.append("%s,%s,%s,%s,%s,1000,0\n" % (day.isoformat(), c, c, c, c))
        r = rng.random()
        if r < 0.03:
            lines.append("%s,1,1,1,1,1000,0\n" % (day - datetime.timedelta(days=3)).isoformat())  # out of order
        elif r < 0.06:
            lines.append("%s,1,1,1,1,1000,0\n" % day.isoformat())  # duplicate date
        elif r < 0.08:
            lines.append("%s,1,1,1,abc,1000,0\n" % (day + datetime.timedelta(days=1)).isoformat())  # bad close
        elif r < 0.09:
            lines.append("2001-13-45,1,1,1,1,1000,0\n")  # bad date
    with open(os.path.join(out, name + ".txt"), "w") as f:
        f.writelines(lines)
open(os.path.join(out, "empty.us.txt"), "w").close()
with open(os.path.join(out, "header.us.txt"), "w") as f:
    f.write(header)
