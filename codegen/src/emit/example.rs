//! Example calls for the documentation: an operation called with its required arguments,
//! each built from the description's example where it fits the type, else from a
//! placeholder of the right type. They are doctests (`no_run`), so they compile against
//! the crate they document.

use std::collections::BTreeSet;

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use serde_json::Value;

use super::models::{self, Takes};
use super::types::{ident, takes_into};
use crate::ir::{Api, BodyKind, Method, Operation, PartKind, SuccessBody, TypeKind, TypeRef};
use crate::Options;

/// How deep named types are followed before a value is decoded from JSON instead.
const MAX_DEPTH: usize = 4;

/// Placeholders where the description gives no example.
const PLACEHOLDER_UUID: &str = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
const PLACEHOLDER_DATE_TIME: &str = "2024-01-01T00:00:00Z";
const PLACEHOLDER_DATE: &str = "2024-01-01";
const PLACEHOLDER_FILE: &str = "upload.bin";

/// The `# Example` section of `op`'s documentation: a doctest that calls it. None for a
/// crate that a build script `include!`s, whose doctests would name a crate that does not
/// exist.
pub(super) fn operation_section(api: &Api, op: &Operation, options: &Options) -> Option<String> {
    if options.include_dir.is_some() {
        return None;
    }
    let krate = lib_name(options);
    let call = Example::new(api, &krate).call(op);
    let body: Vec<&String> = call.uses.iter().chain(&call.lines).collect();
    let body: Vec<&str> = body.iter().map(|l| l.as_str()).collect();
    let body = body.join("\n");
    Some(format!(
        "# Example\n\n\
         ```no_run\n\
         # async fn example(client: &{krate}::Client) -> Result<(), Box<dyn std::error::Error>> {{\n\
         {body}\n\
         # Ok(())\n\
         # }}\n\
         ```"
    ))
}

/// The quick start of the crate's README and documentation: `main` builds a client from
/// the environment and calls the operation that needs the fewest arguments (a `GET`
/// first).
pub(super) fn quick_start(api: &Api, options: &Options) -> Option<String> {
    let op = api.operations.iter().min_by_key(|op| {
        let arguments = op.params.iter().filter(|p| p.required).count()
            + usize::from(op.body.as_ref().is_some_and(|b| b.required));
        (op.method != Method::Get, arguments)
    })?;
    let krate = lib_name(options);
    let mut example = Example::new(api, &krate);
    example.root.insert("Client");
    let call = example.call(op);
    let uses: Vec<&str> = call.uses.iter().map(String::as_str).collect();
    let uses = uses[..uses.len().saturating_sub(1)].join("\n");
    let body: Vec<String> = call
        .lines
        .into_iter()
        .map(|l| if l.is_empty() { l } else { format!("    {l}") })
        .collect();
    let show = if op.outcomes.success == SuccessBody::Empty {
        ""
    } else {
        "    println!(\"{response:#?}\");\n"
    };
    Some(format!(
        "{uses}\n\
         \n\
         #[tokio::main]\n\
         async fn main() -> Result<(), Box<dyn std::error::Error>> {{\n\
         \x20   // Credentials and settings from the environment (see `Client::from_env`).\n\
         \x20   let client = Client::from_env()?;\n\
         \n\
         {}\n\
         {show}\
         \x20   Ok(())\n\
         }}",
        body.join("\n")
    ))
}

/// The crate's name in Rust paths, e.g. `ahasend_client`.
fn lib_name(options: &Options) -> String {
    options.crate_name.replace('-', "_")
}

/// Whether an argument is taken as `impl Into<T>` or as `T` itself.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Context {
    Into,
    Exact,
}

/// An example call: its `use` lines (and a blank line after them, if any), and its
/// statements.
struct Call {
    uses: Vec<String>,
    lines: Vec<String>,
}

/// Builds example code for one crate, collecting the `use` lines it needs.
struct Example<'a> {
    api: &'a Api,
    /// The crate's name in Rust paths, e.g. `ahasend_client`.
    krate: proc_macro2::Ident,
    /// Models named by the example.
    models: BTreeSet<String>,
    /// Types of the crate root named by the example (`Body`, `FilePart`, ...).
    root: BTreeSet<&'static str>,
    /// Types of `operations` named by the example (multipart bodies).
    operations: BTreeSet<String>,
    /// Re-exported crates named by the example (`uuid`, `chrono`, `serde_json`).
    crates: BTreeSet<&'static str>,
}

