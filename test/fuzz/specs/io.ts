/**
 * Fuzz specs of `retention-metrics/io`: readEvents with its @example's bytes
 * and options. detectEventFields and COMMON_FIELD_NAMES have no @example: the
 * arguments are the @example's header names.
 */
import { fn, type LayerSpecs, optionPaths, value } from "../spec.ts";

const CSV = 'user_id,created_at,total\nu1,2024-01-05T10:00:00Z,19.99\nu2,2024-01-06T11:00:00Z,""\n';

export default {
  entry: "./io",
  specs: {
    readEvents: fn(
      () => [new TextEncoder().encode(CSV), { format: "csv", fields: { customerId: "user_id", at: "created_at", amount: "total" } }],
      [
        "0",
        ...optionPaths(1, ["format", "fields", "delimiter", "header", "epochUnit", "onProgress", "onInvalid", "currencyScale", "timeZone"]),
        "1.fields.customerId", "1.fields.at", "1.fields.amount",
      ],
    ),
    detectEventFields: fn(() => [["user_id", "created_at", "total"]], ["0", "0[]"], {
      note: "no @example in src/events/fieldNames.ts: the header of readEvents' example",
    }),
    COMMON_FIELD_NAMES: value,
  },
} satisfies LayerSpecs;
