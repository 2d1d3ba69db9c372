/** A record the mapping cannot convert: quarantined with the reason, the run goes on. */
export class MappingError extends Error {
  constructor(
    message: string,
    public readonly target?: string,
    public readonly source?: string,
  ) {
    super(message);
    this.name = 'MappingError';
  }
}
