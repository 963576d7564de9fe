import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/errors.ts";
import { checkTimeZone } from "../../src/periods/index.ts";
import { ZONES } from "./helpers.ts";

describe("checkTimeZone", () => {
  it("returns known zones unchanged, without canonicalising them", () => {
    for (const z of ZONES) expect(checkTimeZone(z)).toBe(z);
    // ICU's canonical name for Kolkata is Calcutta; the caller's spelling is kept.
    expect(checkTimeZone("Asia/Kolkata")).toBe("Asia/Kolkata");
    expect(checkTimeZone("Etc/GMT+5")).toBe("Etc/GMT+5");
  });

  it("gives the same answer when called again (cached)", () => {
    expect(checkTimeZone("Europe/Paris")).toBe("Europe/Paris");
    expect(checkTimeZone("Europe/Paris")).toBe("Europe/Paris");
    expect(() => checkTimeZone("Europe/Pariss")).toThrow(InvalidInputError);
    expect(() => checkTimeZone("Europe/Pariss")).toThrow(InvalidInputError);
  });

  it.each(["Mars/Olympus_Mons", "", "America/NewYork", "GMT+25", "Z"])("rejects %j naming the timeZone field", (tz) => {
    let error: unknown;
    try {
      checkTimeZone(tz);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidInputError);
    const e = error as InvalidInputError;
    expect(e.field).toBe("timeZone");
    expect(e.value).toBe(tz);
    expect(e.message).toContain("Invalid timeZone");
    expect(e.message).toContain("IANA time zone");
  });

  it("rejects non-strings and uses a custom field name", () => {
    expect(() => checkTimeZone(5 as unknown as string)).toThrow(InvalidInputError);
    expect(() => checkTimeZone("Nowhere/Land", "period.timeZone")).toThrow(/Invalid period\.timeZone: "Nowhere\/Land"/);
  });
});
