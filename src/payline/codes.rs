//! Payline return codes (`result.code`, N5): status word, message, accepted.
//!
//! Sources (reference payline.md §5):
//! - 00000/01xxx: https://support.payline.com/hc/fr/articles/360000848148-Return-codes-Payline-Back-01-
//! - 02xxx: https://docs.payline.com/pages/viewpage.action?pageId=747146993 (status words) and
//!   the older English page https://docs.payline.com/pages/viewpage.action?pageId=747167680
//! - 04xxx: https://docs.monext.fr/pages/viewpage.action?pageId=747147016
//! - "accepted" list: https://docs.payline.com/pages/diffpagesbyversion.action?pageId=747148264&selectedPageVersions=14&selectedPageVersions=15
//!
//! [uncertain] Rows the reference marks "(3p)" come from a third-party mapping and may be worded
//! differently today; where the source gives no status word, the row carries its family's usual
//! word (01xxx REFUSED, 02xxx/09xxx ERROR, 03xxx REFUSED) — each is one line to correct here.

use crate::error::{issue, Error, Gateway, Issue, Result};
use serde_json::{Map, Value};

/// Codes the documentation lists as "accepted" (the operation succeeded). Everything else is not.
pub const ACCEPTED: &[&str] = &[
    "00000", "02400", "02500", "02501", "02517", "02520", "02616", "03000", "04000",
];

/// What `describeResult` returns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResultCode {
    pub code: String,
    /// Status word as Payline writes it in `shortMessage` (ACCEPTED, REFUSED, ERROR, …), or
    /// `UNKNOWN` for a code outside the table.
    pub status: String,
    pub message: String,
    pub accepted: bool,
}

impl ResultCode {
    /// `{ code, status, message, accepted }` (built by hand rather than derived: one serializer
    /// instantiation less in the wasm, issue 6).
    pub fn to_json(&self) -> Value {
        let mut m = Map::new();
        m.insert("code".into(), Value::String(self.code.clone()));
        m.insert("status".into(), Value::String(self.status.clone()));
        m.insert("message".into(), Value::String(self.message.clone()));
        m.insert("accepted".into(), Value::Bool(self.accepted));
        Value::Object(m)
    }
}

/// Explanation appended to 02619.
pub const REAUTHORIZATION_OPTION_HELP: &str = "the re-authorization option is not active on this contract: activate it in the Payline administration centre (Configuration → Your payment methods → your contract → 'Activate re-authorization'), or ask Monext support to enable it; the merchant contract must also allow recurring payments";

