//! Fixtures of the seed operation (`GET /v2/accounts/{account_id}/smtp-credentials`)
//! that the end-to-end and fault-injection tests share.

use ahasend_client::{Client, Error};
use serde_json::{json, Value};
use uuid::Uuid;

/// Every hex digit differs from its neighbours, so a mangled or unhyphenated form shows.
pub const ACCOUNT: Uuid = Uuid::from_u128(0x0123_4567_89ab_cdef_fedc_ba98_7654_3210);

/// `/v2/accounts/{account}/smtp-credentials`, with the UUID hyphenated.
pub fn credentials_path(account: Uuid) -> String {
    format!("/v2/accounts/{}/smtp-credentials", account.hyphenated())
}

/// The id of the `n`th fixture credential.
pub fn credential_id(n: u128) -> Uuid {
    Uuid::from_u128(0xc0de_0000_0000_0000_0000_0000_0000_0000 + n)
}

/// A valid `SMTPCredential` JSON object, numbered `n`.
pub fn credential(n: u128) -> Value {
    json!({
        "object": "credential_smtp",
        "id": credential_id(n).to_string(),
        "created_at": "2024-01-02T03:04:05Z",
        "updated_at": "2024-01-02T03:04:05Z",
        "name": format!("credential-{n}"),
        "username": format!("user-{n}"),
        "sandbox": false,
        "scope": "global",
    })
}

/// A `PaginatedSMTPCredentialsResponse` JSON body.
pub fn page(items: Vec<Value>, has_more: bool, next_cursor: Option<&str>) -> Value {
    let mut pagination = json!({ "has_more": has_more });
    if let Some(cursor) = next_cursor {
        pagination["next_cursor"] = json!(cursor);
    }
    json!({ "object": "list", "data": items, "pagination": pagination })
}

/// The message of the `Error::Config` that `result` must be.
pub fn config_message(result: Result<Client, Error>) -> String {
    match result {
        Err(Error::Config(message)) => message,
        other => panic!("expected Error::Config, got {other:?}"),
    }
}
