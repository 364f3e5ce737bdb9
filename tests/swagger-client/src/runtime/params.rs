// @generated: copied by codegen from codegen/runtime/params.rs. Do not edit it here:
// edit the original, then run `cargo run -p codegen`.

//! Parameters written as the OpenAPI description's `style` says: the path, query, header
//! and cookie serialisations of the specification's "Style Examples" table (OpenAPI
//! 3.1.1, which follows RFC 6570: 3.0.3 and 3.1.0 wrote a `label` array or object not
//! exploded as `.blue.black.brown`, a typo, OAI/OpenAPI-Specification#3139; RFC 6570's
//! `{.list}` is `.blue,black,brown`), `allowReserved`, and parameters given by `content`
//! (JSON text).
//!
//! A value is read through serde into a [`Node`], so that a struct's properties come in the
//! order it declares them (`null` and absent ones are left out), then written by its
//! [`Param`]. Percent-encoding is RFC 3986's: every byte but the unreserved
//! `A-Z a-z 0-9 - . _ ~` is escaped (a space is `%20`), except the delimiters the style
//! itself writes (`,` `.` `;` `=` `&` `|` `[` `]`), so that the bytes on the wire are the
//! table's. Header values are sent as they are.

use std::fmt;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Serialize;

use super::error::Error;
use super::http::{OperationInfo, Request};

/// Escaped in path segments, query and cookie components: all but RFC 3986's unreserved
/// characters (the same as [`encode_path_segment`](super::http::encode_path_segment)).
const STRICT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Escaped in a query value with `allowReserved: true`: RFC 3986's reserved characters
/// `:/?[]@!$&'()*+,;=` are kept, but not `#`, which would end the URL. (The URL parser of
/// `reqwest` escapes a `'` in a query in any case.)
const RESERVED_KEPT: &AsciiSet = &STRICT
    .remove(b':')
    .remove(b'/')
    .remove(b'?')
    .remove(b'[')
    .remove(b']')
    .remove(b'@')
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=');

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Location {
    /// A `{name}` of the path template.
    Path,
    /// The query string.
    Query,
    /// A request header.
    Header,
    /// A pair of the `Cookie` header.
    Cookie,
}

impl Location {
    fn as_str(self) -> &'static str {
        match self {
            Location::Path => "path",
            Location::Query => "query",
            Location::Header => "header",
            Location::Cookie => "cookie",
        }
    }
}

/// An OpenAPI parameter `style`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    /// `color=blue,black` or `color=blue&color=black` (query, cookie).
    Form,
    /// `color=blue%20black` (query).
    SpaceDelimited,
    /// `color=blue|black` (query).
    PipeDelimited,
    /// `color[R]=100&color[G]=200` (query).
    DeepObject,
    /// `blue,black` (path, header).
    Simple,
    /// `.blue,black`, or (exploded) `.blue.black` (path).
    Label,
    /// `;color=blue,black` (path).
    Matrix,
}

impl Style {
    fn as_str(self) -> &'static str {
        match self {
            Style::Form => "form",
            Style::SpaceDelimited => "spaceDelimited",
            Style::PipeDelimited => "pipeDelimited",
            Style::DeepObject => "deepObject",
            Style::Simple => "simple",
            Style::Label => "label",
            Style::Matrix => "matrix",
        }
    }
}

/// How one parameter is sent: where, under which name, and in which style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Param {
    location: Location,
    name: &'static str,
    style: Style,
    explode: bool,
    allow_reserved: bool,
    json: bool,
}

impl Param {
    const fn new(location: Location, name: &'static str, style: Style, explode: bool) -> Param {
        Param {
            location,
            name,
            style,
            explode,
            allow_reserved: false,
            json: false,
        }
    }

    /// A path parameter: `simple`, not exploded, unless changed.
    pub(crate) const fn path(name: &'static str) -> Param {
        Param::new(Location::Path, name, Style::Simple, false)
    }

