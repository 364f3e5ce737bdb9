// @generated: copied by codegen from codegen/runtime/mod.rs. Do not edit it here:
// edit the original, then run `cargo run -p codegen`.

//! Hand-written runtime of the generated client: sending requests (retries, rate limits,
//! timeouts, tracing), credentials, errors, pagination, and the impls of open enums and of
//! decoding structs.
//!
//! The generator copies these files verbatim from `codegen/runtime/`; what varies with the
//! API description is generated beside them. Not every API uses every part, hence the
//! `dead_code` allowance.
#![allow(dead_code)]

pub(crate) mod auth;
pub(crate) mod builder;
pub(crate) mod decode;
pub(crate) mod error;
pub(crate) mod http;
pub(crate) mod object;
pub(crate) mod open_enum;
pub(crate) mod pagination;
pub(crate) mod params;
pub(crate) mod ratelimit;
pub(crate) mod retry;

// Added by codegen: this API sends or receives bytes.
pub(crate) mod body;

// Added by codegen: this API sends forms.
pub(crate) mod form;

// Added by codegen: this API sends multipart forms.
pub(crate) mod multipart;
