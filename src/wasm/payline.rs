//! `payline.*`: request building, response decoding, return codes, re-authorization rules, and
//! the `PaylineClient` class. Conversion and dispatch only; every rule lives in `crate::payline`.

use super::fetch::{promise, Transport};
use super::{input, js, out, output, string_arg, JsResult};
use crate::error::{Error, ErrorCode, Gateway};
use crate::payline::{self, decode, Operation, Options};
use crate::transport::{failure_error, CallKind, Failure};
use serde_json::Value;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// Default client timeout (DESIGN.md: 60 000 ms for Payline; Payline itself gives up on the bank
/// after 25 s, reference §1.4).
const DEFAULT_TIMEOUT_MS: u32 = 60_000;

// ---- Exports ----

fn options_arg(options: &JsValue) -> Result<Options, Error> {
    if options.is_undefined() || options.is_null() {
        return Err(Error::new(
            ErrorCode::Validation,
            "options are required: { merchantId, accessKey, environment?, baseUrl? }",
        )
        .with_gateway(Gateway::Payline)
        .with_field("options"));
    }
    Options::from_value(&Transport::gateway_options(options)?)
}

/// A validated SOAP 1.1 request for `operation`. Throws `VALIDATION` with every issue.
#[wasm_bindgen(js_name = paylineRequest, unchecked_return_type = "{ method: 'POST'; url: string; headers: Record<string, string>; body: string }")]
pub fn payline_request(
    #[wasm_bindgen(unchecked_param_type = "PaylineOperation")] operation: JsValue,
    #[wasm_bindgen(unchecked_param_type = "object")] params: JsValue,
    #[wasm_bindgen(unchecked_param_type = "PaylineOptions")] options: JsValue,
) -> JsResult<JsValue> {
    let operation = js(string_arg(&operation, "operation"))?;
    let params = js(input(&params, ""))?;
    let options = js(options_arg(&options))?;
    let req = js(payline::request(&operation, &params, &options))?;
    out(&req.to_json())
}

/// Decodes Payline's answer to `operation` (`httpStatus` defaults to 200).
#[wasm_bindgen(js_name = paylineParseResponse, unchecked_return_type = "PaylineResponse")]
pub fn payline_parse_response(
    #[wasm_bindgen(unchecked_param_type = "PaylineOperation")] operation: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] xml: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number | undefined")] http_status: JsValue,
) -> JsResult<JsValue> {
    let operation = js(string_arg(&operation, "operation"))?;
    let xml = js(string_arg(&xml, "xml"))?;
    let status = match http_status.as_f64() {
        None if http_status.is_undefined() || http_status.is_null() => 200,
        Some(n) if n.fract() == 0.0 && (100.0..=599.0).contains(&n) => n as u16,
        _ => {
            return Err(super::throw(
                Error::new(
                    ErrorCode::Validation,
                    "httpStatus must be an HTTP status from 100 to 599",
                )
                .with_gateway(Gateway::Payline)
                .with_field("httpStatus"),
            ))
        }
    };
    let v = js(payline::parse_response(&operation, status, &xml))?;
    out(&v)
}

/// `{ code, status, message, accepted }` for a five-digit result code.
#[wasm_bindgen(js_name = paylineDescribeResult, unchecked_return_type = "PaylineResultCode")]
pub fn payline_describe_result(
    #[wasm_bindgen(unchecked_param_type = "string")] code: JsValue,
) -> JsResult<JsValue> {
    let code = js(string_arg(&code, "code"))?;
    let r = js(payline::describe_result(&code))?;
    out(&r.to_json())
}

/// The re-authorization rules before sending; throws `OPERATION_NOT_ALLOWED` (`gatewayCode`
/// `'02620'` for another currency) or returns `{ warnings, orderRef?, orderRefFromOriginal }`.
/// `now` defaults to the current time.
#[wasm_bindgen(
    js_name = paylineCheckReAuthorization,
    unchecked_return_type = "PaylineReAuthorizationCheck"
)]
pub fn payline_check_re_authorization(
    #[wasm_bindgen(unchecked_param_type = "PaylineOriginalTransaction | PaylineResponse")]
    original: JsValue,
    #[wasm_bindgen(unchecked_param_type = "object")] params: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Date | string | undefined")] now: JsValue,
) -> JsResult<JsValue> {
    let original = js(input(&original, "original"))?;
    let params = js(input(&params, ""))?;
    let now = if now.is_undefined() || now.is_null() {
        js_sys::Date::new_0()
            .to_iso_string()
            .as_string()
            .unwrap_or_default()
    } else {
        match js(input(&now, "now"))? {
            Value::String(s) => s,
            _ => {
                return Err(super::throw(
                    Error::new(
                        ErrorCode::Validation,
                        "now must be a Date or an ISO 8601 string",
                    )
                    .with_gateway(Gateway::Payline)
                    .with_field("now"),
                ))
            }
        }
    };
    let checked = js(payline::check_re_authorization(
        &original,
        &params,
        now.as_str(),
    ))?;
    out(&checked.to_json())
}

struct Inner {
    transport: Transport,
    options: Options,
}

