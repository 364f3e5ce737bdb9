// @generated: copied by codegen from codegen/runtime/form.rs. Do not edit it here:
// edit the original, then run `cargo run -p codegen`.

//! `application/x-www-form-urlencoded` bodies, written from a typed struct as the API's
//! `encoding` says: each property's `style` (`form`, `spaceDelimited`, `pipeDelimited`,
//! `deepObject`) and `explode`, or JSON text where its `contentType` is JSON.
//!
//! The struct goes through `serde` (so renames, skipped `None`s, enums and dates are as in
//! JSON), its properties in declaration order; names and values are percent-encoded by
//! `form_urlencoded` (the `url` crate's, as browsers encode forms: space as `+`), and the
//! delimiters of a style are written as they are. A `null` property is left out, and an
//! object or array nested deeper than a style can express is written as JSON text.
//!
//! Copied into a generated crate only when its API sends form bodies (it needs the
//! `form_urlencoded` crate).

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Serialize;

use super::error::Error;
use super::http::{OperationInfo, Request};

/// A property's `style`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    Form,
    SpaceDelimited,
    PipeDelimited,
    DeepObject,
}

/// How one property is written, where the API says otherwise than `style: form`,
/// `explode: true`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Encoding {
    /// The property's name.
    pub(crate) name: &'static str,
    pub(crate) style: Style,
    pub(crate) explode: bool,
    /// `contentType` is JSON: the value is written as JSON text.
    pub(crate) json: bool,
}

impl Request {
    /// Sets an `application/x-www-form-urlencoded` body: the properties of `body`,
    /// written as `encodings` say (the default for those not listed).
    pub(crate) fn form<T: Serialize + ?Sized>(
        &mut self,
        operation: &'static OperationInfo,
        body: &T,
        encodings: &[Encoding],
    ) -> Result<(), Error> {
        let encode = |source| Error::Encode {
            operation: operation.id,
            source,
        };
        let json = serde_json::to_vec(body).map_err(encode)?;
        let value: Node = serde_json::from_slice(&json).map_err(encode)?;
        self.text(
            "application/x-www-form-urlencoded",
            encode_form(&value, encodings),
        );
        Ok(())
    }
}

/// A JSON value whose objects keep their order.
#[derive(Debug, Clone, PartialEq)]
enum Node {
    Null,
    /// A string.
    Str(String),
    /// A number or boolean, as its JSON text.
    Literal(String),
    Array(Vec<Node>),
    Object(Vec<(String, Node)>),
}

impl Node {
    /// The value as text: a scalar's own, JSON for the rest.
    fn text(&self) -> String {
        match self {
            Node::Null => String::new(),
            Node::Str(s) | Node::Literal(s) => s.clone(),
            Node::Array(_) | Node::Object(_) => self.json(),
        }
    }

    fn json(&self) -> String {
        match self {
            Node::Null => "null".to_owned(),
            Node::Str(s) => serde_json::Value::from(s.as_str()).to_string(),
            Node::Literal(s) => s.clone(),
            Node::Array(items) => {
                let items: Vec<String> = items.iter().map(Node::json).collect();
                format!("[{}]", items.join(","))
            }
            Node::Object(props) => {
                let props: Vec<String> = props
                    .iter()
                    .map(|(k, v)| format!("{}:{}", serde_json::Value::from(k.as_str()), v.json()))
                    .collect();
                format!("{{{}}}", props.join(","))
            }
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NodeVisitor;

        impl<'de> Visitor<'de> for NodeVisitor {
            type Value = Node;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON value")
            }

            fn visit_unit<E>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }

            fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
                Ok(Node::Literal(v.to_string()))
            }

            fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
                Ok(Node::Literal(v.to_string()))
            }

            fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
                Ok(Node::Literal(v.to_string()))
            }

            fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
                Ok(Node::Literal(serde_json::Value::from(v).to_string()))
            }

            fn visit_str<E>(self, v: &str) -> Result<Node, E> {
                Ok(Node::Str(v.to_owned()))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Node::Array(items))
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
                let mut props = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    props.push(entry);
                }
                Ok(Node::Object(props))
            }
        }

        deserializer.deserialize_any(NodeVisitor)
    }
}

