//! How a struct of `models.rs` decodes through the runtime's `deserialize_struct!`
//! (`codegen/runtime/object.rs`), which replaces serde's derive: as the derive does for a
//! JSON object, checked on the structs of `tests/fixtures/unions.yaml` and of the seed.

use ahasend_client::models::PaginationInfo;
use serde_json::json;
use unions_client::models::{Dog, Issue, IssueEvent, IssueEventType};

#[test]
fn fields_decode_by_their_wire_names_and_unknown_ones_are_skipped() {
    let text = r#"{
        "extra": {"nested": [1, {"deep": null}], "more": "x"},
        "id": 7,
        "type": "issue",
        "type_": "the Rust name is not a wire name",
        "issue": {"number": 1, "title": "Bug", "labels": ["a"]}
    }"#;
    let event: IssueEvent = serde_json::from_str(text).expect("decodes");
    assert_eq!(event.id, 7);
    assert_eq!(event.type_, IssueEventType::Issue);
    assert_eq!(event.issue.number, 1);
    assert_eq!(event.issue.title, "Bug");
    assert_eq!(event.issue.labels.as_ref().map(Vec::len), Some(1));

    // From a `Value` (keys read as owned strings) the same.
    let value: serde_json::Value = serde_json::from_str(text).expect("JSON");
    let from_value: IssueEvent = serde_json::from_value(value).expect("decodes");
    assert_eq!(from_value, event);

    let dog: Dog = serde_json::from_value(json!({"petType": "dog", "good": true})).expect("dog");
    assert_eq!((dog.pet_type.as_str(), dog.good), ("dog", true));
}

#[test]
fn a_key_with_escapes_is_matched_by_its_value() {
    // `petType` written with an escape: serde_json can't lend it, so it is read owned.
    let dog: Dog = serde_json::from_str(r#"{"pet\u0054ype": "dog", "good": false}"#)
        .expect("an escaped key decodes");
    assert_eq!(dog.pet_type, "dog");
}

#[test]
fn an_option_left_out_or_null_is_none_and_anything_else_left_out_is_an_error() {
    let issue: Issue = serde_json::from_str(r#"{"number": 2, "title": "T"}"#).expect("decodes");
    assert_eq!(issue.labels, None);
    let issue: Issue =
        serde_json::from_str(r#"{"number": 2, "title": "T", "labels": null}"#).expect("decodes");
    assert_eq!(issue.labels, None);

    let page: PaginationInfo = serde_json::from_str(r#"{"has_more": true}"#).expect("decodes");
    assert_eq!(
        (page.has_more, page.next_cursor, page.previous_cursor),
        (true, None, None)
    );

    // The derive's message, at the end of the object.
    let error = serde_json::from_str::<Issue>(r#"{"number": 2}"#).expect_err("title is required");
    assert_eq!(
        error.to_string(),
        "missing field `title` at line 1 column 13"
    );
    let error = serde_json::from_value::<PaginationInfo>(json!({})).expect_err("required");
    assert_eq!(error.to_string(), "missing field `has_more`");
}

#[test]
fn a_value_of_the_wrong_type_or_not_an_object_is_an_error_that_says_so() {
    let error = serde_json::from_str::<Issue>(r#"{"number": "2", "title": "T"}"#)
        .expect_err("number is an integer");
    assert_eq!(
        error.to_string(),
        "invalid type: string \"2\", expected i64 at line 1 column 14"
    );
    // The derive would read an array by position; a JSON API sends objects.
    let error = serde_json::from_str::<Issue>("[2, \"T\"]").expect_err("an array");
    assert_eq!(
        error.to_string(),
        "invalid type: sequence, expected struct Issue at line 1 column 1"
    );
    let error = serde_json::from_str::<Issue>("null").expect_err("null");
    assert_eq!(
        error.to_string(),
        "invalid type: null, expected struct Issue at line 1 column 4"
    );
}

#[test]
fn a_field_given_twice_keeps_its_last_value() {
    let issue: Issue =
        serde_json::from_str(r#"{"number": 1, "title": "T", "number": 3}"#).expect("decodes");
    assert_eq!(issue.number, 3);
}

#[test]
fn encoding_under_round_trip_gives_the_same_object_back() {
    let value = json!({"id": 7, "type": "issue", "issue": {"number": 1, "title": "Bug"}});
    let event: IssueEvent = serde_json::from_value(value.clone()).expect("decodes");
    assert_eq!(serde_json::to_value(&event).expect("encodes"), value);
}