/// The table, one row per line: five-digit code, status letter (see [`status_word`]), a space,
/// the message. One string rather than a slice of `(&str, &str, &str)`: the 194 rows would
/// otherwise ship 194 × 24 bytes of pointers in the wasm data section (size, issue 6).
pub const TABLE: &str = concat!(
    "00000A Transaction approved\n",
    // 01xxx: bank / acquirer ("Payline Back").
    "01100R Transaction refused (do not honor)\n",
    "01101R Card expired\n",
    "01102R Invalid birthdate\n",
    "01103R Referral: contact your bank for authorization\n",
    "01108R Contact your bank: special condition\n",
    "01109E Invalid merchant\n",
    "01110E Invalid amount\n",
    "01111R Invalid card number\n",
    "01113R Transaction refused\n",
    "01114R Account does not exist\n",
    "01115R Function does not exist\n",
    "01116R Amount limit\n",
    "01117R Invalid PIN\n",
    "01118R Card not registered\n",
    "01119R Transaction not authorized\n",
    "01120R Transaction refused by terminal\n",
    "01121R Debit limit exceeded\n",
    "01122R Security violation\n",
    "01123R Debit frequency exceeded\n",
    "01125R Inactive card\n",
    "01126R Invalid PIN format\n",
    "01128R Invalid PIN control key\n",
    "01129R Counterfeit suspected\n",
    "01130R Invalid CVV2\n",
    // 01131–01133: the current 01xxx list (https://docs.monext.fr/plugins/viewsource/viewpagesrc.action?pageId=747146980;
    // a helper's audit, seventeenth pass). 01132 and 01133: stop sending payments of that recurrence
    // or that card (they read as "unknown, query then send again" while outside the table).
    "01131R 3DS authentication required\n",
    "01132R Revocation of this recurring payment: stop sending its payments\n",
    "01133R Revocation of all payments of this card: stop sending them\n",
    "01180E Invalid bank\n",
    "01181E Invalid currency\n",
    "01182E Conversion rate not found\n",
    "01183R Maximum amount exceeded\n",
    "01184R Maximum number of uses exceeded\n",
    "01185E Order reference already used\n",
    "01197E Acquirer communication error\n",
    "01198E Acquirer configuration error\n",
    "01199E System internal error (backend)\n",
    "01200R Transaction refused\n",
    "01201R Card expired\n",
    "01202R Fraud suspected by the payment partner\n",
    "01206R Maximum number of attempts reached\n",
    "01207R Special condition\n",
    "01208R Card lost\n",
    "01209R Card stolen\n",
    "01280R Card BIN not authorized\n",
    "01902E Acquirer: invalid transaction\n",
    "01904E Acquirer: bad request format\n",
    "01907E Issuer server error\n",
    "01909E Bank server internal error\n",
    "01912E Issuer server error\n",
    "01913E Duplicated transaction: an identical one exists; query it before sending again\n",
    "01914E Transaction cannot be found\n",
    "01915R Operation refused\n",
    "01917E Transaction cannot be reset\n",
    "01940E Bank server unavailable\n",
    "01941E Bank server communication error\n",
    "01942E Bank server communication error\n",
    "01943E Bank server internal error\n",
    // 02xxx: Payline platform ("Payline Front").
    "02000H In progress: wait for the payment status\n",
    "02001E Duplicate transaction: an identical one was accepted; query it before sending again\n",
    "02002E Duplicate pending transaction: an identical one is under way; query it before sending again\n",
    "02003R Issuer communication error: the transaction must be cancelled\n",
    "02004C Issuer communication error: the transaction was cancelled\n",
    "02005H In progress\n",
    "02006H Retry in progress\n",
    "02008C Cancelled by the user\n",
    "02009C To be reversed (fallback)\n",
    "02010E Requested function not available\n",
    "02011E To be reversed in fallback mode\n",
    "02012E Unmatched partner return code\n",
    "02013E Issuer communication error: cancelled\n",
    "02014C Handled by the merchant\n",
    "02015R In progress\n",
    "02016H On hold at the partner\n",
    "02020R Refused by the partner\n",
    "02101E System internal error (frontend)\n",
    "02102E Acquirer server communication error\n",
    "02103E Connection timeout (over 25 seconds): try later\n",
    "02104E Tokenizer internal error\n",
    "02105E Capture sent for settlement before the cancellation\n",
    "02106E Payment partner error\n",
    "02110E The amount is invalid\n",
    "02201E Encryption key does not exist\n",
    "02202E Encryption key out of date\n",
    "02203E Too many active key pairs\n",
    "02204E Invalid merchantKeyName\n",
    "02301E Transaction ID is invalid\n",
    "02302E Transaction is invalid\n",
    "02303E Invalid contract number\n",
    "02304E No transaction found for this token\n",
    "02305E Invalid field format (longMessage names the field)\n",
    "02306I The buyer must still fill in the payment data\n",
    "02307E Invalid custom payment page code\n",
    "02308E Invalid value for a field\n",
    "02309E Custom payment page code inactive\n",
    "02310E No transaction matches the search criteria\n",
    "02311E Too many transactions match the search criteria\n",
    "02312E Invalid search criteria\n",
    "02313E Capturable flag disabled\n",
    "02314E Refundable flag disabled\n",
    "02317E Token does not exist\n",
    "02318E Token does not exist: check the primary and secondary endpoints\n",
    "02319C Payment cancelled by the buyer\n",
    "02320E Searched time interval too long\n",
    "02321E Invalid value for the payment action\n",
    "02322E Invalid cardholder name\n",
    "02323E Birthdate must not be provided when using 3-D Secure\n",
    "02400A Mass treatment accepted\n",
    "02401E Some transactions failed\n",
    "02402I Waiting for treatment\n",
    "02403E No mass treatment found\n",
    "02500A Operation successful\n",
    "02501A Operation successful with warning\n",
    "02502E A wallet with the same id already exists\n",
    "02503E Wallet does not exist\n",
    "02504E Cannot update the last or first name\n",
    "02505E Wallet disabled\n",
    "02506E Wallet cannot operate on the scheduled date\n",
    "02507E Cannot find the payment record\n",
    "02508E Payment record disabled\n",
    "02509E Invalid recurring option\n",
    "02510E Cannot find the payment record\n",
    "02511E Wallet not supported for this card\n",
    "02512E Last and first name required\n",
    "02513E Wallet id required\n",
    "02514E Private data number is limited to 99\n",
    "02515E Choose the data to update\n",
    "02516E Cannot disable the wallet(s)\n",
    "02517A Cannot disable some wallet(s)\n",
    "02518E Invalid card index\n",
    "02519E Cannot enable the wallet(s)\n",
    "02520A Cannot enable some wallet(s)\n",
    "02521E Card already in the wallet\n",
    "02527E Invalid control option\n",
    "02528E selectedContractList must have one contract\n",
    "02529E Information must reference the same contract\n",
    "02532E Wallet management not allowed\n",
    "02533E Buyer not redirected to the payment pages\n",
    "02534E Buyer not redirected and session expired\n",
    "02535E Session expired before the wallet operation\n",
    "02536C Cancelled by the buyer\n",
    "02538E Fill either card.number or card.token\n",
    "02539E Expiration date mandatory for this token format\n",
    "02540E No card for this token\n",
    "02541E Card not eligible\n",
    "02600E Reset not supported for this transaction type\n",
    "02601E Reset already done\n",
    "02602E Authorization already expired\n",
    "02603E Authorization cannot be reset\n",
    "02604E Transaction does not exist\n",
    "02610E Maximum amount exceeded\n",
    "02611E Minimum amount not reached\n",
    "02612E Amount differs from the original transaction\n",
    "02613E Maximal sum of captures/refunds exceeded\n",
    "02614E Invalid Luhn key\n",
    "02615E Virtual card denied\n",
    "02616A Error while creating the wallet\n",
    "02617E Transaction already captured\n",
    "02618E Transaction not yet captured\n",
    "02619E You don't have the reauthorization option\n",
    "02620E Currency must be the same as the original authorization\n",
    "02621E Operation not allowed on this site\n",
    "02622E Reauthorization not allowed on a virtual card\n",
    "02623E Maximum number of attempts reached\n",
    "02624E Card expired\n",
    "02625E Invalid card number format\n",
    // 03xxx: 3-D Secure.
    "03000A 3-D Secure accepted\n",
    "03001R Card not enrolled in 3-D Secure\n",
    "03002R Issuer not participating in 3-D Secure\n",
    "03003R 3-D Secure authentication failed\n",
    "03004E Cannot find the verifyEnrollment call\n",
    "03005E Transaction already exists\n",
    "03006E Invalid PARes\n",
    "03021R Enrollment verification failed\n",
    "03022C Authentication verification failed\n",
    "03030R Unfinished 3-D Secure challenge\n",
    // 04xxx: LCLF anti-fraud.
    "04000A Accepted by the anti-fraud check\n",
    "04001P Accepted, pending risk review\n",
    "04002R Fraud detected\n",
    "04003P Fraud suspected\n",
    "04101E Anti-fraud: missing field\n",
    "04102E Anti-fraud: incorrect rule name\n",
    "04103E Anti-fraud: duplicate data\n",
    "04104E Anti-fraud: field must be null\n",
    "04301R Anti-fraud: data not found\n",
    "04302R Anti-fraud: empty list\n",
    "04303E Anti-fraud: configuration not found\n",
    "04401E Challenge requested (3DS requestor preference)\n",
    "04402E Challenge requested (mandate)\n",
    "04403E No challenge preference\n",
    "04404E Frictionless requested\n",
    "04901E Anti-fraud system error\n",
    "04902E Unauthorized service access\n",
    // 09xxx: access.
    "09101E Username/password is incorrect: check merchantId and accessKey\n",
    "09102E Account is locked or inactive\n",
    "09104E Client certificate is disabled\n",
    "09201E No permission for this API call\n",
);

