//! How the unions of `tests/fixtures/unions.yaml` (generated into `tests/unions-client/`)
//! decode and encode, kind by kind: tagged by a discriminator, tagged by a property fixed
//! in every branch, untagged (by JSON type, by required properties), `null` beside one
//! shape, merged string enums, `T` or an array of `T`, a union flattened beside a struct's
//! fields, `anyOf` values that match several branches, ambiguous unions, and errors.

use serde_json::{json, Value};
use unions_client::models::*;
use unions_client::UnionError;

/// Decodes `value` as a `T`, and checks that encoding gives it back.
fn round_trip<T>(value: Value) -> T
where
    T: serde::de::DeserializeOwned + serde::Serialize + std::fmt::Debug,
{
    let decoded: T = serde_json::from_value(value.clone())
        .unwrap_or_else(|e| panic!("{value} does not decode: {e}"));
    let encoded = serde_json::to_value(&decoded).expect("encodes");
    assert_eq!(encoded, value, "{decoded:?} encodes differently");
    decoded
}

/// The message of the error of decoding `value` as a `T`.
fn decode_error<T: serde::de::DeserializeOwned + std::fmt::Debug>(value: Value) -> String {
    match serde_json::from_value::<T>(value.clone()) {
        Ok(t) => panic!("{value} decoded as {t:?}"),
        Err(e) => e.to_string(),
    }
}

// 1. An explicit discriminator with a mapping.

#[test]
fn discriminator_picks_the_mapped_variant() {
    let cat: Pet = round_trip(json!({"petType": "cat", "lives": 9}));
    assert_eq!(
        cat,
        Pet::Cat(Cat {
            lives: 9,
            name: None
        })
    );
    // Two tag values name `Dog`; its struct keeps the one received.
    for tag in ["dog", "doggo"] {
        let dog: Pet = round_trip(json!({"petType": tag, "good": true}));
        assert!(
            matches!(&dog, Pet::Dog(d) if d.pet_type == tag && d.good),
            "{dog:?}"
        );
    }
}

#[test]
fn encoding_writes_the_tag_once() {
    // `Cat` has no `petType` field: the union writes it.
    let cat = Pet::Cat(Cat {
        lives: 3,
        name: Some("Tom".into()),
    });
    assert_eq!(
        serde_json::to_value(&cat).unwrap(),
        json!({"petType": "cat", "lives": 3, "name": "Tom"})
    );
    // `Dog` has it: written once, as the struct holds it.
    let dog = Pet::Dog(Dog {
        pet_type: "dog".into(),
        good: false,
    });
    let text = serde_json::to_string(&dog).unwrap();
    assert_eq!(text.matches("petType").count(), 1, "{text}");
    assert_eq!(
        serde_json::to_value(&dog).unwrap(),
        json!({"petType": "dog", "good": false})
    );
}

#[test]
fn an_unknown_tag_keeps_the_whole_value() {
    let fish = json!({"petType": "fish", "fins": 4, "nested": {"a": [1, 2]}});
    let pet: Pet = round_trip(fish.clone());
    assert_eq!(pet, Pet::Unknown(fish));
}

#[test]
fn a_known_tag_with_a_broken_body_is_an_error_naming_the_variant() {
    let e = decode_error::<Pet>(json!({"petType": "cat", "lives": "nine"}));
    assert!(
        e.starts_with("Pet with `petType` \"cat\" is not a valid Cat: at `lives`: invalid type"),
        "{e}"
    );
    let e = decode_error::<Pet>(json!({"lives": "nine"}));
    assert!(
        e.starts_with("Pet has no string property `petType` to say what it is, and no variant matched: Dog: missing field `petType`; Cat: at `lives`: invalid type"),
        "{e}"
    );
}

#[test]
fn a_value_without_its_tag_is_the_first_variant_it_is() {
    // Descriptions do not always make the tag required (GitHub's `user_view_type`).
    let cat: Pet = serde_json::from_value(json!({"lives": 9})).unwrap();
    assert!(matches!(cat, Pet::Cat(Cat { lives: 9, .. })), "{cat:?}");
    // Encoding writes the tag.
    assert_eq!(
        serde_json::to_value(&cat).unwrap(),
        json!({"petType": "cat", "lives": 9})
    );
}

// 2. A discriminator without a mapping: the schema names are the tags.