impl<'a> Example<'a> {
    fn new(api: &'a Api, krate: &str) -> Self {
        Example {
            api,
            krate: ident(krate),
            models: BTreeSet::new(),
            root: BTreeSet::new(),
            operations: BTreeSet::new(),
            crates: BTreeSet::new(),
        }
    }

    /// The statements that call `op` on `client`: the `use`s of the types named, then a
    /// `let` per required argument, and the call.
    fn call(mut self, op: &Operation) -> Call {
        let mut lets = Vec::new();
        let mut args = Vec::new();
        for p in op
            .params
            .iter()
            .filter(|p| p.required && !p.is_idempotency_key())
        {
            let context = if takes_into(&p.ty) {
                Context::Into
            } else {
                Context::Exact
            };
            let value = self.value(&p.ty, p.example.as_ref(), &p.wire_name, context, 0);
            let name = ident(&p.name);
            lets.extend(let_statement(&name, value));
            args.push(name);
        }
        if let Some(body) = op.body.as_ref().filter(|b| b.required) {
            let value = self.body(&body.kind, body.example.as_ref());
            lets.extend(let_statement(&format_ident!("body"), value));
            args.push(format_ident!("body"));
        }
        let method = ident(&op.fn_name);
        let call = call_statement(&method, &args, op.outcomes.success != SuccessBody::Empty);
        let mut uses = self.uses();
        if !uses.is_empty() {
            uses.push(String::new());
        }
        // Paragraphs: the arguments, the call.
        let mut lines = Vec::new();
        if !lets.is_empty() {
            lines.extend(lets);
            lines.push(String::new());
        }
        lines.extend(call);
        Call { uses, lines }
    }

    /// The `use` lines of what the example named.
    fn uses(&self) -> Vec<String> {
        let in_root: Vec<&str> = self.crates.iter().chain(&self.root).copied().collect();
        let mut uses = Vec::new();
        if !in_root.is_empty() {
            uses.extend(use_line(&self.krate, None, &in_root));
        }
        for (module, names) in [("models", &self.models), ("operations", &self.operations)] {
            if names.is_empty() {
                continue;
            }
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            uses.extend(use_line(&self.krate, Some(module), &names));
        }
        uses
    }