    /// A query parameter: `form`, exploded, unless changed.
    pub(crate) const fn query(name: &'static str) -> Param {
        Param::new(Location::Query, name, Style::Form, true)
    }

    /// A header: `simple`, not exploded, unless changed.
    pub(crate) const fn header(name: &'static str) -> Param {
        Param::new(Location::Header, name, Style::Simple, false)
    }

    /// A cookie: `form`, exploded, unless changed.
    pub(crate) const fn cookie(name: &'static str) -> Param {
        Param::new(Location::Cookie, name, Style::Form, true)
    }

    /// With another style (its `explode` stays as it is).
    pub(crate) const fn style(self, style: Style) -> Param {
        Param { style, ..self }
    }

    /// With `explode` set.
    pub(crate) const fn explode(self, explode: bool) -> Param {
        Param { explode, ..self }
    }

    /// With `allowReserved: true`: reserved characters in query values are not escaped.
    pub(crate) const fn allow_reserved(self) -> Param {
        Param {
            allow_reserved: true,
            ..self
        }
    }

    /// Given by `content` with a JSON media type: the value is sent as its JSON text,
    /// placed as a primitive would be.
    pub(crate) const fn json(self) -> Param {
        Param { json: true, ..self }
    }

    /// The value as this parameter is written: a path segment (`""` for no value), the
    /// pairs of a query string joined with `&`, a header value, or the pairs of a cookie
    /// header joined with `; `. `None`: nothing is sent (`null`, an empty array or object).
    pub(crate) fn render<T: Serialize + ?Sized>(
        &self,
        value: &T,
    ) -> Result<Option<String>, String> {
        let node = if self.json {
            Node::Text(serde_json::to_string(value).map_err(|e| e.to_string())?)
        } else {
            Node::of(value).map_err(|e| e.to_string())?
        };
        self.write(node)
            .map_err(|what| format!("style {} can't write {what}", self.style.as_str()))
    }

    /// The path segment for `value`, percent-encoded (the style's delimiters excepted).
    pub(crate) fn segment<T: Serialize + ?Sized>(
        &self,
        operation: &'static OperationInfo,
        value: &T,
    ) -> Result<String, Error> {
        let text = self.render(value).map_err(|m| self.error(operation, m))?;
        Ok(text.unwrap_or_default())
    }

    fn error(&self, operation: &'static OperationInfo, message: String) -> Error {
        let message = format!(
            "{} parameter `{}`: {message}",
            self.location.as_str(),
            self.name
        );
        Error::Encode {
            operation: operation.id,
            source: serde::ser::Error::custom(message),
        }
    }

