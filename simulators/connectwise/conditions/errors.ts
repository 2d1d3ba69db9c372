/**
 * A condition the server refuses. `code` follows what the real server answers: `ApiFindCondition` for a
 * name it does not recognise or an invalid enum value, `InvalidObject` for syntax and literal problems.
 */
export type ConditionErrorCode = 'InvalidObject' | 'ApiFindCondition';

export class ConditionError extends Error {
  constructor(
    readonly code: ConditionErrorCode,
    message: string,
    readonly position?: number,
  ) {
    super(message);
    this.name = 'ConditionError';
  }
}

/** The server's own hint about literals, paraphrased: appended to every literal-type complaint. */
export const LITERAL_HINT =
  'Strings go in double or single quotes, datetimes in square brackets, numbers are digits with an ' +
  'optional decimal point and minus sign, booleans are the keywords true or false and null is the keyword null.';
