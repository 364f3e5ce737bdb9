//! One call of every operation of the full API, its arguments built with the generated
//! types (struct literals and builder setters).
//!
//! `round` varies the arguments: round 0 sends only what is required; every later round
//! sets every optional parameter and every optional body field, paging with `after` on
//! odd rounds and `before` on even ones, and cycling through enum values. Round 2 also
//! sends `null` for the optional body fields that may be `null` (see [`tri`]).

use std::collections::BTreeMap;

use ahasend::models::*;
use ahasend::Client;
use chrono::{DateTime, TimeZone, Utc};
use futures::future::BoxFuture;
use uuid::Uuid;

/// One operation's request, ready to send.
pub struct Call {
    /// The operation's `operationId` in the description.
    pub operation: &'static str,
    /// Sends it; `Ok` once the response decoded into the generated type.
    pub future: BoxFuture<'static, Result<(), ahasend::Error>>,
}

/// Applies `f` only when `yes`: optional setters in a builder chain.
trait When: Sized {
    fn when(self, yes: bool, f: impl FnOnce(Self) -> Self) -> Self {
        if yes {
            f(self)
        } else {
            self
        }
    }
}

impl<T> When for T {}

macro_rules! push {
    ($calls:ident, $operation:literal, $builder:expr) => {{
        let builder = $builder;
        $calls.push(Call {
            operation: $operation,
            future: Box::pin(async move { builder.send().await.map(|_body| ()) }),
        });
    }};
}

fn time(month: u32, day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, month, day, 10, 30, 0)
        .single()
        .expect("a valid date")
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

fn substitutions(round: usize) -> BTreeMap<String, serde_json::Value> {
    BTreeMap::from([
        ("first_name".to_owned(), serde_json::json!("Ada")),
        (
            "order".to_owned(),
            serde_json::json!({ "id": round, "items": [1, 2, 3], "paid": true }),
        ),
    ])
}

fn address(email: &str, name: &str, full: bool) -> Address {
    Address {
        email: email.to_owned(),
        name: full.then(|| name.to_owned()),
    }
}

fn attachments() -> Vec<Attachment> {
    vec![
        Attachment {
            base64: Some(true),
            data: "aGVsbG8sIHdvcmxkCg==".to_owned(),
            content_type: "text/plain".to_owned(),
            content_disposition: Some("attachment".to_owned()),
            content_id: Some("<hello@example.com>".to_owned()),
            file_name: "hello.txt".to_owned(),
        },
        Attachment {
            base64: Some(false),
            data: "plain text".to_owned(),
            content_type: "text/plain".to_owned(),
            content_disposition: None,
            content_id: None,
            file_name: "plain.txt".to_owned(),
        },
    ]
}

/// An optional body field that may be `null`: round 2 sends `null`, other rounds leave it
/// out or set it as `value` says.
fn tri<T>(round: usize, value: Option<T>) -> Option<Option<T>> {
    if round == 2 {
        Some(None)
    } else {
        value.map(Some)
    }
}

/// An optional, nullable body field that must not be `null` here (e.g. the one field an
/// `anyOf` requires).
fn present<T>(value: Option<T>) -> Option<Option<T>> {
    value.map(Some)
}