    fn write(&self, node: Node) -> Result<Option<String>, &'static str> {
        match (self.location, self.style) {
            (_, Style::DeepObject) => {
                let mut pairs = Vec::new();
                deep(&mut pairs, strict(self.name), &node, self.encoding());
                Ok((!pairs.is_empty()).then(|| pairs.join("&")))
            }
            (Location::Path, _) => Ok(Some(self.path_segment(flat(node)?))),
            (Location::Header, _) => Ok(self.simple(flat(node)?, Encoding::Raw)),
            (Location::Query, _) => Ok(join(self.pairs(flat(node)?), "&")),
            (Location::Cookie, _) => Ok(join(self.pairs(flat(node)?), "; ")),
        }
    }

    fn encoding(&self) -> Encoding {
        match self.location {
            Location::Header => Encoding::Raw,
            Location::Query if self.allow_reserved => Encoding::Reserved,
            _ => Encoding::Strict,
        }
    }

    /// `simple`: `blue`, `blue,black`, `R,100,G,200` or (exploded) `R=100,G=200`.
    fn simple(&self, value: Flat, enc: Encoding) -> Option<String> {
        match value {
            Flat::Undefined => None,
            Flat::Scalar(v) => Some(enc.apply(&v)),
            Flat::List(items) => Some(list(&items, enc, ",")),
            Flat::Pairs(pairs) if self.explode => Some(keyed(&pairs, enc, ",")),
            Flat::Pairs(pairs) => Some(flattened(&pairs, enc, ",")),
        }
    }

    fn path_segment(&self, value: Flat) -> String {
        let enc = self.encoding();
        let name = strict(self.name);
        match (self.style, value) {
            (_, Flat::Undefined) => String::new(),
            (Style::Label, Flat::Scalar(v)) => format!(".{}", enc.apply(&v)),
            // RFC 6570 `{.list*}` and `{.keys*}`: each item after a `.`.
            (Style::Label, Flat::List(items)) if self.explode => {
                format!(".{}", list(&items, enc, "."))
            }
            (Style::Label, Flat::Pairs(pairs)) if self.explode => {
                format!(".{}", keyed(&pairs, enc, "."))
            }
            // `{.list}` and `{.keys}`: one `.`, then the items as `simple` joins them.
            (Style::Label, Flat::List(items)) => format!(".{}", list(&items, enc, ",")),
            (Style::Label, Flat::Pairs(pairs)) => format!(".{}", flattened(&pairs, enc, ",")),
            (Style::Matrix, Flat::Scalar(v)) => matrix_pair(&name, &enc.apply(&v)),
            (Style::Matrix, Flat::List(items)) if self.explode => items
                .iter()
                .map(|v| matrix_pair(&name, &enc.apply(v)))
                .collect(),
            (Style::Matrix, Flat::List(items)) => format!(";{name}={}", list(&items, enc, ",")),
            (Style::Matrix, Flat::Pairs(pairs)) if self.explode => pairs
                .iter()
                .map(|(k, v)| matrix_pair(&enc.apply(k), &enc.apply(v)))
                .collect(),
            (Style::Matrix, Flat::Pairs(pairs)) => {
                format!(";{name}={}", flattened(&pairs, enc, ","))
            }
            (_, value) => self.simple(value, enc).unwrap_or_default(),
        }
    }

    /// The `name=value` pairs of `form`, `spaceDelimited` and `pipeDelimited`.
    fn pairs(&self, value: Flat) -> Vec<String> {
        let enc = self.encoding();
        let name = strict(self.name);
        let delimiter = match self.style {
            Style::SpaceDelimited => "%20",
            Style::PipeDelimited => "|",
            _ => ",",
        };
        match value {
            Flat::Undefined => Vec::new(),
            Flat::Scalar(v) => vec![format!("{name}={}", enc.apply(&v))],
            Flat::List(items) if self.explode => items
                .iter()
                .map(|v| format!("{name}={}", enc.apply(v)))
                .collect(),
            Flat::List(items) => vec![format!("{name}={}", list(&items, enc, delimiter))],
            Flat::Pairs(pairs) if self.explode => pairs
                .iter()
                .map(|(k, v)| format!("{}={}", enc.apply(k), enc.apply(v)))
                .collect(),
            Flat::Pairs(pairs) => vec![format!("{name}={}", flattened(&pairs, enc, delimiter))],
        }
    }
}

impl Request {
    /// Adds a query, header or cookie parameter, written as `param` says; nothing for a
    /// `null` value or an empty array or object.
    pub(crate) fn param<T: Serialize + ?Sized>(
        &mut self,
        operation: &'static OperationInfo,
        param: &Param,
        value: &T,
    ) -> Result<(), Error> {
        let Some(text) = param.render(value).map_err(|m| param.error(operation, m))? else {
            return Ok(());
        };
        match param.location {
            Location::Query => self.push_query(&text),
            Location::Header => self.header(param.name, text),
            Location::Cookie => self.push_cookie(text),
            Location::Path => {
                return Err(param.error(operation, "belongs in the path".to_owned()));
            }
        }
        Ok(())
    }
}

/// `name=value`, both strictly percent-encoded: a query pair of `form` style.
pub(crate) fn form_pair(name: &str, value: &str) -> String {
    format!("{}={}", strict(name), strict(value))
}

fn strict(text: &str) -> String {
    utf8_percent_encode(text, STRICT).to_string()
}

