//! The intermediate representation: the API as the emitter needs it.
//!
//! It depends on neither `openapiv3` nor `quote`. Names here are already Rust names
//! (checked for keywords and collisions); the wire names sit beside them. Each node keeps
//! the JSON pointer it came from, so later phases can report precisely.

use std::collections::{BTreeMap, BTreeSet};

/// The whole API.
#[derive(Debug, Clone, Default)]
pub struct Api {
    /// `info.title`.
    pub title: String,
    /// `info.version`.
    pub version: String,
    /// `info.description`.
    pub description: Option<String>,
    /// What the generated manifest says of the package.
    pub package: Package,
    /// `servers[*].url`, in order; the first is the default base URL.
    pub servers: Vec<String>,
    /// Named types, by Rust name (a `BTreeMap` so output order never depends on hashing).
    pub types: BTreeMap<String, TypeDef>,
    /// Operations in document order.
    pub operations: Vec<Operation>,
    /// Security schemes by their key in `components.securitySchemes`.
    pub security_schemes: BTreeMap<String, SecurityScheme>,
    /// Webhook events (`webhooks` of an OpenAPI 3.1 document), in document order.
    pub webhooks: Vec<Webhook>,
    /// Client-side rate-limit classes (from the generator's config), in name order;
    /// [`Operation::rate_class`] names one.
    pub rate_classes: Vec<RateClass>,
    /// The variants of the generated `ErrorBody`: one per distinct JSON body type of
    /// error responses across the API, in order of first use.
    pub error_bodies: Vec<ErrorBodyVariant>,
    /// Whether some value is [`TypeRef::Base64`]: the crate then has `runtime/base64.rs`
    /// and the `base64` crate.
    pub base64: bool,
}

impl Api {
    /// Whether some operation can't be sent without credentials (so `Client::from_env`
    /// requires one).
    pub fn credentials_required(&self) -> bool {
        self.operations.iter().any(|op| !op.security.optional())
    }
}

/// A variant of the generated `ErrorBody` enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorBodyVariant {
    /// Rust name, e.g. `ErrorResponse`.
    pub name: String,
    /// The body type it holds.
    pub ty: TypeRef,
}

/// Package metadata for the generated `Cargo.toml`, where the description has it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Package {
    /// An SPDX license expression, from `info.license`.
    pub license: Option<String>,
    /// A home page, from `externalDocs` or `info.contact.url`.
    pub homepage: Option<String>,
    /// A source repository (a URL of a known code host), from the same places.
    pub repository: Option<String>,
}

/// A client-side rate limit shared by the operations of its class: a token bucket.
#[derive(Debug, Clone, PartialEq)]
pub struct RateClass {
    /// Its name, e.g. `general`.
    pub name: String,
    /// Requests per second on average.
    pub per_second: f64,
    /// Requests that may go at once.
    pub burst: u32,
}

/// A named Rust type.
#[derive(Debug, Clone)]
pub struct TypeDef {
    /// Rust name, e.g. `SmtpCredential`.
    pub name: String,
    /// Where the schema is, e.g. `/components/schemas/SMTPCredential`.
    pub pointer: String,
    /// The schema's title and description.
    pub doc: Option<String>,
    /// Whether `null` is a valid value of this type wherever it is used.
    pub nullable: bool,
    /// What kind of type.
    pub kind: TypeKind,
    /// The schema's `example`, for the documentation's examples.
    pub example: Option<serde_json::Value>,
}

/// The shape of a [`TypeDef`].
#[derive(Debug, Clone)]
pub enum TypeKind {
    /// A struct with named fields.
    Struct(Struct),
    /// A string enum that keeps unknown values.
    Enum(Enum),
    /// An integer enum that keeps unknown values.
    IntEnum(IntEnum),
    /// Another name for a type (`pub type X = Y;`).
    Alias(TypeRef),
    /// One of several types (`oneOf`, `anyOf`): an enum with a variant per branch.
    Union(Union),
}

/// What `ty` stands for through aliases: the first type reached that is no alias, and its
/// kind when it is a named type (`None` for an unnamed type, or a name not defined).
///
/// This is the one place that follows aliases. It relies on the invariant that
/// [`crate::resolve`] establishes right after the types are built, before any pass reads
/// them: no alias names itself, directly or through others (such cycles are reported and
/// broken there). A chain is then no longer than there are types.
pub fn unalias<'t>(
    types: &'t BTreeMap<String, TypeDef>,
    ty: &'t TypeRef,
) -> (&'t TypeRef, Option<&'t TypeKind>) {
    static JSON: TypeRef = TypeRef::Json;
    let mut ty = ty;
    for _ in 0..=types.len() {
        match ty {
            TypeRef::Named(n) => match types.get(n).map(|d| &d.kind) {
                Some(TypeKind::Alias(next)) => ty = next,
                kind => return (ty, kind),
            },
            _ => return (ty, None),
        }
    }
    debug_assert!(
        false,
        "alias cycle through {ty:?}: resolve breaks every one"
    );
    (&JSON, None)
}

impl TypeKind {
    /// The types this definition names directly: a struct's fields, additional
    /// properties and flattened member, a union's variants, an alias's target.
    pub fn children(&self) -> Vec<&TypeRef> {
        match self {
            TypeKind::Struct(s) => s
                .fields
                .iter()
                .map(|f| &f.ty)
                .chain(&s.additional)
                .chain(s.flattened.iter().map(|(_, ty)| ty))
                .collect(),
            TypeKind::Alias(target) => vec![target],
            TypeKind::Union(u) => u.variants.iter().map(|v| &v.ty).collect(),
            TypeKind::Enum(_) | TypeKind::IntEnum(_) => Vec::new(),
        }
    }

