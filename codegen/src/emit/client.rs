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
    let from_env_doc = format!(
        " A client configured from the environment: `{key_var}` (required) and `{url_var}` (optional)."
    );
    let from_env_errors = format!(
        " If `{key_var}` is unset or empty, a variable is not Unicode, or the settings are invalid."
    );
    quote! {
        #![doc = " The client: where requests go and how they authenticate."]

        use crate::runtime::builder::Defaults;

        #base_url_const

        static DEFAULTS: Defaults = Defaults {
            base_url: #defaults_base,
            env_prefix: #env_prefix,
        };

        #doc
        #[derive(Clone, Debug)]
        pub struct Client {
            pub(crate) core: std::sync::Arc<crate::runtime::http::ClientCore>,
        }

        impl Client {
            #new_fn

            /// A builder to set the API key, base URL and HTTP client.
            pub fn builder() -> crate::ClientBuilder {
                crate::ClientBuilder::new(&DEFAULTS)
            }

            #[doc = #from_env_doc]
            ///
            /// # Errors
            ///
            #[doc = #from_env_errors]
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
