//! Validation of Systempay request bodies: every issue at once, each with its JSON path.
//!
//! Unknown fields are `UNKNOWN_FIELD` issues everywhere except inside `metadata` (free-form).

use super::model::*;
use crate::codec::json::{type_name, Obj};
use crate::error::{issue, Error, ErrorCode, Gateway, Issues, Result};
use crate::money::{self, printable, Table};
use crate::transport::Secret;
use serde_json::Value;

/// Validates `body` for `service` (one of [`Service::ALL`]).
pub fn validate(service: Service, body: &Value) -> Result<Validated> {
    let mut issues = Issues::new();
    let mut warnings = Vec::new();
    if !body.is_object() {
        // One TYPE issue is enough: no field can be read.
        Obj::new(body, "", &mut issues);
        return Err(Error::validation(
            Some(Gateway::Systempay),
            issues.into_vec(),
        ));
    }
    let mut root = Obj::new(body, "", &mut issues);
    let out = match service {
        Service::CancelOrRefund | Service::Refund => {
            cancel_or_refund(service, &mut root, &mut issues, &mut warnings)
                .map(Body::CancelOrRefund)
        }
        Service::Get => uuid(&mut root, &mut issues).map(|uuid| {
            Body::ByUuid(ByUuid {
                uuid,
                comment: None,
            })
        }),
        Service::Cancel | Service::Validate => {
            let uuid = uuid(&mut root, &mut issues);
            let comment = comment(&mut root, &mut issues);
            uuid.map(|uuid| Body::ByUuid(ByUuid { uuid, comment }))
        }
        Service::Update => update(&mut root, &mut issues).map(Body::Update),
        Service::Duplicate => duplicate(&mut root, &mut issues, &mut warnings).map(Body::Duplicate),
        Service::OrderGet => {
            let order_id = order_id(&mut root, true, &mut issues);
            let operation_type = root.enumeration("operationType", &OPERATION_TYPES, &mut issues);
            order_id.map(|order_id| {
                Body::OrderGet(OrderGet {
                    order_id,
                    operation_type,
                })
            })
        }
        Service::CreatePayment => create_payment(&mut root, &mut issues).map(Body::CreatePayment),
        Service::SdkTest => {
            let value = root.str("value", &mut issues).map(str::to_string);
            Some(Body::SdkTest(SdkTest { value }))
        }
    };
    root.finish(&mut issues);
    issues.finish(Some(Gateway::Systempay))?;
    match out {
        Some(body) => Ok(Validated {
            service,
            body,
            warnings,
        }),
        // Unreachable in practice: every `None` above pushed an issue.
        None => Err(Error::new(ErrorCode::Validation, "invalid request body")
            .with_gateway(Gateway::Systempay)),
    }
}

/// Reads `{ shopId, password, baseUrl? }` from caller input (paths `options.*`). `shopId` may be
/// given as a string or a whole number; any other key is `UNKNOWN_FIELD` except those in
/// `extra_keys` (e.g. the client's transport options). Missing values are left empty for
/// [`validate_options`] to report.
pub fn read_options(v: &Value, extra_keys: &[&'static str], issues: &mut Issues) -> Options {
    let mut o = Obj::new(v, "options", issues);
    for k in extra_keys {
        o.raw(k);
    }
    let shop_id = match o.raw("shopId") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) if n.as_u64().is_some() => n.to_string(),
        Some(other) => {
            issues.push(
                "options.shopId",
                issue::TYPE,
                format!(
                    "must be a string of digits like '73239078', got {}",
                    type_name(other)
                ),
            );
            "0".to_string()
        }
        None => String::new(),
    };
    let password = match o.raw("password") {
        Some(Value::String(s)) => Secret::new(s.clone()),
        Some(other) => {
            issues.push(
                "options.password",
                issue::TYPE,
                format!("must be a string, got {}", type_name(other)),
            );
            Secret::new("*")
        }
        None => Secret::default(),
    };
    let base_url = o.str("baseUrl", issues).map(str::to_string);
    o.finish(issues);
    Options {
        shop_id,
        password,
        base_url,
    }
}

