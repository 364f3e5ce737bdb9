//! The `webhooks` module of the crate generated from the shared AhaSend webhooks spec:
//! signatures checked against reference signatures that Python's `hmac`, `hashlib` and
//! `base64` compute at test time (not by the code under test), and every example of the
//! spec parsed into its `WebhookEvent` variant.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use ahasend_webhooks::webhooks::{
    ParseError, SecretEncoding, Verifier, VerifyError, WebhookError, WebhookEvent, WebhookHeaders,
};
use http::{HeaderMap, HeaderValue};
use serde_json::{json, Value};

/// An AhaSend secret: used whole, prefix included, as the HMAC key.
const SECRET: &str = "aha-whsec-4f1c2b9e7d8a6c5b3e2f1a0d9c8b7a6e";
const MESSAGE_ID: &str = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W";
/// A fixed "now" for every check, in Unix seconds.
const NOW: u64 = 1_714_989_000;

fn now() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(NOW)
}

/// How the reference signer derives the key from the secret.
#[derive(Clone, Copy)]
enum Key {
    /// The secret's UTF-8 bytes.
    Raw,
    /// Stock Standard Webhooks: strip `whsec_`, base64-decode.
    StandardBase64,
}

/// `v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`, computed by Python.
fn python_signature(key: Key, secret: &str, id: &str, timestamp: &str, body: &[u8]) -> String {
    const SCRIPT: &str = r#"
import base64, hashlib, hmac, sys
mode, secret, msg_id, timestamp = sys.argv[1:5]
body = sys.stdin.buffer.read()
if mode == "raw":
    key = secret.encode("utf-8")
else:
    key = base64.b64decode(secret[len("whsec_"):] if secret.startswith("whsec_") else secret, validate=True)
signed = msg_id.encode("utf-8") + b"." + timestamp.encode("utf-8") + b"." + body
print("v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode("ascii"))
"#;
    let mode = match key {
        Key::Raw => "raw",
        Key::StandardBase64 => "base64",
    };
    let mut child = Command::new("python3")
        .args(["-c", SCRIPT, mode, secret, id, timestamp])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("python3 is needed to compute reference signatures and could not be run: {e}")
        });
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(body)
        .expect("write the body to python3");
    let out = child.wait_with_output().expect("python3 runs");
    assert!(
        out.status.success(),
        "python3 failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("ASCII output")
        .trim()
        .to_owned()
}

fn headers(id: &str, timestamp: &str, signature: &str) -> HeaderMap {
    let mut h = HeaderMap::new();
    h.insert("webhook-id", HeaderValue::from_str(id).expect("header"));
    h.insert(
        "webhook-timestamp",
        HeaderValue::from_str(timestamp).expect("header"),
    );
    h.insert(
        "webhook-signature",
        HeaderValue::from_str(signature).expect("header"),
    );
    h
}

/// Headers of a delivery of `body` signed with [`SECRET`] at `NOW + offset` seconds.
fn signed(body: &[u8], offset: i64) -> HeaderMap {
    let timestamp = (NOW as i64 + offset).to_string();
    let signature = python_signature(Key::Raw, SECRET, MESSAGE_ID, &timestamp, body);
    headers(MESSAGE_ID, &timestamp, &signature)
}

// ---------------------------------------------------------------------------------------
// The spec's examples.

fn spec_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/specs/ahasend-webhooks.yaml")
}

/// Every webhook of the spec with its request body example, in document order.
fn spec_examples() -> Vec<(String, Value)> {
    let path = spec_path();
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{} is needed beside the checkout: {e}", path.display()));
    let spec: Value = serde_yaml::from_str(&text).expect("the webhooks spec is YAML");
    let webhooks = spec["webhooks"].as_object().expect("the spec has webhooks");
    webhooks
        .iter()
        .map(|(name, item)| {
            let example =
                item["post"]["requestBody"]["content"]["application/json"]["example"].clone();
            assert!(example.is_object(), "webhook {name} has a JSON example");
            (name.clone(), example)
        })
        .collect()
}

fn example(name: &str) -> Value {
    spec_examples()
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("the spec has webhook {name}"))
        .1
}

