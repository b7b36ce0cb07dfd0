// What to do about each Sips 2.0 `responseCode` of a response file, for `remise batch report`.
//
// The codes, and which are worth sending again unchanged (`retryable`: 90 only), and which may have
// been done (`unknown`: 01 partial success, 60 pending, 62 waiting for confirmation, 94 reference used,
// 99 server problem, and any code
// outside the table, as the clients read them), are copied from
// the core's table src/sogenactif/codes.rs (source named there: the Sogenactif data dictionary,
// https://documentation.sogenactif.com/en/data-dictionary/inappresponsecode.html). That table is
// not exported to JS; its `message` reaches JS as each parsed record's `responseMessage`, so only
// what the core does not say is kept here: the action for a back office. When a row changes in
// codes.rs, change it here (js-tests/cli.test.mjs checks that both tables list the same codes).
export const ACTIONS = {
  '00': { retryable: false, action: 'nothing: the operation was accepted' },
  '01': { retryable: false, unknown: true, action: 'partial success, documented for panToToken / tokenToPan only: on this operation something may have been done; check the transaction (getTransactionData) before sending it again' },
  '02': { retryable: false, action: 'ask for the authorisation by phone, or lower the amount' },
  '03': { retryable: false, action: 'fix merchantId or the merchant contract with your bank, then send the record again' },
  '05': { retryable: false, action: 'refused by the issuer: ask the customer for another payment mean; do not resend as is' },
  '10': { retryable: false, action: 'send again later or without 3-D Secure enrolment data' },
  '11': { retryable: false, action: 'the card is blocked: ask the customer for another payment mean' },
  '12': { retryable: false, action: 'fix the record (parameters the bank refused), then send it in a new file' },
  '14': { retryable: false, action: 'fix the card number, expiry date or CSC, then send again' },
  '17': { retryable: false, action: 'nothing to send: the buyer cancelled' },
  // (A refund's own advice: the simulator answers 24 for a refund of more than is left, and
  // getTransactionData shows no refund: a helper's walk, twenty-ninth pass.)
  '24': { retryable: false, action: "read the transaction's status (Office getTransactionData): it may be captured, cancelled or busy; send the operation its status allows", refund: 'read what was refunded already in the Sogenactif back office (a refund does not show in getTransactionData) and the transaction\'s status: it may be refunded up to its amount, not captured yet, cancelled or busy; refund at most what is left, or cancel it if it is not captured yet' },
  '25': { retryable: false, action: 'check transactionReference / s10TransactionReference: the bank does not know this transaction' },
  '30': { retryable: false, action: 'fix the field format (see the request record), then send the record in a new file' },
  '34': { retryable: false, action: 'fraud suspicion: contact your bank before sending again' },
  '40': { retryable: false, action: 'ask your bank to enable this operation for the merchant, or remove the record' },
  '51': { retryable: false, action: 'lower the amount (not above what remains of the transaction)' },
  '54': { retryable: false, action: 'the payment mean expired: ask the customer for a new one' },
  '55': { retryable: false, action: 'prepaid cards are refused: ask the customer for another card' },
  '57': { retryable: false, action: 'the original transaction had an unpaid: settle it outside this file' },
  '60': { retryable: false, unknown: true, action: 'pending: check the transaction later before sending anything again' },
  '62': { retryable: false, unknown: true, action: 'waiting for confirmation: check the transaction later before sending anything again' },
  '63': { retryable: false, action: 'stopped by security rules: contact your bank' },
  '75': { retryable: false, action: 'too many PAN entry attempts: contact the customer' },
  '90': { retryable: true, action: 'temporary: send the record again in a later file' },
  '94': { retryable: false, unknown: true, action: 'duplicate: this transactionReference was used already, maybe by an earlier attempt that went through; do not resend, check the first one' },
  '97': { retryable: false, action: 'time frame exceeded: start the operation again' },
  '99': { retryable: false, unknown: true, action: 'temporary server problem: the operation may have been done; check the transaction (getTransactionData) before sending it again' },
};

/**
 * `{ retryable, action, unknown? }` of a code; a code outside the table may mean anything, an
 * operation under way among them: `unknown`, as the clients read it (transport::may_have_had_effects).
 */
export function actionFor(code, method) {
  const a = ACTIONS[code] ?? { retryable: false, unknown: true, action: `unknown response code ${code}: the operation may have been done; check the transaction (getTransactionData) and ask your bank what the code means before sending again` };
  if (a.refund !== undefined && isRefund(method)) return { retryable: a.retryable, action: a.refund };
  // (`refundUnknown`: an action that names no place to check, 60's, 62's, 94's, gets the back office too;
  // the review of the twenty-ninth pass.)
  return a.unknown && isRefund(method) ? { ...a, action: refundUnknown(a.action) } : a;
}

/** A record's method is a refund (`REFUND` in a response file, `refund` in a record). */
export const isRefund = (method) => /^refund$/i.test(String(method ?? ''));

// The advice to query getTransactionData, in the three ways remise words it: an action of this table
// ("check the transaction (getTransactionData)"), the core's messages ("check getTransactionData before
// sending it again", a client's "check its status with getTransactionData before sending it again").
const QUERY = /check (?:its status with |the transaction \()?getTransactionData\)?( before sending it again)?/g;

/**
 * `text` (an action of this table, a message of the core's or an OfficeClient's error) with its advice to
 * check getTransactionData turned to the back office: a refund does not show there (README, "Sips
 * Office"; a new user's walk and a review of the twenty-seventh pass).
 */
export const refundAdvice = (text) => text.replace(QUERY, 'check it in the Sogenactif back office$1 (a refund does not show in getTransactionData)');

/**
 * A refund's message when its operation may have been done: `refundAdvice`, or, for a message that names no
 * place to check (60, 62, 94, a code outside the table), the back office said after it (the review of the
 * twenty-ninth pass: `outcome: 'unknown'` beside "pending" alone).
 */
export const refundUnknown = (text) => {
  const said = refundAdvice(text);
  return said !== text ? said : `${text}: check it in the Sogenactif back office before sending anything again (a refund does not show in getTransactionData)`;
};

/** Where to check a record of `method` before sending anything again: a refund in the back office. */
export const whereToCheck = (method) => (isRefund(method) ? 'refund in the Sogenactif back office (it does not show in getTransactionData)' : 'transaction (getTransactionData)');

/** The same where the operation is not known (a stateless reader): getTransactionData, and where a refund shows. */
export const maybeRefundAdvice = (text) => text.replace(QUERY, 'check getTransactionData$1 (a refund does not show there: check the Sogenactif back office)');
