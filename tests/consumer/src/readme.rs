use ahasend_client::{Client, Error, ErrorBody, StatusCode};
use futures::TryStreamExt;

async fn example(account_id: ahasend_client::uuid::Uuid) -> Result<(), Error> {
    let client = Client::from_env()?; // AHASEND_API_KEY, optional AHASEND_BASE_URL
    // or: Client::new("aha-sk-...")
    // or: Client::builder().api_key("aha-sk-...").base_url("http://127.0.0.1:4010").build()?

    let page = client.get_smtp_credentials(account_id).limit(50).send().await?;
    for credential in &page.data {
        println!("{} {} ({})", credential.id, credential.name, credential.scope);
    }

    // Every credential, fetching pages of 100 lazily as the stream is read.
    let all: Vec<_> = client.get_smtp_credentials(account_id).limit(100).items().try_collect().await?;
    println!("{} credentials", all.len());

    match client.get_smtp_credentials(account_id).send().await {
        Ok(_) => {}
        Err(e) if e.status() == Some(StatusCode::UNAUTHORIZED) => {
            if let Some(ErrorBody::ErrorResponse(body)) = e.body() {
                eprintln!("rejected: {}", body.message);
            }
        }
        Err(e) => return Err(e),
    }
    Ok(())
}
