//! The harness of `tests/tests/fastify.rs`: calls the Fastify app of `tests/fastify/app.js`,
//! run by Node at the URL its argument names, through the client generated from the app's
//! own `/openapi.json` (written by `@fastify/swagger`; crate `nodeapp`), and checks what the
//! app received and answered. Prints `ok <TAB> what` per check; panics on the first that
//! fails.

use std::collections::BTreeMap;

use nodeapp::models::{Pet, PetKind, PetSize, PutBlobBody};
use nodeapp::operations::UploadMultipart;
use nodeapp::{Client, ErrorBody, FilePart};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let base_url = std::env::args().nth(1).expect("usage: harness BASE_URL");
    let client = Client::builder()
        .base_url(base_url)
        .max_retries(0)
        .build()
        .expect("the client builds");

    // `anyOf: [{$ref: Pet}, {type: 'null'}]` as a 200 response is `Option<Pet>`.
    let nobody: Option<Pet> = client
        .get_pet(9)
        .send()
        .await
        .expect("a null response decodes");
    assert_eq!(nobody, None);
    println!("ok\ta whole response that is null is None");

    // A string enum, an integer enum, a required nullable field that is null, items that
    // may be null, a map; an optional nullable field the app leaves out.
    let rex = client
        .get_pet(1)
        .send()
        .await
        .expect("Rex decodes")
        .expect("Rex exists");
    assert_eq!((rex.id, rex.name.as_str()), (1, "Rex"));
    assert_eq!((&rex.kind, rex.size), (&PetKind::Dog, PetSize::Value3));
    assert_eq!(rex.nickname, None);
    assert_eq!(rex.owner, None);
    assert_eq!(rex.tags, [Some("good".to_owned()), None]);
    assert_eq!(rex.scores, Some(BTreeMap::from([("fetch".to_owned(), 10)])));
    println!("ok\tenums, a null field, null items of a list and a map decode");

    // Sent and echoed: the enums as a string and a number, `Some(None)` as `null`, a null
    // item, a map; the id of the path replaces the body's.
    let tom = Pet::new(
        0,
        "Tom",
        PetKind::Cat,
        PetSize::Value2,
        Some("Tommy".to_owned()),
        vec![None, Some("x".to_owned())],
    )
    .owner(None)
    .scores(BTreeMap::from([("a".to_owned(), 1), ("b".to_owned(), -2)]));
    let echoed = client
        .put_pet(5, tom.clone())
        .send()
        .await
        .expect("the app takes Tom");
    assert_eq!(echoed.id, 5);
    assert_eq!(echoed.owner, Some(None), "an explicit null is echoed");
    assert_eq!(Pet { id: 0, ..echoed }, tom);
    println!("ok\ta body with enums, an explicit null, null items and a map is echoed");

    // A required nullable field sent as `null`; an optional one left out stays out.
    let plain = Pet::new(0, "Tweety", PetKind::Bird, PetSize::Value1, None, vec![]);
    let echoed = client
        .put_pet(6, plain.clone())
        .send()
        .await
        .expect("the app takes Tweety");
    assert_eq!((echoed.nickname, echoed.owner), (None, None));
    let stored = client
        .get_pet(6)
        .send()
        .await
        .expect("Tweety decodes")
        .expect("Tweety was stored");
    assert_eq!(Pet { id: 0, ..stored }, plain);
    println!("ok\ta required null field is sent as null, an absent one stays absent");

    // A path parameter that is a string enum, a required and an optional query parameter,
    // a header parameter: the app echoes the raw query string and the header it received.
    let found = client
        .search(PetKind::Bird, 3, "trace 1")
        .name("a b&c")
        .send()
        .await
        .expect("the search is accepted");
    assert_eq!(found.kind, "bird");
    assert_eq!(found.limit, 3);
    assert_eq!(found.name.as_deref(), Some("a b&c"));
    assert_eq!(found.trace, "trace 1");
    assert_eq!(found.raw_query, "limit=3&name=a%20b%26c");
    let found = client
        .search(PetKind::Cat, 0, "t")
        .send()
        .await
        .expect("the search without a name is accepted");
    assert_eq!(
        (found.kind.as_str(), found.name, found.raw_query.as_str()),
        ("cat", None, "limit=0")
    );
    println!("ok\ta path enum, required and optional query parameters and a header arrive");

    // `type: string, format: binary` in a multipart body: an optional file part, with its
    // name, type and bytes; or no part at all.
    let mut body = UploadMultipart::new("cover".to_owned());
    body.file = Some(
        FilePart::new(&b"hello\n"[..])
            .file_name("h.txt")
            .content_type("text/plain"),
    );
    let received = client
        .upload(body)
        .send()
        .await
        .expect("the upload is accepted");
    assert_eq!(received.title, "cover");
    assert_eq!(received.filename.as_deref(), Some("h.txt"));
    assert_eq!(received.mimetype.as_deref(), Some("text/plain"));
    assert_eq!(received.content.as_deref(), Some("hello\n"));
    let without = client
        .upload(UploadMultipart::new("none".to_owned()))
        .send()
        .await
        .expect("the upload without a file is accepted");
    assert_eq!(
        (without.title.as_str(), without.filename, without.content),
        ("none", None, None)
    );
    println!("ok\tan optional file upload is a file part, or none");

    // A 404 whose JSON body the description gives: `Error::Api` with the typed body. The
    // path parameter is encoded as one segment and decoded by the app.
    let error = client
        .get_owners_name("a b/c")
        .send()
        .await
        .expect_err("a 404");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
    let Some(ErrorBody::NotFound(body)) = error.body() else {
        panic!("the 404 has no typed body: {error:?}");
    };
    assert_eq!(
        (body.status_code, body.error.as_str(), body.message.as_str()),
        (404, "Not Found", "no owner a b/c")
    );
    println!("ok\ta 404 is Error::Api with its typed JSON body");

    // `contentEncoding: base64`, which @fastify/swagger writes as `format: byte`: bytes that
    // the client encodes; the app decodes them with Node's `Buffer`.
    let text = "h\u{e9}llo, w\u{f6}rld \u{2713}";
    let decoded = client
        .put_blob(PutBlobBody::new(text.as_bytes()))
        .send()
        .await
        .expect("the blob is accepted");
    assert_eq!((decoded.text.as_str(), decoded.length), (text, 18));
    println!("ok\tbase64 in a JSON body is bytes the client encodes");
}
