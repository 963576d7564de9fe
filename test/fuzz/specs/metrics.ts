/**
 * Fuzz specs of `retention-metrics/metrics`: the formula functions. Arguments
 * are those of each function's TSDoc @example (the fullest call of it, options
 * included, so that leaving the options out is one of the mutations).
 */
import { fn, type LayerSpecs, optionPaths } from "../spec.ts";

const RATE_OPTIONS = ["interval", "confidence"];

export default {
  entry: "./metrics",
  specs: {
    customerRetentionRate: fn(
      () => [{ customersAtStart: 200, customersAtEnd: 220, newCustomers: 40 }, { interval: true }],
      [...optionPaths(0, ["customersAtStart", "customersAtEnd", "newCustomers"]), ...optionPaths(1, RATE_OPTIONS)],
    ),
    churnRate: fn(
      () => [{ customersAtStart: 200, customersLost: 20 }, { interval: true, confidence: 0.9 }],
      [...optionPaths(0, ["customersAtStart", "customersLost"]), ...optionPaths(1, RATE_OPTIONS)],
    ),
    repeatCustomerRate: fn(
      () => [{ repeatCustomers: 500, totalCustomers: 1000 }],
      [...optionPaths(0, ["repeatCustomers", "totalCustomers"]), ...optionPaths(1, RATE_OPTIONS)],
    ),
    renewalRate: fn(
      () => [{ renewed: 930, dueForRenewal: 1000 }],
      [...optionPaths(0, ["renewed", "dueForRenewal"]), ...optionPaths(1, RATE_OPTIONS)],
    ),
    purchaseFrequency: fn(() => [{ orders: 1500, customers: 1000 }], optionPaths(0, ["orders", "customers"])),
    averageOrderValue: fn(() => [{ revenue: "1000.00", orders: 3 }], optionPaths(0, ["revenue", "orders"])),
    customerLifetimeValue: fn(
      () => [{ averageOrderValue: "50.00", purchaseFrequency: 4, lifespan: 3, margin: 0.3 }],
      optionPaths(0, ["averageOrderValue", "purchaseFrequency", "lifespan", "margin"]),
    ),
    retentionLifetimeValue: fn(
      () => [{ marginPerPeriod: 100, retentionRate: 0.8, discountRate: 0.1 }],
      optionPaths(0, ["marginPerPeriod", "retentionRate", "discountRate"]),
    ),
    netCustomerValue: fn(
      () => [{ revenue: "500.00", acquisitionCost: "120.50", retentionCost: 30 }],
      optionPaths(0, ["revenue", "acquisitionCost", "retentionCost"]),
    ),
    customerAcquisitionCost: fn(() => [{ spend: "12000.00", newCustomers: 300 }], optionPaths(0, ["spend", "newCustomers"])),
    ltvToCacRatio: fn(() => [{ lifetimeValue: "1200.00", acquisitionCost: "400.00" }], optionPaths(0, ["lifetimeValue", "acquisitionCost"])),
    stickiness: fn(() => [{ dailyActive: 500, monthlyActive: 2000 }], optionPaths(0, ["dailyActive", "monthlyActive"])),
    netPromoterScore: fn(() => [[10, 9, 9, 8, 7, 6, 3, 10, 9, 0]], ["0", "0[]"]),
    emailEngagement: fn(() => [{ delivered: 10000, opened: 2500, clicked: 500 }], optionPaths(0, ["delivered", "opened", "clicked"])),
  },
} satisfies LayerSpecs;
