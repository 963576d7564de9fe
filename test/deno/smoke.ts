// Deno smoke test of the built package: imports the ESM build (not the sources)
// and calls a formula, a period function and exact money. Run by .ci/run with
// `deno run --allow-read test/deno/smoke.ts`.
import { churnRate, periodOf, sumMoney, InvalidInputError } from "../../dist/index.js";

function assert(ok: boolean, what: string): void {
  if (!ok) throw new Error(`Deno smoke test failed: ${what}`);
}

assert(churnRate({ customersAtStart: 200, customersLost: 20 }) === 0.1, "churnRate 20/200 = 0.1");
assert(periodOf("2024-03-10T12:00:00Z", { unit: "month", timeZone: "America/New_York" }).key === "2024-03", "periodOf month key");
assert(sumMoney([0.1, 0.2]).toString() === "0.3", "exact money sum");
let refused = false;
try {
  churnRate({ customersAtStart: -1, customersLost: 0 });
} catch (e) {
  refused = e instanceof InvalidInputError;
}
assert(refused, "negative count refused with InvalidInputError");
console.log(`Deno ${Deno.version.deno}: retention-metrics smoke test passed`);
