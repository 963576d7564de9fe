import { fc, test } from "../support/fc.ts";
import { describe, expect, it } from "vitest";
import { emailEngagement } from "../../src/metrics/email.ts";
import { EXPECTED, expectInconsistent, expectInvalid, testRefusesInvalid, testRefusesNonObjectInput } from "./helpers.ts";

/** Consistent campaign counts: clicked <= opened <= delivered, delivered > 0. */
const campaign = fc
  .integer({ min: 1, max: 10 ** 9 })
  .chain((delivered) => fc.integer({ min: 0, max: delivered }).map((opened) => ({ delivered, opened })))
  .chain(({ delivered, opened }) => fc.integer({ min: 0, max: opened }).map((clicked) => ({ delivered, opened, clicked })));

describe("emailEngagement", () => {
  it("gives the three rates of a campaign", () => {
    expect(emailEngagement({ delivered: 10000, opened: 2500, clicked: 500 })).toEqual({
      openRate: 0.25,
      clickThroughRate: 0.05,
      clickToOpenRate: 0.2,
    });
  });

  it("gives a null click-to-open rate when nobody opened", () => {
    expect(emailEngagement({ delivered: 100, opened: 0, clicked: 0 })).toEqual({ openRate: 0, clickThroughRate: 0, clickToOpenRate: null });
  });

  it("refuses more clicks than opens and more opens than deliveries", () => {
    expectInconsistent(() => emailEngagement({ delivered: 100, opened: 10, clicked: 11 }), { clicked: 11, opened: 10 }, /: a recipient who clicked has opened the email \(count a click as an open\)\.$/);
    expectInconsistent(() => emailEngagement({ delivered: 100, opened: 101, clicked: 1 }), { opened: 101, delivered: 100 }, /: only delivered emails can be opened\.$/);
  });

  it("refuses nothing delivered", () => {
    expectInvalid(() => emailEngagement({ delivered: 0, opened: 0, clicked: 0 }), { field: "delivered", value: 0, message: EXPECTED.positiveCount });
  });

  testRefusesNonObjectInput("emailEngagement", emailEngagement, ["delivered", "opened", "clicked"]);

  test.prop([campaign])("rates lie in [0, 1] and CTR = open rate x CTOR", (counts) => {
    const { openRate, clickThroughRate, clickToOpenRate } = emailEngagement(counts);
    for (const rate of [openRate, clickThroughRate, clickToOpenRate ?? 0]) expect(rate >= 0 && rate <= 1).toBe(true);
    expect(clickThroughRate).toBeLessThanOrEqual(openRate);
    if (clickToOpenRate !== null) expect(openRate * clickToOpenRate).toBeCloseTo(clickThroughRate, 12);
    else expect(counts.opened).toBe(0);
  });

  testRefusesInvalid("emailEngagement", emailEngagement, { delivered: 100, opened: 50, clicked: 10 }, {
    delivered: EXPECTED.positiveCount,
    opened: EXPECTED.count,
    clicked: EXPECTED.count,
  });
});
