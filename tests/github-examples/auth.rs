//! GitHub's client authenticates with the scheme its codegen config declares
//! (`tests/github-examples/codegen.yaml`), and the token shows nowhere else.
//!
//! `harness --auth` runs [`check`]: a server on a local port records the requests it
//! receives, byte for byte, and answers each with the next of the statuses it is given;
//! a recording `tracing` subscriber keeps every span and event. The token must reach the
//! wire as `Authorization: Bearer <token>`, set by `ClientBuilder::token` in one call and
//! read by `Client::from_env` from `GITHUB_TOKEN`; without it, requests go without an
//! `Authorization` header (the config makes the scheme optional); and it must appear in
//! no `Debug` output, error or span.

use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

const TOKEN: &str = "ghp_16C7e42F292c6912E7710c838347Ae178B4a";

/// Runs every check; `Err` names the first that fails.
pub fn check() -> Result<(), String> {
    let recorder = Recorder::default();
    tracing::subscriber::set_global_default(recorder.clone())
        .map_err(|e| format!("installing the recording subscriber: {e}"))?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("tokio: {e}"))?;
    runtime.block_on(checks(&recorder))
}

async fn checks(recorder: &Recorder) -> Result<(), String> {
    // 204: GitHub's "yes, you follow them"; 401: "Bad credentials".
    let server = Server::start(&[204, 401, 204, 204])?;
    let authorization = format!("authorization: Bearer {TOKEN}");

    // One builder call.
    let builder = github::Client::builder().base_url(&server.url).token(TOKEN);
    let builder_debug = format!("{builder:?}");
    let client = builder.build().map_err(|e| format!("build: {e}"))?;
    client
        .users_check_person_is_followed_by_authenticated("octocat")
        .send()
        .await
        .map_err(|e| format!("the call with a token failed: {e}"))?;
    let first = server.request(0)?;
    expect(
        first.starts_with("GET /user/following/octocat HTTP/1.1\r\n"),
        "the request line",
        &first,
    )?;
    expect(
        first
            .to_ascii_lowercase()
            .contains(&authorization.to_ascii_lowercase()),
        "`Authorization: Bearer <token>` on the wire",
        &first,
    )?;

    // An error response: the token is in neither its message nor its `Debug`.
    let error = client
        .users_check_person_is_followed_by_authenticated("octocat")
        .send()
        .await
        .err()
        .ok_or("a 401 is an error")?;
    let error_text = format!("{error} {error:?}");
    expect(
        error.status().map(|s| s.as_u16()) == Some(401),
        "a 401 is `Error::Api`",
        &error_text,
    )?;

    // `from_env`: the token from `GITHUB_TOKEN`, the server from `GITHUB_BASE_URL`.
    std::env::set_var("GITHUB_TOKEN", TOKEN);
    std::env::set_var("GITHUB_BASE_URL", &server.url);
    let from_env = github::Client::from_env().map_err(|e| format!("from_env: {e}"))?;
    from_env
        .users_check_person_is_followed_by_authenticated("octocat")
        .send()
        .await
        .map_err(|e| format!("the call of the client from the environment failed: {e}"))?;
    let third = server.request(2)?;
    expect(
        third
            .to_ascii_lowercase()
            .contains(&authorization.to_ascii_lowercase()),
        "`Authorization: Bearer <token>` from GITHUB_TOKEN",
        &third,
    )?;

    // Without a token: the scheme is optional, so the request goes without one.
    std::env::remove_var("GITHUB_TOKEN");
    let anonymous = github::Client::from_env().map_err(|e| format!("from_env: {e}"))?;
    anonymous
        .users_check_person_is_followed_by_authenticated("octocat")
        .send()
        .await
        .map_err(|e| format!("the call without a token failed: {e}"))?;
    let fourth = server.request(3)?;
    expect(
        !fourth.to_ascii_lowercase().contains("authorization:"),
        "no `Authorization` header without a token",
        &fourth,
    )?;

    // Redaction: everywhere but the wire.
    let spans = recorder.everything();
    expect(
        spans.contains("/user/following/{username}"),
        "the recorder saw the client's spans",
        &spans,
    )?;
    for (what, text) in [
        ("the builder's Debug", builder_debug),
        ("the client's Debug", format!("{client:?} {from_env:?}")),
        ("the error", error_text),
        ("the tracing spans and events", spans),
    ] {
        expect(!text.contains(TOKEN), &format!("no token in {what}"), &text)?;
    }
    Ok(())
}

