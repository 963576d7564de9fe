/**
 * Where the shared reference data lives (shared/data beside the repository, as
 * the project's brief places it), for the tests, benchmarks and examples that
 * read it in place. Looks at $RETENTION_METRICS_SHARED_DATA, then ../shared/data
 * next to this repository, then /work/shared/data; fails naming all three.
 */
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

export function sharedDataUrl(subfolder: string): URL {
  const candidates = [
    process.env.RETENTION_METRICS_SHARED_DATA,
    fileURLToPath(new URL("../../shared/data/", import.meta.url)),
    "/work/shared/data/",
  ].filter((x): x is string => typeof x === "string" && x !== "");
  for (const dir of candidates) {
    const url = new URL(`${subfolder.replace(/\/?$/, "/")}`, pathToFileURL(dir.endsWith("/") ? dir : `${dir}/`));
    if (existsSync(url)) return url;
  }
  throw new Error(`The shared reference data (${subfolder}) was not found; looked in: ${candidates.join(", ")}. Set RETENTION_METRICS_SHARED_DATA.`);
}
