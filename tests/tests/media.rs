//! End-to-end tests of request bodies and responses by media type and status, against
//! `media-client` (generated from `tests/fixtures/media.yaml`) and a `wiremock` server:
//! each checks the exact bytes on the wire (the `Content-Type` and `Accept` headers, the
//! JSON, form, multipart, text and binary bodies) and what the client makes of the answer.
//!
//! Sections: request bodies (JSON types, forms, multipart, bytes and streams, text, XML),
//! responses (binary, streamed, text, ranges, empty, several statuses, `default`), and
//! the retries of bodies that can and can't be sent twice.

use std::time::Duration;

use bytes::Bytes;
use futures::{StreamExt, TryStreamExt};
use media_client::models::{
    Attachment, AvatarMeta, Job, NewThing, Problem, Status, Thing, TokenRequest,
    TokenRequestFilter, TokenRequestGrantType,
};
use media_client::operations::{CreateThingResponse, UploadAvatarMultipart};
use media_client::{Base64Bytes, Body, Client, Error, ErrorBody, FilePart, Multipart};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const API_KEY: &str = "media-sk-test";

/// A client for `server`, retrying quickly (tests that are not about retries get one
/// attempt: their mocks answer successes).
fn client_for(server: &MockServer) -> Client {
    Client::builder()
        .api_key(API_KEY)
        .base_url(server.uri())
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(2))
        .build()
        .expect("the client builds")
}

/// A server answering `response` to `verb path`, once.
async fn serve(verb: &str, at: &str, response: ResponseTemplate) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(method(verb))
        .and(path(at))
        .respond_with(response)
        .expect(1)
        .mount(&server)
        .await;
    let client = client_for(&server);
    (server, client)
}

/// The one request `server` received.
async fn received(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 1, "one request");
    requests.remove(0)
}

/// A header of `request` as text (`None` when absent).
fn header(request: &Request, name: &str) -> Option<String> {
    let values: Vec<String> = request
        .headers
        .get_all(name)
        .iter()
        .map(|v| v.to_str().expect("a text header").to_owned())
        .collect();
    (!values.is_empty()).then(|| values.join(", "))
}

fn thing() -> serde_json::Value {
    json!({ "id": "t1", "name": "Kettle" })
}

fn new_thing() -> NewThing {
    NewThing {
        name: "Kettle".to_owned(),
        size: Some(3),
    }
}

/// `bytes` of `len` that are not all alike (and not valid UTF-8).
fn pattern(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 7 % 251) as u8 ^ 0x80).collect()
}

