//! Names the generated crate defines itself, which names from the description must not
//! take. `resolve` keeps operations, parameters and types off them; `emit` writes them; a
//! test (`emit::tests`) checks that emit writes no name missing here.

/// Methods of `Client` that are not operations.
pub(crate) const CLIENT_METHODS: &[&str] = &["new", "builder", "from_env", "base_url", "clone"];

/// A request builder's members besides its parameter setters: its fields (`client`,
/// `body`, `options`), per-request options and methods. A parameter whose name would be
/// one of them gets the next free variant instead (`timeout` → `timeout2`).
pub(crate) const BUILDER_MEMBERS: &[&str] = &[
    "client",
    "body",
    "options",
    "timeout",
    "max_retries",
    "retry_statuses",
    "header",
    "query_pair",
    "idempotency_key",
    "send",
    "send_with_response",
    "send_streaming",
    "request",
    "decode",
    "decode_stream",
    "items",
    "pages",
];

/// The builder option that sets the `Idempotency-Key` header, which the first such
/// header parameter of an operation becomes.
pub(crate) const IDEMPOTENCY_KEY_OPTION: &str = "idempotency_key";

/// Methods of `ClientBuilder` besides those of the security schemes, which scheme methods
/// must not take (`api_key` is the shortcut of an API with one scheme; see
/// `emit::auth`).
pub(crate) const CLIENT_BUILDER_METHODS: &[&str] = &[
    "new",
    "api_key",
    "base_url",
    "http_client",
    "timeout",
    "connect_timeout",
    "max_retries",
    "retry_statuses",
    "retry_backoff",
    "max_retry_after",
    "rate_limit",
    "rate_limits_enabled",
    "strict_decoding",
    "request_hook",
    "credential",
    "with_env",
    "build",
    "buckets",
];

/// Environment variables `Client::from_env` reads besides the schemes' credentials, after
/// the prefix and `_`.
pub(crate) const ENV_SUFFIXES: &[&str] = &["BASE_URL", "MAX_RETRIES", "TIMEOUT"];

/// Types the crate defines beside the models, which models may not be named.
pub(crate) const CRATE_TYPES: &[&str] = &[
    "Client",
    "ClientBuilder",
    "Error",
    "ApiError",
    "DecodeError",
    "Deviation",
    "Substitution",
    "ErrorBody",
    "Response",
    "Page",
    "Pages",
    "UnionError",
    "Items",
    "StatusCode",
    "TokenProvider",
    "TokenFuture",
    "ClientCredentials",
    "OutgoingRequest",
    "Body",
    "ByteStream",
    "FilePart",
    "Multipart",
    "Base64Bytes",
    "InvalidBase64",
];

/// Crates the generated crate re-exports at its root.
pub(crate) const REEXPORTED_CRATES: &[&str] =
    &["chrono", "futures", "reqwest", "serde_json", "uuid"];

/// Names of the standard prelude (and the traits generated code names unqualified) that
/// a model of the same name would shadow inside `models`.
pub(crate) const PRELUDE_TYPES: &[&str] = &[
    "Box",
    "Clone",
    "Copy",
    "Default",
    "Eq",
    "Err",
    "From",
    "Into",
    "Iterator",
    "None",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Send",
    "Sized",
    "Some",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "Vec",
];

/// The name a type from the description gets when `base` is one the crate or the prelude
/// reserves: `Error` → `ErrorModel`, `String` → `StringModel`. Other names are kept.
pub(crate) fn model_name(base: &str) -> String {
    if CRATE_TYPES.contains(&base) || PRELUDE_TYPES.contains(&base) {
        format!("{base}Model")
    } else {
        base.to_owned()
    }
}