    /// [`TypeKind::children`], to change.
    pub fn children_mut(&mut self) -> Vec<&mut TypeRef> {
        match self {
            TypeKind::Struct(s) => s
                .fields
                .iter_mut()
                .map(|f| &mut f.ty)
                .chain(&mut s.additional)
                .chain(s.flattened.iter_mut().map(|(_, ty)| ty))
                .collect(),
            TypeKind::Alias(target) => vec![target],
            TypeKind::Union(u) => u.variants.iter_mut().map(|v| &mut v.ty).collect(),
            TypeKind::Enum(_) | TypeKind::IntEnum(_) => Vec::new(),
        }
    }
}

impl TypeRef {
    /// Every type name written in it.
    pub fn names(&self) -> Vec<&String> {
        match self {
            TypeRef::Named(name) => vec![name],
            TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => inner.names(),
            TypeRef::Tuple(items) => items.iter().flat_map(TypeRef::names).collect(),
            _ => Vec::new(),
        }
    }

    /// Every type name written in it, to change.
    pub fn names_mut(&mut self) -> Vec<&mut String> {
        match self {
            TypeRef::Named(name) => vec![name],
            TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
                inner.names_mut()
            }
            TypeRef::Tuple(items) => items.iter_mut().flat_map(TypeRef::names_mut).collect(),
            _ => Vec::new(),
        }
    }
}

/// The names of the types `roots` reach, themselves included: through arrays, maps and
/// nullables, and each named type's [children](TypeKind::children).
pub fn reachable<'t>(
    types: &'t BTreeMap<String, TypeDef>,
    roots: impl IntoIterator<Item = &'t TypeRef>,
) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<&TypeRef> = roots.into_iter().collect();
    while let Some(ty) = stack.pop() {
        match ty {
            TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
                stack.push(inner)
            }
            TypeRef::Tuple(items) => stack.extend(items),
            TypeRef::Named(name) => {
                if !seen.insert(name.clone()) {
                    continue;
                }
                if let Some(def) = types.get(name) {
                    stack.extend(def.kind.children());
                }
            }
            _ => {}
        }
    }
    seen
}

/// A `oneOf` or `anyOf` of several shapes: an enum whose variants each hold one type.
#[derive(Debug, Clone)]
pub struct Union {
    /// The variants. An untagged union tries them in this order, which
    /// [`crate::resolve`] makes the most specific first.
    pub variants: Vec<UnionVariant>,
    /// How a value says which variant it is.
    pub repr: UnionRepr,
    /// Written as `anyOf` (several branches may hold at once) rather than `oneOf`.
    pub any_of: bool,
}

impl Union {
    /// Whether it is untagged and every variant a scalar that displays as the text a URL
    /// or header carries (not a date-time, whose `Display` is not RFC 3339): the union then
    /// implements `Display`, and can be a path, query or header parameter.
    pub fn is_text(&self, types: &BTreeMap<String, TypeDef>) -> bool {
        let text = |ty: &TypeRef| match unalias(types, ty) {
            (_, Some(TypeKind::Enum(_) | TypeKind::IntEnum(_))) => true,
            (ty, None) => matches!(
                ty,
                TypeRef::String
                    | TypeRef::Uuid
                    | TypeRef::Date
                    | TypeRef::I32
                    | TypeRef::I64
                    | TypeRef::F64
                    | TypeRef::Bool
                    | TypeRef::Base64
            ),
            _ => false,
        };
        self.repr == UnionRepr::Untagged && self.variants.iter().all(|v| text(&v.ty))
    }
}

/// How the JSON of a [`Union`] names its variant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnionRepr {
    /// By its shape: the first variant (in order) that the value decodes as.
    Untagged,
    /// By the string property `property` of an object, whose values each
    /// [`UnionVariant::tags`] lists; a value not listed is kept in the variant `fallback`.
    Tagged {
        /// The wire name of the tag property, e.g. `petType`.
        property: String,
        /// Name of the variant that keeps a value with an unknown tag (`Unknown`, unless a
        /// variant took that name).
        fallback: String,
        /// The description names the property as its `discriminator` (else every branch
        /// fixes it to one value, and the generator found it).
        declared: bool,
    },
}

/// One variant of a [`Union`].
#[derive(Debug, Clone)]
pub struct UnionVariant {
    /// Rust name, e.g. `PullRequest` or `String`.
    pub name: String,
    /// The type it holds.
    pub ty: TypeRef,
    /// The branch's description.
    pub doc: Option<String>,
    /// The tag values that name it, the one written first (tagged unions only).
    pub tags: Vec<String>,
    /// Held in a `Box` because the type contains itself through this variant.
    pub boxed: bool,
}

/// Fields of a struct, in schema order.
#[derive(Debug, Clone, Default)]
pub struct Struct {
    /// The fields.
    pub fields: Vec<Field>,
    /// The type of properties not listed (`additionalProperties`), kept in a map.
    pub additional: Option<TypeRef>,
    /// A union beside the fields (`allOf: [base, {oneOf: ..}]`), as a field of this name
    /// whose properties are the struct's own (`#[serde(flatten)]`).
    pub flattened: Option<(String, TypeRef)>,
}

