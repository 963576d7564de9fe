#!/usr/bin/env python3
"""Reference values for test/clv/special.test.ts (gammaln, digamma, betaln).

Every value is computed with mpmath 1.3.0 at 40 significant digits (betaln, whose
three log-gammas cancel, at a binary precision raised until two runs 128 bits apart
agree to 1e-42), then rounded to the nearest double. scipy 1.17.1 is evaluated on the
same grid and the agreement is written into the block's header comment.

Usage (from the repo root):
  python3 scripts/special-reference.py                 # print the TypeScript block
  python3 scripts/special-reference.py --write         # replace the block in test/clv/special.test.ts
  python3 scripts/special-reference.py --json FILE     # also dump the grid as JSON
  python3 scripts/special-reference.py --coefficients  # print the series coefficients of src/clv/special.ts

The grid is deterministic (a fixed-seed random.Random for the random points).
"""
import json
import math
import random
import re
import sys

import mpmath
import scipy
import scipy.special as sc

mp = mpmath.mp
DIGITS = 40
TEST_FILE = "test/clv/special.test.ts"
BEGIN = "// BEGIN REFERENCE VALUES"
END = "// END REFERENCE VALUES"


# ---------------------------------------------------------------- the grid


def uniq(xs):
    out, seen = [], set()
    for x in xs:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


def positive_points(rng):
    xs = [5e-324, 1e-320, 1e-310, 2.2250738585072014e-308, 1e-300, 1e-250, 1e-200, 1e-150, 1e-100, 1e-50, 1e-30]
    xs += [10.0 ** (k / 2) for k in range(-40, -16)]  # 1e-20 .. 1e-8.5
    xs += [10.0 ** (k / 8) for k in range(-64, 65)]  # the models' domain, 1e-8 .. 1e8
    xs += [k / 64 for k in range(32, 193)]  # 0.5 .. 3, dyadic
    xs += [0.5 + 2.5 * i / 49 for i in range(50)]  # 0.5 .. 3, not dyadic
    for j in (4, 8, 12, 16, 20, 26, 30, 36, 40, 46, 50, 52):
        xs += [1 + 2.0**-j, 1 - 2.0**-j, 2 + 2.0**-j, 2 - 2.0**-j]
    xs += [1 - 2.0**-53, 2 - 2.0**-52, 2 + 2.0**-51]
    xs += [3 + k / 8 for k in range(57)]  # 3 .. 10
    xs += [10 - 2.0**-49, 10 + 2.0**-49]
    xs += [10.0**k for k in range(1, 309)] + [3 * 10.0**k for k in range(1, 308, 3)]  # 10 .. 1e308
    xs += [2.55e305, 2.556e305, 2.5563e305, 2.557e305, 1.7976931348623157e308]
    xs += [10.0 ** rng.uniform(-8, 8) for _ in range(150)]
    xs += [10.0 ** rng.uniform(-300, 300) for _ in range(50)]
    return xs


def negative_points(rng):
    xs = [-5e-324, -1e-300, -1e-100, -1e-20, -1e-8, -1e-4, -1e-3, -0.01, -0.1, -0.25, -0.49, -0.5, -0.51, -0.75, -0.9]
    for n in range(0, 21):
        xs += [-(n + f) for f in (0.1, 0.3, 0.5, 0.7, 0.9)]
    for n in (1, 2, 3, 5, 10, 15, 20):
        xs += [-n + 1e-10, -n - 1e-10, -n + 1e-6, -n - 1e-6]
    xs += [-2.457024738220800, -2.747682646727412, -3.143632534990, -3.955252668, -0.5040830082644554, -1.573498473162390]
    xs += [-100.3, -1000.5, -1e6 - 0.25, -1e10 - 0.5, -1e15 - 0.5, -4503599627370495.5]
    xs += [-(10.0 ** rng.uniform(-8, 6)) for _ in range(60)]
    return [x for x in xs if x != math.floor(x)]


def digamma_points(rng):
    xs = positive_points(rng)
    r = 1.4616321449683622  # the double nearest the root 1.46163214496836234126..., then its neighbours
    xs += [r, math.nextafter(r, 2), math.nextafter(r, 0)]
    for k in (2, 5, 20):
        y = r
        for _ in range(k):
            y = math.nextafter(y, 2)
        xs.append(y)
        y = r
        for _ in range(k):
            y = math.nextafter(y, 0)
        xs.append(y)
    xs += [r + d for d in (1e-15, -1e-15, 1e-12, -1e-12, 1e-9, -1e-9, 1e-6, -1e-6, 1e-3, -1e-3, 0.01, -0.01, 0.1, -0.1)]
    return xs


