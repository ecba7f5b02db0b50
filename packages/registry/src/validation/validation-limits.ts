import { RegistryError } from '../registry-error.ts';

export interface ValidationLimits {
  /** wall-clock ms the child may take to load the model */
  timeoutMs: number;
  /** resident memory the child may reach, in bytes (Node itself takes about 50 MB) */
  memoryBytes: number;
}

export const DEFAULT_VALIDATION_LIMITS: ValidationLimits = {
  timeoutMs: 60_000,
  memoryBytes: 2 * 1024 ** 3,
};

export function resolveValidationLimits(limits: Partial<ValidationLimits> = {}): ValidationLimits {
  const resolved = { ...DEFAULT_VALIDATION_LIMITS, ...limits };
  for (const [name, value] of Object.entries(resolved)) {
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new RegistryError(
        'INVALID_INPUT',
        `validation limit ${name} must be a positive integer`,
      );
    }
  }
  return resolved;
}