/// `Ok` if `holds`, else an error naming `what` with `seen`.
fn expect(holds: bool, what: &str, seen: &str) -> Result<(), String> {
    if holds {
        Ok(())
    } else {
        Err(format!("{what}: not so in\n{seen}"))
    }
}

// ---------------------------------------------------------------------------------------
// The server
// ---------------------------------------------------------------------------------------

/// An HTTP/1.1 server on a local port that answers each connection with the next status
/// (and an empty JSON body), and keeps each request as received.
struct Server {
    url: String,
    requests: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start(statuses: &[u16]) -> Result<Server, String> {
        let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| format!("bind: {e}"))?;
        let url = format!(
            "http://{}",
            listener.local_addr().map_err(|e| e.to_string())?
        );
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&requests);
        let statuses = statuses.to_vec();
        std::thread::spawn(move || {
            for status in statuses {
                let Ok((stream, _)) = listener.accept() else {
                    return;
                };
                let mut reader = BufReader::new(stream);
                let mut request = String::new();
                let mut length = 0;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        break;
                    }
                    if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                        length = value.trim().parse().unwrap_or(0);
                    }
                    request.push_str(&line);
                    if line == "\r\n" {
                        break;
                    }
                }
                let mut body = vec![0; length];
                let _ = reader.read_exact(&mut body);
                request.push_str(&String::from_utf8_lossy(&body));
                seen.lock().unwrap().push(request);
                let body = if status == 204 {
                    ""
                } else {
                    r#"{"message":"Bad credentials"}"#
                };
                let mut response = format!("HTTP/1.1 {status} Status\r\nconnection: close\r\n");
                if !body.is_empty() {
                    let _ = write!(
                        response,
                        "content-type: application/json\r\ncontent-length: {}\r\n",
                        body.len()
                    );
                }
                response.push_str("\r\n");
                response.push_str(body);
                let _ = reader.get_mut().write_all(response.as_bytes());
            }
        });
        Ok(Server { url, requests })
    }

    /// The `index`th request received.
    fn request(&self, index: usize) -> Result<String, String> {
        self.requests
            .lock()
            .unwrap()
            .get(index)
            .cloned()
            .ok_or_else(|| format!("the server did not receive request {index}"))
    }
}

// ---------------------------------------------------------------------------------------
// A recording subscriber
// ---------------------------------------------------------------------------------------

/// Keeps the name and fields of every span and event, as text.
#[derive(Default, Clone)]
struct Recorder {
    next: Arc<AtomicU64>,
    text: Arc<Mutex<String>>,
}

impl Recorder {
    fn everything(&self) -> String {
        self.text.lock().unwrap().clone()
    }

    fn keep(&self, name: &str, fields: &dyn Fn(&mut Fields)) {
        let mut visitor = Fields(format!("{name}:"));
        fields(&mut visitor);
        let mut text = self.text.lock().unwrap();
        text.push_str(&visitor.0);
        text.push('\n');
    }
}

/// Fields as ` name=value` text.
struct Fields(String);

impl Visit for Fields {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        let _ = write!(self.0, " {}={value:?}", field.name());
    }
}

impl Subscriber for Recorder {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        self.keep(span.metadata().name(), &|f| span.record(f));
        Id::from_u64(self.next.fetch_add(1, Ordering::Relaxed) + 1)
    }

    fn record(&self, _: &Id, values: &Record<'_>) {
        self.keep("record", &|f| values.record(f));
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        self.keep(event.metadata().name(), &|f| event.record(f));
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}