    /// A request body of `kind`.
    fn body(&mut self, kind: &BodyKind, example: Option<&Value>) -> TokenStream {
        match kind {
            BodyKind::Json(ty) | BodyKind::Form(crate::ir::FormBody { ty, .. }) => {
                self.value(ty, example, "body", Context::Into, 0)
            }
            BodyKind::Text | BodyKind::Xml => {
                let text = example.and_then(Value::as_str).unwrap_or("body");
                quote!(#text)
            }
            BodyKind::Binary => quote!(std::fs::read(#PLACEHOLDER_FILE)?),
            BodyKind::Multipart(None) => {
                self.root.insert("Multipart");
                quote!(Multipart::new())
            }
            BodyKind::Multipart(Some(m)) => {
                self.operations.insert(m.name.clone());
                let args: Vec<TokenStream> = m
                    .parts
                    .iter()
                    .filter(|p| p.required)
                    .map(|p| {
                        let part = example.and_then(|e| e.get(&p.wire_name));
                        let item = match &p.kind {
                            PartKind::File => {
                                self.root.insert("FilePart");
                                quote!(FilePart::new(std::fs::read(#PLACEHOLDER_FILE)?))
                            }
                            PartKind::Text(ty) | PartKind::Json(ty) => {
                                let part = if p.repeated { first(part) } else { part };
                                self.value(ty, part, &p.wire_name, Context::Exact, 0)
                            }
                        };
                        if p.repeated {
                            quote!(vec![#item])
                        } else {
                            item
                        }
                    })
                    .collect();
                let name = ident(&m.name);
                quote!(#name::new(#(#args),*))
            }
        }
    }

    /// A value of `ty`: `example` where it fits, else a placeholder (`name` for text).
    fn value(
        &mut self,
        ty: &TypeRef,
        example: Option<&Value>,
        name: &str,
        context: Context,
        depth: usize,
    ) -> TokenStream {
        match ty {
            TypeRef::String => {
                let text = match example {
                    Some(Value::String(s)) => s.clone(),
                    Some(v @ (Value::Number(_) | Value::Bool(_))) => v.to_string(),
                    _ => name.to_owned(),
                };
                match context {
                    Context::Into => quote!(#text),
                    Context::Exact => quote!(#text.to_owned()),
                }
            }
            TypeRef::Uuid => {
                self.crates.insert("uuid");
                let text = text_or(example, PLACEHOLDER_UUID);
                quote!(uuid::Uuid::parse_str(#text)?)
            }
            TypeRef::DateTime => {
                self.crates.insert("chrono");
                let text = text_or(example, PLACEHOLDER_DATE_TIME);
                quote!(#text.parse::<chrono::DateTime<chrono::Utc>>()?)
            }
            TypeRef::Date => {
                self.crates.insert("chrono");
                let text = text_or(example, PLACEHOLDER_DATE);
                quote!(#text.parse::<chrono::NaiveDate>()?)
            }
            TypeRef::I32 => {
                let n = example
                    .and_then(Value::as_i64)
                    .and_then(|n| i32::try_from(n).ok())
                    .unwrap_or(1);
                let n = Literal::i32_unsuffixed(n);
                quote!(#n)
            }
            TypeRef::I64 => {
                let n = Literal::i64_unsuffixed(example.and_then(Value::as_i64).unwrap_or(1));
                quote!(#n)
            }
            TypeRef::F64 => {
                let n = example
                    .and_then(Value::as_f64)
                    .filter(|n| n.is_finite())
                    .unwrap_or(1.0);
                let n = Literal::f64_unsuffixed(n);
                quote!(#n)
            }
            TypeRef::Bool => {
                let b = example.and_then(Value::as_bool).unwrap_or(true);
                quote!(#b)
            }
            TypeRef::Base64 => {
                self.root.insert("Base64Bytes");
                match example {
                    // The description's example is the text on the wire.
                    Some(Value::String(text)) => quote!(#text.parse::<Base64Bytes>()?),
                    _ => {
                        let bytes = Literal::byte_string(name.as_bytes());
                        quote!(Base64Bytes::from(#bytes))
                    }
                }
            }
            TypeRef::Json => self.json(example.unwrap_or(&Value::Object(Default::default()))),
            TypeRef::Array(item) => {
                let item = self.value(item, first(example), name, Context::Exact, depth);
                quote!(vec![#item])
            }
            TypeRef::Tuple(items) => {
                let values = example.and_then(Value::as_array);
                let items = items.iter().enumerate().map(|(i, item)| {
                    let example = values.and_then(|v| v.get(i));
                    self.value(item, example, name, Context::Exact, depth)
                });
                quote!((#(#items,)*))
            }
            TypeRef::Map(value) => {
                let (key, entry) = match example {
                    Some(Value::Object(map)) => match map.iter().next() {
                        Some((k, v)) => (k.clone(), Some(v)),
                        None => ("key".to_owned(), None),
                    },
                    _ => ("key".to_owned(), None),
                };
                let value = self.value(value, entry, &key, Context::Exact, depth);
                quote!(std::collections::BTreeMap::from([(#key.to_owned(), #value)]))
            }
            TypeRef::Nullable(inner) => {
                let inner = self.value(inner, example, name, Context::Exact, depth);
                quote!(Some(#inner))
            }
            TypeRef::Named(n) => self.named(n, example, name, context, depth),
        }
    }

    /// A value of the named type `n`.
    fn named(
        &mut self,
        n: &str,
        example: Option<&Value>,
        name: &str,
        context: Context,
        depth: usize,
    ) -> TokenStream {
        let api = self.api;
        let Some(def) = api.types.get(n) else {
            return self.decoded(example);
        };
        let example = example.or(def.example.as_ref());
        if depth >= MAX_DEPTH {
            return self.decoded(example);
        }
        let ty = ident(n);
        match &def.kind {
            TypeKind::Alias(inner) => self.value(inner, example, name, context, depth + 1),
            TypeKind::Enum(e) => {
                let wanted = example.and_then(Value::as_str);
                let variant = e
                    .variants
                    .iter()
                    .find(|v| Some(v.value.as_str()) == wanted)
                    .or(e.variants.first());
                self.models.insert(n.to_owned());
                match variant {
                    Some(v) => {
                        let v = ident(&v.name);
                        quote!(#ty::#v)
                    }
                    None => {
                        let text = wanted.unwrap_or(name);
                        quote!(#ty::from(#text))
                    }
                }
            }
            TypeKind::IntEnum(e) => {
                let wanted = example.and_then(Value::as_i64);
                let variant = e
                    .variants
                    .iter()
                    .find(|v| Some(v.value) == wanted)
                    .or(e.variants.first());
                self.models.insert(n.to_owned());
                match variant {
                    Some(v) => {
                        let v = ident(&v.name);
                        quote!(#ty::#v)
                    }
                    None => {
                        let value = wanted.unwrap_or_default();
                        quote!(#ty::from(#value))
                    }
                }
            }
            TypeKind::Union(u) => {
                let Some(v) = u.variants.first() else {
                    return self.decoded(example);
                };
                self.models.insert(n.to_owned());
                let inner = self.value(&v.ty, example, name, Context::Exact, depth + 1);
                let inner = if v.boxed {
                    quote!(Box::new(#inner))
                } else {
                    inner
                };
                let v = ident(&v.name);
                quote!(#ty::#v(#inner))
            }
            TypeKind::Struct(s) if models::has_constructor(api, s) => {
                self.models.insert(n.to_owned());
                let mut args: Vec<TokenStream> = models::constructor_fields(api, s)
                    .into_iter()
                    .map(|f| {
                        let field = example
                            .and_then(|e| e.get(&f.wire_name))
                            .or(f.example.as_ref());
                        let ty = match &f.ty {
                            TypeRef::Nullable(inner) => inner.as_ref(),
                            other => other,
                        };
                        let arg = |this: &mut Self, context| {
                            this.value(ty, field, &f.wire_name, context, depth + 1)
                        };
                        match models::takes(f) {
                            Takes::Option => {
                                let value = arg(self, Context::Exact);
                                quote!(Some(#value))
                            }
                            Takes::Into => arg(self, Context::Into),
                            Takes::Exact => arg(self, Context::Exact),
                        }
                    })
                    .collect();
                if let Some((_, union)) = &s.flattened {
                    args.push(self.value(union, example, name, Context::Into, depth + 1));
                }
                quote!(#ty::new(#(#args),*))
            }
            TypeKind::Struct(s) if models::has_default(s) => {
                self.models.insert(n.to_owned());
                quote!(#ty::default())
            }
            TypeKind::Struct(_) => self.decoded(example),
        }
    }

    /// A value decoded from JSON: where the type has no constructor to call.
    fn decoded(&mut self, example: Option<&Value>) -> TokenStream {
        let json = self.json(example.unwrap_or(&Value::Object(Default::default())));
        quote!(serde_json::from_value(#json)?)
    }

    /// `serde_json::json!` of `value`.
    fn json(&mut self, value: &Value) -> TokenStream {
        self.crates.insert("serde_json");
        let tokens = json_tokens(value);
        quote!(serde_json::json!(#tokens))
    }
}

/// The first item of an array example.
fn first(example: Option<&Value>) -> Option<&Value> {
    example.and_then(Value::as_array).and_then(|a| a.first())
}

/// The example's text, else `placeholder`.
fn text_or<'v>(example: Option<&'v Value>, placeholder: &'v str) -> &'v str {
    example.and_then(Value::as_str).unwrap_or(placeholder)
}

/// `value` as the tokens of a `json!` invocation.
fn json_tokens(value: &Value) -> TokenStream {
    match value {
        Value::Null => quote!(null),
        Value::Bool(b) => quote!(#b),
        Value::Number(n) => n.to_string().parse().unwrap_or_else(|_| quote!(null)),
        Value::String(s) => quote!(#s),
        Value::Array(items) => {
            let items = items.iter().map(json_tokens);
            quote!([#(#items),*])
        }
        Value::Object(map) => {
            let entries = map.iter().map(|(k, v)| {
                let v = json_tokens(v);
                quote!(#k: #v)
            });
            quote!({ #(#entries),* })
        }
    }
}

/// The lines of `client.method(args).send().await?;`, as [`format_statements`] lays them
/// out; bound to `response` if `binds`.
fn call_statement(
    method: &proc_macro2::Ident,
    args: &[proc_macro2::Ident],
    binds: bool,
) -> Vec<String> {
    let args_text: Vec<String> = args.iter().map(ToString::to_string).collect();
    let call = format!("client.{method}({}).send().await?;", args_text.join(", "));
    let text = if binds {
        format!("let response = {call}")
    } else {
        call
    };
    one_statement(text, || {
        let call = quote!(client.#method(#(#args),*).send().await?);
        if binds {
            quote!(let response = #call;)
        } else {
            quote!(#call;)
        }
    })
}

/// The lines of `let name = value;`, as [`format_statements`] lays them out.
fn let_statement(name: &proc_macro2::Ident, value: TokenStream) -> Vec<String> {
    // A value of one literal (a string, a number) prints as the literal's text.
    let mut tokens = value.clone().into_iter();
    let literal = match (tokens.next(), tokens.next()) {
        (Some(proc_macro2::TokenTree::Literal(literal)), None) => Some(literal),
        _ => None,
    };
    match literal {
        Some(literal) => one_statement(
            format!("let {name} = {literal};"),
            || quote!(let #name = #value;),
        ),
        None => format_statements(&quote!(let #name = #value;)),
    }
}

/// The lines of `use krate::module::{names};` (`use krate::{names};` without a module), as
/// [`format_statements`] lays them out.
fn use_line(krate: &proc_macro2::Ident, module: Option<&str>, names: &[&str]) -> Vec<String> {
    let names: Vec<proc_macro2::Ident> = names.iter().map(|n| ident(n)).collect();
    let module = module.map(ident);
    let text = {
        let path = match &module {
            Some(module) => format!("{krate}::{module}"),
            None => krate.to_string(),
        };
        let names: Vec<String> = names.iter().map(ToString::to_string).collect();
        match names.as_slice() {
            [one] => format!("use {path}::{one};"),
            _ => format!("use {path}::{{{}}};", names.join(", ")),
        }
    };
    one_statement(text, || match module {
        Some(module) => quote!(use #krate::#module::{#(#names),*};),
        None => quote!(use #krate::{#(#names),*};),
    })
}

/// The width of a statement in a function body that prettyplease keeps on one line: its
/// margin (89 columns) less the body's indentation (4).
const ONE_LINE: usize = 85;

/// One statement laid out as [`format_statements`] would: `text`, the statement written
/// with the spacing it prints, when it fits on a line (prettyplease breaks none that
/// does), else the `tokens` parsed and printed. Most examples' calls and `use` lines fit,
/// and a parse and a print cost far more than the text.
fn one_statement(text: String, tokens: impl FnOnce() -> TokenStream) -> Vec<String> {
    if text.len() <= ONE_LINE {
        vec![text]
    } else {
        format_statements(&tokens())
    }
}

/// Statements as rustfmt would lay them out in a function body, one line each.
fn format_statements(statements: &TokenStream) -> Vec<String> {
    let file = quote!(fn example() { #statements });
    let Ok(file) = syn::parse2::<syn::File>(file) else {
        return vec![statements.to_string()];
    };
    let text = prettyplease::unparse(&file);
    let lines: Vec<&str> = text.lines().collect();
    // Between `fn example() {` and the closing `}`, indented by four spaces.
    lines
        .get(1..lines.len().saturating_sub(1))
        .unwrap_or_default()
        .iter()
        .map(|l| l.strip_prefix("    ").unwrap_or(l).to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::Options;

    /// The one-line layouts of calls, `let`s and `use` lines are prettyplease's, at every
    /// length up to and past its margin.
    #[test]
    fn statements_that_fit_are_laid_out_as_prettyplease_does() {
        use quote::quote;

        use super::{call_statement, format_statements, let_statement, use_line};
        use crate::emit::types::ident;

        let krate = ident("my_api");
        for len in 0..=100 {
            let name = format!("a{}", "b".repeat(len));
            for method in [ident(&name), ident("get")] {
                let arg_lists = [
                    vec![],
                    vec![ident("owner")],
                    vec![ident("owner"), ident(&name), ident("body")],
                ];
                for args in arg_lists {
                    for binds in [true, false] {
                        let call = quote!(client.#method(#(#args),*).send().await?);
                        let tokens = if binds {
                            quote!(let response = #call;)
                        } else {
                            quote!(#call;)
                        };
                        let expected = format_statements(&tokens);
                        assert_eq!(call_statement(&method, &args, binds), expected);
                    }
                }
            }
            let variable = ident(&name);
            let values = [
                quote!(#name),
                quote!("a \"quoted\" \\ value"),
                quote!(42),
                quote!(-7),
                quote!(true),
                quote!(uuid::Uuid::parse_str(#name)?),
            ];
            for value in values {
                let expected = format_statements(&quote!(let #variable = #value;));
                assert_eq!(let_statement(&variable, value), expected);
            }
            let names = [name.as_str(), "Client", "uuid", "Zeta"];
            for n in 1..=names.len() {
                for module in [None, Some("models")] {
                    let idents: Vec<_> = names[..n].iter().map(|x| ident(x)).collect();
                    let tokens = match module {
                        Some(m) => {
                            let m = ident(m);
                            quote!(use #krate::#m::{#(#idents),*};)
                        }
                        None => quote!(use #krate::{#(#idents),*};),
                    };
                    let expected = format_statements(&tokens);
                    assert_eq!(use_line(&krate, module, &names[..n]), expected);
                }
            }
        }
    }

    /// The `# Example` doctest of `op` in the crate generated from `spec`.
    fn example_of(spec: &str, op: &str) -> String {
        let generated =
            crate::generate(spec, &Options::default()).unwrap_or_else(|d| panic!("{d}"));
        let file = &generated.files[&format!("src/operations/{op}.rs")];
        let start = file.find("/// # Example").expect("an example");
        // The opening fence is "```no_run": the first bare one closes it.
        let end = start + file[start..].find("/// ```\n").expect("the closing fence");
        file[start..end].to_owned()
    }

    const SPEC: &str = r#"
openapi: 3.0.3
info: {title: T, version: '1'}
servers: [{url: 'https://x.test'}]
paths:
  /things/{id}:
    post:
      operationId: createThing
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}, example: 42}
        - {name: when, in: query, required: true, schema: {type: string, format: date-time}}
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Thing'}
            example: {name: rex, kind: cat, tags: [a, b], size: "not a number"}
      responses:
        '204': {description: done}
components:
  schemas:
    Thing:
      type: object
      required: [name, kind, size]
      properties:
        name: {type: string}
        kind: {type: string, enum: [dog, cat]}
        size: {type: integer, example: 7}
        note: {type: string}
"#;

    #[test]
    fn arguments_take_the_descriptions_examples_where_they_fit() {
        let example = example_of(SPEC, "create_thing");
        // The parameter's example, a placeholder of the right type, the body's example
        // (an enum value as its variant), and where the body's value does not fit the
        // type ("not a number"), a placeholder rather than the property's example.
        for line in [
            "/// let id = 42;",
            "/// let when = \"2024-01-01T00:00:00Z\".parse::<chrono::DateTime<chrono::Utc>>()?;",
            "/// let body = Thing::new(\"rex\", ThingKind::Cat, 1);",
            "/// client.create_thing(id, when, body).send().await?;",
            "/// use ahasend_client::chrono;",
            "/// use ahasend_client::models::{Thing, ThingKind};",
        ] {
            assert!(example.contains(line), "no {line:?} in:\n{example}");
        }
    }

    #[test]
    fn a_property_example_is_used_where_the_body_has_none() {
        let spec = SPEC.replace(
            "example: {name: rex, kind: cat, tags: [a, b], size: \"not a number\"}",
            "example: {name: rex}",
        );
        let example = example_of(&spec, "create_thing");
        assert!(
            example.contains("/// let body = Thing::new(\"rex\", ThingKind::Dog, 7);"),
            "{example}"
        );
    }
}