/// The variant's name; an exhaustive match, so a new variant must be added here.
fn variant(event: &WebhookEvent) -> &'static str {
    match event {
        WebhookEvent::MessageReception(_) => "MessageReception",
        WebhookEvent::MessageDelivered(_) => "MessageDelivered",
        WebhookEvent::MessageTransientError(_) => "MessageTransientError",
        WebhookEvent::MessageFailed(_) => "MessageFailed",
        WebhookEvent::MessageBounced(_) => "MessageBounced",
        WebhookEvent::MessageSuppressed(_) => "MessageSuppressed",
        WebhookEvent::MessageOpened(_) => "MessageOpened",
        WebhookEvent::MessageClicked(_) => "MessageClicked",
        WebhookEvent::SuppressionCreated(_) => "SuppressionCreated",
        WebhookEvent::DomainDnsError(_) => "DomainDnsError",
        WebhookEvent::MessageRouting(_) => "MessageRouting",
        WebhookEvent::Unknown { .. } => "Unknown",
    }
}

// ---------------------------------------------------------------------------------------
// Signatures.

#[test]
fn a_valid_signature_passes() {
    let body = serde_json::to_vec(&example("message.delivered")).unwrap();
    let verifier = Verifier::new(SECRET);
    assert_eq!(verifier.verify_at(&signed(&body, 0), &body, now()), Ok(()));
}

#[test]
fn the_secret_is_used_whole_by_default() {
    let body = br#"{"type":"message.opened"}"#;
    let timestamp = NOW.to_string();
    // Signed with the prefix stripped: not how AhaSend signs, so it must not pass.
    let stripped = SECRET.strip_prefix("aha-whsec-").unwrap();
    let signature = python_signature(Key::Raw, stripped, MESSAGE_ID, &timestamp, body);
    let verifier = Verifier::new(SECRET);
    assert_eq!(verifier.secret_encoding(), SecretEncoding::Raw);
    assert_eq!(
        verifier.verify_at(&headers(MESSAGE_ID, &timestamp, &signature), body, now()),
        Err(VerifyError::SignatureMismatch)
    );
}

#[test]
fn a_tampered_body_fails() {
    let body = serde_json::to_vec(&example("message.failed")).unwrap();
    let headers = signed(&body, 0);
    let mut tampered = body.clone();
    let at = tampered
        .iter()
        .position(|&b| b == b'@')
        .expect("an address in the body");
    tampered[at + 1] ^= 0x01;
    let verifier = Verifier::new(SECRET);
    assert_eq!(
        verifier.verify_at(&headers, &tampered, now()),
        Err(VerifyError::SignatureMismatch)
    );
    // A body with a trailing newline is another body too.
    let mut extended = body.clone();
    extended.push(b'\n');
    assert_eq!(
        verifier.verify_at(&headers, &extended, now()),
        Err(VerifyError::SignatureMismatch)
    );
}

#[test]
fn a_changed_id_or_timestamp_fails() {
    let body = br#"{"type":"message.bounced"}"#;
    let good = signed(body, 0);
    let signature = good["webhook-signature"].to_str().unwrap();
    let verifier = Verifier::new(SECRET);
    let other_id = headers("msg_other", &NOW.to_string(), signature);
    assert_eq!(
        verifier.verify_at(&other_id, body, now()),
        Err(VerifyError::SignatureMismatch)
    );
    let other_time = headers(MESSAGE_ID, &(NOW - 1).to_string(), signature);
    assert_eq!(
        verifier.verify_at(&other_time, body, now()),
        Err(VerifyError::SignatureMismatch)
    );
}

#[test]
fn the_wrong_secret_fails() {
    let body = br#"{"type":"message.delivered"}"#;
    let headers = signed(body, 0);
    let verifier = Verifier::new("aha-whsec-someone-elses-secret");
    assert_eq!(
        verifier.verify_at(&headers, body, now()),
        Err(VerifyError::SignatureMismatch)
    );
}

