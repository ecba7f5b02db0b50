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
  type SucceededPrediction,
  type RecordedUsage,
} from './usage-recorder.ts';