// ---------------------------------------------------------------------------------------
// Request bodies
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn a_json_body_goes_with_its_own_json_media_type() {
    let (server, client) = serve(
        "PATCH",
        "/things/t1",
        ResponseTemplate::new(200).set_body_json(thing()),
    )
    .await;
    let changed = client
        .patch_thing("t1", new_thing())
        .send()
        .await
        .expect("200");
    assert_eq!(changed.name, "Kettle");
    let request = received(&server).await;
    assert_eq!(
        header(&request, "content-type").as_deref(),
        Some("application/merge-patch+json")
    );
    assert_eq!(
        header(&request, "accept").as_deref(),
        Some("application/json")
    );
    assert_eq!(request.body, br#"{"name":"Kettle","size":3}"#);
}

#[tokio::test]
async fn json_is_preferred_over_a_form_when_both_are_offered() {
    let (server, client) = serve(
        "POST",
        "/widgets",
        ResponseTemplate::new(201).set_body_json(thing()),
    )
    .await;
    client.create_widget(new_thing()).send().await.expect("201");
    let request = received(&server).await;
    assert_eq!(
        header(&request, "content-type").as_deref(),
        Some("application/json")
    );
    assert_eq!(request.body, br#"{"name":"Kettle","size":3}"#);
}

#[tokio::test]
async fn a_form_body_honours_each_fields_style_and_explode() {
    let (server, client) = serve(
        "POST",
        "/tokens",
        ResponseTemplate::new(200).set_body_json(json!({ "access_token": "tok" })),
    )
    .await;
    let request = TokenRequest {
        grant_type: TokenRequestGrantType::ClientCredentials,
        scopes: vec!["read all".to_owned(), "write&run".to_owned()],
        ids: Some(vec![1, 2, 3]),
        tags: Some(vec!["x".to_owned(), "y z".to_owned()]),
        filter: Some(TokenRequestFilter {
            kind: Some("a/b".to_owned()),
            since: Some(chrono::NaiveDate::from_ymd_opt(2024, 1, 2).expect("a date")),
        }),
        meta: Some([("k".to_owned(), "v".to_owned())].into_iter().collect()),
        // Sent as `null` in JSON; a form leaves it out.
        note: Some(None),
    };
    let token = client.create_token(request).send().await.expect("200");
    assert_eq!(token.access_token, "tok");
    let request = received(&server).await;
    assert_eq!(
        header(&request, "content-type").as_deref(),
        Some("application/x-www-form-urlencoded")
    );
    // `security: []`: no credentials.
    assert_eq!(header(&request, "authorization"), None);
    assert_eq!(
        String::from_utf8(request.body).expect("ASCII"),
        // grant_type: plain; scopes: spaceDelimited; ids: form, not exploded; tags: form,
        // exploded (the default); filter: deepObject; meta: JSON.
        "grant_type=client_credentials\
         &scopes=read+all%20write%26run\
         &ids=1,2,3\
         &tags=x&tags=y+z\
         &filter%5Bkind%5D=a%2Fb&filter%5Bsince%5D=2024-01-02\
         &meta=%7B%22k%22%3A%22v%22%7D"
    );
}

/// One part of a multipart body: its headers (lower-case names, in order) and bytes.
#[derive(Debug, PartialEq)]
struct ReceivedPart {
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

/// The parts of a `multipart/form-data` request, checking the framing byte by byte: the
/// boundary of the `Content-Type`, a delimiter line before each part, CRLFs, and the
/// closing delimiter.
fn multipart_parts(request: &Request) -> Vec<ReceivedPart> {
    let content_type = header(request, "content-type").expect("a content type");
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .unwrap_or_else(|| panic!("not a multipart content type: {content_type}"));
    assert!(!boundary.is_empty());
    let delimiter = format!("--{boundary}");
    let body = request.body.as_slice();
    let closing = format!("\r\n{delimiter}--\r\n");
    assert!(
        body.ends_with(closing.as_bytes()),
        "the body ends with the closing delimiter"
    );
    let body = &body[..body.len() - closing.len()];
    let first = format!("{delimiter}\r\n");
    assert!(
        body.starts_with(first.as_bytes()),
        "the body starts with a delimiter"
    );
    let separator = format!("\r\n{delimiter}\r\n");
    split(&body[first.len()..], separator.as_bytes())
        .into_iter()
        .map(|part| {
            let end = find(part, b"\r\n\r\n").expect("a blank line after the part's headers");
            let headers = std::str::from_utf8(&part[..end])
                .expect("text headers")
                .split("\r\n")
                .map(|line| {
                    let (name, value) = line.split_once(": ").expect("`Name: value`");
                    (name.to_ascii_lowercase(), value.to_owned())
                })
                .collect();
            ReceivedPart {
                headers,
                body: part[end + 4..].to_vec(),
            }
        })
        .collect()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn split<'a>(mut bytes: &'a [u8], separator: &[u8]) -> Vec<&'a [u8]> {
    let mut out = Vec::new();
    while let Some(at) = find(bytes, separator) {
        out.push(&bytes[..at]);
        bytes = &bytes[at + separator.len()..];
    }
    out.push(bytes);
    out
}

fn part(disposition: &str, content_type: Option<&str>, body: &[u8]) -> ReceivedPart {
    let mut headers = vec![("content-disposition".to_owned(), disposition.to_owned())];
    if let Some(content_type) = content_type {
        headers.push(("content-type".to_owned(), content_type.to_owned()));
    }
    ReceivedPart {
        headers,
        body: body.to_vec(),
    }
}

#[tokio::test]
async fn a_multipart_body_sends_typed_parts_with_files() {
    let (server, client) = serve(
        "PUT",
        "/users/u1/avatar",
        ResponseTemplate::new(201).set_body_json(thing()),
    )
    .await;
    let picture = pattern(300);
    let mut body = UploadAvatarMultipart::new(
        FilePart::new(picture.clone()).file_name("me.png"),
        AvatarMeta {
            alt: "Me, \"smiling\"".to_owned(),
            focus: Some(vec![10, 20]),
        },
    );
    body.caption = Some("Hello\r\nworld".to_owned());
    body.tags = Some(vec!["a".to_owned(), "b".to_owned()]);
    body.thumbnails = Some(vec![
        FilePart::new(&b"small"[..]),
        FilePart::new(vec![0xff, 0x00])
            .file_name("tiny.webp")
            .content_type("image/webp"),
    ]);
    // A file part that may be `null` (`anyOf: [file, null]`) is a file part all the same.
    body.cover = Some(FilePart::new(&b"cover"[..]).file_name("cover.bin"));
    client.upload_avatar("u1", body).send().await.expect("201");
    let request = received(&server).await;
    assert_eq!(
        multipart_parts(&request),
        [
            // The API's `encoding.contentType`, the caller's file name.
            part(
                r#"form-data; name="avatar"; filename="me.png""#,
                Some("image/png"),
                &picture
            ),
            part(
                r#"form-data; name="metadata""#,
                Some("application/json"),
                br#"{"alt":"Me, \"smiling\"","focus":[10,20]}"#
            ),
            part(r#"form-data; name="caption""#, None, b"Hello\r\nworld"),
            part(r#"form-data; name="tags""#, None, b"a"),
            part(r#"form-data; name="tags""#, None, b"b"),
            // A 3.1 `contentMediaType`, and the part's name as the file name.
            part(
                r#"form-data; name="thumbnails"; filename="thumbnails""#,
                Some("image/jpeg"),
                b"small"
            ),
            part(
                r#"form-data; name="thumbnails"; filename="tiny.webp""#,
                Some("image/webp"),
                &[0xff, 0x00]
            ),
            part(
                r#"form-data; name="cover"; filename="cover.bin""#,
                Some("application/octet-stream"),
                b"cover"
            ),
        ]
    );
    assert_eq!(
        header(&request, "accept").as_deref(),
        Some("application/json")
    );
    let length: usize = header(&request, "content-length")
        .expect("a content length")
        .parse()
        .expect("a number");
    assert_eq!(length, request.body.len());
}

#[tokio::test]
async fn optional_multipart_fields_that_are_none_send_no_part() {
    let (server, client) = serve(
        "PUT",
        "/users/u1/avatar",
        ResponseTemplate::new(201).set_body_json(thing()),
    )
    .await;
    let body = UploadAvatarMultipart::new(
        FilePart::new(&b"x"[..]),
        AvatarMeta {
            alt: "a".to_owned(),
            focus: None,
        },
    );
    client.upload_avatar("u1", body).send().await.expect("201");
    let parts = multipart_parts(&received(&server).await);
    assert_eq!(
        parts,
        [
            part(
                r#"form-data; name="avatar"; filename="avatar""#,
                Some("image/png"),
                b"x"
            ),
            part(
                r#"form-data; name="metadata""#,
                Some("application/json"),
                br#"{"alt":"a"}"#
            ),
        ]
    );
}

#[tokio::test]
async fn a_form_without_described_fields_takes_the_callers_parts() {
    let (server, client) = serve(
        "POST",
        "/imports",
        ResponseTemplate::new(202).set_body_json(json!({ "job_id": "j1" })),
    )
    .await;
    let form = Multipart::new()
        .text("kind", "csv")
        .file(
            "file",
            FilePart::new(&b"a,b\n1,2\n"[..])
                .file_name("data.csv")
                .content_type("text/csv"),
        )
        .json("options", &json!({ "header": true }))
        .expect("JSON");
    let job = client.import_files(form).send().await.expect("202");
    assert_eq!(job.job_id, "j1");
    assert_eq!(
        multipart_parts(&received(&server).await),
        [
            part(r#"form-data; name="kind""#, None, b"csv"),
            part(
                r#"form-data; name="file"; filename="data.csv""#,
                Some("text/csv"),
                b"a,b\n1,2\n"
            ),
            part(
                r#"form-data; name="options""#,
                Some("application/json"),
                br#"{"header":true}"#
            ),
        ]
    );
}

#[tokio::test]
async fn an_octet_stream_body_is_sent_as_the_bytes_given() {
    let (server, client) = serve("PUT", "/blobs/b%201", ResponseTemplate::new(204)).await;
    let bytes = pattern(4096);
    client
        .upload_blob("b 1", bytes.clone())
        .send()
        .await
        .expect("204");
    let request = received(&server).await;
    assert_eq!(
        header(&request, "content-type").as_deref(),
        Some("application/octet-stream")
    );
    assert_eq!(request.body, bytes);
}

#[tokio::test]
async fn a_stream_body_is_sent_chunk_by_chunk() {
    let (server, client) = serve("PUT", "/blobs/big", ResponseTemplate::new(204)).await;
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
        vec![Ok(pattern(1000)), Ok(b"middle".to_vec()), Ok(pattern(77))];
    let expected: Vec<u8> = chunks
        .iter()
        .flat_map(|c| c.as_ref().expect("ok").clone())
        .collect();
    let body = Body::from_stream(futures::stream::iter(chunks));
    assert!(body.is_stream());
    client.upload_blob("big", body).send().await.expect("204");
    let request = received(&server).await;
    assert_eq!(request.body, expected);
    assert_eq!(
        header(&request, "content-type").as_deref(),
        Some("application/octet-stream")
    );
}

#[tokio::test]
async fn a_range_body_is_sent_as_the_callers_content_type_or_octet_stream() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/banner"))
        .respond_with(ResponseTemplate::new(204))
        .expect(2)
        .mount(&server)
        .await;
    let client = client_for(&server);
    let png = pattern(64);
    client
        .set_banner(Body::from(png.clone()).content_type("image/png"))
        .send()
        .await
        .expect("204");
    client
        .set_banner(Bytes::from(png.clone()))
        .send()
        .await
        .expect("204");
    let requests = server.received_requests().await.expect("recorded");
    let types: Vec<Option<String>> = requests.iter().map(|r| header(r, "content-type")).collect();
    assert_eq!(
        types,
        [
            Some("image/png".to_owned()),
            Some("application/octet-stream".to_owned())
        ]
    );
    assert!(requests.iter().all(|r| r.body == png));
    let bad = client
        .set_banner(Body::from(png).content_type("bad\ntype"))
        .send()
        .await
        .expect_err("not a header value");
    assert!(
        matches!(&bad, Error::Config(m) if m.contains("setBanner")),
        "{bad}"
    );
}

#[tokio::test]
async fn text_goes_and_comes_back_as_text() {
    let (server, client) = serve(
        "PUT",
        "/notes/n1",
        ResponseTemplate::new(200).set_body_raw("stored: héllo\n", "text/plain; charset=utf-8"),
    )
    .await;
    let echoed = client.put_note("n1", "héllo\n").send().await.expect("200");
    assert_eq!(echoed, "stored: héllo\n");
    let request = received(&server).await;
    assert_eq!(
        header(&request, "content-type").as_deref(),
        Some("text/plain")
    );
    assert_eq!(header(&request, "accept").as_deref(), Some("text/plain"));
    assert_eq!(request.body, "héllo\n".as_bytes());
}

#[tokio::test]
async fn xml_is_sent_and_read_as_raw_text() {
    const XML: &str = r#"<?xml version="1.0"?><config a="1"><b>&amp;</b></config>"#;
    let (server, client) = serve("PUT", "/config", ResponseTemplate::new(204)).await;
    client.put_config(XML).send().await.expect("204");
    let request = received(&server).await;
    assert_eq!(
        header(&request, "content-type").as_deref(),
        Some("application/xml")
    );
    assert_eq!(request.body, XML.as_bytes());

    let (server, client) = serve(
        "GET",
        "/config",
        ResponseTemplate::new(200).set_body_raw(XML, "application/xml"),
    )
    .await;
    assert_eq!(client.get_config().send().await.expect("200"), XML);
    let request = received(&server).await;
    assert_eq!(
        header(&request, "accept").as_deref(),
        Some("application/xml")
    );
}

// ---------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn a_pdf_downloads_as_bytes() {
    let pdf = pattern(10_000);
    let (server, client) = serve(
        "GET",
        "/invoices/i1/pdf",
        ResponseTemplate::new(200).set_body_raw(pdf.clone(), "application/pdf"),
    )
    .await;
    let body: Bytes = client.get_invoice_pdf("i1").send().await.expect("200");
    assert_eq!(body, pdf);
    let request = received(&server).await;
    // The PDF, then the JSON of the declared error body.
    assert_eq!(
        header(&request, "accept").as_deref(),
        Some("application/pdf, application/json")
    );
}

#[tokio::test]
async fn a_download_streams_the_same_bytes() {
    let pdf = pattern(3 * 1024 * 1024 + 17);
    let (server, client) = serve(
        "GET",
        "/invoices/i2/pdf",
        ResponseTemplate::new(200).set_body_raw(pdf.clone(), "application/pdf"),
    )
    .await;
    let response = client
        .get_invoice_pdf("i2")
        .send_streaming()
        .await
        .expect("200");
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"].to_str().ok(),
        Some("application/pdf")
    );
    let chunks: Vec<Bytes> = response
        .into_body()
        .take(10_000)
        .try_collect()
        .await
        .expect("every chunk arrives");
    assert!(chunks.len() > 1, "read in more than one chunk");
    assert_eq!(chunks.concat(), pdf);
    drop(server);

    let (_server, client) = serve(
        "GET",
        "/invoices/i3/pdf",
        ResponseTemplate::new(200).set_body_raw(pdf.clone(), "application/pdf"),
    )
    .await;
    let stream = client
        .get_invoice_pdf("i3")
        .send_streaming()
        .await
        .expect("200")
        .into_body();
    assert_eq!(stream.bytes().await.expect("the whole body"), pdf);
}

#[tokio::test]
async fn a_streamed_download_that_fails_is_an_error_with_the_error_body() {
    let (_server, client) = serve(
        "GET",
        "/invoices/gone/pdf",
        ResponseTemplate::new(404).set_body_json(json!({ "title": "no such invoice" })),
    )
    .await;
    let error = client
        .get_invoice_pdf("gone")
        .send_streaming()
        .await
        .expect_err("404");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
    assert_eq!(
        error.body(),
        Some(&ErrorBody::Problem(Problem {
            title: "no such invoice".to_owned(),
            status: None
        }))
    );
}

#[tokio::test]
async fn an_image_range_downloads_as_bytes() {
    let png = pattern(512);
    let (server, client) = serve(
        "GET",
        "/images/p",
        ResponseTemplate::new(200).set_body_raw(png.clone(), "image/png"),
    )
    .await;
    assert_eq!(client.get_image("p").send().await.expect("200"), png);
    assert_eq!(
        header(&received(&server).await, "accept").as_deref(),
        Some("image/*")
    );
}

#[tokio::test]
async fn any_media_type_with_a_schema_is_json_and_without_one_bytes() {
    let (server, client) = serve(
        "GET",
        "/any/json",
        ResponseTemplate::new(200).set_body_json(thing()),
    )
    .await;
    let decoded: Thing = client.get_any_json().send().await.expect("200");
    assert_eq!(decoded.id, "t1");
    assert_eq!(
        header(&received(&server).await, "accept").as_deref(),
        Some("*/*")
    );

    let raw = pattern(33);
    let (server, client) = serve(
        "GET",
        "/any/raw",
        ResponseTemplate::new(200).set_body_raw(raw.clone(), "application/x-whatever"),
    )
    .await;
    let bytes: Bytes = client.get_any_raw().send().await.expect("200");
    assert_eq!(bytes, raw);
    assert_eq!(
        header(&received(&server).await, "accept").as_deref(),
        Some("*/*")
    );
}

#[tokio::test]
async fn no_content_is_unit() {
    let (server, client) = serve("DELETE", "/things/t1", ResponseTemplate::new(204)).await;
    let response = client
        .delete_thing("t1")
        .send_with_response()
        .await
        .expect("204");
    assert_eq!(response.status(), 204);
    let () = response.into_body();
    assert_eq!(
        header(&received(&server).await, "accept").as_deref(),
        Some("application/json")
    );
}

#[tokio::test]
async fn each_success_status_decodes_as_its_own_variant() {
    let cases = [
        (
            ResponseTemplate::new(200).set_body_json(thing()),
            CreateThingResponse::Ok(Thing {
                id: "t1".to_owned(),
                name: "Kettle".to_owned(),
            }),
        ),
        (
            ResponseTemplate::new(202).set_body_json(json!({ "job_id": "j9" })),
            CreateThingResponse::Accepted(Job {
                job_id: "j9".to_owned(),
                state: None,
            }),
        ),
        (ResponseTemplate::new(204), CreateThingResponse::NoContent),
        // A success the API does not declare: its body as text.
        (
            ResponseTemplate::new(201).set_body_string("made"),
            CreateThingResponse::Other("made".to_owned()),
        ),
    ];
    for (response, expected) in cases {
        let status = response.clone();
        let (server, client) = serve("POST", "/things", status).await;
        let got = client
            .create_thing(new_thing())
            .send()
            .await
            .expect("a success");
        assert_eq!(got, expected);
        let request = received(&server).await;
        assert_eq!(
            header(&request, "accept").as_deref(),
            Some("application/json, application/problem+json")
        );
        assert_eq!(request.body, br#"{"name":"Kettle","size":3}"#);
    }

    let (_server, client) = serve(
        "POST",
        "/things",
        ResponseTemplate::new(422).set_body_raw(
            r#"{"title":"too big","status":422}"#,
            "application/problem+json",
        ),
    )
    .await;
    let error = client
        .create_thing(new_thing())
        .send()
        .await
        .expect_err("422");
    assert!(matches!(
        error.body(),
        Some(ErrorBody::Problem(p)) if p.title == "too big"
    ));
}

#[tokio::test]
async fn a_default_only_response_is_the_success() {
    let (_server, client) = serve(
        "GET",
        "/status",
        ResponseTemplate::new(200).set_body_json(json!({ "healthy": true })),
    )
    .await;
    let status: Status = client.get_status().send().await.expect("200");
    assert!(status.healthy);

    let (_server, client) = serve(
        "GET",
        "/status",
        ResponseTemplate::new(400).set_body_json(json!({ "healthy": false })),
    )
    .await;
    let error = client.get_status().send().await.expect_err("400");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400));
    // `default` describes the success here, not the errors.
    assert!(error.body().is_none());
    assert_eq!(
        error.api_error().map(|e| e.raw_body()),
        Some(r#"{"healthy":false}"#)
    );
}

// ---------------------------------------------------------------------------------------
// Retries of bodies
// ---------------------------------------------------------------------------------------

/// A server that answers `PUT /blobs/r` with 503 `fails` times, then 204.
async fn flaky_blobs(fails: u64) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/blobs/r"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(fails)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path("/blobs/r"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn bytes_are_sent_again_on_a_retry() {
    let server = flaky_blobs(1).await;
    let client = client_for(&server);
    let bytes = pattern(100);
    let response = client
        .upload_blob("r", bytes.clone())
        .send_with_response()
        .await
        .expect("the retry succeeds");
    assert_eq!(response.attempts(), 2);
    let requests = server.received_requests().await.expect("recorded");
    assert_eq!(requests.len(), 2);
    assert!(requests.iter().all(|r| r.body == bytes));
}

#[tokio::test]
async fn a_stream_body_is_never_retried() {
    let server = flaky_blobs(1).await;
    let client = client_for(&server);
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> = vec![Ok(pattern(10))];
    let error = client
        .upload_blob("r", Body::from_stream(futures::stream::iter(chunks)))
        .max_retries(5)
        .send()
        .await
        .expect_err("the one attempt's 503");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(error.attempts(), 1);
    let requests = server.received_requests().await.expect("recorded");
    assert_eq!(requests.len(), 1);
}

#[tokio::test]
async fn a_multipart_body_is_sent_again_on_a_retry() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/users/u/avatar"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path("/users/u/avatar"))
        .respond_with(ResponseTemplate::new(201).set_body_json(thing()))
        .mount(&server)
        .await;
    let client = client_for(&server);
    let picture = pattern(20);
    let body = UploadAvatarMultipart::new(
        FilePart::new(picture.clone()),
        AvatarMeta {
            alt: "a".to_owned(),
            focus: None,
        },
    );
    let response = client
        .upload_avatar("u", body)
        .send_with_response()
        .await
        .expect("the retry succeeds");
    assert_eq!(response.attempts(), 2);
    let requests = server.received_requests().await.expect("recorded");
    assert_eq!(requests.len(), 2);
    for request in &requests {
        let parts = multipart_parts(request);
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].body, picture);
    }
}