/// How the text of a value is escaped.
#[derive(Debug, Clone, Copy)]
enum Encoding {
    /// RFC 3986 unreserved characters only.
    Strict,
    /// `allowReserved`: reserved characters, and `%XX` escapes already made, are kept.
    Reserved,
    /// Not at all (header values).
    Raw,
}

impl Encoding {
    fn apply(self, text: &str) -> String {
        match self {
            Encoding::Strict => strict(text),
            Encoding::Raw => text.to_owned(),
            Encoding::Reserved => {
                // RFC 6570's reserved expansion: a `%` that starts an escape stays.
                let mut out = String::with_capacity(text.len());
                let mut rest = text;
                while let Some(at) = rest.find('%') {
                    out.extend(utf8_percent_encode(&rest[..at], RESERVED_KEPT));
                    let escape = rest.as_bytes().get(at + 1..at + 3);
                    if escape.is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit)) {
                        out.push_str(&rest[at..at + 3]);
                        rest = &rest[at + 3..];
                    } else {
                        out.push_str("%25");
                        rest = &rest[at + 1..];
                    }
                }
                out.extend(utf8_percent_encode(rest, RESERVED_KEPT));
                out
            }
        }
    }
}

fn join(parts: Vec<String>, delimiter: &str) -> Option<String> {
    (!parts.is_empty()).then(|| parts.join(delimiter))
}

/// `blue,black,brown`.
fn list(items: &[String], enc: Encoding, delimiter: &str) -> String {
    let items: Vec<String> = items.iter().map(|v| enc.apply(v)).collect();
    items.join(delimiter)
}

/// `R=100,G=200` (exploded objects).
fn keyed(pairs: &[(String, String)], enc: Encoding, delimiter: &str) -> String {
    let pairs: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{}={}", enc.apply(k), enc.apply(v)))
        .collect();
    pairs.join(delimiter)
}

/// `R,100,G,200` (objects not exploded).
fn flattened(pairs: &[(String, String)], enc: Encoding, delimiter: &str) -> String {
    let items: Vec<String> = pairs
        .iter()
        .flat_map(|(k, v)| [enc.apply(k), enc.apply(v)])
        .collect();
    items.join(delimiter)
}

/// `;name=value`, or `;name` for an empty value (RFC 6570).
fn matrix_pair(name: &str, value: &str) -> String {
    if value.is_empty() {
        format!(";{name}")
    } else {
        format!(";{name}={value}")
    }
}

/// `deepObject`: `color[R]=100`, nested as deep as the value goes; array items are
/// `color[]=a` (as Stripe and Rails read them), or `color[0][x]=1` when they are
/// arrays or objects themselves. A primitive is `color=blue`.
fn deep(out: &mut Vec<String>, prefix: String, node: &Node, enc: Encoding) {
    match node {
        Node::Null => {}
        Node::Text(v) => out.push(format!("{prefix}={}", enc.apply(v))),
        Node::List(items) => {
            for (i, item) in items.iter().enumerate() {
                let key = match item {
                    Node::Null | Node::Text(_) => format!("{prefix}[]"),
                    Node::List(_) | Node::Map(_) => format!("{prefix}[{i}]"),
                };
                deep(out, key, item, enc);
            }
        }
        Node::Map(entries) => {
            for (k, v) in entries {
                deep(out, format!("{prefix}[{}]", enc.apply(k)), v, enc);
            }
        }
    }
}

/// A value as every style but `deepObject` sees it.
#[derive(Debug, Clone, PartialEq)]
enum Flat {
    /// `null`, or an empty array or object: nothing is sent.
    Undefined,
    Scalar(String),
    List(Vec<String>),
    Pairs(Vec<(String, String)>),
}