/// One property of an object schema.
#[derive(Debug, Clone)]
pub struct Field {
    /// Rust name, e.g. `created_at` or `type_`.
    pub name: String,
    /// JSON name, e.g. `created_at` or `type`.
    pub wire_name: String,
    /// The value's type (without the `Option` that `required`/`nullable` add).
    pub ty: TypeRef,
    /// Listed in `required`.
    pub required: bool,
    /// `null` is allowed.
    pub nullable: bool,
    /// Description.
    pub doc: Option<String>,
    /// `default`, as JSON text, for the documentation.
    pub default: Option<String>,
    /// `deprecated: true`.
    pub deprecated: bool,
    /// Held in a `Box` because the type contains itself through this field.
    pub boxed: bool,
    /// Optional and nullable in a type the client sends: absent and `null` mean different
    /// things, so the field is an `Option<Option<T>>` (`Some(None)` is sent as `null`).
    pub explicit_null: bool,
    /// The property's own `example`, for the documentation's examples.
    pub example: Option<serde_json::Value>,
}

/// A string enum.
#[derive(Debug, Clone)]
pub struct Enum {
    /// Known values, in schema order.
    pub variants: Vec<Variant>,
    /// Name of the variant that keeps a value the spec doesn't list (`Unknown`, unless a
    /// listed value already took that name).
    pub fallback: String,
}

/// An integer enum (`type: integer` with `enum`): a variant per listed value, and a
/// fallback that keeps any other.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntEnum {
    /// Known values, in schema order.
    pub variants: Vec<IntVariant>,
    /// Name of the variant that keeps a value the spec doesn't list (`Unknown`, unless a
    /// listed value already took that name).
    pub fallback: String,
}

/// One listed value of an [`IntEnum`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntVariant {
    /// Rust name: the one `x-enum-varnames` or `x-enumNames` gives, else `Value1`.
    pub name: String,
    /// The value.
    pub value: i64,
}

/// One listed value of an [`Enum`].
#[derive(Debug, Clone)]
pub struct Variant {
    /// Rust name, e.g. `BillingManager`.
    pub name: String,
    /// Wire value, e.g. `Billing Manager`.
    pub value: String,
}

/// A reference to a type, as a field, parameter or body uses it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeRef {
    /// `String`.
    String,
    /// `uuid::Uuid`.
    Uuid,
    /// `chrono::DateTime<chrono::Utc>`.
    DateTime,
    /// `chrono::NaiveDate`.
    Date,
    /// `i32`.
    I32,
    /// `i64`.
    I64,
    /// `f64`.
    F64,
    /// `bool`.
    Bool,
    /// `Base64Bytes` (`runtime/base64.rs`): bytes written as base64 text, a string with
    /// `format: byte` or (3.1) `contentEncoding: base64`.
    Base64,
    /// Any JSON value.
    Json,
    /// A named type of [`Api::types`].
    Named(String),
    /// `Vec<T>`.
    Array(Box<TypeRef>),
    /// A tuple `(A, B, …)` of scalars: a 3.1 `prefixItems` that no more items may follow.
    Tuple(Vec<TypeRef>),
    /// A map from string keys (`std::collections::BTreeMap<String, T>`).
    Map(Box<TypeRef>),
    /// `Option<T>`: a value that may be `null`.
    Nullable(Box<TypeRef>),
}

impl TypeRef {
    /// Whether it is a JSON scalar of its own: a string (of any format), a number or a
    /// boolean (named types aside).
    pub fn is_scalar(&self) -> bool {
        matches!(
            self,
            TypeRef::String
                | TypeRef::Uuid
                | TypeRef::DateTime
                | TypeRef::Date
                | TypeRef::I32
                | TypeRef::I64
                | TypeRef::F64
                | TypeRef::Bool
                | TypeRef::Base64
        )
    }
}

/// An HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Method {
    /// GET.
    Get,
    /// PUT.
    Put,
    /// POST.
    Post,
    /// DELETE.
    Delete,
    /// OPTIONS.
    Options,
    /// HEAD.
    Head,
    /// PATCH.
    Patch,
    /// TRACE.
    Trace,
}

impl Method {
    /// Every method, in the order a path item lists them.
    pub const ALL: [Method; 8] = [
        Method::Get,
        Method::Put,
        Method::Post,
        Method::Delete,
        Method::Options,
        Method::Head,
        Method::Patch,
        Method::Trace,
    ];

    /// The method of a path item's field name (`get`), if it names one.
    pub fn from_field(field: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.field() == field)
    }

    /// Its field name in a path item, e.g. `get`.
    pub fn field(self) -> &'static str {
        match self {
            Method::Get => "get",
            Method::Put => "put",
            Method::Post => "post",
            Method::Delete => "delete",
            Method::Options => "options",
            Method::Head => "head",
            Method::Patch => "patch",
            Method::Trace => "trace",
        }
    }

    /// Upper-case name, e.g. `GET`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Head => "HEAD",
            Method::Patch => "PATCH",
            Method::Trace => "TRACE",
        }
    }
}