def beta_pairs(rng):
    vs = [5e-324, 1e-300, 1e-100, 1e-20, 1e-8, 1e-4, 0.01, 0.1, 0.5, 1, 1.5, 2, 3, 7.5, 9.75, 10, 10.5,
          30, 100, 1e3, 1e4, 1e6, 1e8, 1e10, 1e15, 1e20, 1e100, 1e300, 1e308]
    pairs = [(float(a), float(b)) for i, a in enumerate(vs) for b in vs[i:]]
    pairs += [(1 + 2.0**-30, 1 - 2.0**-30), (0.5, 2 + 1e-9), (2 - 1e-9, 1.5), (0.1, 6.0e9), (0.2, 2000.0)]
    for _ in range(150):  # the models: parameters in [1e-8, 1e8], plus counts up to 1e6
        a = 10.0 ** rng.uniform(-8, 8)
        b = 10.0 ** rng.uniform(-8, 8) + rng.randint(0, 10**6)
        pairs.append((a, b))
    for _ in range(30):
        pairs.append((10.0 ** rng.uniform(-300, 300), 10.0 ** rng.uniform(-300, 300)))
    return pairs


# ---------------------------------------------------------------- references


def to_double(v):
    return float(v)


def ref_gammaln(x):
    with mp.workdps(DIGITS):
        return to_double(mpmath.re(mpmath.loggamma(mpmath.mpf(x))))


def ref_digamma(x):
    with mp.workdps(DIGITS):
        return to_double(mpmath.digamma(mpmath.mpf(x)))


def exponent(x):
    return math.frexp(x)[1]


def betaln_at(a, b, prec):
    with mp.workprec(prec):
        A, B = mpmath.mpf(a), mpmath.mpf(b)
        S = mpmath.fadd(A, B, exact=True)
        return mpmath.loggamma(A) + mpmath.loggamma(B) - mpmath.loggamma(S)


def ref_betaln(a, b):
    # Enough bits to hold a + b exactly and to survive the cancellation of the log-gammas.
    span = abs(exponent(a) - exponent(b)) + 60
    big = max(a, b)
    size = max(0, int(math.log2(max(1.0, big)) + math.log2(max(1.0, math.log(max(big, 1.0)))))) + 10
    prec = 200 + span + size
    while True:
        lo, hi = betaln_at(a, b, prec), betaln_at(a, b, prec + 128)
        with mp.workprec(prec + 128):
            if abs(lo - hi) <= mpmath.mpf(10) ** -42 * max(1, abs(hi)):
                return to_double(hi)
        prec *= 2


# ---------------------------------------------------------------- scipy agreement


def agreement(rows, f):
    """Max of |scipy - ref| / max(1, |ref|) where both are finite, and the points where only ref is finite."""
    worst, where, infinite = 0.0, None, []
    for *args, ref in rows:
        if not math.isfinite(ref):
            continue
        got = float(f(*args))
        if not math.isfinite(got):
            infinite.append(args[0] if len(args) == 1 else tuple(args))
            continue
        d = abs(got - ref) / max(1.0, abs(ref))
        if d > worst:
            worst, where = d, args[0] if len(args) == 1 else tuple(args)
    return worst, where, infinite


def digits(d):
    return 17 if d == 0 else max(0, math.floor(-math.log10(d)))


# ---------------------------------------------------------------- output


def js(x):
    if x == math.inf:
        return "Infinity"
    if x == -math.inf:
        return "-Infinity"
    return repr(float(x))


def js_args(v):
    return "(" + ", ".join(js(x) for x in v) + ")" if isinstance(v, tuple) else js(v)


def table(name, doc, rows, per_line=3):
    lines = [f"/** {doc} */", f"const {name}: readonly (readonly number[])[] = ["]
    for i in range(0, len(rows), per_line):
        lines.append("  " + " ".join("[" + ", ".join(js(v) for v in r) + "]," for r in rows[i : i + per_line]))
    lines.append("];")
    return lines