/// `node` as a [`Flat`]; what is nested deeper than an array of primitives or an object
/// with primitive properties can't be.
fn flat(node: Node) -> Result<Flat, &'static str> {
    Ok(match node {
        Node::Null => Flat::Undefined,
        Node::Text(v) => Flat::Scalar(v),
        Node::List(items) => {
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                match item {
                    Node::Null => {}
                    Node::Text(v) => out.push(v),
                    Node::List(_) | Node::Map(_) => return Err("an array of arrays or objects"),
                }
            }
            if out.is_empty() {
                Flat::Undefined
            } else {
                Flat::List(out)
            }
        }
        Node::Map(entries) => {
            let mut out = Vec::with_capacity(entries.len());
            for (k, v) in entries {
                match v {
                    Node::Null => {}
                    Node::Text(v) => out.push((k, v)),
                    Node::List(_) | Node::Map(_) => {
                        return Err("an object with array or object properties")
                    }
                }
            }
            if out.is_empty() {
                Flat::Undefined
            } else {
                Flat::Pairs(out)
            }
        }
    })
}

/// A JSON value with its object properties in the order they were written; primitives
/// are their text (`true`, `100`, `1.5`, a string without quotes).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    /// `null`.
    Null,
    /// A string, number or boolean.
    Text(String),
    /// An array.
    List(Vec<Node>),
    /// An object, properties in order.
    Map(Vec<(String, Node)>),
}

impl Node {
    /// `value` as serde writes it. (Through JSON text: `serde_json::Value` would sort the
    /// properties of an object by name.)
    pub(crate) fn of<T: Serialize + ?Sized>(value: &T) -> Result<Node, serde_json::Error> {
        serde_json::from_str(&serde_json::to_string(value)?)
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Node, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Text(v.to_string()))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Text(v.to_string()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
        Ok(Node::Text(v.to_string()))
    }

