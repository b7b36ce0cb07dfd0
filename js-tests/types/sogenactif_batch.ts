// Type-checks the Office Batch API as a user writes it (tsc --strict).
import { sogenactif } from 'remise';
import type { BatchInput, BatchRecord, BatchResponse, BatchMethod } from 'remise';

const method: BatchMethod = 'walletCredit';
const record: BatchRecord = {
  method,
  merchantId: '023101122334456',
  transactionReference: 'SIM20220329092501',
  amount: 66,
  merchantWalletId: 'w01',
  paymentMeanId: 'paymentMeanId',
  currencyCode: 'EUR',
  s10TransactionReference: { s10TransactionId: '101', s10TransactionIdDate: '20210329' },
};
const input: BatchInput = { header: { remitterId: '023101122334455', sequence: 1 }, records: [record] };
const text: string = sogenactif.batch.build(input);
const xml: string = sogenactif.batch.build({ ...input, syntax: 'xml', version: 5 });
const zip: Uint8Array = sogenactif.batch.archive(text, 'OFBREQ_1.csv');
const res: BatchResponse = sogenactif.batch.parseResponse(text);
const first = res.records[0];
const ok: boolean = first.accepted && first.responseCode === '00';
const seq: number = first.recordSequence + res.trailer.count + res.header.sequence;
// Lines of unknown type, listed with `unknownLines: 'report'` (README "Office Batch").
const unknown: { line: number; type: string }[] = sogenactif.batch.parseResponse(text, { unknownLines: 'report' }).unknownLines ?? [];

const w = new sogenactif.BatchWriter({ syntax: 'csv', header: { remitterId: '023101122334455', date: '2021-12-16+0100', time: '14:26:45+0100', sequence: 2 } });
let file: string = w.header();
file += w.add({ method: 'cancel', merchantId: '023101122334456', transactionReference: 'ORDER1', amount: 500, currencyCode: 978, original: { amount: 1000, status: 'TO_CAPTURE' } });
file += w.finish();
const n: number = w.count;
console.log(xml, zip.length, ok, seq, unknown, file, n);

// @ts-expect-error the method must be one of the 11 batch methods
sogenactif.batch.build({ header: { remitterId: '1', sequence: 1 }, records: [{ method: 'capture' }] });
// @ts-expect-error the syntax is 'csv' or 'xml'
sogenactif.batch.build({ syntax: 'json', header: { remitterId: '1', sequence: 1 }, records: [] });
// @ts-expect-error the header's date and time come together (one alone is refused at run time)
new sogenactif.BatchWriter({ header: { remitterId: '023101122334455', sequence: 1, date: '2021-12-16+0100' } });
// @ts-expect-error the header's date and time come together (one alone is refused at run time)
sogenactif.batch.build({ header: { remitterId: '023101122334455', sequence: 1, time: '14:26:45+0100' }, records: [] });
// @ts-expect-error the header needs a sequence
new sogenactif.BatchWriter({ header: { remitterId: '023101122334455' } });
// @ts-expect-error archive takes the file text, not bytes
sogenactif.batch.archive(zip);
// @ts-expect-error a refund's amount is operationAmount (records are typed per method)
sogenactif.batch.build({ header: { remitterId: '1', sequence: 1 }, records: [{ method: 'refund', merchantId: '023101122334456', transactionReference: 'ORDER2', amount: 750, currencyCode: 'EUR' }] });
const refund: BatchRecord = { method: 'refund', merchantId: '023101122334456', transactionReference: 'ORDER2', operationAmount: 750, currencyCode: 'EUR' };
// @ts-expect-error an s10 id goes with its date (both or neither: the validator's rule)
sogenactif.batch.build({ header: { remitterId: '1', sequence: 1 }, records: [{ method: 'cancel', merchantId: '023101122334456', s10TransactionReference: { s10TransactionId: '123456' }, amount: 1, currencyCode: 'EUR' }] });
sogenactif.batch.build({ header: { remitterId: '1', sequence: 1 }, records: [{ method: 'cancel', merchantId: '023101122334456', s10TransactionReference: { s10TransactionId: '123456', s10TransactionIdDate: '20240101' }, amount: 1, currencyCode: 'EUR' }] });
// @ts-expect-error walletCredit requires merchantWalletId and paymentMeanId
const wallet: BatchRecord = { method: 'walletCredit', merchantId: '023101122334456', amount: 1, currencyCode: 978 };
sogenactif.batch.build({ header: { remitterId: '1', sequence: 1 }, layouts: { refund: ['merchantId', null, 'operationAmount', 'currencyCode'] }, records: [refund, wallet] });

// The bulk path: bytes in, bytes out; rejects typed.
const conv = sogenactif.batch.createConverter({ header: { remitterId: '023101122334455', sequence: 3 }, input: 'ndjson' });
const chunkOut: Uint8Array = conv.push('{"method":"cancel"}\n');
const view: Uint8Array = conv.pushView(new TextEncoder().encode('{"method":"cancel"}\n'));
const rejects = conv.takeRejects();
const line: number | undefined = rejects[0]?.line;
const last: Uint8Array = conv.finishView();
const many: Uint8Array = new sogenactif.BatchWriter({ header: { remitterId: '023101122334455', sequence: 4 } }).addMany([refund]);
console.log(chunkOut.length, view.length, line, last.length, many.length, conv.count, conv.rejected);
// @ts-expect-error pushView takes bytes or a string
conv.pushView(42);
// free() on both (`[Symbol.dispose]` exists at run time but is not declared: README "1 million records").
conv.free();
new sogenactif.BatchWriter({ header: { remitterId: '023101122334455', sequence: 5 } }).free();
