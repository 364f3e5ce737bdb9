//! `client.rs`: the `Client` type, its defaults from the API description, and its doc.

use proc_macro2::TokenStream;
use quote::quote;

use super::{auth, docs};
use crate::ir::Api;
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
    let credentials_required = api.credentials_required();

    let mut doc = format!("A client for the {} (version {}).", api.title, api.version);
    doc.push_str(
        "\n\nEach operation is a method that returns a request builder: required parameters are \
         its arguments, optional ones are set on the builder, and `.send()` runs it.\n\n\
         Cloning is cheap: clones share one connection pool.",
    );
    if let Some(section) = auth::client_doc(api) {
        doc.push_str(&section);
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
    let new_fn = base_url.and_then(|_| auth::new_fn(api));
    // Clippy's `new_without_default`: a `new()` without arguments comes with `Default`.
    let default_impl = (base_url.is_some() && auth::new_takes_nothing(api)).then(|| {
        quote! {
            impl Default for Client {
                fn default() -> Self {
                    Self::new()
                }
            }
        }
    });
    let (from_env_summary, from_env_errors) = auth::from_env_doc(api, options);
    let from_env_doc = docs::outer(&format!(
        "{}\n\n# Errors\n\n{}",
        from_env_summary.trim(),
        from_env_errors.trim()
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
            schemes: crate::auth::SCHEMES,
            credentials_required: #credentials_required,
        };

        #doc
        #[derive(Clone, Debug)]
        pub struct Client {
            pub(crate) core: std::sync::Arc<crate::runtime::http::ClientCore>,
        }

        impl Client {
            #new_fn

            /// A builder to set the credentials, base URL, HTTP client, retries, timeouts and
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