    // As `f64`'s `Display`, like the primitives the generated code writes (`1`, not `1.0`).
    fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
        Ok(Node::Text(v.to_string()))
    }

    fn visit_str<E>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Text(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Node, E> {
        Ok(Node::Text(v))
    }

    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        Node::deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry::<String, Node>()? {
            entries.push(entry);
        }
        Ok(Node::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    /// The object of the table, `{"R": 100, "G": 200, "B": 150}`: a struct, so that its
    /// properties keep this order (a JSON map would sort them).
    #[derive(Serialize)]
    struct Rgb {
        #[serde(rename = "R")]
        r: u8,
        #[serde(rename = "G")]
        g: u8,
        #[serde(rename = "B")]
        b: u8,
    }

    const RGB: Rgb = Rgb {
        r: 100,
        g: 200,
        b: 150,
    };
    const ARRAY: [&str; 3] = ["blue", "black", "brown"];

    /// One row of the table: what `param` writes for the empty string, `"blue"`, the
    /// array and the object; `None` where the table says n/a.
    #[track_caller]
    fn row(param: Param, empty: Option<&str>, string: Option<&str>, array: &str, object: &str) {
        let render = |value: &dyn erased::Value| -> String {
            value
                .render(&param)
                .unwrap_or_else(|e| panic!("{param:?}: {e}"))
                .unwrap_or_else(|| panic!("{param:?} writes nothing"))
        };
        if let Some(empty) = empty {
            assert_eq!(render(&""), empty, "{param:?}, empty");
        }
        if let Some(string) = string {
            assert_eq!(render(&"blue"), string, "{param:?}, string");
        }
        assert_eq!(render(&ARRAY), array, "{param:?}, array");
        assert_eq!(render(&RGB), object, "{param:?}, object");
    }

    /// `Param::render` for values of different types in one closure.
    mod erased {
        pub(super) trait Value {
            fn render(&self, param: &super::Param) -> Result<Option<String>, String>;
        }
        impl<T: serde::Serialize> Value for T {
            fn render(&self, param: &super::Param) -> Result<Option<String>, String> {
                param.render(self)
            }
        }
    }

    fn path(style: Style, explode: bool) -> Param {
        Param::path("color").style(style).explode(explode)
    }

    fn query(style: Style, explode: bool) -> Param {
        Param::query("color").style(style).explode(explode)
    }

    #[test]
    fn matrix_rows() {
        row(
            path(Style::Matrix, false),
            Some(";color"),
            Some(";color=blue"),
            ";color=blue,black,brown",
            ";color=R,100,G,200,B,150",
        );
        row(
            path(Style::Matrix, true),
            Some(";color"),
            Some(";color=blue"),
            ";color=blue;color=black;color=brown",
            ";R=100;G=200;B=150",
        );
    }

    /// OpenAPI 3.1.1's row (RFC 6570 `{.color}`), not 3.0.3's and 3.1.0's typo
    /// `.blue.black.brown` (OAI/OpenAPI-Specification#3139).
    #[test]
    fn label_rows() {
        row(
            path(Style::Label, false),
            Some("."),
            Some(".blue"),
            ".blue,black,brown",
            ".R,100,G,200,B,150",
        );
        row(
            path(Style::Label, true),
            Some("."),
            Some(".blue"),
            ".blue.black.brown",
            ".R=100.G=200.B=150",
        );
    }

    #[test]
    fn form_rows() {
        row(
            query(Style::Form, false),
            Some("color="),
            Some("color=blue"),
            "color=blue,black,brown",
            "color=R,100,G,200,B,150",
        );
        row(
            query(Style::Form, true),
            Some("color="),
            Some("color=blue"),
            "color=blue&color=black&color=brown",
            "R=100&G=200&B=150",
        );
    }

    #[test]
    fn simple_rows_in_path_and_header() {
        for param in [Param::path("color"), Param::header("color")] {
            row(
                param.explode(false),
                None,
                Some("blue"),
                "blue,black,brown",
                "R,100,G,200,B,150",
            );
            row(
                param.explode(true),
                None,
                Some("blue"),
                "blue,black,brown",
                "R=100,G=200,B=150",
            );
        }
    }

    /// The 3.1.0 table shows only the value (`blue%20black%20brown`); the query pair is
    /// `color=` and it (as OpenAPI 3.1.1's table shows).
    #[test]
    fn space_and_pipe_delimited_rows() {
        row(
            query(Style::SpaceDelimited, false),
            None,
            None,
            "color=blue%20black%20brown",
            "color=R%20100%20G%20200%20B%20150",
        );
        row(
            query(Style::PipeDelimited, false),
            None,
            None,
            "color=blue|black|brown",
            "color=R|100|G|200|B|150",
        );
    }

    #[test]
    fn deep_object_row() {
        let param = query(Style::DeepObject, true);
        assert_eq!(
            param.render(&RGB).unwrap().unwrap(),
            "color[R]=100&color[G]=200&color[B]=150"
        );
    }

    /// What the table leaves open, as this runtime writes it.
    #[test]
    fn beyond_the_table() {
        let render = |param: Param, value: &dyn erased::Value| value.render(&param).unwrap();
        // Exploded space- and pipe-delimited are exploded form.
        assert_eq!(
            render(query(Style::PipeDelimited, true), &ARRAY).unwrap(),
            "color=blue&color=black&color=brown"
        );
        // deepObject: arrays as Stripe and Rails read them, nesting as deep as it goes.
        let deep = query(Style::DeepObject, true);
        assert_eq!(
            render(deep, &ARRAY).unwrap(),
            "color[]=blue&color[]=black&color[]=brown"
        );
        let nested = serde_json::json!({"a": {"b": 1, "c": [true, null]}, "d": [{"e": "x y"}]});
        assert_eq!(
            render(deep, &nested).unwrap(),
            "color[a][b]=1&color[a][c][]=true&color[d][0][e]=x%20y"
        );
        assert_eq!(render(deep, &"blue").unwrap(), "color=blue");
        // A cookie is form style, its pairs joined as a `Cookie` header joins them.
        let cookie = Param::cookie("color");
        assert_eq!(render(cookie, &RGB).unwrap(), "R=100; G=200; B=150");
        assert_eq!(
            render(cookie, &ARRAY).unwrap(),
            "color=blue; color=black; color=brown"
        );
        assert_eq!(
            render(cookie.explode(false), &ARRAY).unwrap(),
            "color=blue,black,brown"
        );
        // No value, or an empty one: nothing is sent (an empty path segment).
        for empty in [
            &None::<u8> as &dyn erased::Value,
            &[0u8; 0],
            &BTreeMap::<String, u8>::new(),
        ] {
            assert_eq!(render(Param::query("color"), empty), None);
            assert_eq!(render(Param::header("color"), empty), None);
            assert_eq!(render(path(Style::Matrix, true), empty).unwrap(), "");
        }
        // Absent and null properties are left out.
        let sparse = serde_json::json!({"R": null, "G": 200});
        assert_eq!(render(Param::query("color"), &sparse).unwrap(), "G=200");
    }

    #[test]
    fn struct_properties_keep_their_order() {
        #[derive(Serialize)]
        struct Order {
            zeta: u8,
            alpha: Option<u8>,
            #[serde(skip_serializing_if = "Option::is_none")]
            mid: Option<u8>,
            beta: f64,
        }
        let value = Order {
            zeta: 1,
            alpha: None,
            mid: None,
            beta: 2.0,
        };
        assert_eq!(
            Param::query("o").render(&value).unwrap().unwrap(),
            "zeta=1&beta=2"
        );
    }

    #[test]
    fn values_are_percent_encoded_but_delimiters_are_not() {
        let text = "a b,c/d?e#f%g+h;i=j&k|l[m]~n*o'p";
        let strict = "a%20b%2Cc%2Fd%3Fe%23f%25g%2Bh%3Bi%3Dj%26k%7Cl%5Bm%5D~n%2Ao%27p";
        assert_eq!(
            Param::query("q").render(&text).unwrap().unwrap(),
            format!("q={strict}")
        );
        assert_eq!(Param::path("q").render(&text).unwrap().unwrap(), strict);
        assert_eq!(
            super::super::http::encode_path_segment(text),
            strict,
            "one strict encoding for paths and queries"
        );
        assert_eq!(Param::header("q").render(&text).unwrap().unwrap(), text);
        let items = ["a,b", "c"];
        assert_eq!(
            Param::query("q")
                .explode(false)
                .render(&items)
                .unwrap()
                .unwrap(),
            "q=a%2Cb,c"
        );
        assert_eq!(
            path(Style::Label, false)
                .render(&["a.b", "c,d"])
                .unwrap()
                .unwrap(),
            ".a.b,c%2Cd"
        );
        assert_eq!(
            Param::query("a b[c]").render(&"é").unwrap().unwrap(),
            "a%20b%5Bc%5D=%C3%A9"
        );
        // allowReserved keeps reserved characters and escapes already made, never `#`.
        let reserved = Param::query("q").allow_reserved();
        assert_eq!(
            reserved
                .render(&"a/b?c:d@e!$&'()*+,;=[]#f g%2Fh%zz")
                .unwrap()
                .unwrap(),
            "q=a/b?c:d@e!$&'()*+,;=[]%23f%20g%2Fh%25zz"
        );
    }

    #[test]
    fn json_content_is_sent_as_text() {
        let value = serde_json::json!({"a": [1, "x y"]});
        assert_eq!(
            Param::query("filter")
                .json()
                .render(&value)
                .unwrap()
                .unwrap(),
            "filter=%7B%22a%22%3A%5B1%2C%22x%20y%22%5D%7D"
        );
        assert_eq!(
            Param::header("filter")
                .json()
                .render(&value)
                .unwrap()
                .unwrap(),
            r#"{"a":[1,"x y"]}"#
        );
    }

    #[test]
    fn nesting_a_style_cannot_write_is_an_error() {
        let nested = serde_json::json!([{"a": 1}]);
        let error = Param::path("ids").render(&nested).unwrap_err();
        assert_eq!(
            error,
            "style simple can't write an array of arrays or objects"
        );
        let nested = serde_json::json!({"a": [1]});
        assert!(Param::query("q").render(&nested).is_err());
    }
}