/// One operation (path + method).
#[derive(Debug, Clone)]
pub struct Operation {
    /// `operationId`, or one derived from the method and path.
    pub id: String,
    /// Whether [`Operation::id`] was derived because the spec has none.
    pub id_derived: bool,
    /// Method name on `Client`, e.g. `get_smtp_credentials`; also the name of its module
    /// (and file) under `operations/`.
    pub fn_name: String,
    /// Request builder type name, e.g. `GetSmtpCredentials`.
    pub builder_name: String,
    /// HTTP method.
    pub method: Method,
    /// Path template, e.g. `/v2/accounts/{account_id}/smtp-credentials`.
    pub path: String,
    /// Where it is, e.g. `/paths/~1v2~1accounts~1{account_id}~1smtp-credentials/get`.
    pub pointer: String,
    /// `summary`.
    pub summary: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `deprecated: true`.
    pub deprecated: bool,
    /// Parameters: path ones in path order first, then the others in spec order.
    pub params: Vec<Param>,
    /// The request body.
    pub body: Option<RequestBody>,
    /// Responses in spec order.
    pub responses: Vec<Response>,
    /// How the operation is authenticated.
    pub security: Security,
    /// Cursor pagination, when the operation has its shape.
    pub pagination: Option<Pagination>,
    /// Whether it declares the `Idempotency-Key` header parameter (see
    /// [`Param::is_idempotency_key`]): the client then sends a key with every call, the
    /// same on each retry.
    pub idempotency_key: bool,
    /// Its rate-limit class (a name in [`Api::rate_classes`]): the `x-rate-limit-class`
    /// extension, else as the generator's config assigns it.
    pub rate_class: Option<String>,
    /// How a response is read: the `Accept` header, the success body, the error arms.
    pub outcomes: Outcomes,
    /// The media types a Swagger 2.0 operation declares it `produces` (its own or the
    /// document's; see [`crate::swagger::PRODUCES`]); empty for OpenAPI 3.
    pub produces: Vec<String>,
    /// `tags`, as written: the generated crate has a Cargo feature per tag that gates the
    /// operation (see `emit::usage`).
    pub tags: Vec<String>,
}

/// How an operation's responses are read, decided once for the emitter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcomes {
    /// The `Accept` header sent: the media type read for each success status (JSON
    /// first), then those of the JSON error bodies; `application/json` when none is
    /// declared.
    pub accept: String,
    /// The body of a successful response.
    pub success: SuccessBody,
    /// Statuses whose error body is decoded differently from [`Outcomes::fallback`], in
    /// match order: exact codes (grouped by outcome), then `4XX`-style ranges.
    pub error_arms: Vec<ErrorArm>,
    /// The `ErrorBody` variant of every other error status (from `default`), if any.
    pub fallback: Option<String>,
}

/// How a successful response's body is read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum SuccessBody {
    /// No body: `()`.
    #[default]
    Empty,
    /// JSON, decoded as the type.
    Json(TypeRef),
    /// Text (`text/*`, XML), as a `String`.
    Text,
    /// Any other media type, as `bytes::Bytes` (or streamed with `send_streaming`).
    Binary,
    /// Success statuses with different bodies: an enum with a variant per status.
    Statuses(StatusEnum),
}

impl SuccessBody {
    /// How a body described by `content` is read.
    pub fn of(content: Option<&Content>) -> SuccessBody {
        match content {
            None => SuccessBody::Empty,
            Some(Content::Json(ty)) => SuccessBody::Json(ty.clone()),
            Some(Content::Text) => SuccessBody::Text,
            Some(Content::Binary) => SuccessBody::Binary,
        }
    }
}

/// The per-operation enum of a [`SuccessBody::Statuses`], e.g. `CreateThingResponse`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusEnum {
    /// Rust name, unique among the names of the `operations` module.
    pub name: String,
    /// One variant per declared success status, in match order: codes, then ranges.
    pub variants: Vec<StatusVariant>,
    /// Name of the variant of a success status the API does not declare (its body as
    /// text), when no `2XX` range catches every other one.
    pub other: Option<String>,
}

/// A variant of a [`StatusEnum`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusVariant {
    /// Rust name, from the status's reason phrase (`201` → `Created`).
    pub name: String,
    /// The statuses it covers: a code, or a `2XX` range.
    pub status: StatusMatch,
    /// How its body is read (never [`SuccessBody::Statuses`]).
    pub body: SuccessBody,
    /// The response's description and media type, for its documentation.
    pub doc: String,
}

/// Statuses of error responses decoded alike.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorArm {
    /// The statuses: [`StatusMatch::Code`]s or [`StatusMatch::Range`]s.
    pub statuses: Vec<StatusMatch>,
    /// The `ErrorBody` variant their body decodes as (`None`: no typed body).
    pub body: Option<String>,
}

impl Operation {
    /// The 2xx responses; `default` when the operation declares no 2xx response.
    pub fn successes(&self) -> impl Iterator<Item = &Response> {
        let default_succeeds = self.default_succeeds();
        self.responses
            .iter()
            .filter(move |r| r.status.is_success() || default_succeeds && r.is_default())
    }

    /// Every other response: not 2xx, and `default` when a 2xx response is declared.
    pub fn failures(&self) -> impl Iterator<Item = &Response> {
        let default_succeeds = self.default_succeeds();
        self.responses
            .iter()
            .filter(move |r| !(r.status.is_success() || default_succeeds && r.is_default()))
    }

    /// Whether `default` describes success: it does when no 2xx response is declared.
    fn default_succeeds(&self) -> bool {
        !self.responses.iter().any(|r| r.status.is_success())
    }

    /// The JSON body type of a successful call, when every success status declares it
    /// (`None`: no body, another media type, or different bodies).
    pub fn success_type(&self) -> Option<&TypeRef> {
        let mut types = self
            .successes()
            .map(|r| r.body.as_ref().and_then(ResponseBody::json_type));
        let first = types.next()??;
        types.all(|t| t == Some(first)).then_some(first)
    }

    /// The names of the `{…}` variables of its path template, in order.
    pub fn path_vars(&self) -> Vec<&str> {
        template_vars(&self.path)
    }
}

/// The names of the `{…}` variables of a path template, in order.
pub fn template_vars(path: &str) -> Vec<&str> {
    path.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect()
}

