// The RemiseError class and the cross-realm guard. Each entry bundles its own copy, so
// `instanceof RemiseError` holds for errors thrown through that entry; `isRemiseError` works
// across entries and realms (it checks `name` and `code`).

const DEFAULTS = {
  gateway: undefined,
  field: undefined,
  issues: undefined,
  gatewayCode: undefined,
  gatewayMessage: undefined,
  httpStatus: undefined,
  retryable: false,
  outcome: undefined,
  response: undefined,
};

export class RemiseError extends Error {
  constructor(props) {
    super(props && typeof props.message === 'string' ? props.message : 'remise error');
    this.name = 'RemiseError';
    this.code = props && typeof props.code === 'string' ? props.code : 'UNSUPPORTED';
    for (const key of Object.keys(DEFAULTS)) {
      const value = props && props[key] !== undefined ? props[key] : DEFAULTS[key];
      if (value !== undefined) this[key] = value;
    }
    if (!this.issues && this.code === 'VALIDATION') this.issues = [];
  }
}

export function isRemiseError(value) {
  return (
    typeof value === 'object' &&
    value !== null &&
    value.name === 'RemiseError' &&
    typeof value.code === 'string'
  );
}

/** Registers the RemiseError factory with this entry's wasm instance. */
export function installErrors(raw) {
  raw.__setErrorFactory((props) => new RemiseError(props));
}