/// Checks the credentials and host; issues are reported under `options.*`.
pub fn validate_options(opts: &Options, issues: &mut Issues) {
    if opts.shop_id.is_empty() {
        issues.push("options.shopId", issue::REQUIRED, "is required: the shop id (8 digits) from the Back Office, Settings > Shop > REST API keys");
    } else if !opts.shop_id.bytes().all(|b| b.is_ascii_digit()) {
        issues.push(
            "options.shopId",
            issue::FORMAT,
            format!(
                "'{}' is not a shop id: use the digits of the Back Office's 'User' field (e.g. 73239078)",
                printable(&opts.shop_id)
            ),
        );
    }
    check_password(&opts.password, issues);
    if let Some(base) = &opts.base_url {
        if !(base.starts_with("https://") || base.starts_with("http://"))
            || base.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            issues.push(
                "options.baseUrl",
                issue::FORMAT,
                format!(
                    "'{}' is not an http(s) URL: use e.g. 'https://api.systempay.fr' or a preset of systempay.hosts",
                    printable(base)
                ),
            );
        }
    }
}

fn check_password(password: &Secret, issues: &mut Issues) {
    if password.is_empty() {
        issues.push(
            "options.password",
            issue::REQUIRED,
            "is required: the REST API password (testpassword_… or prodpassword_…)",
        );
    } else if password.expose().chars().any(|c| c.is_control()) {
        // Never echo the value.
        issues.push(
            "options.password",
            issue::FORMAT,
            "contains a control character: copy the password again from the Back Office",
        );
    }
}

/// `uuid`: required, 32 lowercase hexadecimal characters as the platform emits them.
/// UNCERTAIN as a hard rule (reference §2: every example has this shape; the format block was not
/// readable). Correct [`is_uuid`] to relax it.
fn uuid(o: &mut Obj<'_>, issues: &mut Issues) -> Option<String> {
    let s = o.req_str("uuid", issues)?;
    if is_uuid(s) {
        Some(s.to_string())
    } else {
        issues.push(
            o.at("uuid"),
            issue::FORMAT,
            format!(
                "'{}' is not a transaction uuid: use the 32 lowercase hexadecimal characters the platform returned (e.g. a0b61d1e159748eaab876cfe342e8c08)",
                printable(s)
            ),
        );
        None
    }
}

/// 32 lowercase hexadecimal characters.
pub fn is_uuid(s: &str) -> bool {
    s.len() == 32 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

fn comment(o: &mut Obj<'_>, issues: &mut Issues) -> Option<String> {
    o.str("comment", issues).map(str::to_string)
}

/// `orderId`: ASCII only ("Does not support UTF-8 characters"), at most [`ORDER_ID_MAX`].
fn order_id(o: &mut Obj<'_>, required: bool, issues: &mut Issues) -> Option<String> {
    let s = if required {
        o.req_str("orderId", issues)?
    } else {
        o.str("orderId", issues)?
    };
    let at = o.at("orderId");
    let mut ok = true;
    if !s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        issues.push(
            at.clone(),
            issue::FORMAT,
            "must contain printable ASCII characters only: the platform does not support UTF-8 in orderId",
        );
        ok = false;
    }
    if s.len() > ORDER_ID_MAX {
        issues.push(
            at,
            issue::TOO_LONG,
            format!(
                "is {} characters long: at most {ORDER_ID_MAX} are accepted",
                s.chars().count()
            ),
        );
        ok = false;
    }
    ok.then(|| s.to_string())
}

/// A currency of the Systempay table, given as alpha-3 (`'EUR'`) or numeric (`978`, `'978'`);
/// written as alpha-3.
fn currency(o: &mut Obj<'_>, key: &'static str, issues: &mut Issues) -> Option<&'static str> {
    let v = o.raw(key)?;
    let at = o.at(key);
    let code = match v {
        Value::String(s) => s.clone(),
        Value::Number(n) if n.as_u64().is_some() => n.to_string(),
        other => {
            issues.push(
                at,
                issue::TYPE,
                format!(
                    "must be an alpha-3 currency code like 'EUR', got {}",
                    type_name(other)
                ),
            );
            return None;
        }
    };
    match money::currency(&code, Table::Systempay) {
        Ok(c) => Some(c.code),
        Err(e) => {
            issues.push_error(&at, e);
            None
        }
    }
}