/// A media type's essence: lower case, without parameters (`Text/Plain; charset=x` →
/// `text/plain`).
pub fn essence(media_type: &str) -> String {
    media_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// Whether a media type carries JSON: `application/json`, `text/json` or any `…+json`
/// type.
pub fn is_json(media_type: &str) -> bool {
    let essence = essence(media_type);
    essence == "application/json" || essence == "text/json" || essence.ends_with("+json")
}

/// Whether a media type is text this client reads and sends as a `String`: `text/…`
/// (the range `text/*` too) and XML (`application/xml`, `…+xml`).
pub fn is_text(media_type: &str) -> bool {
    let essence = essence(media_type);
    essence.starts_with("text/") || is_xml(&essence)
}

/// Whether a media type is XML: `application/xml`, `text/xml` or any `…+xml` type.
pub fn is_xml(media_type: &str) -> bool {
    let essence = essence(media_type);
    essence == "application/xml" || essence == "text/xml" || essence.ends_with("+xml")
}

/// Whether a media type names a range (`*/*`, `image/*`) rather than one type.
pub fn is_wildcard(media_type: &str) -> bool {
    essence(media_type).contains('*')
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ParamLocation {
    /// In the path template.
    Path,
    /// In the query string.
    Query,
    /// A request header.
    Header,
    /// A cookie.
    Cookie,
}

/// One parameter.
#[derive(Debug, Clone)]
pub struct Param {
    /// Rust name (argument and setter), e.g. `account_id`.
    pub name: String,
    /// Wire name, e.g. `account_id` or `Idempotency-Key`.
    pub wire_name: String,
    /// Where it goes.
    pub location: ParamLocation,
    /// Whether it must be given.
    pub required: bool,
    /// Its type, `Nullable` when `null` is allowed.
    pub ty: TypeRef,
    /// Description.
    pub doc: Option<String>,
    /// `default`, as JSON text, for the documentation.
    pub default: Option<String>,
    /// `deprecated: true`.
    pub deprecated: bool,
    /// Where it is.
    pub pointer: String,
    /// How its value is written: style, `explode`, `allowReserved`, or `content`.
    pub serialization: Serialization,
    /// What kind of value its type holds, as the styles see it.
    pub shape: ParamShape,
    /// Its `example` (or first of `examples`, or its schema's), for the documentation's
    /// examples.
    pub example: Option<serde_json::Value>,
}

impl Param {
    /// Whether this is the `Idempotency-Key` request header, which the client fills in
    /// itself rather than as an ordinary parameter.
    pub fn is_idempotency_key(&self) -> bool {
        is_idempotency_key(self.location, &self.wire_name)
    }
}

/// Whether a parameter named `wire_name` in `location` is the `Idempotency-Key` header.
pub fn is_idempotency_key(location: ParamLocation, wire_name: &str) -> bool {
    location == ParamLocation::Header && wire_name.eq_ignore_ascii_case("Idempotency-Key")
}

/// How a parameter's value is written: the parameter object's `style`, `explode` and
/// `allowReserved` (with the specification's defaults filled in), or its `content`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Serialization {
    /// The style (for `content`, the location's default).
    pub style: ParamStyle,
    /// `explode`.
    pub explode: bool,
    /// `allowReserved: true` (query parameters): reserved characters are not escaped.
    pub allow_reserved: bool,
    /// The media type of `content`, when the parameter is given by one.
    pub content: Option<String>,
}

impl Serialization {
    /// A location's default: `form` exploded for query and cookie parameters, `simple`
    /// not exploded for path and header ones.
    pub fn default_for(location: ParamLocation) -> Serialization {
        let style = ParamStyle::default_for(location);
        Serialization {
            style,
            explode: style == ParamStyle::Form,
            allow_reserved: false,
            content: None,
        }
    }

    /// Whether the value is sent as its JSON text (`content` with a JSON media type).
    pub fn is_json(&self) -> bool {
        self.content.as_deref().is_some_and(is_json)
    }
}

/// A parameter `style`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ParamStyle {
    /// `form` (query, cookie).
    Form,
    /// `spaceDelimited` (query).
    SpaceDelimited,
    /// `pipeDelimited` (query).
    PipeDelimited,
    /// `deepObject` (query).
    DeepObject,
    /// `simple` (path, header).
    Simple,
    /// `label` (path).
    Label,
    /// `matrix` (path).
    Matrix,
}

impl ParamStyle {
    /// The style of a location when none is given.
    pub fn default_for(location: ParamLocation) -> ParamStyle {
        match location {
            ParamLocation::Query | ParamLocation::Cookie => ParamStyle::Form,
            ParamLocation::Path | ParamLocation::Header => ParamStyle::Simple,
        }
    }

    /// Its name in the description, e.g. `deepObject`.
    pub fn as_str(self) -> &'static str {
        match self {
            ParamStyle::Form => "form",
            ParamStyle::SpaceDelimited => "spaceDelimited",
            ParamStyle::PipeDelimited => "pipeDelimited",
            ParamStyle::DeepObject => "deepObject",
            ParamStyle::Simple => "simple",
            ParamStyle::Label => "label",
            ParamStyle::Matrix => "matrix",
        }
    }
}

/// What a parameter's type holds, as far as styles care.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ParamShape {
    /// A string, number, boolean, date, UUID or string enum.
    Primitive,
    /// An array of primitives.
    Array,
    /// An object (a struct or a map) whose properties are primitives.
    Object,
    /// An array of arrays or objects, or an object with array or object properties: only
    /// `deepObject` (or `content`) can write it.
    Nested,
    /// Any JSON value (no type, or a `oneOf`): its shape is known when it is sent.
    Any,
}

