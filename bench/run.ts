/**
 * The whole benchmark suite, in one run so that the figures are comparable:
 * `npm run bench` (add sizes in events, e.g. `npm run bench -- 1000000`, to
 * limit the period-summary and cohort runs). Each task reports its median over
 * several runs and its ratio to our own figure.
 */
import { cpus, totalmem } from "node:os";
import { benchBucketer } from "./bucketer.ts";
import { benchClv } from "./clv.ts";
import { benchCohortMatrix } from "./cohortMatrix.ts";
import { benchEventTableMemory } from "./eventTableMemory.ts";
import { benchMrr } from "./mrr.ts";
import { benchPeriodSummary } from "./periodSummary.ts";

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
console.log(`retention-metrics benchmarks: Node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${new Date().toISOString()}`);
await benchBucketer();
await benchPeriodSummary(sizes.length > 0 ? sizes : undefined);
await benchEventTableMemory();
await benchCohortMatrix(sizes.length > 0 ? sizes : undefined);
await benchMrr();
await benchClv();