#[test]
fn implicit_mapping_uses_schema_names() {
    let circle: Shape = round_trip(json!({"kind": "Circle", "radius": 1.5}));
    assert!(matches!(circle, Shape::Circle(Circle { radius, .. }) if radius == 1.5));
    let square: Shape = round_trip(json!({"kind": "Square", "side": 2.0}));
    assert!(matches!(square, Shape::Square(_)));
    let other: Shape = round_trip(json!({"kind": "Triangle"}));
    assert!(matches!(other, Shape::Unknown(_)));
}

// 3. A discriminator in effect: a property fixed to one value in every branch.

#[test]
fn a_fixed_property_is_the_tag() {
    let issue = json!({"id": 1, "type": "issue", "issue": {"number": 4, "title": "Bug"}});
    let event: Event = round_trip(issue);
    let Event::IssueEvent(e) = &event else {
        panic!("{event:?}")
    };
    assert_eq!(e.type_, IssueEventType::Issue);
    assert_eq!(e.issue.number, 4);
    let push: Event = round_trip(json!({"id": 2, "type": "push", "commits": 3}));
    assert!(matches!(
        push,
        Event::PushEvent(PushEvent { commits: 3, .. })
    ));
    // A newer server's event.
    let star = json!({"id": 3, "type": "star", "stars": 10});
    assert_eq!(round_trip::<Event>(star.clone()), Event::Unknown(star));
    // A push event that lacks `commits` is an error, not an issue event.
    let e = decode_error::<Event>(json!({"id": 2, "type": "push"}));
    assert!(
        e.contains("is not a valid PushEvent: missing field `commits`"),
        "{e}"
    );
}

#[test]
fn inline_branches_with_a_fixed_property_are_named_after_it() {
    let team: Collaborator = round_trip(json!({"actor_type": "Team", "slug": "core"}));
    assert!(
        matches!(team, Collaborator::Team(ref t) if t.slug == "core"),
        "{team:?}"
    );
    let user: Collaborator = round_trip(json!({"actor_type": "User", "login": "octocat"}));
    assert!(matches!(user, Collaborator::User(_)), "{user:?}");
    let bot = json!({"actor_type": "Bot", "id": 1});
    assert_eq!(
        round_trip::<Collaborator>(bot.clone()),
        Collaborator::Unknown(bot)
    );
}

// 4. Objects told apart by their required properties.

#[test]
fn the_most_specific_object_is_tried_first() {
    let pr: IssueOrPullRequest = round_trip(json!({"number": 1, "title": "Fix", "head": "b"}));
    assert!(matches!(pr, IssueOrPullRequest::PullRequest(_)), "{pr:?}");
    let issue: IssueOrPullRequest = round_trip(json!({"number": 2, "title": "Bug"}));
    assert!(matches!(issue, IssueOrPullRequest::Issue(_)), "{issue:?}");
}

#[test]
fn no_match_names_each_variant_and_why() {
    let e = decode_error::<IssueOrPullRequest>(json!({"title": "?"}));
    assert_eq!(
        e,
        "no variant of IssueOrPullRequest matched: PullRequest: missing field `number`; \
         Issue: missing field `number`"
    );
    // The error type, from `from_json`.
    let e: UnionError = IssueOrPullRequest::from_json(&json!({"number": 1})).unwrap_err();
    assert_eq!(e.union(), "IssueOrPullRequest");
    assert_eq!(
        e.attempts(),
        [
            ("PullRequest", "missing field `title`"),
            ("Issue", "missing field `title`")
        ]
    );
    let boxed: Box<dyn std::error::Error> = Box::new(e);
    assert!(boxed
        .to_string()
        .starts_with("no variant of IssueOrPullRequest"));
    // Where inside a variant it failed.
    let e = decode_error::<IssueOrPullRequest>(json!({"number": 1, "title": 2}));
    assert!(
        e.contains("Issue: at `title`: invalid type: integer `2`"),
        "{e}"
    );
}

#[test]
fn nested_unions_explain_their_own_failure() {
    let e = decode_error::<Issue>(json!({"number": 1, "title": "t", "labels": ["a", 5]}));
    assert!(
        e.contains("no variant of IssueLabelsItem matched: String: invalid type: integer `5`"),
        "{e}"
    );
    let ok: Issue = round_trip(json!({"number": 1, "title": "t", "labels": ["a", {"name": "b"}]}));
    let labels = ok.labels.unwrap();
    assert_eq!(labels[0], IssueLabelsItem::String("a".into()));
    assert!(matches!(&labels[1], IssueLabelsItem::Label(l) if l.name == "b"));
}