def build():
    rng = random.Random(20261201)
    gam = [(x, ref_gammaln(x)) for x in uniq(positive_points(rng) + negative_points(rng))]
    dig = [(x, ref_digamma(x)) for x in uniq(digamma_points(rng) + negative_points(rng))]
    bet = [(a, b, ref_betaln(a, b)) for a, b in uniq(beta_pairs(rng))]
    positive = [r for r in gam if r[0] > 0], [r for r in dig if r[0] > 0]
    models = [r for r in bet if min(r[0], r[1]) >= 1e-8 and max(r[0], r[1]) <= 1e8 + 1e6]
    checks = [
        ("gammaln, x > 0", positive[0], sc.gammaln),
        ("gammaln, x < 0", [r for r in gam if r[0] < 0], sc.gammaln),
        ("digamma, x > 0", positive[1], sc.psi),
        ("digamma, x < 0", [r for r in dig if r[0] < 0], sc.psi),
        ("betaln, the models' domain", models, sc.betaln),
        ("betaln, all pairs", bet, sc.betaln),
    ]
    head = [
        BEGIN + " (generated by scripts/special-reference.py; do not edit by hand)",
        f"// mpmath {mpmath.__version__} at {DIGITS} significant digits, rounded to the nearest double (betaln at a binary",
        "// precision raised until two runs 128 bits apart agree to 1e-42, since its log-gammas cancel).",
        f"// scipy {scipy.__version__} (gammaln, psi, betaln) agrees, as max |scipy - ref| / max(1, |ref|) where both are finite:",
    ]
    info = {}
    for name, rows, f in checks:
        d, w, inf = agreement(rows, f)
        info[name] = [d, w, inf]
        line = f"// - {name}: {digits(d)} digits ({d:.2g}, worst at {js_args(w)})"
        if inf:
            line += f"; scipy gives inf at {len(inf)} points with a finite value, e.g. {js_args(inf[0])}"
        head.append(line)
    head.append(f"// Sizes: {len(gam)} gammaln points, {len(dig)} digamma points, {len(bet)} betaln pairs.")
    body = (
        table("GAMMALN", "[x, ln|Gamma(x)|]", gam)
        + table("DIGAMMA", "[x, psi(x)]", dig)
        + table("BETALN", "[a, b, ln B(a, b)]", bet, per_line=2)
    )
    return head + body + [END], {"gammaln": gam, "digamma": dig, "betaln": bet}, {"scipy": info}


def coefficients():
    with mp.workdps(50):
        print("// gammaln: ln Gamma(2 + z) = sum_k c_k z^k, c_1 = 1 - gamma, c_k = (-1)^k (zeta(k) - 1) / k (DLMF 5.7.3)")
        cs = [1 - mpmath.euler] + [(-1) ** k * (mpmath.zeta(k) - 1) / k for k in range(2, 28)]
        for k, c in enumerate(cs, 1):
            print(f"  {mpmath.nstr(c, 17, min_fixed=-1, max_fixed=1)}, // c_{k}")
        x0 = mpmath.findroot(mpmath.digamma, 1.46)
        hi = float(x0)
        lo = float(x0 - hi)
        print(f"// digamma root x0 = {mpmath.nstr(x0, 40)}: hi = {hi!r}, lo = {lo!r}")
        print("// psi(x0 + d) = sum_k a_k d^k, a_k = (-1)^(k+1) zeta(k + 1, x0) (DLMF 5.15.1)")
        for k in range(1, 35):
            a = (-1) ** (k + 1) * mpmath.zeta(k + 1, x0)
            print(f"  {mpmath.nstr(a, 17, min_fixed=-1, max_fixed=1)}, // a_{k}")


def main(argv):
    if "--coefficients" in argv:
        coefficients()
        return
    lines, data, info = build()
    block = "\n".join(lines)
    if "--json" in argv:
        with open(argv[argv.index("--json") + 1], "w") as f:
            json.dump({"data": data, "info": info}, f)
    if "--write" in argv:
        with open(TEST_FILE) as f:
            text = f.read()
        pattern = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END), re.S)
        if not pattern.search(text):
            sys.exit(f"no reference block in {TEST_FILE}")
        with open(TEST_FILE, "w") as f:
            f.write(pattern.sub(lambda _: block, text))
        print(f"wrote {TEST_FILE}", file=sys.stderr)
    else:
        print(block)
    print(json.dumps(info), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
