//! Every Payline envelope remise builds is valid under the official WSDL 4.77 schema, checked in
//! strict mode by an XSD validator nobody here wrote: `xmllint --noout --schema` (Debian
//! `libxml2-utils`; `make test-rust` installs it).
//!
//! The schema is the two `<schema>` elements embedded in the official WSDLs
//! (tests/fixtures/payline/wsdl/, source and commit in its README), extracted at test time: each
//! gets the namespace declarations it inherits from `<wsdl:definitions>`, and a wrapper XSD imports
//! both (obj first, so the impl schema's location-less import finds it). The body element of each
//! envelope (`impl:{op}Request`, with the envelope's namespace declarations copied onto it) is
//! validated against the schema of its service.
//!
//! Envelopes: a minimal and a full request per operation written by hand, plus one per operation
//! generated from the model tables with every modelled element given, 40 random subsets of it per
//! operation (every one remise accepts), the golden fixtures, and the variants that change which
//! elements are written (modes NX/REC/DIF, partial reset, empty lists, CR in text).
//! Without xmllint the test fails when the environment variable CI is set, and says so otherwise.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use remise::payline::model::{Field, Kind, Operation};
use remise::payline::{self, Options};
use serde_json::{json, Map, Value};
use std::path::{Path, PathBuf};
use std::process::Command;

fn opts() -> Options {
    Options::new("111111111", "AFju9XHplQzvamffO72L")
}

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/payline/wsdl/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).unwrap()
}

/// The `xmlns:*` declarations of the first start tag of `xml` named `tag`.
fn declarations(xml: &str, tag: &str) -> Vec<String> {
    let start = xml.find(&format!("<{tag}")).unwrap();
    let end = start + xml[start..].find('>').unwrap();
    let head = &xml[start..end];
    let mut out = Vec::new();
    let mut rest = head;
    while let Some(i) = rest.find("xmlns:") {
        let attr = &rest[i..];
        let q1 = attr.find('"').unwrap();
        let q2 = q1 + 1 + attr[q1 + 1..].find('"').unwrap();
        out.push(attr[..=q2].to_string());
        rest = &attr[q2 + 1..];
    }
    out
}

/// The embedded schemas of a WSDL, keyed by target namespace, each standalone.
fn schemas(wsdl: &str) -> Vec<(String, String)> {
    let inherited = declarations(wsdl, "wsdl:definitions");
    let mut out = Vec::new();
    let mut rest = wsdl;
    while let Some(i) = rest.find("<schema ") {
        let end = i + rest[i..].find("</schema>").unwrap() + "</schema>".len();
        let block = &rest[i..end];
        let tag_end = block.find('>').unwrap();
        let tag = &block[..tag_end];
        let tns_at = tag.find("targetNamespace=\"").unwrap() + "targetNamespace=\"".len();
        let tns = tag[tns_at..tns_at + tag[tns_at..].find('"').unwrap()].to_string();
        let mut standalone = String::from("<schema");
        for decl in &inherited {
            let prefix = &decl[..decl.find('=').unwrap()];
            if !tag.contains(prefix) {
                standalone.push(' ');
                standalone.push_str(decl);
            }
        }
        standalone.push_str(&block["<schema".len()..]);
        out.push((tns, standalone));
        rest = &rest[end..];
    }
    out
}

/// A scratch folder under Cargo's target tmp dir (never in the source tree).
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("payline_schema")
        .join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes obj.xsd, impl.xsd and the wrapper for one WSDL; returns the wrapper's path.
fn write_schema(dir: &Path, wsdl_file: &str) -> PathBuf {
    let wsdl = fixture(wsdl_file);
    let found = schemas(&wsdl);
    assert_eq!(found.len(), 2, "{wsdl_file}: two embedded schemas");
    for (tns, text) in &found {
        let file = match tns.as_str() {
            "http://obj.ws.payline.experian.com" => "obj.xsd",
            "http://impl.ws.payline.experian.com" => "impl.xsd",
            other => panic!("unexpected schema {other}"),
        };
        std::fs::write(dir.join(file), text).unwrap();
    }
    let wrapper = dir.join("payline.xsd");
    std::fs::write(
        &wrapper,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:import namespace="http://obj.ws.payline.experian.com" schemaLocation="obj.xsd"/>
  <xs:import namespace="http://impl.ws.payline.experian.com" schemaLocation="impl.xsd"/>
</xs:schema>
"#,
    )
    .unwrap();
    wrapper
}