#[test]
fn stale_and_future_timestamps_fail_outside_five_minutes() {
    let body = br#"{"type":"message.delivered"}"#;
    let verifier = Verifier::new(SECRET);
    assert_eq!(verifier.tolerance(), Duration::from_secs(300));
    for offset in [-300, -1, 0, 1, 300] {
        assert_eq!(
            verifier.verify_at(&signed(body, offset), body, now()),
            Ok(()),
            "offset {offset} s"
        );
    }
    let stale = verifier.verify_at(&signed(body, -301), body, now());
    assert!(
        matches!(stale, Err(VerifyError::TimestampTooOld { timestamp, now, .. }) if now - timestamp == 301),
        "{stale:?}"
    );
    let future = verifier.verify_at(&signed(body, 301), body, now());
    assert!(
        matches!(future, Err(VerifyError::TimestampInFuture { timestamp, now, .. }) if timestamp - now == 301),
        "{future:?}"
    );
    // `verify` uses the system clock: a delivery signed at NOW (2024) is long stale.
    assert!(matches!(
        verifier.verify(&signed(body, 0), body),
        Err(VerifyError::TimestampTooOld { .. })
    ));
}

#[test]
fn the_tolerance_is_configurable() {
    let body = br#"{"type":"message.delivered"}"#;
    let verifier = Verifier::new(SECRET).with_tolerance(Duration::from_secs(10));
    assert_eq!(verifier.verify_at(&signed(body, -10), body, now()), Ok(()));
    assert!(matches!(
        verifier.verify_at(&signed(body, -11), body, now()),
        Err(VerifyError::TimestampTooOld { .. })
    ));
    assert!(matches!(
        verifier.verify_at(&signed(body, 11), body, now()),
        Err(VerifyError::TimestampInFuture { .. })
    ));
    let lenient = Verifier::new(SECRET).with_tolerance(Duration::from_secs(3600));
    assert_eq!(lenient.verify_at(&signed(body, -3600), body, now()), Ok(()));
}

#[test]
fn any_one_valid_signature_among_several_passes() {
    let body = br#"{"type":"message.clicked"}"#;
    let timestamp = NOW.to_string();
    let good = python_signature(Key::Raw, SECRET, MESSAGE_ID, &timestamp, body);
    let rotated_out = python_signature(
        Key::Raw,
        "aha-whsec-old-secret",
        MESSAGE_ID,
        &timestamp,
        body,
    );
    let good_b64 = good.strip_prefix("v1,").unwrap();
    let verifier = Verifier::new(SECRET);
    for list in [
        format!("{rotated_out} {good}"),
        format!("{good} {rotated_out}"),
        format!("v2,{good_b64} v1,not-base64!! {rotated_out}  {good}"),
    ] {
        assert_eq!(
            verifier.verify_at(&headers(MESSAGE_ID, &timestamp, &list), body, now()),
            Ok(()),
            "{list}"
        );
    }
    // The right signature under another version is ignored.
    let other_versions = format!("v1a,{good_b64} v2,{good_b64}");
    assert_eq!(
        verifier.verify_at(
            &headers(MESSAGE_ID, &timestamp, &other_versions),
            body,
            now()
        ),
        Err(VerifyError::NoSignature)
    );
    assert_eq!(
        verifier.verify_at(&headers(MESSAGE_ID, &timestamp, &rotated_out), body, now()),
        Err(VerifyError::SignatureMismatch)
    );
}

#[test]
fn the_standard_webhooks_secret_encoding_decodes_the_key() {
    let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    let body = br#"{"type":"message.reception","data":{}}"#;
    let timestamp = NOW.to_string();
    let signature = python_signature(Key::StandardBase64, secret, MESSAGE_ID, &timestamp, body);
    let h = headers(MESSAGE_ID, &timestamp, &signature);

    let standard = Verifier::new(secret).with_secret_encoding(SecretEncoding::StandardBase64);
    assert_eq!(standard.verify_at(&h, body, now()), Ok(()));
    // Without the prefix the key is the same.
    let unprefixed = Verifier::new(secret.strip_prefix("whsec_").unwrap())
        .with_secret_encoding(SecretEncoding::StandardBase64);
    assert_eq!(unprefixed.verify_at(&h, body, now()), Ok(()));
    // The raw encoding uses other key bytes.
    assert_eq!(
        Verifier::new(secret).verify_at(&h, body, now()),
        Err(VerifyError::SignatureMismatch)
    );
    // An AhaSend secret is not base64.
    let misconfigured = Verifier::new(SECRET).with_secret_encoding(SecretEncoding::StandardBase64);
    assert!(matches!(
        misconfigured.verify_at(&h, body, now()),
        Err(VerifyError::InvalidSecret(_))
    ));
}

