//! Proves that a user needs no other dependency than the generated crate, tokio and
//! futures: `chrono`, `uuid`, `serde_json` and `StatusCode` are named through it.

use ahasend_client::models::{Address, CreateMessageRequest, Recipient};

// The example of the README's "Use the client", verbatim (tests/tests/readme.rs checks
// that the README still shows it).
include!("readme.rs");

/// A message built with the constructor and setters: the code keeps compiling when the
/// API adds optional fields.
fn message() -> CreateMessageRequest {
    CreateMessageRequest::new(
        Address::new("hello@example.com"),
        vec![Recipient::new("someone@example.com").name("Someone")],
        "Hello",
    )
    .text_content("Hello from Rust.")
    .tags(vec!["welcome".to_owned()])
    .schedule(ahasend_client::models::MessageSchedule::default())
}

#[tokio::main]
async fn main() {
    let account = ahasend_client::uuid::Uuid::nil();
    let body = message();
    let json = ahasend_client::serde_json::to_value(&body).expect("serialises");
    assert_eq!(json["subject"], "Hello");
    assert_eq!(json["recipients"][0]["name"], "Someone");
    let sent_at: Option<ahasend_client::chrono::DateTime<ahasend_client::chrono::Utc>> = None;
    println!("{json} {sent_at:?}");
    if std::env::var_os("AHASEND_API_KEY").is_some() {
        if let Err(e) = example(account).await {
            eprintln!("{e}");
        }
    }
}
