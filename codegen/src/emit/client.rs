//! `client.rs`: the `Client` type, its defaults from the API description, and its doc.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use crate::ir::{Api, Operation, SecurityScheme};
use crate::Options;

/// The absolute default base URL, if the first server has one.
pub fn default_base_url(api: &Api) -> Option<&str> {
    api.servers
        .first()
        .map(|s| s.trim_end_matches('/'))
        .filter(|s| s.starts_with("http://") || s.starts_with("https://"))
}

/// The whole `client.rs` module.
pub fn emit(api: &Api, options: &Options) -> TokenStream {
    let env_prefix = options.env_prefix();
    let key_var = format!("{env_prefix}_API_KEY");
    let url_var = format!("{env_prefix}_BASE_URL");
    let retries_var = format!("{env_prefix}_MAX_RETRIES");
    let timeout_var = format!("{env_prefix}_TIMEOUT");
    let uses_bearer = api.operations.iter().any(Operation::uses_bearer);
    let bearer_format = api.security_schemes.values().find_map(|s| match s {
        SecurityScheme::Bearer { format } => format.clone(),
        SecurityScheme::Unsupported(_) => None,
    });

    let mut doc = format!("A client for the {} (version {}).", api.title, api.version);
    doc.push_str(
        "\n\nEach operation is a method that returns a request builder: required parameters are \
         its arguments, optional ones are set on the builder, and `.send()` runs it.\n\n\
         Cloning is cheap: clones share one connection pool.",
    );
    if uses_bearer {
        doc.push_str("\n\n# Authentication\n\nThe API key goes in `Authorization: Bearer <key>` on every operation that requires it");
        if let Some(f) = &bearer_format {
            doc.push_str(&format!(" (keys look like `{f}`)"));
        }
        doc.push_str(". It never appears in `Debug` output or error messages.");
    }
    doc.push_str(
        "\n\n# Retries, timeouts and rate limits\n\n\
         Failed attempts are retried (by default twice) after connection failures, timeouts \
         and the statuses 408, 429, 500, 502, 503 and 504, honouring `Retry-After`; a `POST` \
         or `PATCH` only when it carries an `Idempotency-Key` or none of it was sent. Each \
         attempt times out after 60 s.",
    );
    if !api.rate_classes.is_empty() {
        let classes: Vec<String> = api
            .rate_classes
            .iter()
            .map(|c| format!("`{}` ({}/s, burst {})", c.name, c.per_second, c.burst))
            .collect();
        doc.push_str(&format!(
            " Requests wait for client-side rate limits, per class: {}.",
            classes.join(", ")
        ));
    }
    doc.push_str(" See [`ClientBuilder`](crate::ClientBuilder) to change all of this.");
    let doc = docs::outer(&doc);

    let base_url = default_base_url(api);
    let base_url_const = base_url.map(|url| {
        quote! {
            /// The base URL of the API description's first server, used unless
            /// [`ClientBuilder::base_url`](crate::ClientBuilder::base_url) says otherwise.
            pub const DEFAULT_BASE_URL: &str = #url;
        }
    });
    let defaults_base = match base_url {
        Some(_) => quote!(Some(DEFAULT_BASE_URL)),
        None => quote!(None),
    };
    let new_fn = base_url.map(|_| {
        if uses_bearer {
            quote! {
                /// A client for [`DEFAULT_BASE_URL`] that authenticates with `api_key`.
                ///
                /// # Panics
                ///
                /// If `api_key` holds characters an HTTP header can't carry (such as a
                /// newline), or TLS can't be set up. [`Client::builder`] reports both as
                /// errors instead.
                pub fn new(api_key: impl Into<String>) -> Self {
                    match Self::builder().api_key(api_key).build() {
                        Ok(client) => client,
                        Err(error) => panic!("{error}"),
                    }
                }
            }
        } else {
            quote! {
                /// A client for [`DEFAULT_BASE_URL`].
                ///
                /// # Panics
                ///
                /// If TLS can't be set up; [`Client::builder`] reports that as an error instead.
                pub fn new() -> Self {
                    match Self::builder().build() {
                        Ok(client) => client,
                        Err(error) => panic!("{error}"),
                    }
                }
            }
        }
    });
    // Clippy's `new_without_default`: a `new()` without arguments comes with `Default`.
    let default_impl = (base_url.is_some() && !uses_bearer).then(|| {
        quote! {
            impl Default for Client {
                fn default() -> Self {
                    Self::new()
                }
            }
        }
    });
    let from_env_doc = docs::outer(&format!(
        "A client configured from the environment: `{key_var}` (required), `{url_var}`, \
         `{retries_var}` (a whole number) and `{timeout_var}` (seconds of each attempt) \
         (optional).\n\n\
         # Errors\n\n\
         If `{key_var}` is unset or empty, a variable is not Unicode or malformed (the \
         message names it), or the settings are invalid."
    ));
    let rate_classes = api.rate_classes.iter().map(|c| {
        let name = &c.name;
        let per_second = proc_macro2::Literal::f64_unsuffixed(c.per_second);
        let burst = proc_macro2::Literal::u32_unsuffixed(c.burst);
        quote! {
            crate::runtime::ratelimit::RateClass {
                name: #name,
                per_second: #per_second,
                burst: #burst,
            }
        }
    });
    quote! {
        //! The client: where requests go and how they authenticate.

        use crate::runtime::builder::Defaults;

        #base_url_const

        static DEFAULTS: Defaults = Defaults {
            base_url: #defaults_base,
            env_prefix: #env_prefix,
            rate_classes: &[#(#rate_classes),*],
        };

        #doc
        #[derive(Clone, Debug)]
        pub struct Client {
            pub(crate) core: std::sync::Arc<crate::runtime::http::ClientCore>,
        }

        impl Client {
            #new_fn

            /// A builder to set the API key, base URL, HTTP client, retries, timeouts and
            /// rate limits.
            pub fn builder() -> crate::ClientBuilder {
                crate::ClientBuilder::new(&DEFAULTS)
            }

            #from_env_doc
            pub fn from_env() -> Result<Self, crate::Error> {
                Self::builder().with_env()?.build()
            }

            /// The base URL requests go to, without a trailing `/`.
            pub fn base_url(&self) -> &str {
                &self.core.base_url
            }
        }

        #default_impl
    }
}