#[test]
fn missing_and_malformed_headers_are_named() {
    let body = br#"{"type":"message.delivered"}"#;
    let verifier = Verifier::new(SECRET);
    for name in ["webhook-id", "webhook-timestamp", "webhook-signature"] {
        let mut h = signed(body, 0);
        h.remove(name);
        let err = verifier.verify_at(&h, body, now()).unwrap_err();
        assert_eq!(err, VerifyError::MissingHeader(name));
        assert!(err.to_string().contains(name), "{err}");
    }
    let mut h = signed(body, 0);
    h.insert(
        "webhook-timestamp",
        HeaderValue::from_static("2024-05-06T09:49:16Z"),
    );
    assert_eq!(
        verifier.verify_at(&h, body, now()),
        Err(VerifyError::InvalidTimestamp(
            "2024-05-06T09:49:16Z".to_owned()
        ))
    );
    let mut h = signed(body, 0);
    h.insert("webhook-id", HeaderValue::from_bytes(b"msg_\xff").unwrap());
    assert_eq!(
        verifier.verify_at(&h, body, now()),
        Err(VerifyError::InvalidHeader("webhook-id"))
    );
}

#[test]
fn an_empty_secret_is_refused() {
    let body = br#"{"type":"message.delivered"}"#;
    let timestamp = NOW.to_string();
    let signature = python_signature(Key::Raw, "", MESSAGE_ID, &timestamp, body);
    let err =
        Verifier::new("").verify_at(&headers(MESSAGE_ID, &timestamp, &signature), body, now());
    assert!(matches!(err, Err(VerifyError::InvalidSecret(_))), "{err:?}");
}

#[test]
fn headers_from_elsewhere_and_a_secret_kept_out_of_debug() {
    let body = br#"{"type":"message.delivered"}"#;
    let timestamp = NOW.to_string();
    let signature = python_signature(Key::Raw, SECRET, MESSAGE_ID, &timestamp, body);
    let h = WebhookHeaders {
        id: MESSAGE_ID,
        timestamp: &timestamp,
        signature: &signature,
    };
    let verifier = Verifier::new(SECRET);
    assert_eq!(verifier.verify_at(&h, body, now()), Ok(()));
    let debug = format!("{verifier:?}");
    assert!(
        !debug.contains(SECRET) && debug.contains("redacted"),
        "{debug}"
    );
}

// ---------------------------------------------------------------------------------------
// Events.

#[test]
fn every_spec_example_parses_into_its_variant() {
    let expected = [
        ("message.reception", "MessageReception"),
        ("message.delivered", "MessageDelivered"),
        ("message.transient_error", "MessageTransientError"),
        ("message.failed", "MessageFailed"),
        ("message.bounced", "MessageBounced"),
        ("message.suppressed", "MessageSuppressed"),
        ("message.opened", "MessageOpened"),
        ("message.clicked", "MessageClicked"),
        ("suppression.created", "SuppressionCreated"),
        ("domain.dns_error", "DomainDnsError"),
        ("message.routing", "MessageRouting"),
    ];
    let examples = spec_examples();
    assert_eq!(
        examples.len(),
        expected.len(),
        "every webhook of the spec is covered"
    );
    for (name, example) in examples {
        let (_, want) = expected
            .iter()
            .find(|(n, _)| *n == name)
            .unwrap_or_else(|| panic!("unexpected webhook {name}"));
        let body = serde_json::to_vec(&example).unwrap();
        let event = WebhookEvent::from_slice(&body).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(variant(&event), *want, "{name}");
        assert_eq!(event.event_type(), name);
        assert_eq!(event.event_type(), example["type"]);
        // The typed payload keeps everything the example says.
        assert_eq!(
            serde_json::to_value(&event).unwrap(),
            example,
            "{name} round-trips"
        );
        // `str::parse` and serde agree with `from_slice`.
        let text = String::from_utf8(body).unwrap();
        assert_eq!(text.parse::<WebhookEvent>().unwrap(), event);
        assert_eq!(serde_json::from_str::<WebhookEvent>(&text).unwrap(), event);
    }
}

