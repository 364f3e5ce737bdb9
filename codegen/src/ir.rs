//! The intermediate representation: the API as the emitter needs it.
//!
//! It depends on neither `openapiv3` nor `quote`. Names here are already Rust names
//! (checked for keywords and collisions); the wire names sit beside them. Each node keeps
//! the JSON pointer it came from, so later phases can report precisely.

use std::collections::BTreeMap;

/// The whole API.
#[derive(Debug, Clone, Default)]
pub struct Api {
    /// `info.title`.
    pub title: String,
    /// `info.version`.
    pub version: String,
    /// `info.description`.
    pub description: Option<String>,
    /// `servers[*].url`, in order; the first is the default base URL.
    pub servers: Vec<String>,
    /// Named types, by Rust name (a `BTreeMap` so output order never depends on hashing).
    pub types: BTreeMap<String, TypeDef>,
    /// Operations in document order.
    pub operations: Vec<Operation>,
    /// Security schemes by their name in `components.securitySchemes`.
    pub security_schemes: BTreeMap<String, SecurityScheme>,
    /// Webhook events (`webhooks` of an OpenAPI 3.1 document), in document order.
    pub webhooks: Vec<Webhook>,
    /// Client-side rate-limit classes (from the generator's config), in name order;
    /// [`Operation::rate_class`] names one.
    pub rate_classes: Vec<RateClass>,
    /// The variants of the generated `ErrorBody`: one per distinct JSON body type of
    /// error responses across the API, in order of first use.
    pub error_bodies: Vec<ErrorBodyVariant>,
}

/// A variant of the generated `ErrorBody` enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorBodyVariant {
    /// Rust name, e.g. `ErrorResponse`.
    pub name: String,
    /// The body type it holds.
    pub ty: TypeRef,
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
}

/// The shape of a [`TypeDef`].
#[derive(Debug, Clone)]
pub enum TypeKind {
    /// A struct with named fields.
    Struct(Struct),
    /// A string enum that keeps unknown values.
    Enum(Enum),
    /// Another name for a type (`pub type X = Y;`).
    Alias(TypeRef),
    /// One of several types (`oneOf`, `anyOf`): an enum with a variant per branch.
    Union(Union),
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
        fn text(ty: &TypeRef, types: &BTreeMap<String, TypeDef>, depth: usize) -> bool {
            match ty {
                TypeRef::String
                | TypeRef::Uuid
                | TypeRef::Date
                | TypeRef::I32
                | TypeRef::I64
                | TypeRef::F64
                | TypeRef::Bool => true,
                TypeRef::Named(n) if depth < 16 => match types.get(n).map(|d| &d.kind) {
                    Some(TypeKind::Enum(_)) => true,
                    Some(TypeKind::Alias(inner)) => text(inner, types, depth + 1),
                    _ => false,
                },
                _ => false,
            }
        }
        self.repr == UnionRepr::Untagged && self.variants.iter().all(|v| text(&v.ty, types, 0))
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
    /// Any JSON value.
    Json,
    /// A named type of [`Api::types`].
    Named(String),
    /// `Vec<T>`.
    Array(Box<TypeRef>),
    /// A map from string keys (`std::collections::BTreeMap<String, T>`).
    Map(Box<TypeRef>),
    /// `Option<T>`: a value that may be `null`.
    Nullable(Box<TypeRef>),
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
}

/// How an operation's responses are read, decided once for the emitter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcomes {
    /// The `Accept` header sent.
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
    /// Text, as a `String`.
    Text,
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
    /// The 2xx responses.
    pub fn successes(&self) -> impl Iterator<Item = &Response> {
        self.responses.iter().filter(|r| r.status.is_success())
    }

    /// Every response that is not 2xx, including `default`.
    pub fn failures(&self) -> impl Iterator<Item = &Response> {
        self.responses.iter().filter(|r| !r.status.is_success())
    }

    /// Whether requests carry the bearer token (the chosen security requirement names a
    /// scheme; `check` rejects schemes other than HTTP bearer).
    pub fn uses_bearer(&self) -> bool {
        matches!(&self.security, Security::Schemes { names, .. } if !names.is_empty())
    }

    /// The body type of a successful call (`None`: no body).
    pub fn success_type(&self) -> Option<&TypeRef> {
        self.successes()
            .find_map(|r| r.body.as_ref().map(|b| &b.ty))
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

/// Whether a media type carries JSON: `application/json` or any `…+json` type.
pub fn is_json(media_type: &str) -> bool {
    let essence = media_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json" || essence.ends_with("+json")
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
    /// The parameter uses `content` or a `style` this generator does not serialise.
    pub unsupported_style: Option<String>,
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

/// A request body.
#[derive(Debug, Clone)]
pub struct RequestBody {
    /// Media type, e.g. `application/json`.
    pub media_type: String,
    /// Its schema's type.
    pub ty: TypeRef,
    /// `required: true`.
    pub required: bool,
    /// Description.
    pub doc: Option<String>,
    /// Where it is.
    pub pointer: String,
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
    /// 2xx (a `default` response is treated as an error).
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
    /// Where it is.
    pub pointer: String,
}

/// A response body.
#[derive(Debug, Clone)]
pub struct ResponseBody {
    /// Media type, e.g. `application/json`.
    pub media_type: String,
    /// Its type.
    pub ty: TypeRef,
}

impl ResponseBody {
    /// Whether it is JSON.
    pub fn is_json(&self) -> bool {
        is_json(&self.media_type)
    }
}

/// How an operation authenticates.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Security {
    /// No authentication.
    #[default]
    None,
    /// The scheme names of the requirement this generator uses (every scheme of one
    /// alternative of `security`), and whether anonymous access is also allowed.
    Schemes {
        /// Names in `components.securitySchemes`.
        names: Vec<String>,
        /// `{}` is among the alternatives.
        optional: bool,
    },
}

/// A security scheme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecurityScheme {
    /// `type: http, scheme: bearer`.
    Bearer {
        /// `bearerFormat`, for the documentation.
        format: Option<String>,
    },
    /// Anything else, with a word on what it is.
    Unsupported(String),
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
    }
}
