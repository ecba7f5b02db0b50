export {
  BILLING_ERROR_CODES,
  BILLING_ERROR_STATUS,
  BillingError,
  isBillingError,
  type BillingErrorCode,
} from './billing-error.ts';
export {
  calculateCharge,
  quantityOf,
  type Charge,
  type Metered,
  type PriceTerms,
} from './price-calculator.ts';
export {
  recordSucceededPrediction,
  balanceOf,
  type PriceRow,
  type SucceededPrediction,
  type RecordedUsage,
} from './usage-recorder.ts';
export { recordSucceededPredictionBatch, type BatchOutcome } from './usage-batch-recorder.ts';
export {
  assertCanAfford,
  lockOrganizationBilling,
  readSpendSnapshot,
  type ChargeRequest,
  type SpendSnapshot,
} from './spend-guard.ts';
export { priceInForce } from './price-in-force.ts';
export { changePrice, type ChangePriceInput, type PriceChange } from './price-change.ts';
export { monthStart, nextMonthStart, parseMonth } from './calendar-month.ts';
export {
  billingMode,
  readBillingEnv,
  stripeAdapterFromEnv,
  type BillingEnv,
  type StripeMode,
} from './billing-config.ts';
export {
  DEFAULT_METER_EVENT_NAME,
  StripeAdapter,
  TOP_UP_PURPOSE,
  type MeterableUsage,
  type StripeAdapterOptions,
  type StripeApiBase,
  type TopUpCheckout,
  type TopUpCheckoutInput,
} from './stripe/stripe-adapter.ts';
export { handleStripeWebhook, type WebhookOutcome } from './stripe/webhook-handler.ts';
export {
  microsPerMinorUnit,
  microsToMinorUnits,
  minorUnitsToMicros,
} from './stripe/minor-units.ts';
export {
  METER_REPORT_QUEUE,
  METER_SWEEP_QUEUE,
  startMeterReporting,
  type MeterReportJob,
  type MeterReporting,
  type MeterReportingOptions,
} from './metering/meter-reporting.ts';
export { reportUsageEvent, type UsageReportResult } from './metering/report-usage-event.ts';
export {
  findUnreportedUsage,
  METER_EVENT_MAX_AGE_DAYS,
  type UnreportedUsageCursor,
} from './metering/unreported-usage.ts';
export {
  generateEarningsStatements,
  platformFee,
  type GenerateEarningsInput,
} from './publisher-earnings.ts';
export {
  usageReport,
  usageReportCsv,
  type UsageGrouping,
  type UsageReportInput,
  type UsageReportRow,
} from './usage-report.ts';
export { ledger, type LedgerPage, type LedgerPageInput } from './ledger-page.ts';
export {
  adjustCredit,
  type AdjustCreditInput,
  type CreditAdjustment,
} from './credit-adjustment.ts';
export { silentLogger, type BillingLogger } from './billing-logger.ts';