// 5. Scalars, by JSON type.

#[test]
fn scalars_by_json_type() {
    assert_eq!(round_trip::<IdOrName>(json!(42)), IdOrName::Integer(42));
    assert_eq!(
        round_trip::<IdOrName>(json!("octocat")),
        IdOrName::String("octocat".into())
    );
    // Integers before numbers: 3 stays an integer, 3.5 is a number.
    assert_eq!(round_trip::<Amount>(json!(3)), Amount::Integer(3));
    assert_eq!(round_trip::<Amount>(json!(3.5)), Amount::Number(3.5));
    let e = decode_error::<IdOrName>(json!(true));
    assert!(
        e.starts_with("no variant of IdOrName matched: Integer: invalid type: boolean `true`"),
        "{e}"
    );
    assert!(e.contains("; String: invalid type: boolean"), "{e}");
}

#[test]
fn scalar_unions_display_as_their_value() {
    // So that they can be path parameters (`getWorkflow`).
    assert_eq!(IdOrName::Integer(42).to_string(), "42");
    assert_eq!(IdOrName::String("ci.yml".into()).to_string(), "ci.yml");
    let client = unions_client::Client::builder()
        .base_url("http://127.0.0.1:9")
        .build()
        .unwrap();
    let _builder = client.get_workflow(IdOrName::String("ci.yml".into()));
    // Each variant's type converts into the union.
    let _builder = client.get_workflow(42);
    let _builder = client.get_workflow(String::from("ci.yml"));
}

#[test]
fn variants_convert_into_their_union() {
    let pet: Pet = Cat {
        lives: 1,
        name: None,
    }
    .into();
    assert!(matches!(pet, Pet::Cat(_)));
    let node: Node = NodeLeaf { value: 1 }.into();
    assert_eq!(serde_json::to_value(node).unwrap(), json!({"value": 1}));
    assert_eq!(IdOrName::from(7), IdOrName::Integer(7));
}

// 6. `null` beside one shape; a 3.1 list of types with `null`.

#[test]
fn null_beside_one_shape_is_an_option() {
    // `MaybeIssue` is `Issue`; where it is used, it is an `Option`.
    let catalog: Catalog = round_trip(json!({"maybe_issue": {"number": 1, "title": "t"}}));
    let issue: Option<MaybeIssue> = catalog.maybe_issue;
    assert_eq!(issue.map(|i| i.number), Some(1));
    let loose: Option<StringOrNumberOrNull> = round_trip(json!(null));
    assert_eq!(loose, None);
    assert_eq!(
        round_trip::<Option<StringOrNumberOrNull>>(json!(2.5)),
        Some(StringOrNumberOrNull::Number(2.5))
    );
    assert_eq!(
        round_trip::<Option<StringOrNumberOrNull>>(json!("x")),
        Some(StringOrNumberOrNull::String("x".into()))
    );
}

// 7. String enums merged into one open enum.

#[test]
fn string_enums_merge() {
    assert_eq!(round_trip::<Status>(json!("open")), Status::Open);
    assert_eq!(round_trip::<Status>(json!("draft")), Status::Draft);
    assert_eq!(
        round_trip::<Status>(json!("archived")),
        Status::Unknown("archived".into())
    );
}

// 8. `T` or an array of `T`.

#[test]
fn one_or_many() {
    let one: OneOrMany = round_trip(json!({"name": "bug"}));
    assert!(matches!(one, OneOrMany::Label(ref l) if l.name == "bug"));
    let many: OneOrMany = round_trip(json!([{"name": "a"}, {"name": "b", "color": "red"}]));
    assert!(matches!(many, OneOrMany::Array(ref v) if v.len() == 2));
    let e = decode_error::<OneOrMany>(json!("bug"));
    assert!(e.contains("Array: invalid type: string") && e.contains("Label: invalid type"));
}

// 9. A union flattened beside a struct's fields.

#[test]
fn base_fields_with_a_flattened_union() {
    let email: Notification = round_trip(json!({"id": 1, "read": true, "address": "a@b.c"}));
    assert_eq!(email.id, 1);
    assert_eq!(email.read, Some(true));
    assert!(
        matches!(&email.kind, NotificationKind::Email(e) if e.address == "a@b.c"),
        "{email:?}"
    );
    let sms: Notification = round_trip(json!({"id": 2, "phone": "+1"}));
    assert!(matches!(sms.kind, NotificationKind::Sms(_)));
    let e = decode_error::<Notification>(json!({"id": 3}));
    assert!(e.contains("no variant of NotificationKind matched"), "{e}");
}

