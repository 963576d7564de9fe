/**
 * The field names people's data uses for the customer, the instant and the
 * amount (`user_id`, `created_at`, `total`, ...): to suggest a `fields`
 * mapping when rows lack the expected ones, and to detect the columns of a
 * file.
 *
 * @module
 */
import { InvalidInputError } from "../errors.ts";

/** The three event fields. */
export type EventFieldName = "customerId" | "at" | "amount";

/**
 * Names recognised for each field, best first, compared without case,
 * spaces, dashes or underscores (`Customer ID` matches `customerid`).
 *
 * @example
 * ```ts
 * import { COMMON_FIELD_NAMES } from "retention-metrics/io";
 * console.log(COMMON_FIELD_NAMES.customerId.slice(0, 3)); // ["customerid","userid","clientid"]
 * ```
 */
export const COMMON_FIELD_NAMES: Readonly<Record<EventFieldName, readonly string[]>> = Object.freeze({
  customerId: Object.freeze(["customerid", "userid", "clientid", "accountid", "personid", "memberid", "distinctid", "customer", "user", "client", "account", "buyerid", "id"]),
  at: Object.freeze(["at", "timestamp", "time", "orderedat", "createdat", "occurredat", "eventtime", "eventat", "orderdate", "purchasedat", "purchasedate", "invoicedate", "date", "datetime", "ts"]),
  amount: Object.freeze(["amount", "total", "revenue", "value", "price", "ordertotal", "sales", "spend", "subtotal", "totalamount"]),
});

function squash(name: string): string {
  return name.toLowerCase().replace(/[\s_\-.]/g, "");
}

/**
 * The best column for each field among `names`: an exact name first, else
 * the first common name it matches. Fields with no match are left out.
 *
 * @param names - the column names or keys available
 * @returns the chosen name of each field found
 * @example
 * ```ts
 * import { detectEventFields } from "retention-metrics/io";
 * console.log(detectEventFields(["order_id", "User ID", "created_at", "total"])); // {"customerId":"User ID","at":"created_at","amount":"total"}
 * ```
 */
export function detectEventFields(names: readonly string[]): Partial<Record<EventFieldName, string>> {
  if (!Array.isArray(names) || Array.from(names).some((n) => typeof n !== "string")) {
    throw new InvalidInputError({ field: "names", value: names, expected: "an array of column names (strings)" });
  }
  const found: Partial<Record<EventFieldName, string>> = {};
  const taken = new Set<string>();
  for (const field of ["customerId", "at", "amount"] as const) {
    if (names.includes(field)) {
      found[field] = field;
      taken.add(field);
      continue;
    }
    for (const common of COMMON_FIELD_NAMES[field]) {
      const name = names.find((n) => !taken.has(n) && squash(n) === common);
      if (name !== undefined) {
        found[field] = name;
        taken.add(name);
        break;
      }
    }
  }
  return found;
}

/**
 * What to tell a user whose rows lack a field: the keys the row has (or the
 * columns `holder` has, default "the file") and, when common names are among
 * them, the mapping to pass as `fields`.
 */
export function missingFieldHint(field: EventFieldName | "event", wanted: string, keys: readonly string[], what: "keys" | "columns" = "keys", holder = "the file"): string {
  const listed = `${keys.slice(0, 12).map((k) => JSON.stringify(k)).join(", ")}${keys.length > 12 ? ", ..." : ""}`;
  const shown = what === "keys" ? (keys.length === 0 ? "the row has no keys" : `the row has keys ${listed}`) : keys.length === 0 ? `${holder} has no columns` : `${holder} has columns ${listed}`;
  const detected = detectEventFields(keys);
  const mapping = (["customerId", "at", "amount"] as const)
    .filter((f) => detected[f] !== undefined)
    .map((f) => `${f}: ${JSON.stringify(detected[f])}`);
  const match = field === "event" ? undefined : detected[field];
  const suggestion = match !== undefined && match !== wanted ? `; pass fields: { ${mapping.join(", ")} }` : "";
  return `a "${wanted}" ${what === "keys" ? "field" : "column"} (${shown})${suggestion}`;
}
