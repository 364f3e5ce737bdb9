//! How the types generated from the full AhaSend spec encode and decode, construct by
//! construct (nullability, `allOf`, open enums, maps, formats, names).

use ahasend::models::{
    CreateMessageRequest, Domain, DomainObject, ErrorResponse, Message, Tracking,
    UpdateWebhookRequest, UpdateWebhookRequestScope, UserAccountRole,
};
use serde_json::{json, Value};

fn encode<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).expect("encodes")
}

fn decode<T: serde::de::DeserializeOwned>(value: Value) -> T {
    serde_json::from_value(value).expect("decodes")
}

#[test]
fn optional_nullable_fields_tell_absent_from_null() {
    // Left out, sent as `null`, and sent with a value: three different requests.
    assert_eq!(encode(&UpdateWebhookRequest::default()), json!({}));
    let clear = UpdateWebhookRequest {
        name: Some(None),
        scope: Some(None),
        ..Default::default()
    };
    assert_eq!(encode(&clear), json!({"name": null, "scope": null}));
    let set = UpdateWebhookRequest {
        name: Some(Some("hooks".to_owned())),
        scope: Some(Some(UpdateWebhookRequestScope::Scoped)),
        ..Default::default()
    };
    assert_eq!(encode(&set), json!({"name": "hooks", "scope": "scoped"}));

    // And back.
    let decoded: UpdateWebhookRequest = decode(json!({"name": null, "enabled": true}));
    assert_eq!(decoded.name, Some(None));
    assert_eq!(decoded.enabled, Some(Some(true)));
    assert_eq!(decoded.url, None);
}

#[test]
fn nullability_follows_a_reference_to_a_nullable_schema() {
    // `Tracking` is `type: [object, 'null']`; the request can send it as `null`.
    let mut request: CreateMessageRequest = decode(json!({
        "from": {"email": "a@example.com"},
        "recipients": [{"email": "b@example.com"}],
        "subject": "s",
        "text_content": "t",
        "tracking": null,
    }));
    assert_eq!(request.tracking, Some(None));
    assert_eq!(encode(&request)["tracking"], Value::Null);
    request.tracking = Some(Some(Tracking {
        open: Some(Some(true)),
        click: Some(None),
    }));
    assert_eq!(
        encode(&request)["tracking"],
        json!({"open": true, "click": null})
    );
    request.tracking = None;
    assert!(encode(&request).get("tracking").is_none());
}

fn domain_json() -> Value {
    json!({
        "object": "domain",
        "id": "8a5d7c4e-1b2f-4c3d-9e8f-7a6b5c4d3e2f",
        "created_at": "2024-01-02T03:04:05Z",
        "updated_at": "2024-01-02T03:04:05.123456789Z",
        "domain": "example.com",
        "account_id": "4cdd7bdd-294e-4762-892f-83d40abf5a87",
        "dns_records": [{"type": "CNAME", "host": "h", "content": "c", "required": true, "propagated": false}],
        "last_dns_check_at": null,
        "dns_valid": false,
        "tracking_subdomain": null,
        "return_path_subdomain": "rp",
        "subscription_subdomain": null,
        "media_subdomain": null,
        "dkim_rotation_interval_days": null,
        "dkim_selector": null,
        "rotation_ready": true,
        "dsn_recipient": null,
        "a_field_from_a_newer_server": 1,
    })
}

#[test]
fn required_nullable_fields_decode_null_and_are_always_sent() {
    let domain: Domain = decode(domain_json());
    assert_eq!(domain.object, DomainObject::Domain);
    assert_eq!(domain.tracking_subdomain, None);
    assert_eq!(domain.return_path_subdomain.as_deref(), Some("rp"));
    assert_eq!(domain.dns_records[0].type_, "CNAME");
    assert!(domain.dns_records[0].required);
    assert_eq!(domain.created_at.to_rfc3339(), "2024-01-02T03:04:05+00:00");
    let back = encode(&domain);
    assert_eq!(
        back["tracking_subdomain"],
        Value::Null,
        "required: sent even when null"
    );
    assert_eq!(back["dns_records"][0]["type"], "CNAME");
}

#[test]
fn unknown_fields_are_ignored_even_where_additional_properties_is_false() {
    let error: ErrorResponse = decode(json!({"message": "nope", "code": "E42"}));
    assert_eq!(error.message, "nope");
}

#[test]
fn enums_keep_awkward_and_unknown_values() {
    assert_eq!(
        UserAccountRole::from("Billing Manager"),
        UserAccountRole::BillingManager
    );
    assert_eq!(
        encode(&UserAccountRole::BillingManager),
        json!("Billing Manager")
    );
    let unknown: UserAccountRole = decode(json!("Owner"));
    assert_eq!(unknown, UserAccountRole::Unknown("Owner".to_owned()));
    assert_eq!(encode(&unknown), json!("Owner"));
    assert_eq!(unknown.to_string(), "Owner");
    let suspended: ahasend::models::SubAccountStatus = decode(json!("parent-suspended"));
    assert_eq!(
        suspended,
        ahasend::models::SubAccountStatus::ParentSuspended
    );
}

#[test]
fn all_of_inheritance_carries_the_base_fields() {
    let message: Message = decode(json!({
        "object": "message",
        "id": "8a5d7c4e-1b2f-4c3d-9e8f-7a6b5c4d3e2f",
        "account_id": "4cdd7bdd-294e-4762-892f-83d40abf5a87",
        "api_id": "api-1",
        "message_id": "<a@b>",
        "created_at": "2024-01-02T03:04:05Z",
        "updated_at": "2024-01-02T03:04:05Z",
        "sender": "a@example.com",
        "recipient": "b@example.com",
        "subject": "hi",
        "tags": [],
        "status": "Delivered",
        "direction": "outgoing",
        "is_bounce_notification": false,
        "bounce_classification": "",
        "delivery_attempts": [],
        "num_attempts": 1,
        "open_count": 0,
        "click_count": 0,
        "sent_at": null,
        "delivered_at": null,
        "reference_message_id": null,
        "domain_id": "8a5d7c4e-1b2f-4c3d-9e8f-7a6b5c4d3e2f",
        "retain_until": "2024-01-02T03:04:05Z",
        "content": "From: a@example.com\r\n\r\nhi",
    }));
    assert_eq!(message.subject, "hi");
    assert_eq!(
        message.content.as_deref(),
        Some("From: a@example.com\r\n\r\nhi")
    );
}
