/** The slice of a pino logger the billing jobs write to. */
export interface BillingLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLogger: BillingLogger = {
  info: () => {},
  warn: () => {},
  error: () => {},
};
