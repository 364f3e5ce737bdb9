//! A Swagger 2.0 description on the wire: `swagger_client`, generated from
//! `tests/fixtures/swagger.yaml` (converted to OpenAPI 3.0 by the generator), sends what
//! the 2.0 description says where the conversion decides it: `collectionFormat`
//! (`multi`, `csv`, `pipes`), a `body` parameter (inline and by `$ref`), `formData` with
//! a `type: file` (multipart) and without (URL-encoded), `x-nullable` (`null` sent),
//! `produces` (the `Accept` header) and the `apiKey` security definition. Each test
//! compares the bytes the server received.

use serde_json::json;
use swagger_client::models::{NewPet, RenamePetBody};
use swagger_client::operations::UploadPhotoMultipart;
use swagger_client::{Client, FilePart};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const API_KEY: &str = "swagger-key";

/// A server answering `response` to anything, and a client for it.
async fn serve(response: ResponseTemplate) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(response)
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .api_key(API_KEY)
        .base_url(server.uri())
        .max_retries(0)
        .build()
        .expect("the client builds");
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

/// The raw request target: the path, and `?` and the query string if there is one.
fn target(request: &Request) -> String {
    match request.url.query() {
        Some(query) => format!("{}?{query}", request.url.path()),
        None => request.url.path().to_owned(),
    }
}

fn pet() -> serde_json::Value {
    json!({ "id": 7, "name": "Rex", "tag": null })
}

#[tokio::test]
async fn collection_formats_are_sent_as_2_0_says() {
    let (server, client) = serve(ResponseTemplate::new(200).set_body_json(json!([pet()]))).await;
    let pets = client
        .list_pets()
        .tags(["a b".to_owned(), "c".to_owned()])
        .ids([1, 2])
        .names(["x".to_owned(), "y".to_owned()])
        .limit(5)
        .send()
        .await
        .expect("200");
    assert_eq!(pets.len(), 1);
    assert_eq!(pets[0].tag, None);
    let request = received(&server).await;
    // `multi`: one pair per item; `csv` (the default): one comma-separated pair;
    // `pipes`: separated by `|` (as the OpenAPI style table writes `pipeDelimited`).
    assert_eq!(
        target(&request),
        "/pets?tags=a%20b&tags=c&ids=1,2&names=x|y&limit=5"
    );
    assert_eq!(header(&request, "x-api-key").as_deref(), Some(API_KEY));
    assert_eq!(
        header(&request, "accept").as_deref(),
        Some("application/json")
    );
}

#[tokio::test]
async fn a_body_parameter_is_the_json_body_and_x_nullable_sends_null() {
    let (server, client) = serve(ResponseTemplate::new(201).set_body_json(pet())).await;
    let created = client
        .create_pet(NewPet::new("Rex", None))
        .send()
        .await
        .expect("201");
    assert_eq!((created.id, created.tag), (7, None));
    let request = received(&server).await;
    assert_eq!(
        (request.method.as_str(), target(&request).as_str()),
        ("POST", "/pets")
    );
    assert_eq!(
        header(&request, "content-type").as_deref(),
        Some("application/json")
    );
    // The property is required and `x-nullable`: `None` is sent as `null`.
    assert_eq!(request.body, br#"{"name":"Rex","tag":null}"#);
}

#[tokio::test]
async fn a_body_parameter_by_reference_is_the_body_too() {
    let (server, client) = serve(ResponseTemplate::new(200).set_body_json(pet())).await;
    client
        .replace_pet(7, NewPet::new("Rex", Some("good".to_owned())))
        .send()
        .await
        .expect("200");
    let request = received(&server).await;
    assert_eq!(
        (request.method.as_str(), target(&request).as_str()),
        ("PUT", "/pets/7")
    );
    assert_eq!(
        header(&request, "content-type").as_deref(),
        Some("application/json")
    );
    assert_eq!(request.body, br#"{"name":"Rex","tag":"good"}"#);
}

#[tokio::test]
async fn form_data_with_a_file_is_multipart() {
    let (server, client) = serve(ResponseTemplate::new(204)).await;
    let mut body =
        UploadPhotoMultipart::new(FilePart::new(vec![0x89, b'P', 0x00]).file_name("rex.png"));
    body.caption = Some("Rex".to_owned());
    client.upload_photo(7, body).send().await.expect("204");
    let request = received(&server).await;
    assert_eq!(target(&request), "/pets/7/photo");
    let content_type = header(&request, "content-type").expect("a content type");
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .unwrap_or_else(|| panic!("not multipart: {content_type}"));
    let mut expected = Vec::new();
    expected.extend_from_slice(
        format!(
            "--{boundary}\r\ncontent-disposition: form-data; name=\"photo\"; filename=\"rex.png\"\r\n\
             content-type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    expected.extend_from_slice(&[0x89, b'P', 0x00]);
    expected.extend_from_slice(
        format!(
            "\r\n--{boundary}\r\ncontent-disposition: form-data; name=\"caption\"\r\n\r\nRex\r\n--{boundary}--\r\n"
        )
        .as_bytes(),
    );
    assert_eq!(
        String::from_utf8_lossy(&request.body).to_lowercase(),
        String::from_utf8_lossy(&expected).to_lowercase()
    );
}

#[tokio::test]
async fn form_data_without_a_file_is_url_encoded_with_multi_arrays() {
    let (server, client) = serve(ResponseTemplate::new(204)).await;
    let body = RenamePetBody::new("Rex the 2nd").aliases(["R".to_owned(), "T&T".to_owned()]);
    client.rename_pet(7, body).send().await.expect("204");
    let request = received(&server).await;
    assert_eq!(target(&request), "/pets/7/name");
    assert_eq!(
        header(&request, "content-type").as_deref(),
        Some("application/x-www-form-urlencoded")
    );
    // `collectionFormat: multi`: one field per item.
    assert_eq!(
        std::str::from_utf8(&request.body).expect("text"),
        "name=Rex+the+2nd&aliases=R&aliases=T%26T"
    );
}

#[tokio::test]
async fn produces_is_the_accept_header_and_a_file_is_bytes() {
    let (server, client) =
        serve(ResponseTemplate::new(200).set_body_raw(vec![0x89, b'P', b'N', b'G'], "image/png"))
            .await;
    let bytes = client.download_photo(7).send().await.expect("200");
    assert_eq!(bytes.as_ref(), [0x89, b'P', b'N', b'G']);
    let request = received(&server).await;
    assert_eq!(header(&request, "accept").as_deref(), Some("image/png"));
}
