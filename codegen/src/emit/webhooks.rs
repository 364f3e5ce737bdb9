//! `webhooks.rs`: the `WebhookEvent` enum, dispatched on the payload's `type`, and the
//! verifier of the copied runtime (`runtime/webhooks.rs`), re-exported.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::types::{ident, rust_type, Scope};
use crate::ir::{Api, TypeRef, Webhook};

/// The whole `webhooks` module.
pub fn emit(api: &Api) -> TokenStream {
    // Webhooks whose event types another one took have no variant.
    let events: Vec<&Webhook> = api
        .webhooks
        .iter()
        .filter(|w| !w.event_types.is_empty())
        .collect();

    let variants = events.iter().map(|w| {
        let name = ident(&w.variant);
        let ty = rust_type(w.payload.as_ref().unwrap_or(&TypeRef::Json), Scope::Crate);
        let doc = docs::outer(&variant_doc(w));
        quote! {
            #doc
            #name(#ty),
        }
    });
    let event_type_arms = events.iter().map(|w| {
        let name = ident(&w.variant);
        let value = w.canonical_event_type().unwrap_or_default();
        quote!(Self::#name(_) => #value,)
    });
    let parse_arms = events.iter().map(|w| {
        let name = ident(&w.variant);
        let values = w.event_types.iter().map(|e| &e.value);
        quote!(#(#values)|* => Self::#name(webhooks::payload(&event_type, payload)?),)
    });
    let serialize_arms = events.iter().map(|w| {
        let name = ident(&w.variant);
        quote!(Self::#name(payload) => serde::Serialize::serialize(payload, serializer),)
    });

    quote! {
        //! Webhook events: [`WebhookEvent`] reads a delivery's payload by its `type` field, and
        //! [`Verifier`] checks a delivery's signature first.
        //!
        //! A delivery carries the headers `webhook-id`, `webhook-timestamp` and
        //! `webhook-signature`; [`Verifier::verify_and_parse`] checks them against the raw body
        //! and the secret, then parses the body. The secret is used as it is, prefix included,
        //! unless [`Verifier::with_secret_encoding`] chooses [`SecretEncoding::StandardBase64`].

        use crate::runtime::webhooks;

        pub use crate::runtime::webhooks::{
            ParseError, SecretEncoding, SignatureHeaders, Verifier, VerifyError, WebhookError,
            WebhookHeaders, DEFAULT_TOLERANCE, HEADER_ID, HEADER_SIGNATURE, HEADER_TIMESTAMP,
        };

        /// A webhook event, by the `type` field of its payload.
        ///
        /// Parse one with [`WebhookEvent::from_slice`] (or `str::parse`, or serde) after
        /// checking its signature, or do both with [`Verifier::verify_and_parse`]. An event
        /// type this crate does not know becomes [`WebhookEvent::Unknown`] rather than an
        /// error, so new event types never break a receiver.
        // Events are read one at a time, so the size of the largest payload is no concern.
        #[allow(clippy::large_enum_variant)]
        #[derive(Debug, Clone, PartialEq)]
        pub enum WebhookEvent {
            #(#variants)*
            /// An event type this version of the crate does not know, kept as received.
            Unknown {
                /// The payload's `type`.
                event_type: String,
                /// The whole payload.
                payload: serde_json::Value,
            },
        }

        impl WebhookEvent {
            /// The event type, e.g. the payload's `type`. An event sent under a deprecated
            /// alias gives the name of its variant's event type.
            pub fn event_type(&self) -> &str {
                match self {
                    #(#event_type_arms)*
                    Self::Unknown { event_type, .. } => event_type,
                }
            }

            /// Parses a payload from the raw request body.
            pub fn from_slice(body: &[u8]) -> Result<Self, ParseError> {
                Self::from_value(webhooks::parse_body(body)?)
            }

            /// Parses a payload already read as JSON.
            pub fn from_value(payload: serde_json::Value) -> Result<Self, ParseError> {
                let event_type = webhooks::event_type(&payload)?;
                Ok(match event_type.as_str() {
                    #(#parse_arms)*
                    _ => Self::Unknown { event_type, payload },
                })
            }
        }

        impl std::str::FromStr for WebhookEvent {
            type Err = ParseError;

            fn from_str(body: &str) -> Result<Self, Self::Err> {
                Self::from_slice(body.as_bytes())
            }
        }

        impl serde::Serialize for WebhookEvent {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(#serialize_arms)*
                    Self::Unknown { payload, .. } => serde::Serialize::serialize(payload, serializer),
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for WebhookEvent {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let payload = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                Self::from_value(payload).map_err(serde::de::Error::custom)
            }
        }

        impl Verifier {
            /// Checks the signature of a delivery ([`Verifier::verify`]), then parses its
            /// body ([`WebhookEvent::from_slice`]).
            pub fn verify_and_parse(
                &self,
                headers: &impl SignatureHeaders,
                body: &[u8],
            ) -> Result<WebhookEvent, WebhookError> {
                self.verify(headers, body)?;
                Ok(WebhookEvent::from_slice(body)?)
            }

            /// [`Verifier::verify_and_parse`] with `now` as the current time.
            pub fn verify_and_parse_at(
                &self,
                headers: &impl SignatureHeaders,
                body: &[u8],
                now: std::time::SystemTime,
            ) -> Result<WebhookEvent, WebhookError> {
                self.verify_at(headers, body, now)?;
                Ok(WebhookEvent::from_slice(body)?)
            }
        }
    }
}

/// A variant's documentation: the webhook's summary and description, then its event types.
fn variant_doc(w: &Webhook) -> String {
    let mut doc = w.doc.clone().unwrap_or_default();
    if !doc.is_empty() {
        doc.push_str("\n\n");
    }
    let canonical = w.canonical_event_type().unwrap_or_default();
    doc.push_str(&format!("Event type `{canonical}`."));
    let aliases: Vec<String> = w
        .event_types
        .iter()
        .skip(1)
        .map(|e| format!("`{}`", e.value))
        .collect();
    if !aliases.is_empty() {
        let deprecated = w.event_types.iter().skip(1).all(|e| e.deprecated);
        let kind = if deprecated {
            "deprecated event type"
        } else {
            "event type"
        };
        let plural = if aliases.len() > 1 { "s" } else { "" };
        doc.push_str(&format!(
            " The {kind}{plural} {} {} parsed into this variant too; [`WebhookEvent::event_type`] then still says `{canonical}`, \
             and the payload's own `type` field keeps the value sent.",
            aliases.join(", "),
            if aliases.len() > 1 { "are" } else { "is" },
        ));
    }
    if w.event_types.first().is_some_and(|e| e.deprecated) {
        doc.push_str(" **Deprecated.**");
    }
    doc
}
