//! The request bodies `systempay.request` validates, as data: one [`Object`] table per body and
//! per nested object, each [`Field`] with its JSON name, what it holds, whether it is required,
//! and its documentation.
//!
//! Issue 9, "one source of truth per shape": the TypeScript declarations of the requests
//! (`pkg-template/types/systempay_requests.d.ts`) are written from these tables by
//! [`super::typegen`], and the unit tests of this module tie the tables to the validator
//! ([`super::validate`], code per field because its rules are): the keys it reads at every path
//! are exactly the keys of the table, each required field is reported when missing, each field
//! refuses a wrong type, and a body built from the tables is accepted. Changing a key in one place
//! without the other fails those tests. The wasm build does not link this module.

use super::model::{Service, AMOUNT_WITHOUT_CURRENCY, FORM_ACTIONS, OPERATION_TYPES};

/// What a field holds (its TypeScript type follows from it, see `typegen::ts_type`).
#[derive(Clone, Copy, Debug)]
pub enum Ty {
    /// A transaction uuid: 32 lowercase hexadecimal characters.
    Uuid,
    /// Free text.
    Text,
    /// An order reference: printable ASCII, at most `ORDER_ID_MAX` characters.
    OrderId,
    /// An e-mail address.
    Email,
    /// An absolute http(s) URL.
    Url,
    /// An RFC 3339 date-time.
    DateTime,
    /// A whole number of minor units.
    Amount,
    /// `captureDelay`: a whole number of days, sent as `MAX_CAPTURE_DELAY` above it.
    CaptureDelay,
    /// A currency of the Systempay table, alpha-3 or numeric (`SystempayCurrency`).
    Currency,
    /// `'YES'`, `'NO'` or `null` (`SystempayManualValidation`).
    ManualValidation,
    /// `resolutionMode`: one of [`super::model::RESOLUTION_MODES`] or `null`
    /// (`SystempayResolutionMode`).
    ResolutionMode,
    /// One of these values.
    Enum(&'static [&'static str]),
    /// Only `null` is accepted (`mid`).
    Null,
    /// An object of the caller's own keys and values, sent as given.
    Metadata,
    /// A non-empty list of names.
    Names,
    /// A nested object.
    Obj(&'static Object),
}

/// One field of a request body.
#[derive(Debug)]
pub struct Field {
    /// The JSON key, in the platform's casing.
    pub name: &'static str,
    pub ty: Ty,
    pub required: bool,
    /// A sibling field that must be given when this one is (`currency` needs `amount`).
    pub needs: Option<&'static str>,
    /// The documentation of the field (empty: none).
    pub doc: &'static str,
}

impl Field {
    const fn needs(self, sibling: &'static str) -> Field {
        Field {
            needs: Some(sibling),
            ..self
        }
    }
}

/// A request body or a nested object: its TypeScript interface name and doc, and its fields.
#[derive(Debug)]
pub struct Object {
    pub name: &'static str,
    pub doc: &'static str,
    pub fields: &'static [Field],
}

const fn field(name: &'static str, ty: Ty, doc: &'static str) -> Field {
    Field {
        name,
        ty,
        required: false,
        needs: None,
        doc,
    }
}

const fn required(name: &'static str, ty: Ty, doc: &'static str) -> Field {
    Field {
        name,
        ty,
        required: true,
        needs: None,
        doc,
    }
}

const UUID_DOC: &str = "The transaction id.";
const AMOUNT_DOC: &str = "Minor units (30050 = EUR 300.50), at most 999999999999 (12 digits).";
/// `amount` of CancelOrRefund and Refund: alone, or with `currency` ([`AMOUNT_WITHOUT_CURRENCY`]).
const AMOUNT_MAYBE_ALONE: Field = if AMOUNT_WITHOUT_CURRENCY {
    field("amount", Ty::Amount, AMOUNT_DOC)
} else {
    field("amount", Ty::Amount, AMOUNT_DOC).needs("currency")
};
const METADATA_DOC: &str = "Free keys and values, echoed on the new transaction.";

pub static CARD_OPTIONS: Object = Object {
    name: "SystempayCardOptions",
    doc: "",
    fields: &[
        field("manualValidation", Ty::ManualValidation, ""),
        field("captureDelay", Ty::CaptureDelay, "Days before capture."),
        field("mid", Ty::Null, "Must be null or absent."),
    ],
};

pub static TRANSACTION_OPTIONS: Object = Object {
    name: "SystempayTransactionOptions",
    doc: "",
    fields: &[field("cardOptions", Ty::Obj(&CARD_OPTIONS), "")],
};

pub static CANCEL_OR_REFUND: Object = Object {
    name: "SystempayCancelOrRefundRequest",
    doc: "Transaction/CancelOrRefund.",
    fields: &[
        required("uuid", Ty::Uuid, UUID_DOC),
        AMOUNT_MAYBE_ALONE,
        field("currency", Ty::Currency, "").needs("amount"),
        field("resolutionMode", Ty::ResolutionMode, "Default `AUTO`."),
        field("comment", Ty::Text, ""),
        field("transactionOptions", Ty::Obj(&TRANSACTION_OPTIONS), ""),
    ],
};