/// A request body.
#[derive(Debug, Clone)]
pub struct RequestBody {
    /// The media type sent, as declared, e.g. `application/json` or `image/*`.
    pub media_type: String,
    /// How the body is given and encoded.
    pub kind: BodyKind,
    /// `required: true`.
    pub required: bool,
    /// Description.
    pub doc: Option<String>,
    /// Where it is.
    pub pointer: String,
    /// The other media types the operation accepts, which this client does not send.
    pub others: Vec<String>,
    /// The media type's `example` (or first of `examples`), for the documentation's
    /// examples.
    pub example: Option<serde_json::Value>,
}

impl RequestBody {
    /// The types the client serialises with serde: the JSON or form body, and the JSON
    /// parts of a multipart one.
    pub fn sent_types(&self) -> Vec<&TypeRef> {
        match &self.kind {
            BodyKind::Json(ty) | BodyKind::Form(FormBody { ty, .. }) => vec![ty],
            BodyKind::Multipart(Some(m)) => m
                .parts
                .iter()
                .filter_map(|p| match &p.kind {
                    PartKind::Json(ty) | PartKind::Text(ty) => Some(ty),
                    PartKind::File => None,
                })
                .collect(),
            BodyKind::Multipart(None) | BodyKind::Text | BodyKind::Xml | BodyKind::Binary => {
                Vec::new()
            }
        }
    }

    /// The `Content-Type` sent: the media type as declared, or for a range (`*/*`,
    /// `image/*`) the usual one of the body's kind (a binary body may set its own).
    pub fn content_type(&self) -> &str {
        if !is_wildcard(&self.media_type) {
            return &self.media_type;
        }
        match self.kind {
            BodyKind::Json(_) => "application/json",
            BodyKind::Text => "text/plain",
            BodyKind::Xml => "application/xml",
            BodyKind::Form(_) => "application/x-www-form-urlencoded",
            BodyKind::Multipart(_) => "multipart/form-data",
            BodyKind::Binary => "application/octet-stream",
        }
    }

    /// The body's type when it is JSON.
    pub fn json_type(&self) -> Option<&TypeRef> {
        match &self.kind {
            BodyKind::Json(ty) => Some(ty),
            _ => None,
        }
    }
}

/// How a request body is given and encoded.
#[derive(Debug, Clone, PartialEq)]
pub enum BodyKind {
    /// JSON (`application/json`, any `…+json` type, or a range with a JSON schema),
    /// serialised from the type.
    Json(TypeRef),
    /// `application/x-www-form-urlencoded`, from a typed struct.
    Form(FormBody),
    /// `multipart/form-data`: typed parts, or (`None`: the schema lists no properties)
    /// parts the caller adds to a `Multipart`.
    Multipart(Option<MultipartBody>),
    /// `text/*`, as a `String`.
    Text,
    /// XML, as raw text in a `String`.
    Xml,
    /// Any other media type: bytes or a stream (`crate::Body`).
    Binary,
}

/// An `application/x-www-form-urlencoded` body.
#[derive(Debug, Clone, PartialEq)]
pub struct FormBody {
    /// The struct (or map) it is serialised from.
    pub ty: TypeRef,
    /// How each property is written, for those whose `encoding` is not the default
    /// (`style: form`, `explode: true`).
    pub fields: Vec<FormField>,
}

/// How one property of a form body is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormField {
    /// Its wire name.
    pub wire_name: String,
    /// `encoding.style`.
    pub style: FormStyle,
    /// `encoding.explode`.
    pub explode: bool,
    /// `encoding.contentType` is JSON: the value is written as JSON text.
    pub json: bool,
}

/// A form property's `style`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormStyle {
    /// `form`.
    Form,
    /// `spaceDelimited`.
    SpaceDelimited,
    /// `pipeDelimited`.
    PipeDelimited,
    /// `deepObject`.
    DeepObject,
}

/// A `multipart/form-data` body of typed parts: a struct of the operation's module.
#[derive(Debug, Clone, PartialEq)]
pub struct MultipartBody {
    /// Rust name of the struct, e.g. `UploadAvatarMultipart` (unique in `operations`).
    pub name: String,
    /// Its parts, in schema order.
    pub parts: Vec<Part>,
}

/// A part of a [`MultipartBody`]: a field of its struct.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// Rust field name.
    pub name: String,
    /// The part's name (its property name).
    pub wire_name: String,
    /// What it holds.
    pub kind: PartKind,
    /// An array: one part per item.
    pub repeated: bool,
    /// Listed in `required`.
    pub required: bool,
    /// `encoding.contentType`, or a 3.1 `contentMediaType`, when it is one media type.
    pub content_type: Option<String>,
    /// Description.
    pub doc: Option<String>,
}

/// What a multipart [`Part`] holds.
#[derive(Debug, Clone, PartialEq)]
pub enum PartKind {
    /// A file (`format: binary`, or a 3.1 `contentMediaType`): bytes with a file name
    /// and content type (`crate::FilePart`).
    File,
    /// A scalar written as text.
    Text(TypeRef),
    /// Anything else, written as JSON (`application/json`).
    Json(TypeRef),
}

/// Which statuses a [`Response`] covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StatusMatch {
    /// One code, e.g. 200.
    Code(u16),
    /// A range, e.g. `4XX` is `Range(4)`.
    Range(u16),
    /// `default`: every status not listed.
    Default,
}

