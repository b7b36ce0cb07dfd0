// payline.*: thin dispatch to the wasm exports. `Client` is the wasm class itself.
export default function payline(raw) {
  return {
    request: (operation, params, options) => raw.paylineRequest(operation, params, options),
    parseResponse: (operation, xml, httpStatus) => raw.paylineParseResponse(operation, xml, httpStatus),
    describeResult: (code) => raw.paylineDescribeResult(code),
    checkReAuthorization: (original, params, now) => raw.paylineCheckReAuthorization(original, params, now),
    Client: raw.PaylineClient,
  };
}