/// The 56 calls, one per operation, in the description's order.
pub fn all(client: &Client, round: usize) -> Vec<Call> {
    let full = round > 0;
    let after = full && !round.is_multiple_of(2);
    let before = full && round.is_multiple_of(2);
    let account = Uuid::from_u128(0x5eed_0000 + round as u128);
    let id = |n: u128| Uuid::from_u128((n << 64) + round as u128);
    let limit = 1 + (round as i64 * 37) % 100;
    let domain = "example.com";
    let message_id = if full {
        "<01J8Z3QH2WZ6@example.com>"
    } else {
        "01J8Z3QH2WZ6"
    };
    let sandbox_result = [
        CreateMessageRequestSandboxResult::Deliver,
        CreateMessageRequestSandboxResult::Bounce,
        CreateMessageRequestSandboxResult::Defer,
        CreateMessageRequestSandboxResult::Fail,
        CreateMessageRequestSandboxResult::Suppress,
    ][round % 5]
        .clone();
    let conversation_sandbox_result = [
        CreateConversationMessageRequestSandboxResult::Deliver,
        CreateConversationMessageRequestSandboxResult::Bounce,
        CreateConversationMessageRequestSandboxResult::Defer,
        CreateConversationMessageRequestSandboxResult::Fail,
        CreateConversationMessageRequestSandboxResult::Suppress,
    ][round % 5]
        .clone();
    let role = [
        AddMemberRequestRole::Administrator,
        AddMemberRequestRole::Developer,
        AddMemberRequestRole::Analyst,
        AddMemberRequestRole::BillingManager,
    ][round % 4]
        .clone();
    let idempotency_key = format!("contract-{round}-{}", Uuid::from_u128(round as u128 + 7));
    let mut calls = Vec::with_capacity(56);

    push!(calls, "ping", client.ping());

    // API keys
    push!(
        calls,
        "getAPIKeys",
        client
            .get_api_keys(account)
            .when(full, |b| b.limit(limit))
            .when(after, |b| b.after("cursor-after"))
            .when(before, |b| b.before("cursor-before"))
    );
    push!(
        calls,
        "createAPIKey",
        client
            .create_api_key(
                account,
                CreateApiKeyRequest {
                    label: "Contract test key".to_owned(),
                    scopes: strings(&["messages:send:all", "domains:read"]),
                    ip_allow_list: full.then(|| strings(&["203.0.113.0/24", "2001:db8::1"])),
                },
            )
            .when(full, |b| b.idempotency_key(idempotency_key.clone()))
    );
    push!(calls, "getAPIKey", client.get_api_key(account, id(1)));
    push!(
        calls,
        "updateAPIKey",
        client.update_api_key(
            account,
            id(1),
            UpdateApiKeyRequest {
                label: present(Some("Renamed key".to_owned())),
                scopes: tri(round, full.then(|| strings(&["messages:read:all"]))),
                ip_allow_list: tri(round, full.then(|| strings(&["198.51.100.7"]))),
            },
        )
    );
    push!(calls, "deleteAPIKey", client.delete_api_key(account, id(1)));

    // Domains
    push!(
        calls,
        "getDomains",
        client
            .get_domains(account)
            .when(full, |b| b.dns_valid(round % 3 == 1).limit(limit))
            .when(after, |b| b.after("cursor-after"))
            .when(before, |b| b.before("cursor-before"))
    );
    push!(
        calls,
        "createDomain",
        client
            .create_domain(
                account,
                CreateDomainRequest {
                    domain: domain.to_owned(),
                    dkim_private_key: full.then(|| {
                        "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n".to_owned()
                    }),
                    tracking_subdomain: full.then(|| "track".to_owned()),
                    return_path_subdomain: full.then(|| "bounces".to_owned()),
                    subscription_subdomain: full.then(|| "unsubscribe".to_owned()),
                    media_subdomain: full.then(|| "media".to_owned()),
                    dkim_rotation_interval_days: full.then_some(90),
                    dkim_selector: tri(round, full.then(|| "aha2025".to_owned())),
                },
            )
            .when(full, |b| b.idempotency_key(idempotency_key.clone()))
    );
    push!(calls, "getDomain", client.get_domain(account, domain));
    push!(
        calls,
        "updateDomain",
        client.update_domain(
            account,
            domain,
            UpdateDomainRequest {
                tracking_subdomain: full.then(|| "t".to_owned()),
                return_path_subdomain: full.then(|| "rp".to_owned()),
                subscription_subdomain: full.then(|| "subs".to_owned()),
                media_subdomain: full.then(|| "img".to_owned()),
                dkim_rotation_interval_days: full.then_some(30),
                dkim_selector: tri(round, full.then(|| "aha2026".to_owned())),
            },
        )
    );
    push!(calls, "deleteDomain", client.delete_domain(account, domain));
    push!(
        calls,
        "checkDomainDNS",
        client.check_domain_dns(account, domain)
    );

    // Messages
    push!(
        calls,
        "getMessages",
        client
            .get_messages(account)
            .when(full, |b| {
                b.status("Delivered")
                    .sender("sender@example.com")
                    .recipient("rcpt@example.org")
                    .subject("Welcome")
                    .message_id_header("<01J8Z3QH2WZ6@example.com>")
                    .tags("welcome,onboarding")
                    .from_time(time(1, 1))
                    .to_time(time(2, 1))
                    .limit(limit)
            })
            .when(after, |b| b.after("cursor-after"))
            .when(before, |b| b.before("cursor-before"))
    );
    push!(
        calls,
        "createMessage",
        client
            .create_message(
                account,
                CreateMessageRequest {
                    from: address("sender@example.com", "Sender", full),
                    recipients: vec![
                        Recipient {
                            email: "ada@example.org".to_owned(),
                            name: full.then(|| "Ada Lovelace".to_owned()),
                            substitutions: full.then(|| substitutions(round)),
                        },
                        Recipient {
                            email: "alan@example.org".to_owned(),
                            name: None,
                            substitutions: None,
                        },
                    ],
                    reply_to: full.then(|| address("reply@example.com", "Replies", true)),
                    subject: "Hello {{first_name}}".to_owned(),
                    text_content: Some("Hello {{first_name}}".to_owned()),
                    html_content: full.then(|| "<p>Hello {{first_name}}</p>".to_owned()),
                    amp_content: full
                        .then(|| "<!doctype html><html ⚡4email><body>Hi</body></html>".to_owned()),
                    attachments: full.then(attachments),
                    headers: full.then(|| BTreeMap::from([(
                        "X-Campaign".to_owned(),
                        "contract".to_owned()
                    )])),
                    substitutions: full.then(|| substitutions(round)),
                    tags: full.then(|| strings(&["welcome", "contract"])),
                    sandbox: full.then_some(true),
                    sandbox_result: full.then_some(sandbox_result),
                    tracking: tri(
                        round,
                        full.then_some(Tracking {
                            open: Some(Some(true)),
                            click: Some(None),
                        })
                    ),
                    retention: tri(
                        round,
                        full.then_some(Retention {
                            metadata: Some(Some(7)),
                            data: Some(Some(0)),
                        })
                    ),
                    schedule: full.then(|| MessageSchedule {
                        first_attempt: Some(time(3, 1)),
                        expires: Some(time(3, 2)),
                    }),
                },
            )
            .when(full, |b| b.idempotency_key(idempotency_key.clone()))
    );
    push!(
        calls,
        "createConversationMessage",
        client
            .create_conversation_message(
                account,
                CreateConversationMessageRequest {
                    from: address("sender@example.com", "Sender", full),
                    to: vec![address("ada@example.org", "Ada", full)],
                    cc: full.then(|| vec![address("cc@example.org", "Copy", true)]),
                    bcc: full.then(|| vec![address("bcc@example.org", "Blind copy", false)]),
                    reply_to: full.then(|| address("reply@example.com", "Replies", true)),
                    subject: "Re: your question".to_owned(),
                    text_content: Some("Thanks for asking.".to_owned()),
                    html_content: full.then(|| "<p>Thanks for asking.</p>".to_owned()),
                    amp_content: full.then(|| {
                        "<!doctype html><html ⚡4email><body>Thanks</body></html>".to_owned()
                    }),
                    attachments: full.then(attachments),
                    headers: full.then(|| BTreeMap::from([(
                        "In-Reply-To".to_owned(),
                        "<q1@example.org>".to_owned()
                    )])),
                    tags: full.then(|| strings(&["support"])),
                    sandbox: full.then_some(true),
                    sandbox_result: full.then_some(conversation_sandbox_result),
                    tracking: tri(
                        round,
                        full.then_some(Tracking {
                            open: Some(Some(false)),
                            click: Some(None),
                        })
                    ),
                    retention: tri(
                        round,
                        full.then_some(Retention {
                            metadata: Some(Some(30)),
                            data: Some(Some(30)),
                        })
                    ),
                    schedule: full.then(|| MessageSchedule {
                        first_attempt: Some(time(4, 1)),
                        expires: Some(time(4, 3)),
                    }),
                },
            )
            .when(full, |b| b.idempotency_key(idempotency_key.clone()))
    );
    push!(calls, "getMessage", client.get_message(account, message_id));
    push!(
        calls,
        "cancelMessage",
        client.cancel_message(account, message_id)
    );

    // Account
    push!(calls, "getAccount", client.get_account(account));
    push!(
        calls,
        "updateAccount",
        client.update_account(
            account,
            UpdateAccountRequest {
                name: full.then(|| "Example Inc.".to_owned()),
                website: full.then(|| "https://example.com".to_owned()),
                about: full.then(|| "We send email.".to_owned()),
                track_opens: full.then_some(true),
                track_clicks: full.then_some(false),
                reject_bad_recipients: full.then_some(true),
                reject_mistyped_recipients: full.then_some(false),
                message_metadata_retention: full.then_some(30),
                message_data_retention: full.then_some(0),
            },
        )
    );
    push!(
        calls,
        "getAccountMembers",
        client.get_account_members(account)
    );
    push!(
        calls,
        "addAccountMember",
        client
            .add_account_member(
                account,
                AddMemberRequest {
                    email: "new.member@example.com".to_owned(),
                    name: full.then(|| "New Member".to_owned()),
                    role,
                },
            )
            .when(full, |b| b.idempotency_key(idempotency_key.clone()))
    );
    push!(
        calls,
        "removeAccountMember",
        client.remove_account_member(account, id(2))
    );

    // Sub-accounts
    push!(
        calls,
        "listSubAccounts",
        client
            .list_sub_accounts(account)
            .when(full, |b| b.limit(limit))
            .when(after, |b| b.after("cursor-after"))
            .when(before, |b| b.before("cursor-before"))
    );
    push!(
        calls,
        "createSubAccount",
        client
            .create_sub_account(
                account,
                CreateSubAccountRequest {
                    name: "Client A".to_owned(),
                    website: "client-a.example.com".to_owned(),
                    monthly_credit: full.then_some(250_000),
                },
            )
            .when(full, |b| b.idempotency_key(idempotency_key.clone()))
    );
    push!(
        calls,
        "getSubAccountsUsage",
        client.get_sub_accounts_usage(account)
    );
    push!(
        calls,
        "getSubAccount",
        client.get_sub_account(account, id(3))
    );
    push!(
        calls,
        "updateSubAccount",
        client.update_sub_account(
            account,
            id(3),
            UpdateSubAccountRequest {
                name: present(Some("Client A (renamed)".to_owned())),
                website: tri(round, full.then(|| "client-a.example.net".to_owned())),
                monthly_credit: tri(round, full.then_some(0)),
            },
        )
    );
    push!(
        calls,
        "deleteSubAccount",
        client.delete_sub_account(account, id(3))
    );
    push!(
        calls,
        "suspendSubAccount",
        client.suspend_sub_account(
            account,
            id(3),
            SuspendSubAccountRequest {
                reason: "Unpaid invoice".to_owned(),
            },
        )
    );
    push!(
        calls,
        "unsuspendSubAccount",
        client.unsuspend_sub_account(account, id(3))
    );
    push!(
        calls,
        "listSubAccountAPIKeys",
        client
            .list_sub_account_api_keys(account, id(3))
            .when(full, |b| b.limit(limit))
            .when(after, |b| b.after("cursor-after"))
            .when(before, |b| b.before("cursor-before"))
    );
    push!(
        calls,
        "createSubAccountAPIKey",
        client
            .create_sub_account_api_key(
                account,
                id(3),
                CreateApiKeyRequest {
                    label: "Client A sender".to_owned(),
                    scopes: strings(&["messages:send:all"]),
                    ip_allow_list: full.then(|| strings(&["192.0.2.0/24"])),
                },
            )
            .when(full, |b| b.idempotency_key(idempotency_key.clone()))
    );
    push!(
        calls,
        "getSubAccountAPIKey",
        client.get_sub_account_api_key(account, id(3), id(4))
    );
    push!(
        calls,
        "updateSubAccountAPIKey",
        client.update_sub_account_api_key(
            account,
            id(3),
            id(4),
            UpdateApiKeyRequest {
                label: present(full.then(|| "Client A sender (renamed)".to_owned())),
                scopes: tri(
                    round,
                    Some(strings(&["messages:send:all", "messages:read:all"]))
                ),
                ip_allow_list: tri(round, full.then(|| strings(&["192.0.2.10"]))),
            },
        )
    );
    push!(
        calls,
        "deleteSubAccountAPIKey",
        client.delete_sub_account_api_key(account, id(3), id(4))
    );

    // Suppressions
    push!(
        calls,
        "getSuppressions",
        client
            .get_suppressions(account)
            .when(full, |b| {
                b.domain(domain)
                    .email("bounced@example.org")
                    .from_time(time(1, 1))
                    .to_time(time(6, 30))
                    .limit(limit)
            })
            .when(after, |b| b.after("cursor-after"))
            .when(before, |b| b.before("cursor-before"))
    );
    push!(
        calls,
        "createSuppression",
        client
            .create_suppression(
                account,
                CreateSuppressionRequest {
                    email: "bounced@example.org".to_owned(),
                    domain: full.then(|| domain.to_owned()),
                    reason: full.then(|| "Hard bounce".to_owned()),
                    expires_at: time(12, 31),
                },
            )
            .when(full, |b| b.idempotency_key(idempotency_key.clone()))
    );
    push!(
        calls,
        "deleteSuppression",
        client
            .delete_suppression(account, "bounced@example.org")
            .when(full, |b| b.domain(domain))
    );
    push!(
        calls,
        "deleteAllSuppressions",
        client
            .delete_all_suppressions(account)
            .when(full, |b| b.domain(domain))
    );

    // Routes
    push!(
        calls,
        "getRoutes",
        client
            .get_routes(account)
            .when(full, |b| b.domain(domain).limit(limit))
            .when(after, |b| b.after("cursor-after"))
            .when(before, |b| b.before("cursor-before"))
    );
    push!(
        calls,
        "createRoute",
        client
            .create_route(
                account,
                CreateRouteRequest {
                    name: "Inbound support".to_owned(),
                    url: "https://hooks.example.com/inbound".to_owned(),
                    recipient: "support@example.com".to_owned(),
                    attachments: full.then_some(true),
                    headers: full.then_some(true),
                    group_by_message_id: full.then_some(false),
                    strip_replies: full.then_some(true),
                    enabled: full.then_some(round % 2 == 1),
                },
            )
            .when(full, |b| b.idempotency_key(idempotency_key.clone()))
    );
    push!(calls, "getRoute", client.get_route(account, id(5)));
    push!(
        calls,
        "updateRoute",
        client.update_route(
            account,
            id(5),
            UpdateRouteRequest {
                name: tri(round, full.then(|| "Inbound sales".to_owned())),
                url: tri(
                    round,
                    full.then(|| "https://hooks.example.com/sales".to_owned())
                ),
                recipient: tri(round, full.then(|| "sales@example.com".to_owned())),
                attachments: tri(round, full.then_some(false)),
                headers: tri(round, full.then_some(false)),
                group_by_message_id: tri(round, full.then_some(true)),
                strip_replies: tri(round, full.then_some(false)),
                enabled: tri(round, full.then_some(true)),
            },
        )
    );
    push!(calls, "deleteRoute", client.delete_route(account, id(5)));

    // Webhooks
    push!(
        calls,
        "getWebhooks",
        client
            .get_webhooks(account)
            .when(full, |b| {
                b.enabled(true)
                    .on_reception(false)
                    .on_delivered(true)
                    .on_transient_error(false)
                    .on_failed(true)
                    .on_bounced(true)
                    .on_suppressed(false)
                    .on_opened(true)
                    .on_clicked(false)
                    .on_suppression_created(true)
                    .on_dns_error(false)
                    .limit(limit)
            })
            .when(after, |b| b.after("cursor-after"))
            .when(before, |b| b.before("cursor-before"))
    );
    push!(
        calls,
        "createWebhook",
        client
            .create_webhook(
                account,
                CreateWebhookRequest {
                    name: "Delivery events".to_owned(),
                    url: "https://hooks.example.com/ahasend".to_owned(),
                    enabled: full.then_some(true),
                    on_reception: full.then_some(false),
                    on_delivered: full.then_some(true),
                    on_transient_error: full.then_some(true),
                    on_failed: full.then_some(true),
                    on_bounced: full.then_some(true),
                    on_suppressed: full.then_some(false),
                    on_opened: full.then_some(false),
                    on_clicked: full.then_some(false),
                    on_suppression_created: full.then_some(true),
                    on_dns_error: full.then_some(true),
                    scope: if full {
                        CreateWebhookRequestScope::Scoped
                    } else {
                        CreateWebhookRequestScope::Global
                    },
                    domains: present(full.then(|| strings(&[domain]))),
                },
            )
            .when(full, |b| b.idempotency_key(idempotency_key.clone()))
    );
    push!(calls, "getWebhook", client.get_webhook(account, id(6)));
    push!(
        calls,
        "updateWebhook",
        client.update_webhook(
            account,
            id(6),
            UpdateWebhookRequest {
                name: tri(round, full.then(|| "All events".to_owned())),
                url: tri(
                    round,
                    full.then(|| "https://hooks.example.com/all".to_owned())
                ),
                enabled: tri(round, full.then_some(false)),
                on_reception: tri(round, full.then_some(true)),
                on_delivered: tri(round, full.then_some(true)),
                on_transient_error: tri(round, full.then_some(true)),
                on_failed: tri(round, full.then_some(true)),
                on_bounced: tri(round, full.then_some(true)),
                on_suppressed: tri(round, full.then_some(true)),
                on_opened: tri(round, full.then_some(true)),
                on_clicked: tri(round, full.then_some(true)),
                on_suppression_created: tri(round, full.then_some(true)),
                on_dns_error: tri(round, full.then_some(true)),
                scope: tri(round, full.then_some(UpdateWebhookRequestScope::Scoped)),
                domains: tri(round, full.then(|| strings(&[domain, "example.net"]))),
            },
        )
    );
    push!(
        calls,
        "deleteWebhook",
        client.delete_webhook(account, id(6))
    );

    // SMTP credentials
    push!(
        calls,
        "getSMTPCredentials",
        client
            .get_smtp_credentials(account)
            .when(full, |b| b.limit(limit))
            .when(after, |b| b.after("cursor-after"))
            .when(before, |b| b.before("cursor-before"))
    );
    push!(
        calls,
        "createSMTPCredential",
        client
            .create_smtp_credential(
                account,
                CreateSmtpCredentialRequest {
                    name: "Legacy app".to_owned(),
                    sandbox: full.then_some(true),
                    scope: if full {
                        CreateSmtpCredentialRequestScope::Scoped
                    } else {
                        CreateSmtpCredentialRequestScope::Global
                    },
                    domains: present(full.then(|| strings(&[domain]))),
                },
            )
            .when(full, |b| b.idempotency_key(idempotency_key.clone()))
    );
    push!(
        calls,
        "getSMTPCredential",
        client.get_smtp_credential(account, id(7))
    );
    push!(
        calls,
        "deleteSMTPCredential",
        client.delete_smtp_credential(account, id(7))
    );

    // Statistics
    push!(
        calls,
        "getDeliverabilityStatistics",
        client
            .get_deliverability_statistics(account)
            .when(full, |b| {
                b.from_time(time(1, 1))
                    .to_time(time(1, 31))
                    .sender_domain(domain)
                    .recipient_domains("gmail.com,outlook.com")
                    .tags("welcome")
                    .group_by(
                        [
                            GetDeliverabilityStatisticsGroupBy::Hour,
                            GetDeliverabilityStatisticsGroupBy::Day,
                            GetDeliverabilityStatisticsGroupBy::Week,
                            GetDeliverabilityStatisticsGroupBy::Month,
                        ][round % 4]
                            .clone(),
                    )
            })
    );
    push!(
        calls,
        "getBounceStatistics",
        client.get_bounce_statistics(account).when(full, |b| {
            b.from_time(time(1, 1))
                .to_time(time(1, 31))
                .sender_domain(domain)
                .recipient_domains("gmail.com")
                .tags("welcome,contract")
                .group_by(
                    [
                        GetBounceStatisticsGroupBy::Hour,
                        GetBounceStatisticsGroupBy::Day,
                        GetBounceStatisticsGroupBy::Week,
                        GetBounceStatisticsGroupBy::Month,
                    ][round % 4]
                        .clone(),
                )
        })
    );
    push!(
        calls,
        "getDeliveryTimeStatistics",
        client
            .get_delivery_time_statistics(account)
            .when(full, |b| {
                b.from_time(time(1, 1))
                    .to_time(time(1, 31))
                    .sender_domain(domain)
                    .recipient_domains("yahoo.com")
                    .tags("contract")
                    .group_by(
                        [
                            GetDeliveryTimeStatisticsGroupBy::Hour,
                            GetDeliveryTimeStatisticsGroupBy::Day,
                            GetDeliveryTimeStatisticsGroupBy::Week,
                            GetDeliveryTimeStatisticsGroupBy::Month,
                        ][round % 4]
                            .clone(),
                    )
            })
    );

    calls
}
