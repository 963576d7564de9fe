import { describe, expect, it } from "vitest";
import * as clv from "../../src/clv/index.ts";

describe("the clv entry", () => {
  it("exports the public functions and nothing internal", () => {
    expect(Object.keys(clv).sort()).toEqual([
      "bgNbdLogLikelihood", "fitBgNbd", "fitGammaGamma", "fitParetoNbd", "formulaLifetimeValue", "gammaGammaLogLikelihood",
      "historicLifetimeValue", "holdoutCheck", "paretoNbdLogLikelihood", "predictLifetimeValue", "probabilityAliveMatrix",
      "rfmScores", "rfmSummary", "simulateBgNbd", "simulateParetoNbd",
    ]);
    for (const f of Object.values(clv)) expect(typeof f).toBe("function");
  });
});