/// A Payline client: validates, sends with `fetch`, decodes. Methods resolve with the decoded
/// answer when its result code is accepted and reject `GATEWAY_ERROR` (with `gatewayCode`)
/// otherwise. Money-moving calls are never resent; `getTransactionDetails` is retried as a read.
#[wasm_bindgen(js_name = PaylineClient)]
pub struct PaylineClient {
    inner: Rc<Inner>,
}

#[wasm_bindgen(js_class = PaylineClient)]
impl PaylineClient {
    /// `{ merchantId, accessKey, environment?, baseUrl?, fetch?, timeoutMs? (60000), debug? }`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "PaylineOptions")] options: JsValue,
    ) -> JsResult<PaylineClient> {
        let transport = js(Transport::from_options(
            &options,
            Gateway::Payline,
            DEFAULT_TIMEOUT_MS,
        ))?;
        let options = js(options_arg(&options))?;
        Ok(PaylineClient {
            inner: Rc::new(Inner { transport, options }),
        })
    }

    fn call(&self, op: Operation, params: &JsValue) -> js_sys::Promise {
        let inner = self.inner.clone();
        let params = input(params, "");
        promise(async move {
            let params = params?;
            let req = payline::request(op.name(), &params, &inner.options)?;
            let resp = inner.transport.send(&req, op.kind(), op.name()).await?;
            let value = match decode::parse_response(op, resp.status, &resp.body) {
                Ok(v) => v,
                // A 5xx without a SOAP answer after a money-moving call: the outcome is unknown.
                Err(e)
                    if e.code == ErrorCode::HttpError
                        && (500..=599).contains(&resp.status)
                        && op.kind() == CallKind::MoneyMoving =>
                {
                    return Err(failure_error(
                        Gateway::Payline,
                        op.kind(),
                        op.name(),
                        Failure::Status(resp.status),
                        0,
                        "",
                    ))
                }
                // An unreadable 2xx answer to a money-moving call: it may have been processed.
                Err(e)
                    if e.code == ErrorCode::MalformedResponse
                        && op.kind() == CallKind::MoneyMoving =>
                {
                    let mut e = e.with_outcome_unknown();
                    e.message.push_str(
                        "; the operation may have been processed: check it with getTransactionDetails before sending it again",
                    );
                    return Err(e);
                }
                Err(e) => return Err(e),
            };
            if let Some(err) = decode::refusal_error(op, &value) {
                return Err(err);
            }
            Ok(output(&value))
        })
    }

    /// Re-authorizes an authorization (see `payline.checkReAuthorization` for the rules).
    #[wasm_bindgen(js_name = doReAuthorization, unchecked_return_type = "Promise<PaylineResponse>")]
    pub fn do_re_authorization(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PaylineDoReAuthorizationParams")] params: JsValue,
    ) -> js_sys::Promise {
        self.call(Operation::DoReAuthorization, &params)
    }

    /// Authorizes (and captures, with action 101) a card payment.
    #[wasm_bindgen(js_name = doAuthorization, unchecked_return_type = "Promise<PaylineResponse>")]
    pub fn do_authorization(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PaylineDoAuthorizationParams")] params: JsValue,
    ) -> js_sys::Promise {
        self.call(Operation::DoAuthorization, &params)
    }

    /// Captures an authorization. Give a `sequenceNumber` to prevent duplicates.
    #[wasm_bindgen(js_name = doCapture, unchecked_return_type = "Promise<PaylineResponse>")]
    pub fn do_capture(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PaylineDoCaptureParams")] params: JsValue,
    ) -> js_sys::Promise {
        self.call(Operation::DoCapture, &params)
    }

    /// Refunds a remitted transaction. Give a `sequenceNumber` to prevent duplicates.
    #[wasm_bindgen(js_name = doRefund, unchecked_return_type = "Promise<PaylineResponse>")]
    pub fn do_refund(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PaylineDoRefundParams")] params: JsValue,
    ) -> js_sys::Promise {
        self.call(Operation::DoRefund, &params)
    }

    /// Cancels a transaction not yet remitted. Give a `sequenceNumber` to prevent duplicates.
    #[wasm_bindgen(js_name = doReset, unchecked_return_type = "Promise<PaylineResponse>")]
    pub fn do_reset(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PaylineDoResetParams")] params: JsValue,
    ) -> js_sys::Promise {
        self.call(Operation::DoReset, &params)
    }

    /// Credits a card without an original transaction.
    #[wasm_bindgen(js_name = doCredit, unchecked_return_type = "Promise<PaylineResponse>")]
    pub fn do_credit(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PaylineDoCreditParams")] params: JsValue,
    ) -> js_sys::Promise {
        self.call(Operation::DoCredit, &params)
    }

    /// Debits a card with an authorization obtained outside Payline.
    #[wasm_bindgen(js_name = doDebit, unchecked_return_type = "Promise<PaylineResponse>")]
    pub fn do_debit(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PaylineDoDebitParams")] params: JsValue,
    ) -> js_sys::Promise {
        self.call(Operation::DoDebit, &params)
    }

    /// Reads a transaction (retried on network errors, 408 and 5xx).
    #[wasm_bindgen(
        js_name = getTransactionDetails,
        unchecked_return_type = "Promise<PaylineResponse>"
    )]
    pub fn get_transaction_details(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PaylineGetTransactionDetailsParams")]
        params: JsValue,
    ) -> js_sys::Promise {
        self.call(Operation::GetTransactionDetails, &params)
    }
}
