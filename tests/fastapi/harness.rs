//! The harness of `tests/tests/fastapi.rs`: calls the FastAPI app of `tests/fastapi/app.py`,
//! served by uvicorn at the URL its argument names, through the client generated from the
//! app's own `/openapi.json` (crate `fidelity`), and checks what the app received and
//! answered. Prints `ok <TAB> what` per check; panics on the first that fails.

use fidelity::models::{Blob, Digest, Level, Profile, ProfileStars};
use fidelity::{Base64Bytes, Client, FilePart};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let base_url = std::env::args().nth(1).expect("usage: harness BASE_URL");
    let client = Client::builder()
        .base_url(base_url)
        .max_retries(0)
        .build()
        .expect("the client builds");

    // `-> Optional[Profile]`: `anyOf: [Profile, null]` is `Option<Profile>`.
    let nobody: Option<Profile> = client
        .get_profile_profiles_name_get("nobody")
        .send()
        .await
        .expect("a null response decodes");
    assert_eq!(nobody, None);
    println!("ok\ta whole response that is null is None");

    // An `IntEnum` and a `Literal[1, 2, 3]` are integer enums; `set[str]` a Vec.
    let ada = client
        .get_profile_profiles_name_get("ada")
        .send()
        .await
        .expect("ada decodes")
        .expect("ada exists");
    assert_eq!(ada.name, "ada");
    assert_eq!(ada.level, Level::Value2);
    assert_eq!(ada.stars, Some(ProfileStars::Value3));
    assert_eq!(ada.tags, Some(vec!["math".to_owned()]));
    println!("ok\tinteger enums and a set decode");

    // Sent and echoed: the integer enums as numbers, `Some(None)` as `null`.
    let mut bob = Profile::new("bob", Level::Value1);
    bob.tags = Some(vec!["a".to_owned(), "b".to_owned()]);
    bob.stars = Some(ProfileStars::Value2);
    bob.nickname = Some(None);
    bob.home = Some(Some((51.5, -0.25)));
    let echoed = client
        .put_profile_profiles_name_put("bob", bob.clone())
        .send()
        .await
        .expect("the app takes the profile");
    let mut tags = echoed.tags.clone().unwrap_or_default();
    tags.sort();
    assert_eq!(tags, ["a", "b"]);
    assert_eq!(
        (echoed.level, echoed.stars, &echoed.nickname),
        (Level::Value1, Some(ProfileStars::Value2), &Some(None))
    );
    assert_eq!(echoed.home, Some(Some((51.5, -0.25))));
    println!("ok\ta body with integer enums, an explicit null and a tuple is echoed");

    // `-> tuple[int, str]`: a tuple of another type each.
    let pair: (i64, String) = client
        .pair_pair_get()
        .send()
        .await
        .expect("the pair decodes");
    assert_eq!(pair, (7, "seven".to_owned()));
    println!("ok\ta whole response that is a tuple");

    // An integer enum in the path; a list whose items may be null.
    let levels = client
        .get_level_levels_level_get(Level::Value2)
        .send()
        .await
        .expect("the level is accepted");
    assert_eq!(levels, [Some(Level::Value2), None]);
    println!("ok\tan integer enum in the path, and null items of a list");

    // `UploadFile | None`: a file part, with its name and type, or no part at all.
    let mut body = fidelity::operations::UploadUploadsPostMultipart::new("cover".to_owned());
    body.image = Some(FilePart::new(&b"hello"[..]).file_name("h.txt"));
    let received = client
        .upload_uploads_post(body)
        .send()
        .await
        .expect("the upload is accepted");
    assert_eq!(received.title, "cover");
    assert_eq!(received.filename.as_deref(), Some("h.txt"));
    assert_eq!(
        received.content_type.as_deref(),
        Some("application/octet-stream")
    );
    assert_eq!(received.size, Some(5));
    let without = client
        .upload_uploads_post(fidelity::operations::UploadUploadsPostMultipart::new(
            "none".to_owned(),
        ))
        .send()
        .await
        .expect("the upload without a file is accepted");
    assert_eq!((without.filename, without.size), (None, None));
    println!("ok\tan optional file upload is a file part, or none");

    // `q: Optional[str]` with no default: required, and may be `null`, so an `Option`
    // argument; `None` sends no `q`, which FastAPI answers 422 (it requires `q`).
    let echoed = client
        .search_search_get(Some("a b&c".to_owned()))
        .limit(3)
        .send()
        .await
        .expect("the search is accepted");
    assert_eq!(echoed.get("q"), Some(&Some("a b&c".to_owned())));
    assert_eq!(echoed.get("limit"), Some(&Some("3".to_owned())));
    let echoed = client
        .search_search_get(Some("x".to_owned()))
        .send()
        .await
        .expect("the search without a limit is accepted");
    assert_eq!(echoed.get("limit"), Some(&None));
    let error = client
        .search_search_get(None)
        .send()
        .await
        .expect_err("FastAPI requires q");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(422));
    println!("ok\ta required parameter that may be null is an Option; None sends none");

    // Bytes in JSON as base64: `contentEncoding: base64` and pydantic's `format: base64`.
    let reversed = client
        .put_blob_blobs_post(Blob::new(&b"\x00\xffbytes"[..]))
        .send()
        .await
        .expect("the blob is accepted");
    assert_eq!(reversed.data.as_bytes(), b"setyb\xff\x00");
    let digest = client
        .put_digest_digests_post(Digest::new(Base64Bytes::from(b"\xfb\xef")))
        .send()
        .await
        .expect("the digest is accepted");
    assert_eq!(
        (digest.value.as_bytes(), digest.size),
        (&b"\xef\xfb"[..], Some(2))
    );
    println!("ok\tbase64 values are bytes, encoded and decoded by the client");

    // FastAPI's errors: a 404 with its `detail`.
    let error = client
        .missing_missing_get()
        .send()
        .await
        .expect_err("a 404");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
    let raw = error.api_error().map(|e| e.raw_body().to_owned());
    assert!(
        raw.as_deref()
            .is_some_and(|b| b.contains("no such profile")),
        "{error:?}"
    );
    println!("ok\ta 404 is Error::Api with FastAPI's body");
}