#[test]
fn payload_fields_are_typed() {
    let event = WebhookEvent::from_value(example("message.reception")).unwrap();
    let WebhookEvent::MessageReception(p) = event else {
        panic!("{event:?}")
    };
    assert_eq!(p.data.recipient, "recipient@example.com");
    assert_eq!(
        p.webhook_id.to_string(),
        "abe11757-2886-4b55-96f1-0e0afc95795a"
    );
    assert_eq!(p.timestamp.timestamp(), 1_714_988_956);

    let event = WebhookEvent::from_value(example("message.routing")).unwrap();
    let WebhookEvent::MessageRouting(p) = event else {
        panic!("{event:?}")
    };
    assert_eq!(p.data.size, 2048);
    assert_eq!(p.data.attachments.len(), 1);
    assert_eq!(p.data.attachments[0].content_id, "logo-123");

    let event = WebhookEvent::from_value(example("domain.dns_error")).unwrap();
    assert!(
        matches!(event, WebhookEvent::DomainDnsError(_)),
        "{event:?}"
    );
}

#[test]
fn the_deprecated_route_message_type_is_a_routing_event() {
    let mut legacy = example("message.routing");
    legacy["type"] = json!("route.message");
    let event = WebhookEvent::from_value(legacy.clone()).unwrap();
    let WebhookEvent::MessageRouting(payload) = &event else {
        panic!("{event:?}")
    };
    // The payload keeps the type it was sent with; the event names the canonical one.
    assert_eq!(
        serde_json::to_value(&payload.type_).unwrap(),
        "route.message"
    );
    assert_eq!(event.event_type(), "message.routing");
    assert_eq!(serde_json::to_value(&event).unwrap(), legacy);
}

#[test]
fn an_unknown_event_type_is_kept_not_rejected() {
    let payload = json!({
        "type": "message.teleported",
        "timestamp": "2030-01-01T00:00:00Z",
        "data": {"anything": [1, 2, 3]}
    });
    let event = WebhookEvent::from_slice(payload.to_string().as_bytes()).unwrap();
    assert_eq!(
        event,
        WebhookEvent::Unknown {
            event_type: "message.teleported".to_owned(),
            payload: payload.clone()
        }
    );
    assert_eq!(event.event_type(), "message.teleported");
    assert_eq!(serde_json::to_value(&event).unwrap(), payload);
}

#[test]
fn unreadable_payloads_are_errors_that_say_where() {
    assert!(matches!(
        WebhookEvent::from_slice(b"not json"),
        Err(ParseError::Json(_))
    ));
    assert!(matches!(
        WebhookEvent::from_slice(br#"{"data":{}}"#),
        Err(ParseError::MissingType)
    ));
    assert!(matches!(
        WebhookEvent::from_slice(br#"{"type":7}"#),
        Err(ParseError::MissingType)
    ));
    assert!(matches!(
        WebhookEvent::from_slice(b"[]"),
        Err(ParseError::MissingType)
    ));

    let mut broken = example("message.delivered");
    broken["data"]["recipient"] = json!(42);
    let err = WebhookEvent::from_value(broken).unwrap_err();
    let ParseError::Payload {
        event_type, path, ..
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(event_type, "message.delivered");
    assert_eq!(path, "data.recipient");
    assert!(err.to_string().contains("data.recipient"), "{err}");
}

#[test]
fn verify_and_parse_checks_then_reads() {
    let body = serde_json::to_vec(&example("suppression.created")).unwrap();
    let verifier = Verifier::new(SECRET);
    let event = verifier
        .verify_and_parse_at(&signed(&body, -5), &body, now())
        .unwrap();
    assert_eq!(variant(&event), "SuppressionCreated");

    let forged = verifier.verify_and_parse_at(&signed(b"{}", 0), &body, now());
    assert!(
        matches!(
            forged,
            Err(WebhookError::Verify(VerifyError::SignatureMismatch))
        ),
        "{forged:?}"
    );

    let garbage = b"{not json";
    let unreadable = verifier.verify_and_parse_at(&signed(garbage, 0), garbage, now());
    assert!(
        matches!(unreadable, Err(WebhookError::Parse(ParseError::Json(_)))),
        "{unreadable:?}"
    );
}
