/**
 * Time zone validation. A misspelt zone would otherwise surface much later as
 * NaN or an Invalid Date (@date-fns/tz returns NaN silently); checking the
 * name once up front turns that into an error that names the bad value.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";
import { offsetMsAt } from "./zoneOffset.ts";

/** Names already validated: constructing an Intl.DateTimeFormat costs tens of microseconds. */
const validZones = new Set<string>(["UTC"]);

/**
 * Checks that a string is a time zone name the runtime knows and returns it unchanged.
 *
 * Rule: a name is valid when `new Intl.DateTimeFormat("en-US", { timeZone })`
 * accepts it and its UTC offset can be read. IANA names
 * (`"America/New_York"`), `"UTC"` and `Etc/GMT±N` are valid; the name is kept as
 * given, not canonicalised (so `"Asia/Kolkata"` stays `"Asia/Kolkata"`).
 * Valid names are cached, so repeated checks cost a set lookup.
 *
 * @param tz - the time zone name
 * @param field - the name used in the error message (default `"timeZone"`)
 * @returns `tz`, unchanged
 * @throws {@link InvalidInputError} when `tz` is not a string or not a known time zone
 * @example
 * ```ts
 * import { checkTimeZone } from "retention-metrics/periods";
 * console.log(checkTimeZone("Europe/London")); // "Europe/London"
 * try {
 *   checkTimeZone("Mars/Olympus_Mons");
 * } catch (e) {
 *   console.log((e as Error).message.split(";")[0]); // "Invalid timeZone: \"Mars/Olympus_Mons\""
 * }
 * ```
 * @category Periods
 */
export function checkTimeZone(tz: string, field = "timeZone"): string {
  if (validZones.has(tz)) return tz;
  if (typeof tz !== "string" || !isKnownZone(tz)) {
    throw new InvalidInputError({
      field,
      value: tz,
      expected: 'an IANA time zone name such as "UTC", "America/New_York" or "Asia/Kolkata"',
    });
  }
  validZones.add(tz);
  return tz;
}

function isKnownZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
  } catch {
    return false;
  }
  return Number.isFinite(offsetMsAt(tz, 0));
}
