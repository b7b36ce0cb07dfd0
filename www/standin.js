// The in-page stand-in server: a `fetch` the clients are given instead of the network. It records
// what it received and answers with the recorded envelope the user picked; for Office Batch files
// it writes the response file Sogenactif would return.

/** A fetch that answers every request with `answer(requestInfo)` → { status, body, type }. */
export function standInFetch(answer, log) {
  return async (input, init) => {
    const request = typeof Request !== 'undefined' && input instanceof Request && !init ? input : new Request(input, init);
    const body = await request.text();
    const headers = {};
    request.headers.forEach((value, key) => (headers[key] = value));
    const received = { method: request.method, url: request.url, headers, body };
    const { status, body: text, type } = answer(received);
    log({ received, status, body: text });
    return new Response(text, { status, headers: { 'content-type': type } });
  };
}

/**
 * The response file of an Office Batch request file: `FILE;response;…`, the same HEADER, each record
 * line echoed with `;responseCode;acquirerResponseCode;authorisationId`, the same END.
 */
export function batchResponse(requestFile, [responseCode, acquirerCode]) {
  let n = 0;
  return requestFile
    .split('\n')
    .map((line) => {
      if (line === '') return line;
      if (line.startsWith('FILE;request;')) return 'FILE;response;' + line.slice('FILE;request;'.length);
      if (line.startsWith('HEADER;') || line.startsWith('END;')) return line;
      n += 1;
      const auth = responseCode === '00' ? `A${String(n).padStart(5, '0')}` : '';
      return `${line};${responseCode};${acquirerCode};${auth}`;
    })
    .join('\n');
}
