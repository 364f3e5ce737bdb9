//! Overhead of the generated client: one GET through `ahasend_client` against the same GET
//! written by hand with `reqwest` + `serde_json`, both against one local keep-alive server,
//! measured in the same run.
//!
//! `cargo bench -p tests --bench overhead` prints the median time of a request each way
//! and their ratio (target: at most 1.05). The two are measured in alternating batches,
//! so that drift in the machine's load falls on both alike; the median over batches
//! discards outliers.
//!
//! A plain `harness = false` program rather than criterion: it needs no further
//! dependencies, and what is wanted is the ratio of two medians taken together.

use std::time::{Duration, Instant};

use ahasend_client::models::PaginatedSmtpCredentialsResponse;
use ahasend_client::Client;
use reqwest::header::{ACCEPT, AUTHORIZATION, USER_AGENT};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use uuid::Uuid;

const ACCOUNT: Uuid = Uuid::from_u128(0x0123_4567_89ab_cdef_fedc_ba98_7654_3210);
const API_KEY: &str = "aha-sk-bench";
/// Requests per batch, and batches per way: many small batches, alternating, so that
/// both ways see the same moments of the machine's load.
const BATCH: u32 = 20;
const ROUNDS: usize = 401;

fn body() -> String {
    let item = serde_json::json!({
        "object": "credential_smtp",
        "id": "c0de0000-0000-0000-0000-000000000001",
        "created_at": "2024-01-02T03:04:05Z",
        "updated_at": "2024-01-02T03:04:05Z",
        "name": "credential-1",
        "username": "user-1",
        "sandbox": false,
        "scope": "global",
    });
    let items: Vec<serde_json::Value> = std::iter::repeat_n(item, 10).collect();
    serde_json::json!({ "object": "list", "data": items, "pagination": { "has_more": false } })
        .to_string()
}

/// A keep-alive HTTP/1.1 server on its own thread that answers every request with `body`.
fn start_server(body: String) -> String {
    let response = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    );
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        runtime.block_on(async move {
            let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
            tx.send(listener.local_addr().expect("address"))
                .expect("send address");
            loop {
                let Ok((mut stream, _)) = listener.accept().await else {
                    return;
                };
                let response = response.clone();
                tokio::spawn(async move {
                    let mut buf = Vec::with_capacity(4096);
                    let mut chunk = [0u8; 4096];
                    loop {
                        // GETs have no body: a request ends at its blank line.
                        while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
                            match stream.read(&mut chunk).await {
                                Ok(0) | Err(_) => return,
                                Ok(n) => buf.extend_from_slice(&chunk[..n]),
                            }
                        }
                        let end = buf.windows(4).position(|w| w == b"\r\n\r\n").unwrap_or(0) + 4;
                        buf.drain(..end);
                        if stream.write_all(response.as_bytes()).await.is_err() {
                            return;
                        }
                    }
                });
            }
        });
    });
    format!("http://{}", rx.recv().expect("the server starts"))
}

/// The same request by hand: method, path, headers, status check, JSON decoding.
async fn by_hand(http: &reqwest::Client, base: &str) -> PaginatedSmtpCredentialsResponse {
    let url = format!(
        "{base}/v2/accounts/{}/smtp-credentials",
        ACCOUNT.hyphenated()
    );
    let response = http
        .get(url)
        .header(USER_AGENT, "bench/0")
        .header(ACCEPT, "application/json")
        .header(AUTHORIZATION, format!("Bearer {API_KEY}"))
        .send()
        .await
        .expect("sent");
    assert!(response.status().is_success());
    let bytes = response.bytes().await.expect("body");
    serde_json::from_slice(&bytes).expect("decodes")
}

async fn generated(client: &Client) -> PaginatedSmtpCredentialsResponse {
    client
        .get_smtp_credentials(ACCOUNT)
        .send()
        .await
        .expect("sent")
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn main() {
    // `cargo test --benches` runs this with `--bench` absent: do one quick round only.
    let quick = !std::env::args().any(|a| a == "--bench");
    let (rounds, batch) = if quick { (1, 5) } else { (ROUNDS, BATCH) };
    let base = start_server(body());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        // The `general` class (100/s) would pace the loop: raise it so that the token
        // bucket is still taken, but never waits.
        let client = Client::builder()
            .api_key(API_KEY)
            .base_url(&base)
            .rate_limit("general", 1e9, u32::MAX)
            .build()
            .expect("client");
        // The same timeouts as the generated client's defaults: a GET without a timeout can
        // hang forever, so it is not the same request (that alone costs about 2%).
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(60))
            .build()
            .expect("reqwest");
        // Warm up both connection pools and the allocator.
        for _ in 0..batch.max(50) {
            generated(&client).await;
            by_hand(&http, &base).await;
        }
        let (mut ours, mut theirs) = (Vec::new(), Vec::new());
        for round in 0..rounds {
            for which in [round % 2, 1 - round % 2] {
                let started = Instant::now();
                for _ in 0..batch {
                    if which == 0 {
                        std::hint::black_box(generated(&client).await);
                    } else {
                        std::hint::black_box(by_hand(&http, &base).await);
                    }
                }
                let per_request = started.elapsed().as_secs_f64() * 1e6 / f64::from(batch);
                if which == 0 {
                    ours.push(per_request)
                } else {
                    theirs.push(per_request)
                }
            }
        }
        let (ours, theirs) = (median(ours), median(theirs));
        println!("generated client: median {ours:.1} µs per GET");
        println!("hand-written:     median {theirs:.1} µs per GET");
        println!(
            "ratio (generated / hand-written): {:.3} (target <= 1.05)",
            ours / theirs
        );
    });
}
