// The published walletCredit sample of the Sogenactif data dictionary, shared by the batch suites:
// https://documentation.sogenactif.com/en/data-dictionary/sob/walletcredit.html

/** The sample request file, as published. */
export const SAMPLE_CSV =
  'FILE;request;office;v19\n' +
  'HEADER;023101122334455;2021-12-16+0100;14:26:45+0100;1\n' +
  'WALLETCREDIT;12;023101122334456;SIM20220329092501;66;w01;paymentMeanId;978;customer@email.com;customerId;128.0.0.1;INTERNET;orderId;returnContext;origin;101;20210329;statementReference;settlementArchivingReference;settlementMerchantSpecificData\n' +
  'END;1\n';

/** Its header line as `BatchWriter` options. */
export const SAMPLE_HEADER = { remitterId: '023101122334455', date: '2021-12-16+0100', time: '14:26:45+0100', sequence: 1 };

/** Its one record. */
export const SAMPLE_RECORD = {
  method: 'walletCredit', recordSequence: 12, merchantId: '023101122334456', transactionReference: 'SIM20220329092501',
  amount: 66, merchantWalletId: 'w01', paymentMeanId: 'paymentMeanId', currencyCode: 'EUR', customerEmail: 'customer@email.com',
  customerId: 'customerId', customerIpAddress: '128.0.0.1', orderChannel: 'INTERNET', orderId: 'orderId',
  returnContext: 'returnContext', transactionOrigin: 'origin',
  s10TransactionReference: { s10TransactionId: '101', s10TransactionIdDate: '20210329' },
  statementReference: 'statementReference', settlementArchivingReference: 'settlementArchivingReference',
  settlementMerchantSpecificData: 'settlementMerchantSpecificData',
};
