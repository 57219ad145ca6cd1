// Errors the package throws. Engine errors carry the core's code and the file line (0 = none).
export class RetentionError extends Error {
  constructor(message, { code = 'internal', line = 0 } = {}) {
    super(message);
    this.name = 'RetentionError';
    this.code = code;
    this.line = line;
  }
}

// A plain object that crosses postMessage; rebuilt with errorFromPlain on the other side.
export function errorToPlain(error) {
  return {
    name: error?.name ?? 'Error',
    message: String(error?.message ?? error),
    code: error?.code,
    line: error?.line,
  };
}

export function errorFromPlain(plain) {
  if (plain.name === 'AbortError') return new DOMException(plain.message, 'AbortError');
  if (plain.name === 'RetentionError') return new RetentionError(plain.message, plain);
  const error = new Error(plain.message);
  error.name = plain.name;
  return error;
}