/// The status word of a row's letter.
fn status_word(letter: u8) -> &'static str {
    match letter {
        b'A' => "ACCEPTED",
        b'R' => "REFUSED",
        b'C' => "CANCELLED",
        b'H' => "ONHOLD_PARTNER",
        b'I' => "INPROGRESS",
        b'P' => "PENDING_RISK",
        _ => "ERROR",
    }
}

/// Every row as (code, status word, message), in table order.
pub fn rows() -> impl Iterator<Item = (&'static str, &'static str, &'static str)> {
    TABLE.lines().filter_map(|line| {
        let code = line.get(..5)?;
        let letter = *line.as_bytes().get(5)?;
        Some((code, status_word(letter), line.get(7..)?))
    })
}

/// Whether a result code means the operation was accepted.
pub fn is_accepted(code: &str) -> bool {
    ACCEPTED.contains(&code)
}

fn family(code: &str) -> &'static str {
    match code.get(..2) {
        Some("00") => "approval",
        Some("01") => "a bank or acquirer answer (01xxx)",
        Some("02") => "a Payline platform answer (02xxx)",
        Some("03") => "a 3-D Secure answer (03xxx)",
        Some("04") => "an anti-fraud answer (04xxx)",
        Some("09") => "an access or credentials answer (09xxx)",
        _ => "an unknown family",
    }
}

/// The table row for `code`, or a generic description for a five-digit code outside the table.
pub fn describe(code: &str) -> Result<ResultCode> {
    if code.len() != 5 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::validation(
            Some(Gateway::Payline),
            vec![Issue {
                field: "code".to_string(),
                code: issue::FORMAT,
                message: format!(
                    "'{}' is not a Payline result code: give the five digits of result.code, e.g. '02620'",
                    crate::money::printable(code)
                ),
            }],
        ));
    }
    Ok(match rows().find(|(c, _, _)| *c == code) {
        Some((c, status, message)) => {
            let mut message = message.to_string();
            if c == "02619" {
                message.push_str(": ");
                message.push_str(REAUTHORIZATION_OPTION_HELP);
            }
            ResultCode {
                code: c.to_string(),
                status: status.to_string(),
                message,
                accepted: is_accepted(c),
            }
        }
        None => ResultCode {
            code: code.to_string(),
            status: "UNKNOWN".to_string(),
            message: format!(
                "not in remise's table; the code is {}: see result.longMessage",
                family(code)
            ),
            accepted: is_accepted(code),
        },
    })
}

#[cfg(test)]
mod tests;