#[tokio::test]
async fn a_clone_of_a_builder_with_a_stream_can_not_send_it_again() {
    let (_server, client) = serve("PUT", "/blobs/once", ResponseTemplate::new(204)).await;
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> = vec![Ok(b"once".to_vec())];
    let builder = client.upload_blob("once", Body::from_stream(futures::stream::iter(chunks)));
    let copy = builder.clone();
    builder.send().await.expect("the first send");
    let error = copy.send().await.expect_err("the stream is gone");
    assert!(
        matches!(&error, Error::Config(m) if m.contains("already sent")),
        "{error}"
    );
}

#[tokio::test]
async fn base64_values_are_bytes_encoded_on_the_wire_and_decoded_from_it() {
    // The server stores the PDF and answers with a preview in the URL-safe alphabet,
    // unpadded and broken into lines, as some servers write base64.
    let answer = json!({
        "name": "report.pdf",
        "content": "JVBERi0xLjcK/w==",
        "preview": "_-8A\nAQ",
        "note": "plain text"
    });
    let (server, client) = serve(
        "POST",
        "/attachments",
        ResponseTemplate::new(200).set_body_json(answer),
    )
    .await;
    let pdf = b"%PDF-1.7\n\xff";
    let mut attachment = Attachment::new("report.pdf", pdf);
    attachment.preview = Some(None);
    let stored = client
        .create_attachment(attachment)
        .x_checksum(&[0xfb, 0xff, 0xfe][..])
        .send()
        .await
        .expect("200");

    let request = received(&server).await;
    let sent: serde_json::Value = serde_json::from_slice(&request.body).expect("JSON");
    assert_eq!(
        sent,
        json!({ "name": "report.pdf", "content": "JVBERi0xLjcK/w==", "preview": null })
    );
    assert_eq!(header(&request, "x-checksum").as_deref(), Some("+//+"));

    assert_eq!(stored.content.as_bytes(), pdf);
    let preview = stored.preview.flatten().expect("a preview");
    assert_eq!(preview.as_bytes(), [0xff, 0xef, 0x00, 0x01]);
    assert_eq!(stored.note.as_deref(), Some("plain text"));
}

#[tokio::test]
async fn text_that_is_not_base64_is_a_decode_error() {
    let answer = json!({ "name": "x", "content": "not base64!" });
    let (_server, client) = serve(
        "POST",
        "/attachments",
        ResponseTemplate::new(200).set_body_json(answer),
    )
    .await;
    let error = client
        .create_attachment(Attachment::new("x", Base64Bytes::default()))
        .send()
        .await
        .expect_err("the content is not base64");
    assert!(matches!(error, Error::Decode(_)), "{error:?}");
    assert!(error.to_string().contains("invalid base64"), "{error}");
}
