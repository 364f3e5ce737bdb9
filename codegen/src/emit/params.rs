//! How a parameter is handed to the runtime (`runtime/params.rs`), and the sentence of
//! its documentation that says how it is sent.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Param, ParamLocation, ParamShape, ParamStyle, Serialization, TypeRef};

/// Whether the parameter is written as plain text by the code of the common cases (a
/// primitive in the location's default style; for a query parameter also an array of
/// them, exploded): `request.query(name, text)`, `request.header(name, text)`, or the
/// path segment `encode_path_segment(text)`. Anything else goes through
/// `crate::runtime::params::Param`.
pub(super) fn is_plain(p: &Param) -> bool {
    let s = &p.serialization;
    if p.location == ParamLocation::Cookie
        || s.content.is_some()
        || s.allow_reserved
        || s.style != ParamStyle::default_for(p.location)
    {
        return false;
    }
    match (&p.ty, p.shape) {
        (TypeRef::Nullable(_), _) => false,
        // `explode` changes nothing for a primitive.
        (_, ParamShape::Primitive) => true,
        (TypeRef::Array(item), ParamShape::Array) => {
            p.location == ParamLocation::Query
                && s.explode
                && !matches!(**item, TypeRef::Nullable(_))
        }
        _ => false,
    }
}

/// `crate::runtime::params::Param::query("color").style(..).explode(..)`: what differs
/// from the location's default is set.
pub(super) fn descriptor(p: &Param) -> TokenStream {
    let wire = &p.wire_name;
    let s = &p.serialization;
    let mut tokens = match p.location {
        ParamLocation::Path => quote!(crate::runtime::params::Param::path(#wire)),
        ParamLocation::Query => quote!(crate::runtime::params::Param::query(#wire)),
        ParamLocation::Header => quote!(crate::runtime::params::Param::header(#wire)),
        ParamLocation::Cookie => quote!(crate::runtime::params::Param::cookie(#wire)),
    };
    let default = Serialization::default_for(p.location);
    if s.style != default.style {
        let style = match s.style {
            ParamStyle::Form => quote!(Form),
            ParamStyle::SpaceDelimited => quote!(SpaceDelimited),
            ParamStyle::PipeDelimited => quote!(PipeDelimited),
            ParamStyle::DeepObject => quote!(DeepObject),
            ParamStyle::Simple => quote!(Simple),
            ParamStyle::Label => quote!(Label),
            ParamStyle::Matrix => quote!(Matrix),
        };
        tokens = quote!(#tokens.style(crate::runtime::params::Style::#style));
    }
    if s.explode != default.explode {
        let explode = s.explode;
        tokens = quote!(#tokens.explode(#explode));
    }
    if s.allow_reserved {
        tokens = quote!(#tokens.allow_reserved());
    }
    if s.is_json() {
        tokens = quote!(#tokens.json());
    }
    tokens
}

/// How the parameter is sent, for its documentation: what `None` sends for a required
/// parameter that may be `null`, and the style (see [`style_note`]).
pub(super) fn wire_note(p: &Param) -> Option<String> {
    let null = (p.required && matches!(p.ty, TypeRef::Nullable(_)))
        .then(|| "`None` (the description allows `null`) sends no value.".to_owned());
    let notes: Vec<String> = null.into_iter().chain(style_note(p)).collect();
    (!notes.is_empty()).then(|| notes.join(" "))
}

/// How the parameter is sent, unless it is a primitive or an array in the location's
/// default style: e.g. "Sent as `color=a,b` for `[a, b]` (style `form`, `explode:
/// false`)." Objects are described in any style (exploded `form` drops the parameter's
/// name), so are cookies, `content` and `allowReserved`.
fn style_note(p: &Param) -> Option<String> {
    let s = &p.serialization;
    let name = p.wire_name.as_str();
    if let Some(media_type) = &s.content {
        let (how, kind) = if s.is_json() {
            ("as its JSON text", Example::Json)
        } else {
            ("as text", Example::Primitive)
        };
        let place = match p.location {
            ParamLocation::Path => "in the path",
            ParamLocation::Query => "in the query",
            ParamLocation::Header => "as a header",
            ParamLocation::Cookie => "in the `Cookie` header",
        };
        let encoded = match p.location {
            ParamLocation::Header => "",
            _ => " before percent-encoding",
        };
        let style = ParamStyle::default_for(p.location);
        return Some(format!(
            "Sent {place} {how} (content `{media_type}`), e.g. `{}`{encoded}.",
            example(p.location, name, style, true, kind)
        ));
    }
    let default = Serialization::default_for(p.location);
    let usual = s.style == default.style
        && (s.explode == default.explode || p.shape == ParamShape::Primitive)
        && !s.allow_reserved
        && p.location != ParamLocation::Cookie
        // Arrays in the default style are the common case; any JSON value (a `oneOf`)
        // has no one example.
        && matches!(
            p.shape,
            ParamShape::Primitive | ParamShape::Array | ParamShape::Any
        );
    if usual {
        return None;
    }
    let example_of = |kind| example(p.location, name, s.style, s.explode, kind);
    let examples: Vec<String> = match p.shape {
        ParamShape::Primitive => vec![format!("`{}`", example_of(Example::Primitive))],
        ParamShape::Array => vec![format!("`{}` for `[a, b]`", example_of(Example::Array))],
        ParamShape::Object | ParamShape::Nested => {
            vec![format!(
                "`{}` for `{{x: 1, y: 2}}`",
                example_of(Example::Object)
            )]
        }
        ParamShape::Any => vec![
            format!("`{}` for `v`", example_of(Example::Primitive)),
            format!("`{}` for `[a, b]`", example_of(Example::Array)),
            format!("`{}` for `{{x: 1, y: 2}}`", example_of(Example::Object)),
        ],
    };
    let mut how = vec![format!("style `{}`", s.style.as_str())];
    how.push(format!("`explode: {}`", s.explode));
    if s.allow_reserved {
        how.push("`allowReserved`: reserved characters are not percent-encoded".to_owned());
    }
    let place = match p.location {
        ParamLocation::Cookie => " in the `Cookie` header",
        _ => "",
    };
    Some(format!(
        "Sent{place} as {} ({}).",
        examples.join(", "),
        how.join(", ")
    ))
}

#[derive(Clone, Copy)]
enum Example {
    Primitive,
    Array,
    Object,
    Json,
}

/// The rendering of an example value, as `runtime/params.rs` writes it.
fn example(
    location: ParamLocation,
    name: &str,
    style: ParamStyle,
    explode: bool,
    kind: Example,
) -> String {
    let pairs = match location {
        ParamLocation::Cookie => "; ",
        _ => "&",
    };
    let (items, keys): (&[&str], &[(&str, &str)]) = match kind {
        Example::Primitive => (&["v"], &[]),
        Example::Json => (&[r#"{"x":1}"#], &[]),
        Example::Array => (&["a", "b"], &[]),
        Example::Object => (&[], &[("x", "1"), ("y", "2")]),
    };
    let joined = |sep: &str| items.join(sep);
    let kv = |eq: &str, sep: &str| {
        keys.iter()
            .map(|(k, v)| format!("{k}{eq}{v}"))
            .collect::<Vec<_>>()
            .join(sep)
    };
    let is_object = matches!(kind, Example::Object);
    let is_scalar = matches!(kind, Example::Primitive | Example::Json);
    match style {
        ParamStyle::Simple if is_object && explode => kv("=", ","),
        ParamStyle::Simple if is_object => kv(",", ","),
        ParamStyle::Simple => joined(","),
        ParamStyle::Label if is_object && explode => format!(".{}", kv("=", ".")),
        ParamStyle::Label if is_object => format!(".{}", kv(",", ",")),
        ParamStyle::Label if explode => format!(".{}", joined(".")),
        ParamStyle::Label => format!(".{}", joined(",")),
        ParamStyle::Matrix if is_object && explode => format!(";{}", kv("=", ";")),
        ParamStyle::Matrix if is_object => format!(";{name}={}", kv(",", ",")),
        ParamStyle::Matrix if explode => items.iter().map(|v| format!(";{name}={v}")).collect(),
        ParamStyle::Matrix => format!(";{name}={}", joined(",")),
        ParamStyle::DeepObject if is_object => keys
            .iter()
            .map(|(k, v)| format!("{name}[{k}]={v}"))
            .collect::<Vec<_>>()
            .join(pairs),
        ParamStyle::DeepObject if is_scalar => format!("{name}={}", joined("")),
        ParamStyle::DeepObject => items
            .iter()
            .map(|v| format!("{name}[]={v}"))
            .collect::<Vec<_>>()
            .join(pairs),
        ParamStyle::Form | ParamStyle::SpaceDelimited | ParamStyle::PipeDelimited => {
            let delimiter = match style {
                ParamStyle::SpaceDelimited => "%20",
                ParamStyle::PipeDelimited => "|",
                _ => ",",
            };
            if is_object && explode {
                kv("=", pairs)
            } else if is_object {
                format!("{name}={}", kv(delimiter, delimiter))
            } else if explode {
                items
                    .iter()
                    .map(|v| format!("{name}={v}"))
                    .collect::<Vec<_>>()
                    .join(pairs)
            } else {
                format!("{name}={}", joined(delimiter))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_follow_the_style_table() {
        use ParamLocation::{Cookie, Path, Query};
        use ParamStyle::*;
        let cases = [
            (Path, Matrix, true, Example::Array, ";c=a;c=b"),
            (Path, Matrix, false, Example::Object, ";c=x,1,y,2"),
            // RFC 6570 `{.c}` and OpenAPI 3.1.1 (3.1.0's table had `.a.b`, a typo).
            (Path, Label, false, Example::Array, ".a,b"),
            (Path, Label, false, Example::Object, ".x,1,y,2"),
            (Path, Label, true, Example::Array, ".a.b"),
            (Path, Label, true, Example::Object, ".x=1.y=2"),
            (Path, Simple, true, Example::Object, "x=1,y=2"),
            (Query, Form, false, Example::Array, "c=a,b"),
            (Query, Form, true, Example::Object, "x=1&y=2"),
            (Query, SpaceDelimited, false, Example::Array, "c=a%20b"),
            (Query, PipeDelimited, false, Example::Object, "c=x|1|y|2"),
            (Query, DeepObject, true, Example::Object, "c[x]=1&c[y]=2"),
            (Query, DeepObject, true, Example::Array, "c[]=a&c[]=b"),
            (Cookie, Form, true, Example::Array, "c=a; c=b"),
        ];
        for (location, style, explode, kind, expected) in cases {
            assert_eq!(example(location, "c", style, explode, kind), expected);
        }
    }
}