/// `amount` and `currency` read together: each requires the other. With `required`, both must
/// be present.
fn amount_currency(
    o: &mut Obj<'_>,
    required: bool,
    issues: &mut Issues,
) -> (Option<u64>, Option<&'static str>) {
    let has_amount = o.has("amount");
    let has_currency = o.has("currency");
    let amount = if required {
        o.req_uint("amount", issues)
    } else {
        o.uint("amount", issues)
    };
    let cur = if required && !has_currency {
        o.raw("currency");
        issues.push(
            o.at("currency"),
            issue::REQUIRED,
            "is required: an alpha-3 code of the systempay table like 'EUR'",
        );
        None
    } else {
        currency(o, "currency", issues)
    };
    if !required {
        if has_amount && !has_currency {
            issues.push(
                o.at("currency"),
                issue::REQUIRED,
                "is required when amount is given: amount is in the currency's minor units",
            );
        } else if has_currency && !has_amount {
            issues.push(
                o.at("amount"),
                issue::REQUIRED,
                "is required when currency is given: give both or neither",
            );
        }
    }
    (amount, cur)
}

/// `manualValidation`: `YES`, `NO` or `null` (the shop's default). Absent → not sent.
fn manual_validation(o: &mut Obj<'_>, issues: &mut Issues) -> Nullable<&'static str> {
    let present = o.present("manualValidation");
    match o.enumeration("manualValidation", &MANUAL_VALIDATION, issues) {
        Some(v) => Some(Some(v)),
        None if present && !o.has("manualValidation") => Some(None),
        None => None,
    }
}

/// `captureDelay` in days (integer ≥ 0). Above [`MAX_CAPTURE_DELAY`] the platform resets it to
/// 365: we send 365 and add a warning.
fn capture_delay(o: &mut Obj<'_>, issues: &mut Issues, warnings: &mut Vec<Warning>) -> Option<u64> {
    let d = o.uint("captureDelay", issues)?;
    if d > MAX_CAPTURE_DELAY {
        warnings.push(Warning {
            field: o.at("captureDelay"),
            code: WARNING_CLAMPED,
            message: format!(
                "captureDelay {d} is above {MAX_CAPTURE_DELAY} days: the platform resets it to {MAX_CAPTURE_DELAY}, so {MAX_CAPTURE_DELAY} was sent"
            ),
        });
        return Some(MAX_CAPTURE_DELAY);
    }
    Some(d)
}

fn transaction_options(
    o: &mut Obj<'_>,
    issues: &mut Issues,
    warnings: &mut Vec<Warning>,
) -> Option<TransactionOptions> {
    let mut to = o.obj("transactionOptions", issues)?;
    let card_options = to.obj("cardOptions", issues).map(|mut co| {
        let manual_validation = manual_validation(&mut co, issues);
        let capture_delay = capture_delay(&mut co, issues, warnings);
        let mid_present = co.present("mid");
        let mid = co.raw("mid");
        if let Some(v) = mid {
            issues.push(
                co.at("mid"),
                issue::NOT_ALLOWED,
                format!(
                    "must be null or absent (got {}): the platform does not let the merchant choose the contract",
                    type_name(v)
                ),
            );
        }
        co.finish(issues);
        CardOptions {
            manual_validation,
            capture_delay,
            mid: (mid_present && mid.is_none()).then_some(()),
        }
    });
    to.finish(issues);
    Some(TransactionOptions { card_options })
}

fn cancel_or_refund(
    service: Service,
    o: &mut Obj<'_>,
    issues: &mut Issues,
    warnings: &mut Vec<Warning>,
) -> Option<CancelOrRefund> {
    let uuid = uuid(o, issues);
    let (amount, currency) = amount_currency(o, false, issues);
    let resolution_mode = if service == Service::CancelOrRefund {
        // "If the field is sent empty, the default value will be AUTO" (seed document).
        Some(
            o.enumeration("resolutionMode", &RESOLUTION_MODES, issues)
                .unwrap_or("AUTO"),
        )
    } else {
        None
    };
    let comment = comment(o, issues);
    let transaction_options = transaction_options(o, issues, warnings);
    Some(CancelOrRefund {
        uuid: uuid?,
        amount,
        currency,
        resolution_mode,
        comment,
        transaction_options,
    })
}

fn update(o: &mut Obj<'_>, issues: &mut Issues) -> Option<Update> {
    let uuid = uuid(o, issues);
    let order_id = order_id(o, false, issues);
    let comment = comment(o, issues);
    let card_update = o.obj("cardUpdate", issues).map(|mut cu| {
        let (amount, currency) = amount_currency(&mut cu, false, issues);
        let expected_capture_date = cu
            .str("expectedCaptureDate", issues)
            .and_then(|s| match iso_date_time(s) {
                true => Some(s.to_string()),
                false => {
                    issues.push(
                        cu.at("expectedCaptureDate"),
                        issue::FORMAT,
                        format!(
                            "'{}' is not an ISO 8601 date-time: use e.g. '2026-12-01T00:00:00+00:00'",
                            printable(s)
                        ),
                    );
                    None
                }
            });
        let manual_validation = manual_validation(&mut cu, issues);
        cu.finish(issues);
        CardUpdate {
            amount,
            currency,
            expected_capture_date,
            manual_validation,
        }
    });
    Some(Update {
        uuid: uuid?,
        order_id,
        comment,
        card_update,
    })
}

/// RFC 3339 date-time (the ISO 8601 profile the platform writes: `2026-12-01T00:00:00+00:00`).
fn iso_date_time(s: &str) -> bool {
    time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).is_ok()
}