/// The form of `value`'s properties.
fn encode_form(value: &Node, encodings: &[Encoding]) -> String {
    let mut out = String::new();
    let Node::Object(props) = value else {
        return out;
    };
    for (name, value) in props {
        let encoding = encodings.iter().find(|e| e.name == name);
        let (style, explode, json) =
            encoding.map_or((Style::Form, true, false), |e| (e.style, e.explode, e.json));
        if json {
            if *value != Node::Null {
                pair(&mut out, name, &[value.json()], "");
            }
            continue;
        }
        let delimiter = match style {
            Style::SpaceDelimited => "%20",
            Style::PipeDelimited => "|",
            Style::Form | Style::DeepObject => ",",
        };
        match value {
            Node::Null => {}
            Node::Str(_) | Node::Literal(_) => pair(&mut out, name, &[value.text()], ""),
            Node::Array(items) if explode => {
                for item in items.iter().filter(|i| **i != Node::Null) {
                    pair(&mut out, name, &[item.text()], "");
                }
            }
            Node::Array(items) => {
                let texts: Vec<String> = items.iter().map(Node::text).collect();
                pair(&mut out, name, &texts, delimiter);
            }
            Node::Object(props) if style == Style::DeepObject => {
                for (key, v) in props.iter().filter(|(_, v)| *v != Node::Null) {
                    pair(&mut out, &format!("{name}[{key}]"), &[v.text()], "");
                }
            }
            Node::Object(props) if explode => {
                for (key, v) in props.iter().filter(|(_, v)| *v != Node::Null) {
                    pair(&mut out, key, &[v.text()], "");
                }
            }
            Node::Object(props) => {
                let texts: Vec<String> = props
                    .iter()
                    .filter(|(_, v)| *v != Node::Null)
                    .flat_map(|(k, v)| [k.clone(), v.text()])
                    .collect();
                pair(&mut out, name, &texts, delimiter);
            }
        }
    }
    out
}

/// Appends `name=value` (`&` before it if needed): the name and each value encoded, the
/// values joined by `delimiter` as it is.
fn pair(out: &mut String, name: &str, values: &[String], delimiter: &str) {
    if !out.is_empty() {
        out.push('&');
    }
    out.extend(form_urlencoded::byte_serialize(name.as_bytes()));
    out.push('=');
    for (i, value) in values.iter().enumerate() {
        if i > 0 {
            out.push_str(delimiter);
        }
        out.extend(form_urlencoded::byte_serialize(value.as_bytes()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(json: &str, encodings: &[Encoding]) -> String {
        encode_form(&serde_json::from_str(json).expect("JSON"), encodings)
    }

    fn encoding(name: &'static str, style: Style, explode: bool) -> Encoding {
        Encoding {
            name,
            style,
            explode,
            json: false,
        }
    }

    #[test]
    fn scalars_keep_their_order_and_are_encoded() {
        assert_eq!(
            form(r#"{"z": "a b&c", "a": 1.5, "m": true, "n": null}"#, &[]),
            "z=a+b%26c&a=1.5&m=true"
        );
    }

    #[test]
    fn arrays_by_style_and_explode() {
        let json = r#"{"t": ["x y", "z,"]}"#;
        assert_eq!(form(json, &[]), "t=x+y&t=z%2C");
        let cases = [
            (Style::Form, "t=x+y,z%2C"),
            (Style::SpaceDelimited, "t=x+y%20z%2C"),
            (Style::PipeDelimited, "t=x+y|z%2C"),
        ];
        for (style, expected) in cases {
            assert_eq!(form(json, &[encoding("t", style, false)]), expected);
        }
    }

    #[test]
    fn objects_by_style_and_explode() {
        let json = r#"{"o": {"b": 1, "a": "x"}}"#;
        assert_eq!(form(json, &[]), "b=1&a=x");
        assert_eq!(
            form(json, &[encoding("o", Style::Form, false)]),
            "o=b,1,a,x"
        );
        assert_eq!(
            form(json, &[encoding("o", Style::DeepObject, true)]),
            "o%5Bb%5D=1&o%5Ba%5D=x"
        );
        let as_json = Encoding {
            json: true,
            ..encoding("o", Style::Form, true)
        };
        assert_eq!(
            form(json, &[as_json]),
            "o=%7B%22b%22%3A1%2C%22a%22%3A%22x%22%7D"
        );
    }
}