/// The body's one child element, standalone: the envelope's `xmlns:*` declarations (but the SOAP
/// one) copied onto it.
fn body_element(envelope: &str) -> String {
    let decls: Vec<String> = declarations(envelope, "soapenv:Envelope")
        .into_iter()
        .filter(|d| !d.starts_with("xmlns:soapenv="))
        .collect();
    let open = "<soapenv:Body>";
    let start = envelope.find(open).unwrap() + open.len();
    let end = envelope.rfind("</soapenv:Body>").unwrap();
    let body = envelope[start..end].trim();
    let name_end = body.find(['>', ' ']).unwrap();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{} {}{}",
        &body[..name_end],
        decls.join(" "),
        &body[name_end..]
    )
}

fn xmllint() -> Option<PathBuf> {
    let found = Command::new("xmllint").arg("--version").output().is_ok();
    if found {
        return Some(PathBuf::from("xmllint"));
    }
    if std::env::var_os("CI").is_some() {
        panic!("xmllint is missing: install Debian's libxml2-utils (make test-rust does it)");
    }
    eprintln!("WARNING: xmllint not found (apt-get install libxml2-utils): Payline envelopes NOT validated against the WSDL schema");
    None
}

/// Validates each `(label, envelope)` against the schema of `wsdl_file`; every failure is reported.
fn validate_all(wsdl_file: &str, envelopes: &[(String, String)]) {
    let Some(lint) = xmllint() else { return };
    let dir = scratch(wsdl_file.trim_end_matches(".wsdl"));
    let wrapper = write_schema(&dir, wsdl_file);
    let mut files = Vec::new();
    for (i, (label, env)) in envelopes.iter().enumerate() {
        let file = dir.join(format!("{i:02}-{label}.xml"));
        std::fs::write(&file, body_element(env)).unwrap();
        files.push(file);
    }
    let out = Command::new(lint)
        .arg("--noout")
        .arg("--schema")
        .arg(&wrapper)
        .args(&files)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    // One "validates" line per file, and nothing else.
    let validated = stderr.lines().filter(|l| l.ends_with(" validates")).count();
    assert!(
        out.status.success() && validated == files.len(),
        "{wsdl_file}: {validated}/{} envelopes valid; xmllint says:\n{stderr}",
        files.len()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

fn build(op: &str, params: &Value) -> String {
    match payline::request(op, params, &opts()) {
        Ok(req) => req.body,
        Err(e) => panic!("{op}: {e:?}\nparams: {params}"),
    }
}

// ---- hand-written requests ---------------------------------------------------------------

fn card() -> Value {
    json!({ "number": "4970100000325734", "type": "CB", "expirationDate": "1227" })
}

fn order() -> Value {
    json!({ "ref": "ORD-1", "amount": 1000, "currency": "EUR", "date": "2024-12-15T12:20" })
}

fn address(tag: &str) -> Value {
    json!({ "title": "Mme", "name": "Dupont", "firstName": "Anne", "lastName": "Dupont",
            "street1": format!("1 rue {tag}"), "street2": "Bât. B", "streetNumber": "1",
            "cityName": "Aix", "zipCode": "13100", "country": "FR", "phone": "0600000000",
            "state": "PAC", "county": "13", "phoneType": "1", "addressCreateDate": "01/01/2020",
            "email": "anne@example.com" })
}

fn buyer() -> Value {
    json!({ "title": "4", "lastName": "Dupont", "firstName": "Anne", "email": "anne@example.com",
            "shippingAdress": address("A"), "billingAddress": { "cityName": "Aix" },
            "accountCreateDate": "01/01/20", "accountAverageAmount": 5000, "accountOrderCount": 3,
            "walletId": "W1", "ip": "192.0.2.1", "mobilePhone": "0600000000", "customerId": "C-1",
            "legalStatus": "1", "birthDate": "1980-01-01" })
}

fn owner() -> Value {
    json!({ "lastName": "Dupont", "firstName": "Anne",
            "billingAddress": { "street": "1 rue A", "cityName": "Aix", "zipCode": "13100", "country": "FR", "phone": "06" },
            "issueCardDate": "0120" })
}

fn sub_merchant() -> Value {
    json!({ "subMerchantId": "SM-1", "subMerchantName": "Shop", "subMerchantMCC": "5411",
            "subMerchantSIRET": "12345678900011", "subMerchantCountry": "FR" })
}

fn three_ds() -> Value {
    json!({ "md": "md", "pares": "pares", "xid": "xid", "eci": "05", "cavv": "AAAAAAA=",
            "cavvAlgorithm": "2", "PaResStatus": "Y", "VeResStatus": "Y", "resultContainer": "{}",
            "authenticationResult": "x" })
}

fn payment(action: u32, contract: bool) -> Value {
    let mut p = json!({ "amount": 1000, "currency": "EUR", "action": action, "mode": "CPT" });
    if contract {
        p["contractNumber"] = json!("1234567");
    }
    p
}

fn hand_written() -> Vec<(String, &'static str, Value)> {
    let pd = json!([{ "key": "k", "value": "v\r\nw" }]);
    let recurring = json!({ "firstAmount": 400, "amount": 300, "billingCycle": 40, "billingLeft": 3,
                            "billingDay": "05", "startDate": "2025-01-05", "endDate": "2025-03-05T12:00",
                            "newAmount": 350, "amountModificationDate": "2025-02-01T00:00", "billingRank": 1 });
    let cases = vec![
        (
            "doReAuthorization-minimal",
            json!({ "transactionID": "1", "payment": payment(101, true), "order": order() }),
        ),
        (
            "doReAuthorization-full",
            json!({ "version": 34, "transactionID": "1", "payment": payment(100, true),
            "order": order(), "privateDataList": pd, "media": "Computer" }),
        ),
        (
            "doAuthorization-minimal",
            json!({ "payment": payment(100, true), "card": card(), "order": order() }),
        ),
        (
            "doAuthorization-full-NX",
            json!({ "version": 34,
            "payment": { "amount": 1000, "currency": "EUR", "action": 101, "mode": "NX", "contractNumber": "1234567",
                         "cumulatedAmount": 0 },
            "bankAccountData": { "countryCode": "FR", "bankCode": "30004", "accountNumber": "00000000001", "key": "12" },
            "card": card(), "order": order(), "buyer": buyer(), "owner": owner(), "privateDataList": pd,
            "authentication3DSecure": three_ds(), "media": "Mobile", "subMerchant": sub_merchant(),
            "linkedTransactionId": "L1", "travelFileNumber": "T1", "recurring": recurring }),
        ),
        (
            "doAuthorization-REC",
            json!({ "payment": { "amount": 300, "currency": 978, "action": 101, "mode": "REC", "contractNumber": "1" },
            "card": card(), "order": order(), "recurring": { "amount": 300, "billingCycle": "40", "billingLeft": "12" } }),
        ),
        (
            "doAuthorization-DIF",
            json!({ "payment": { "amount": 300, "currency": "EUR", "action": 100, "mode": "DIF",
            "contractNumber": "1", "differedActionDate": "2024-12-20" }, "card": card(), "order": order(),
            "bankAccountData": { "countryCode": "FR" }, "buyer": {}, "owner": { "billingAddress": {} } }),
        ),
        (
            "doCapture-minimal",
            json!({ "transactionID": "1", "payment": payment(201, false) }),
        ),
        (
            "doCapture-full",
            json!({ "version": 34, "transactionID": "1", "payment": payment(201, true),
            "privateDataList": pd, "sequenceNumber": "s1", "media": "TV", "miscData": "m" }),
        ),
        (
            "doRefund-minimal",
            json!({ "transactionID": "1", "payment": payment(421, false) }),
        ),
        (
            "doRefund-full",
            json!({ "version": 34, "transactionID": "1", "payment": payment(421, false), "comment": "c",
            "privateDataList": pd, "sequenceNumber": "s", "media": "Tablet",
            "details": [{ "ref": "SKU", "price": 100, "quantity": 1 }], "miscData": "m" }),
        ),
        ("doReset-minimal", json!({ "transactionID": "1" })),
        (
            "doReset-full",
            json!({ "version": 34, "transactionID": "1", "comment": "c", "media": "Console",
            "amount": 100, "currency": "EUR", "privateDataList": pd, "sequenceNumber": "s" }),
        ),
        (
            "doCredit-minimal",
            json!({ "payment": payment(422, true), "card": card() }),
        ),
        (
            "doCredit-full",
            json!({ "version": 34, "payment": payment(422, true), "card": card(), "comment": "c",
            "order": order(), "buyer": buyer(), "owner": owner(), "privateDataList": pd, "miscData": "m",
            "media": "Undefined", "subMerchant": sub_merchant() }),
        ),
        (
            "doDebit-minimal",
            json!({ "payment": payment(204, true), "card": card(), "order": order(),
            "authorization": { "number": "A1", "date": "2025-01-10T09:25" } }),
        ),
        (
            "doDebit-full",
            json!({ "version": 34, "payment": payment(204, true), "card": card(), "order": order(),
            "buyer": buyer(), "owner": owner(), "privateDataList": [], "miscData": "m",
            "authentication3DSecure": three_ds(),
            "authorization": { "number": "A1", "date": "2025-01-10T09:25", "authorizedAmount": 1000, "authorizedCurrency": "EUR" },
            "media": "Computer", "subMerchant": sub_merchant() }),
        ),
        (
            "getTransactionDetails-minimal",
            json!({ "transactionId": "1" }),
        ),
        (
            "getTransactionDetails-full",
            json!({ "version": 34, "transactionId": "1", "orderRef": "o",
            "startDate": "2024-01-01T00:00", "endDate": "2024-01-02T00:00", "transactionHistory": "Y", "archiveSearch": false }),
        ),
    ];
    cases
        .into_iter()
        .map(|(label, p)| {
            let op = label.split('-').next().unwrap();
            let op = OPS.iter().find(|o| **o == op).unwrap();
            (label.to_string(), *op, p)
        })
        .collect()
}

const OPS: [&str; 8] = [
    "doReAuthorization",
    "doAuthorization",
    "doCapture",
    "doRefund",
    "doReset",
    "doCredit",
    "doDebit",
    "getTransactionDetails",
];

// ---- generated from the model tables: every modelled element given ------------------------

fn sample(op: Operation, f: &Field) -> Option<Value> {
    Some(match f.kind {
        Kind::Text(max) => json!("X".repeat(max.min(3))),
        Kind::FreeText | Kind::SecretText => json!("free <text> & 'more'"),
        Kind::SecretDigits(min, max) => {
            if (min..=max).contains(&16) {
                json!("4970100000325734")
            } else {
                json!("123")
            }
        }
        Kind::Digits(n) => json!("7".repeat(n.min(2))),
        Kind::Amount => json!(1234),
        Kind::Currency => json!("EUR"),
        Kind::Enum(values) => json!(values[0]),
        Kind::DateTime | Kind::DateOrDateTime => json!("2024-12-15T12:20"),
        Kind::ShortDate | Kind::Date => json!("2024-12-20"),
        Kind::Expiry => json!("1227"),
        Kind::Version => json!(34),
        Kind::Bool => json!(true),
        Kind::Action => json!(op.actions()[0]),
        Kind::Object(fields) => every(op, fields),
        Kind::List { fields, .. } => json!([every(op, fields), every(op, fields)]),
        Kind::Unmodelled => return None,
    })
}

fn every(op: Operation, fields: &[Field]) -> Value {
    let mut m = Map::new();
    for f in fields {
        if let Some(v) = sample(op, f) {
            m.insert(f.name.to_string(), v);
        }
    }
    Value::Object(m)
}

fn generated_full(op: Operation) -> Value {
    let mut p = every(op, op.fields());
    if let Some(pay) = p.get_mut("payment") {
        // Cross-field rules: DIF takes a date, NX/REC a schedule (doAuthorization only).
        pay["mode"] = json!(if op == Operation::DoAuthorization {
            "NX"
        } else {
            "DIF"
        });
        if op == Operation::DoAuthorization {
            pay.as_object_mut().unwrap().remove("differedActionDate");
        }
    }
    p
}

/// A deterministic pseudo-random generator (64-bit LCG, Knuth's MMIX constants): the subsets below
/// are the same on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

/// `full` with a random subset of the fields the caller may leave out removed, at every depth.
fn thin(full: &Value, fields: &[Field], rng: &mut Lcg) -> Value {
    let mut out = Map::new();
    for f in fields {
        let Some(v) = full.get(f.name) else { continue };
        if !f.required() && rng.next().is_multiple_of(2) {
            continue;
        }
        let v = match f.kind {
            Kind::Object(inner) => thin(v, inner, rng),
            Kind::List { fields: inner, .. } => Value::Array(
                v.as_array()
                    .unwrap()
                    .iter()
                    .map(|e| thin(e, inner, rng))
                    .collect(),
            ),
            _ => v.clone(),
        };
        out.insert(f.name.to_string(), v);
    }
    Value::Object(out)
}

/// (label, envelope) pairs.
type Envelopes = Vec<(String, String)>;

fn all_envelopes() -> (Envelopes, Envelopes) {
    let mut direct = Vec::new();
    let mut extended = Vec::new();
    let mut push = |op: &str, label: String, body: String| {
        if op == "getTransactionDetails" {
            extended.push((label, body));
        } else {
            direct.push((label, body));
        }
    };
    for (label, op, p) in hand_written() {
        push(op, label, build(op, &p));
    }
    // The hand-written golden envelopes of tests/payline_request.rs (remise writes them byte for
    // byte), so the fixtures themselves are held to the schema.
    for op in OPS {
        let path = format!(
            "{}/tests/fixtures/payline/{op}.request.xml",
            env!("CARGO_MANIFEST_DIR")
        );
        push(
            op,
            format!("{op}-golden"),
            std::fs::read_to_string(path).unwrap(),
        );
    }
    let mut rng = Lcg(0x5eed);
    let mut thinned = 0;
    for op in Operation::ALL {
        let p = generated_full(op);
        push(
            op.name(),
            format!("{}-generated", op.name()),
            build(op.name(), &p),
        );
        // Random subsets of the full request: every one remise accepts must be valid (those a
        // cross-field rule refuses, e.g. mode DIF without its date, are not envelopes).
        for i in 0..40 {
            let q = thin(&p, op.fields(), &mut rng);
            if let Ok(req) = payline::request(op.name(), &q, &opts()) {
                push(op.name(), format!("{}-subset{i}", op.name()), req.body);
                thinned += 1;
            }
        }
    }
    assert!(
        thinned >= 100,
        "only {thinned} random subsets were accepted"
    );
    (direct, extended)
}

#[test]
fn every_envelope_is_valid_under_the_official_schema() {
    let (direct, extended) = all_envelopes();
    assert!(direct.len() + extended.len() >= 18 + 8 + 8 + 100);
    validate_all("DirectPaymentAPI.wsdl", &direct);
    validate_all("ExtendedAPI.wsdl", &extended);
}

/// The check above can fail: envelopes the schema refuses are refused (an element out of order, a
/// required element left out, an unknown element).
#[test]
fn the_schema_check_catches_invalid_envelopes() {
    let good = build(
        "doCapture",
        &json!({ "transactionID": "1", "payment": payment(201, false) }),
    );
    let swapped = good.replacen(
        "<impl:version>34</impl:version><impl:transactionID>1</impl:transactionID>",
        "<impl:transactionID>1</impl:transactionID><impl:version>34</impl:version>",
        1,
    );
    let missing = good.replacen("<impl:media xsi:nil=\"true\"/>", "", 1);
    let unknown = good.replacen(
        "<impl:media xsi:nil=\"true\"/>",
        "<impl:media xsi:nil=\"true\"/><impl:extra/>",
        1,
    );
    for (label, bad) in [
        ("swapped", swapped),
        ("missing", missing),
        ("unknown", unknown),
    ] {
        assert_ne!(bad, good, "{label}: the test edit applies");
        let Some(lint) = xmllint() else { return };
        let dir = scratch(&format!("bad-{label}"));
        let wrapper = write_schema(&dir, "DirectPaymentAPI.wsdl");
        let file = dir.join("bad.xml");
        std::fs::write(&file, body_element(&bad)).unwrap();
        let out = Command::new(lint)
            .args(["--noout", "--schema"])
            .arg(&wrapper)
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            !out.status.success(),
            "{label}: xmllint accepted an invalid envelope"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
