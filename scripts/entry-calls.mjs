/**
 * One call per package entry (the keys of package.json "exports"), with the value it must give, for
 * the checks that load every entry from the build: scripts/check-browser.mjs (each ESM entry in
 * headless Chromium) and scripts/smoke-tarball.mjs (each entry of the packed tarball, from Node as
 * ESM and CJS, and from Deno).
 *
 * `call` is the source of one JavaScript expression in which `m` is the entry's module (its
 * namespace, or what `require` returns); `String(value)` must equal `expect` (a promise is awaited). The checks fail for an
 * entry of package.json that has no call here, so a new entry gets one: add it below.
 */

/** Three orders of two customers, as in the README's example. */
const ORDERS = `[
  { customerId: "ann", at: "2024-01-03T10:00:00Z", amount: "20.00" },
  { customerId: "bob", at: "2024-01-09T16:30:00Z", amount: 35 },
  { customerId: "ann", at: "2024-02-11T09:15:00Z", amount: 15.5 },
]`;

/** @type {Record<string, { call: string, expect: string }>} */
export const entryCalls = {
  ".": { call: `m.churnRate({ customersAtStart: 200, customersLost: 20 })`, expect: "0.1" },
  "./errors": { call: `new m.InconsistentDataError("checked").code`, expect: "INCONSISTENT_DATA" },
  "./money": { call: `m.sumMoney([0.1, 0.2]).toString()`, expect: "0.3" },
  "./periods": {
    call: `m.periodOf("2024-04-01T06:30:00Z", { unit: "month", timeZone: "America/Los_Angeles" }).key`,
    expect: "2024-03",
  },
  "./metrics": { call: `m.customerRetentionRate({ customersAtStart: 200, customersAtEnd: 220, newCustomers: 40 })`, expect: "0.9" },
  "./stats": { call: `m.quantileSorted([1, 2, 3, 4], 0.5)`, expect: "2.5" },
  "./events": { call: `m.eventTable(${ORDERS}).customerCount`, expect: "2" },
  "./subscriptions": {
    call: `m.subscriptionTable([{ customerId: "acme", start: "2024-01-01", end: null, mrr: "49.00" }, { customerId: "initech", start: "2024-02-01", end: "2024-05-01", mrr: 99 }]).customerCount`,
    expect: "2",
  },
  "./activity": {
    call: `m.periodSummary(${ORDERS}, { period: "month", timeZone: "Europe/Paris", to: "2024-03-01" })[1].retentionRate`,
    expect: "0.5",
  },
  "./revenue": { call: `m.revenueConcentration(${ORDERS}).totalRevenue.toString()`, expect: "70.5" },
  "./cohorts": { call: `m.cohortMatrix(${ORDERS}, { period: "month", to: "2024-03-01" }).cohorts[0].rates.join(" ")`, expect: "1 0.5" },
  "./render": {
    call: `/^<svg[\\s>][\\s\\S]*2024-01 cohort[\\s\\S]*<\\/svg>$/.test(m.retentionCurveSvg({ label: "2024-01 cohort", points: [{ x: 0, y: 1 }, { x: 1, y: 0.5 }] }).trim())`,
    expect: "true",
  },
  "./io": {
    call: `m.readEvents(new TextEncoder().encode("user_id,created_at,total\\nu1,2024-01-05T10:00:00Z,19.99\\nu2,2024-01-06T11:00:00Z,5\\n"), { format: "csv", fields: { customerId: "user_id", at: "created_at", amount: "total" } }).then((t) => t.customerCount)`,
    expect: "2",
  },
  // No engine in a browser or a tarball smoke test: the compiled SQL of a query is enough to load the entry.
  "./sql": {
    call: `m.warehouse({ dialect: "duckdb", query: async () => [], events: { from: "orders", customerId: "user_id", at: "created_at" } }).compile.cohortMatrix({ from: "2024-01-01", to: "2024-03-01" }).sql.includes('FROM "orders"')`,
    expect: "true",
  },
  // The log-likelihood goes through the special functions (log-gamma, log-beta) of clv/.
  "./clv": {
    call: `m.bgNbdLogLikelihood({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, [{ frequency: 2, recency: 30.43, T: 38.86 }, { frequency: 0, recency: 0, T: 38.86 }]).toFixed(3)`,
    expect: "-10.013",
  },
};

/**
 * The entries of a package.json: `[{ subpath, importFile, requireFile }]` ("./dist/..." paths; a
 * file is undefined where the entry has no such condition). "./package.json" is left out.
 */
export function packageEntries(pkg) {
  const pick = (target, condition) => {
    if (typeof target === "string") return target;
    if (target === null || typeof target !== "object") return undefined;
    const branch = target[condition] ?? target.default;
    return typeof branch === "string" ? branch : pick(branch, "default");
  };
  const exportsField = typeof pkg.exports === "string" ? { ".": pkg.exports } : pkg.exports ?? {};
  return Object.entries(exportsField)
    .filter(([subpath, target]) => subpath !== "./package.json" && !subpath.includes("*") && target !== null)
    .map(([subpath, target]) => ({ subpath, importFile: pick(target, "import"), requireFile: pick(target, "require") }));
}

/** The specifier a consumer writes for an entry: "retention-metrics", "retention-metrics/clv", ... */
export function specifierOf(name, subpath) {
  return subpath === "." ? name : `${name}/${subpath.slice(2)}`;
}
