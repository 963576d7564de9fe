// The fuzzer's self-test package: typed errors shaped like retention-metrics' own.
export class RetentionMetricsError extends Error {
  constructor(code, message) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}
export class InvalidInputError extends RetentionMetricsError {
  constructor(field, value) {
    super("INVALID_INPUT", `Invalid ${field}; expected a finite number.`);
    this.value = value;
  }
}