#[test]
fn all_of_a_base_and_a_one_of() {
    let weekly: Reminder = round_trip(json!({"id": 7, "day": "mon", "hour": 9}));
    assert_eq!(weekly.id, 7);
    assert!(
        matches!(&weekly.kind, ReminderKind::Weekly(w) if w.day == "mon" && w.hour == 9),
        "{weekly:?}"
    );
    let daily: Reminder = round_trip(json!({"id": 8, "hour": 6}));
    assert!(matches!(daily.kind, ReminderKind::Daily(_)), "{daily:?}");
}

// 10. `anyOf`: a value that matches several branches is the first of them.

#[test]
fn any_of_keeps_the_first_match() {
    let both = json!({"email": "a@b.c", "phone": "+1"});
    let contact: Contact = serde_json::from_value(both).unwrap();
    // `ByEmail` is first in the documented order; the phone number is not kept.
    assert_eq!(
        contact,
        Contact::ByEmail(ContactByEmail {
            email: "a@b.c".into()
        })
    );
    assert_eq!(
        serde_json::to_value(&contact).unwrap(),
        json!({"email": "a@b.c"})
    );
    let phone: Contact = round_trip(json!({"phone": "+1"}));
    assert!(matches!(phone, Contact::ByPhone(_)));
}

// An ambiguous union: both branches require `size` (the generator warned). A value is the
// first variant that keeps all its properties, else the one that keeps the most.

#[test]
fn an_ambiguous_value_is_the_variant_that_keeps_it() {
    let small: Ambiguous = round_trip(json!({"size": 1}));
    assert_eq!(small, Ambiguous::Small(AmbiguousSmall { size: 1 }));
    let value = json!({"size": 1, "extra": "kept only by Large"});
    let large: Ambiguous = round_trip(value);
    assert!(matches!(large, Ambiguous::Large(_)), "{large:?}");
    // A property neither knows: the first.
    let other: Ambiguous = serde_json::from_value(json!({"size": 1, "other": true})).unwrap();
    assert!(matches!(other, Ambiguous::Small(_)), "{other:?}");
}

#[test]
fn the_generator_warns_about_the_ambiguous_union() {
    let spec = std::fs::read_to_string(tests::root().join("tests/fixtures/unions.yaml")).unwrap();
    let generated = codegen::generate(&spec, &codegen::Options::default()).unwrap();
    let warnings: Vec<String> = generated
        .warnings
        .warnings()
        .map(|w| w.message.clone())
        .collect();
    assert_eq!(
        warnings,
        [
            "`oneOf` branches Small and Large of `Ambiguous` can match the same value: it \
          decodes as Small, the first tried"
        ]
    );
}

// 11. A recursive union; 12. a free-form object beside a string; an inline union named
// after its parent.

#[test]
fn recursive_free_form_and_inline_unions() {
    let tree: Node = round_trip(json!({"children": [{"value": 1}, {"children": []}]}));
    let Node::Tree(t) = tree else { panic!() };
    assert!(matches!(t.children[0], Node::Leaf(NodeLeaf { value: 1 })));
    assert_eq!(
        round_trip::<Setting>(json!("on")),
        Setting::String("on".into())
    );
    let object: Setting = round_trip(json!({"any": ["thing"]}));
    assert!(matches!(object, Setting::Object(ref m) if m.contains_key("any")));
    let team: CatalogOwner = round_trip(json!({"slug": "core", "members": 3}));
    assert!(matches!(team, CatalogOwner::Team(_)));
    let user: CatalogOwner = round_trip(json!({"login": "octocat"}));
    assert!(matches!(user, CatalogOwner::User(_)));
}

#[test]
fn everything_in_one_response() {
    let catalog = json!({
        "pet": {"petType": "dog", "good": true},
        "shape": {"kind": "Circle", "radius": 1.0},
        "event": {"id": 1, "type": "push", "commits": 1},
        "item": {"number": 1, "title": "t"},
        "id": "x",
        "amount": 1.25,
        "maybe_issue": null,
        "loose": 7.0,
        "status": "closed",
        "labels": [],
        "notification": {"id": 1, "phone": "+1"},
        "contact": {"phone": "+1"},
        "ambiguous": {"size": 2},
        "node": {"value": 3},
        "setting": {"a": 1},
        "owner": {"login": "me"}
    });
    let decoded: Catalog = serde_json::from_value(catalog.clone()).unwrap();
    let mut encoded = serde_json::to_value(&decoded).unwrap();
    // `null` and absent are alike for an optional field.
    encoded["maybe_issue"] = Value::Null;
    assert_eq!(encoded, catalog);
}