impl StatusMatch {
    /// 2xx (a `default` response is a success only in an operation without 2xx
    /// responses: see [`Operation::successes`]).
    pub fn is_success(self) -> bool {
        match self {
            StatusMatch::Code(c) => (200..300).contains(&c),
            StatusMatch::Range(r) => r == 2,
            StatusMatch::Default => false,
        }
    }
}

/// One declared response.
#[derive(Debug, Clone)]
pub struct Response {
    /// The statuses it covers.
    pub status: StatusMatch,
    /// `description`.
    pub description: String,
    /// The body, when the response declares one.
    pub body: Option<ResponseBody>,
}

impl Response {
    /// Whether this is the `default` response.
    pub fn is_default(&self) -> bool {
        self.status == StatusMatch::Default
    }
}

/// A response body: the representation read of those the response declares.
#[derive(Debug, Clone)]
pub struct ResponseBody {
    /// Media type, e.g. `application/json`.
    pub media_type: String,
    /// How it is read.
    pub content: Content,
}

impl ResponseBody {
    /// Whether it is JSON.
    pub fn is_json(&self) -> bool {
        matches!(self.content, Content::Json(_))
    }

    /// Its type, when it is JSON.
    pub fn json_type(&self) -> Option<&TypeRef> {
        match &self.content {
            Content::Json(ty) => Some(ty),
            _ => None,
        }
    }
}

/// How a response body is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// JSON, decoded as the type.
    Json(TypeRef),
    /// Text or XML, as a `String`.
    Text,
    /// Bytes.
    Binary,
}

/// How an operation authenticates: the alternatives of its `security` (its own, else the
/// document's), in document order. Any one alternative suffices (OR); within one, every
/// scheme applies (AND). No alternatives at all (no `security`, or `security: []`): the
/// operation is sent without credentials.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Security {
    /// The Security Requirement Objects, in document order; an empty one (`{}`) makes
    /// credentials optional.
    pub alternatives: Vec<SecurityRequirement>,
}

impl Security {
    /// Whether the operation is sent without credentials when the client has none of
    /// those it accepts: it lists no alternative, or an empty one (`{}`).
    pub fn optional(&self) -> bool {
        self.alternatives.is_empty() || self.alternatives.iter().any(|a| a.schemes.is_empty())
    }
}

/// One Security Requirement Object: schemes that all apply to the same request. Empty:
/// no credentials are needed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SecurityRequirement {
    /// The schemes, in document order.
    pub schemes: Vec<SchemeUse>,
}

/// A scheme named by a security requirement, with the scopes (OAuth 2, OpenID Connect)
/// or roles it lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemeUse {
    /// The scheme's key in `components.securitySchemes` (and in [`Api::security_schemes`]).
    pub scheme: String,
    /// The scopes listed, for the documentation.
    pub scopes: Vec<String>,
}

/// A security scheme of `components.securitySchemes`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecurityScheme {
    /// Its key, e.g. `petstore_auth`; operations and the generated code name it by this.
    pub key: String,
    /// Where it is, e.g. `/components/securitySchemes/petstore_auth`.
    pub pointer: String,
    /// Its `description`.
    pub description: Option<String>,
    /// What it is.
    pub kind: SchemeKind,
    /// The names of its `ClientBuilder` methods.
    pub methods: SchemeMethods,
    /// The environment variable `Client::from_env` reads its credential from.
    pub env: EnvVar,
}

impl SecurityScheme {
    /// The name of its environment variable, with the crate's `prefix`.
    pub fn env_var(&self, prefix: &str) -> String {
        match &self.env {
            EnvVar::Prefixed(suffix) => format!("{prefix}_{suffix}"),
            EnvVar::Exact(name) => name.clone(),
        }
    }
}

/// The environment variable of a security scheme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnvVar {
    /// After the crate's prefix and `_`: the key in upper snake case (`PETSTORE_AUTH`), or
    /// `API_KEY` for the one scheme of an API that has one taking a single secret.
    Prefixed(String),
    /// As the codegen config names it (`GITHUB_TOKEN`).
    Exact(String),
}

/// The `ClientBuilder` methods that configure one scheme (Rust names, unique among the
/// builder's methods).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SchemeMethods {
    /// The fixed credential: the key, the token, or username and password.
    pub credential: String,
    /// OAuth 2 and OpenID Connect: a token provider asked before each request.
    pub token_provider: Option<String>,
    /// OAuth 2 with a `clientCredentials` flow: the built-in token fetching.
    pub client_credentials: Option<String>,
}

/// The kinds of security scheme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemeKind {
    /// `type: apiKey`: a secret in a header, query parameter or cookie.
    ApiKey {
        /// Where it goes.
        location: ApiKeyLocation,
        /// The header, parameter or cookie name.
        name: String,
    },
    /// `type: http, scheme: basic`: `Authorization: Basic base64(user:password)`.
    Basic,
    /// `type: http, scheme: bearer`: `Authorization: Bearer <token>`.
    Bearer {
        /// `bearerFormat`, for the documentation.
        format: Option<String>,
    },
    /// Another `type: http` scheme: `Authorization: <Scheme> <credential>`.
    OtherHttp {
        /// The scheme's name as written, e.g. `Digest`.
        scheme: String,
    },
    /// `type: oauth2`: a bearer access token.
    OAuth2 {
        /// Its flows, in the order `implicit`, `password`, `clientCredentials`,
        /// `authorizationCode`.
        flows: Vec<OAuthFlow>,
    },
    /// `type: openIdConnect`: a bearer access token.
    OpenIdConnect {
        /// `openIdConnectUrl`, for the documentation.
        url: String,
    },
    /// What the generator can't use, with a word on what it is.
    Unsupported(String),
}