fn metadata(o: &mut Obj<'_>, issues: &mut Issues) -> Option<Value> {
    match o.raw("metadata")? {
        v @ Value::Object(_) => Some(v.clone()),
        other => {
            issues.push(
                o.at("metadata"),
                issue::TYPE,
                format!(
                    "must be an object of your own keys and values, got {}",
                    type_name(other)
                ),
            );
            None
        }
    }
}

fn duplicate(
    o: &mut Obj<'_>,
    issues: &mut Issues,
    warnings: &mut Vec<Warning>,
) -> Option<Duplicate> {
    let uuid = uuid(o, issues);
    let (amount, currency) = amount_currency(o, true, issues);
    let order_id = order_id(o, false, issues);
    let comment = comment(o, issues);
    let metadata = metadata(o, issues);
    let card_duplicate = o.obj("cardDuplicate", issues).map(|mut cd| {
        let manual_validation = manual_validation(&mut cd, issues);
        let capture_delay = capture_delay(&mut cd, issues, warnings);
        cd.finish(issues);
        CardDuplicate {
            manual_validation,
            capture_delay,
        }
    });
    Some(Duplicate {
        uuid: uuid?,
        amount: amount?,
        currency: currency?,
        order_id,
        comment,
        metadata,
        card_duplicate,
    })
}

fn create_payment(o: &mut Obj<'_>, issues: &mut Issues) -> Option<CreatePayment> {
    let (amount, currency) = amount_currency(o, true, issues);
    let order_id = order_id(o, false, issues);
    let customer = o.obj("customer", issues).map(|mut c| {
        let email = c.str("email", issues).and_then(|s| {
            if is_email(s) {
                Some(s.to_string())
            } else {
                issues.push(
                    c.at("email"),
                    issue::FORMAT,
                    format!(
                        "'{}' is not an e-mail address: use name@domain (the platform answers INT_015 otherwise)",
                        printable(s)
                    ),
                );
                None
            }
        });
        let reference = c.str("reference", issues).map(str::to_string);
        c.finish(issues);
        Customer { email, reference }
    });
    let form_action = o.enumeration("formAction", &FORM_ACTIONS, issues);
    if form_action == Some("CUSTOMER_WALLET")
        && customer
            .as_ref()
            .and_then(|c| c.reference.as_ref())
            .is_none()
    {
        issues.push(
            "customer.reference",
            issue::REQUIRED,
            "is required when formAction is CUSTOMER_WALLET: the wallet belongs to this customer reference",
        );
    }
    let payment_methods = o.array("paymentMethods", issues).map(|list| {
        let mut out = Vec::new();
        for (i, v) in list.iter().enumerate() {
            match v {
                Value::String(s) if !s.is_empty() => out.push(s.clone()),
                other => issues.push(
                    format!("paymentMethods[{i}]"),
                    issue::TYPE,
                    format!(
                        "must be a payment method name like 'CARDS', got {}",
                        type_name(other)
                    ),
                ),
            }
        }
        out
    });
    let metadata = metadata(o, issues);
    let ipn_target_url = o.str("ipnTargetUrl", issues).and_then(|s| {
        if (s.starts_with("https://") || s.starts_with("http://"))
            && !s.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            Some(s.to_string())
        } else {
            issues.push(
                o.at("ipnTargetUrl"),
                issue::FORMAT,
                format!(
                    "'{}' is not an http(s) URL: give the absolute URL of your IPN endpoint",
                    printable(s)
                ),
            );
            None
        }
    });
    Some(CreatePayment {
        amount: amount?,
        currency: currency?,
        order_id,
        customer,
        form_action,
        payment_methods,
        metadata,
        ipn_target_url,
    })
}

/// A light e-mail shape check (`local@domain.tld`, no spaces); the platform has the final word.
fn is_email(s: &str) -> bool {
    let mut parts = s.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.chars().any(|c| c.is_whitespace() || c.is_control())
}