#[test]
fn errors_through_the_clients_decoder_name_the_path_and_the_variants() {
    // As `runtime/http.rs` decodes a response: serde_path_to_error over the text.
    let text = r#"{"item": {"number": 1, "title": 2}}"#;
    let mut de = serde_json::Deserializer::from_str(text);
    let e = serde_path_to_error::deserialize::<_, Catalog>(&mut de).unwrap_err();
    assert_eq!(e.path().to_string(), "item");
    let message = e.into_inner().to_string();
    assert!(
        message.starts_with(
            "no variant of IssueOrPullRequest matched: PullRequest: at `title`: invalid type: \
             integer `2`, expected a string; Issue: at `title`: invalid type: integer `2`"
        ),
        "{message}"
    );
}

// A value that may be `null` is an `Option` wherever it appears: here a whole response
// body, a whole request body and a list's items, as FastAPI writes `Optional[Pet]`
// (`anyOf: [{$ref: Pet}, {type: 'null'}]`; the request body says it with `oneOf`).

mod nullable_bodies {
    use super::*;
    use wiremock::matchers::{body_json, method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    async fn client_of(server: &MockServer) -> unions_client::Client {
        unions_client::Client::builder()
            .base_url(server.uri())
            .max_retries(0)
            .build()
            .expect("the client builds")
    }

    #[tokio::test]
    async fn a_null_response_is_none_and_a_pet_is_some() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/pets/1/partner"))
            .respond_with(ResponseTemplate::new(200).set_body_raw("null", "application/json"))
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path("/pets/2/partner"))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(json!({"petType": "cat", "lives": 3})),
            )
            .mount(&server)
            .await;
        let client = client_of(&server).await;

        let none: Option<Pet> = client.get_partner("1").send().await.expect("null decodes");
        assert_eq!(none, None);
        let some = client.get_partner("2").send().await.expect("a pet decodes");
        assert_eq!(
            some,
            Some(Pet::Cat(Cat {
                lives: 3,
                name: None
            }))
        );
    }

    #[tokio::test]
    async fn a_union_with_a_nullable_branch_is_an_option_of_variants_named_for_their_types() {
        let server = MockServer::start().await;
        for (id, body) in [
            ("none", json!(null)),
            ("round", json!({"kind": "circle", "radius": 1.5})),
            ("boxy", json!({"kind": "square", "side": 2.0})),
        ] {
            Mock::given(method("GET"))
                .and(path(format!("/shapes/{id}")))
                .respond_with(ResponseTemplate::new(200).set_body_json(body))
                .mount(&server)
                .await;
        }
        let client = client_of(&server).await;

        let none = client.get_shape("none").send().await.expect("null decodes");
        assert_eq!(none, None);
        let round = client.get_shape("round").send().await.expect("a circle");
        assert_eq!(
            round,
            Some(ShapeOrNothing::Circle(Circle {
                kind: "circle".to_owned(),
                radius: 1.5
            }))
        );
        let boxy = client.get_shape("boxy").send().await.expect("a square");
        assert_eq!(
            boxy,
            Some(ShapeOrNothing::Square(Square {
                kind: "square".to_owned(),
                side: 2.0
            }))
        );
    }

    #[tokio::test]
    async fn a_none_body_is_sent_as_null_and_null_items_decode() {
        let server = MockServer::start().await;
        Mock::given(method("PUT"))
            .and(path("/pets/1/partner"))
            .and(body_json(json!(null)))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(json!([{"petType": "dog", "good": true}, null])),
            )
            .expect(1)
            .mount(&server)
            .await;
        let client = client_of(&server).await;

        let seen = client
            .set_partner("1", None)
            .send()
            .await
            .expect("the call succeeds");

        assert_eq!(seen.len(), 2);
        assert!(matches!(&seen[0], Some(Pet::Dog(d)) if d.good), "{seen:?}");
        assert_eq!(seen[1], None);
        let sent = &server.received_requests().await.unwrap()[0];
        assert_eq!(sent.body, b"null");
    }
}