impl SchemeKind {
    /// Whether its credential is one secret string (an API key, a bearer token, the
    /// credential of another HTTP scheme).
    pub fn takes_one_secret(&self) -> bool {
        matches!(
            self,
            SchemeKind::ApiKey { .. } | SchemeKind::Bearer { .. } | SchemeKind::OtherHttp { .. }
        )
    }

    /// The `clientCredentials` flow of an OAuth 2 scheme.
    pub fn client_credentials(&self) -> Option<&OAuthFlow> {
        match self {
            SchemeKind::OAuth2 { flows } => flows
                .iter()
                .find(|f| f.kind == OAuthFlowKind::ClientCredentials),
            _ => None,
        }
    }
}

/// Where an API key goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiKeyLocation {
    /// A request header.
    Header,
    /// A query parameter.
    Query,
    /// A cookie.
    Cookie,
}

/// One OAuth 2 flow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthFlow {
    /// Which flow.
    pub kind: OAuthFlowKind,
    /// `tokenUrl` (all but `implicit`); may be relative to the server URL.
    pub token_url: Option<String>,
    /// `authorizationUrl` (`implicit`, `authorizationCode`).
    pub authorization_url: Option<String>,
    /// The scopes it offers, by name, with their descriptions.
    pub scopes: Vec<(String, String)>,
}

/// The OAuth 2 flows of OpenAPI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OAuthFlowKind {
    /// `implicit`.
    Implicit,
    /// `password` (resource owner password credentials).
    Password,
    /// `clientCredentials`.
    ClientCredentials,
    /// `authorizationCode`.
    AuthorizationCode,
}

impl OAuthFlowKind {
    /// Its field name in the Flows Object, e.g. `clientCredentials`.
    pub fn field(self) -> &'static str {
        match self {
            OAuthFlowKind::Implicit => "implicit",
            OAuthFlowKind::Password => "password",
            OAuthFlowKind::ClientCredentials => "clientCredentials",
            OAuthFlowKind::AuthorizationCode => "authorizationCode",
        }
    }
}

/// Cursor pagination of a list operation, found from the shape of the spec:
/// a cursor query parameter and a response with an item array and a pagination object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pagination {
    /// Rust name of the cursor parameter (e.g. `after`).
    pub cursor_param: String,
    /// Rust names of cursor parameters for the other direction (e.g. `before`), which a
    /// follow-up page must not repeat.
    pub reverse_cursor_params: Vec<String>,
    /// Rust name of the page type (e.g. `PaginatedSmtpCredentialsResponse`).
    pub page_type: String,
    /// Field of the page that holds the items (e.g. `data`).
    pub items_field: String,
    /// Whether the items field is optional or nullable (a missing list is an empty page).
    pub items_optional: bool,
    /// The type of one item.
    pub item_type: TypeRef,
    /// Field of the page that holds the pagination object (e.g. `pagination`).
    pub info_field: String,
    /// Whether the pagination object is optional or nullable on the page.
    pub info_optional: bool,
    /// Field of the pagination object that says whether more pages follow.
    pub has_more_field: String,
    /// Whether `has_more` is optional or nullable.
    pub has_more_optional: bool,
    /// Field of the pagination object with the next cursor.
    pub next_cursor_field: String,
    /// Whether the next cursor is optional or nullable (otherwise a plain `String`).
    pub next_cursor_optional: bool,
}

/// A webhook event of the document's `webhooks`.
#[derive(Debug, Clone)]
pub struct Webhook {
    /// Summary and description.
    pub doc: Option<String>,
    /// The payload type, when a JSON request body is declared.
    pub payload: Option<TypeRef>,
    /// Name of its variant of the generated `WebhookEvent` enum, e.g. `MessageReception`
    /// (unique, never `Unknown`).
    pub variant: String,
    /// The values of the payload's `type` field that announce this event, canonical first
    /// (deprecated aliases after it). Empty when another webhook took all of them; the
    /// event then has no variant of its own.
    pub event_types: Vec<EventType>,
}

impl Webhook {
    /// The event type that names this event: the first of [`Webhook::event_types`].
    pub fn canonical_event_type(&self) -> Option<&str> {
        self.event_types.first().map(|e| e.value.as_str())
    }
}

/// One value of a webhook payload's `type` field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventType {
    /// The value, e.g. `message.reception`.
    pub value: String,
    /// Listed in the field's `x-deprecated-values`: an old name still sent or accepted.
    pub deprecated: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_variables_in_order() {
        assert_eq!(
            template_vars("/v2/accounts/{account_id}/x/{id}"),
            ["account_id", "id"]
        );
        assert!(template_vars("/ping").is_empty());
        assert_eq!(template_vars("/a/{unclosed"), Vec::<&str>::new());
    }

    #[test]
    fn json_media_types() {
        assert!(is_json("application/json"));
        assert!(is_json("Application/JSON; charset=utf-8"));
        assert!(is_json("application/problem+json"));
        assert!(!is_json("text/plain"));
        assert!(!is_json("application/jsonx"));
        assert!(is_json("text/json"));
    }

    #[test]
    fn text_xml_and_ranges() {
        assert!(is_text("text/plain; charset=utf-8"));
        assert!(is_text("text/xml") && is_xml("text/xml"));
        assert!(is_text("application/atom+xml") && is_xml("application/xml"));
        assert!(is_text("text/*") && is_wildcard("text/*"));
        assert!(!is_text("application/pdf") && !is_wildcard("application/pdf"));
        assert!(is_wildcard("*/*") && is_wildcard("image/*"));
    }
}