pub static GET: Object = Object {
    name: "SystempayGetRequest",
    doc: "Transaction/Get.",
    fields: &[required("uuid", Ty::Uuid, UUID_DOC)],
};

/// The body of Transaction/Cancel and Transaction/Validate.
const UUID_AND_COMMENT: &[Field] = &[
    required("uuid", Ty::Uuid, UUID_DOC),
    field("comment", Ty::Text, ""),
];

pub static CANCEL: Object = Object {
    name: "SystempayCancelRequest",
    doc: "Transaction/Cancel.",
    fields: UUID_AND_COMMENT,
};

pub static VALIDATE: Object = Object {
    name: "SystempayValidateRequest",
    doc: "Transaction/Validate.",
    fields: UUID_AND_COMMENT,
};

pub static REFUND: Object = Object {
    name: "SystempayRefundRequest",
    doc: "Transaction/Refund.",
    fields: &[
        required("uuid", Ty::Uuid, UUID_DOC),
        AMOUNT_MAYBE_ALONE,
        field("currency", Ty::Currency, "").needs("amount"),
        field("comment", Ty::Text, ""),
        field("transactionOptions", Ty::Obj(&TRANSACTION_OPTIONS), ""),
    ],
};

pub static CARD_UPDATE: Object = Object {
    name: "SystempayCardUpdate",
    doc: "",
    fields: &[
        field(
            "amount",
            Ty::Amount,
            "The new, lower amount (partial cancellation), at most 999999999999 (12 digits).",
        )
        .needs("currency"),
        field("currency", Ty::Currency, "").needs("amount"),
        field("expectedCaptureDate", Ty::DateTime, ""),
        field("manualValidation", Ty::ManualValidation, ""),
    ],
};

pub static UPDATE: Object = Object {
    name: "SystempayUpdateRequest",
    doc: "Transaction/Update.",
    fields: &[
        required("uuid", Ty::Uuid, UUID_DOC),
        field("orderId", Ty::OrderId, ""),
        field("comment", Ty::Text, ""),
        field("cardUpdate", Ty::Obj(&CARD_UPDATE), ""),
    ],
};

pub static CARD_DUPLICATE: Object = Object {
    name: "SystempayCardDuplicate",
    doc: "",
    fields: &[
        field("manualValidation", Ty::ManualValidation, ""),
        field("captureDelay", Ty::CaptureDelay, "Days before capture."),
    ],
};

pub static DUPLICATE: Object = Object {
    name: "SystempayDuplicateRequest",
    doc: "Transaction/Duplicate.",
    fields: &[
        required("uuid", Ty::Uuid, UUID_DOC),
        required("amount", Ty::Amount, AMOUNT_DOC),
        required("currency", Ty::Currency, ""),
        field("orderId", Ty::OrderId, ""),
        field("comment", Ty::Text, ""),
        field("metadata", Ty::Metadata, METADATA_DOC),
        field("cardDuplicate", Ty::Obj(&CARD_DUPLICATE), ""),
    ],
};

pub static ORDER_GET: Object = Object {
    name: "SystempayOrderGetRequest",
    doc: "Order/Get.",
    fields: &[
        required("orderId", Ty::OrderId, ""),
        field("operationType", Ty::Enum(&OPERATION_TYPES), ""),
    ],
};

pub static CUSTOMER: Object = Object {
    name: "SystempayCustomer",
    doc: "",
    fields: &[
        field("email", Ty::Email, "At most 150 characters."),
        field(
            "reference",
            Ty::Text,
            "At most 63 characters. Required when `formAction` is `'CUSTOMER_WALLET'`.",
        ),
    ],
};

pub static CREATE_PAYMENT: Object = Object {
    name: "SystempayCreatePaymentRequest",
    doc: "Charge/CreatePayment.",
    fields: &[
        required("amount", Ty::Amount, AMOUNT_DOC),
        required("currency", Ty::Currency, ""),
        field("orderId", Ty::OrderId, ""),
        field("customer", Ty::Obj(&CUSTOMER), ""),
        field("formAction", Ty::Enum(&FORM_ACTIONS), ""),
        field("paymentMethods", Ty::Names, "e.g. `['CARDS']`."),
        field("metadata", Ty::Metadata, METADATA_DOC),
        field("ipnTargetUrl", Ty::Url, "Your IPN endpoint."),
    ],
};

pub static SDK_TEST: Object = Object {
    name: "SystempaySdkTestRequest",
    doc: "Charge/SDKTest: the platform echoes `value`.",
    fields: &[field("value", Ty::Text, "")],
};

/// The body table of `service`.
pub fn body(service: Service) -> &'static Object {
    match service {
        Service::CancelOrRefund => &CANCEL_OR_REFUND,
        Service::Get => &GET,
        Service::Cancel => &CANCEL,
        Service::Refund => &REFUND,
        Service::Update => &UPDATE,
        Service::Validate => &VALIDATE,
        Service::Duplicate => &DUPLICATE,
        Service::OrderGet => &ORDER_GET,
        Service::CreatePayment => &CREATE_PAYMENT,
        Service::SdkTest => &SDK_TEST,
    }
}

#[cfg(test)]
mod tests;
