//! rustfmt's layout of the plainest items, written here instead of by rustfmt.
//!
//! Most of what we emit is structs, enums, type aliases, statics, macro calls and `impl`
//! blocks of methods made of paths, calls, `let`s, `if`s and `match`es. For those,
//! rustfmt's layout is fixed by a few rules of its default settings (a line's maximum
//! width; the widths past which an attribute's list, a call's arguments, a chain, an
//! array or a struct literal's fields go one a line), and [`item`] writes it: neither
//! `prettyplease` nor rustfmt needs to see them. Where an item holds anything else
//! (generics, closures, loops, a line that would wrap where these rules don't say how,
//! two `derive`s rustfmt would merge, text whose width is not its length), [`item`]
//! gives `None` and the item goes the usual way. Where rustfmt would leave an item as it
//! is given (a `static` with a literal too long for any line; a struct's fields, where one
//! has a type too long for any line; a method's parameter whose type it can't fit
//! however it breaks it), that is `prettyplease`'s text, written here.
//!
//! Where an `impl` block as a whole is not written here, its methods may be ([`within`]).
//! In the text for rustfmt, each item written here is a [`marker`], a macro call on a
//! line of its own that rustfmt keeps as it is, with the blank lines around it;
//! [`splice`] then puts the items in.
//!
//! Lines are made by concatenating their pieces (`[indent, name, " {"].concat()`), not
//! with `format!`: over GitHub's hundreds of thousands of lines, its machinery took a
//! quarter of the time this module took.
//!
//! The rules are rustfmt 1.9's for style edition 2021 (which the generated crate's
//! `rustfmt.toml` names, and whose layout rustfmt keeps stable), measured where they are
//! not settings. `format`'s test formats samples at each width where the layout changes
//! both ways, and CI's fixed-point check on every generated crate proves them on real
//! descriptions.

use quote::ToTokens;
use syn::Item;

pub(super) use declarations::{declaration, in_order, inner, Declaration, Kind};

mod attrs;
mod block;
mod code;
mod data;
mod declarations;
mod expr;
mod syntax;

/// rustfmt's `max_width`: no line it writes is longer, unless it can't be broken.
const MAX_WIDTH: usize = 100;

/// How deep items are indented in a block.
const INDENT: &str = "    ";

/// The macro whose calls stand for the items written here in the text for rustfmt.
const MARKER: &str = "codegen_exact_item";

/// The item that stands for the `n`th item written here: a macro call, which
/// `prettyplease` prints and rustfmt keeps as it is, on a line of its own.
pub(super) fn marker(n: usize) -> Item {
    Item::Macro(syn::ItemMacro {
        attrs: Vec::new(),
        ident: None,
        mac: call(n),
        semi_token: Some(Default::default()),
    })
}

/// `item` with its docs one attribute a line, for prettyplease ([`attrs::split_docs`]):
/// in its syntax tree where [`attrs::split_docs_in`] knows where they are, else in its
/// tokens, parsed again.
fn docs_a_line(mut item: Item) -> Item {
    if attrs::split_docs_in(&mut item) {
        return item;
    }
    match attrs::split_docs(item.to_token_stream()) {
        Some(split) => syn::parse2(split).unwrap_or(item),
        None => item,
    }
}

/// `item` as `prettyplease` prints it alone: the text rustfmt is given, where it keeps it.
fn printed(item: Item) -> String {
    prettyplease::unparse(&super::items_file(vec![item]))
}

/// A marker's macro call.
fn call(n: usize) -> syn::Macro {
    syn::Macro {
        path: syn::Ident::new(MARKER, proc_macro2::Span::call_site()).into(),
        bang_token: Default::default(),
        delimiter: syn::MacroDelimiter::Paren(Default::default()),
        tokens: proc_macro2::Literal::usize_unsuffixed(n).into_token_stream(),
    }
}

/// The number of the marker on `line`, if it is one.
pub(super) fn marker_on(line: &str) -> Option<&str> {
    line.trim_start()
        .strip_prefix(MARKER)?
        .strip_prefix("!(")?
        .trim_end()
        .strip_suffix(");")
}

/// `item`, with each item of an `impl` block that is written here (see [`item`]) put in
/// `exact` and a marker left in its place.
pub(super) fn within(item: Item, exact: &mut Vec<String>) -> Item {
    let item = docs_a_line(item);
    let Item::Impl(mut block) = item else {
        return item;
    };
    if !code::formattable(&block) {
        // rustfmt would leave the whole block as it is given.
        return Item::Impl(block);
    }
    for inner in &mut block.items {
        let mut out = String::new();
        if code::impl_item(inner, INDENT, &mut out).is_some() {
            *inner = syn::ImplItem::Macro(syn::ImplItemMacro {
                attrs: Vec::new(),
                mac: call(exact.len()),
                semi_token: Some(Default::default()),
            });
            exact.push(out);
        }
    }
    Item::Impl(block)
}

/// The text rustfmt would make of `item` at the top level of a file, where this module
/// knows it; `None` where it does not.
pub(super) fn item(item: &Item) -> Option<String> {
    let mut out = String::new();
    match item {
        Item::Struct(s) => {
            if data::structure(s, &mut out).is_none() {
                return data::left_as_given(s);
            }
        }
        Item::Enum(e) => data::enumeration(e, &mut out)?,
        Item::Type(t) => data::alias(t, &mut out)?,
        Item::Impl(i) => code::implementation(i, &mut out)?,
        Item::Macro(m) => code::macro_call(m, &mut out)?,
        Item::Static(s) if matches!(s.mutability, syn::StaticMutability::None) => {
            let head = constant_head("static", &s.vis, &s.ident, &s.ty)?;
            if code::constant(&s.attrs, head, &s.expr, &mut out).is_none() {
                return code::left_as_given(s);
            }
        }
        Item::Const(c) if plain(&c.generics) => {
            let head = constant_head("const", &c.vis, &c.ident, &c.ty)?;
            code::constant(&c.attrs, head, &c.expr, &mut out)?;
        }
        _ => return None,
    }
    Some(out)
}

/// `static NAME: Type = ` (or `const`), before the value.
fn constant_head(
    keyword: &str,
    vis: &syn::Visibility,
    name: &syn::Ident,
    ty: &syn::Type,
) -> Option<String> {
    Some(format!(
        "{}{keyword} {name}: {} = ",
        syntax::vis(vis)?,
        syntax::ty(ty)?
    ))
}

/// Whether an item has neither generic parameters nor a `where` clause.
pub(super) fn plain(generics: &syn::Generics) -> bool {
    generics.params.is_empty() && generics.where_clause.is_none()
}

/// `text` with each marker line replaced by its item, or why that can't be done: a
/// marker is missing, out of order, or left over.
pub(super) fn splice(text: &str, items: &[String]) -> Result<String, String> {
    let mut out = String::with_capacity(text.len() + items.iter().map(String::len).sum::<usize>());
    let mut next = 0;
    for line in text.split_inclusive('\n') {
        match marker_on(line) {
            Some(n) => {
                let n: usize = n.parse().map_err(|_| "a marker was changed")?;
                let item = items
                    .get(n)
                    .filter(|_| n == next)
                    .ok_or("a marker is out of order")?;
                out.push_str(item);
                next += 1;
            }
            None => out.push_str(line),
        }
    }
    if next == items.len() {
        Ok(out)
    } else {
        Err(format!(
            "{} of {} markers are missing",
            items.len() - next,
            items.len()
        ))
    }
}

/// `text` and its `items` with each run of markers at one indentation, with only blank
/// lines between them, made one marker that stands for their items and the blank lines
/// between them: rustfmt then reads a line where it read a run (most of a large
/// `models.rs`), and [`splice`] puts back the same text. `None` if the markers are not
/// those of `items`, in order.
pub(super) fn collapse(text: &str, items: Vec<String>) -> Option<(String, Vec<String>)> {
    /// A run of markers: their indentation, their items and blank lines, and the blank
    /// lines after them so far.
    struct Run {
        indent: usize,
        text: String,
        blanks: usize,
    }
    fn end(run: Option<Run>, out: &mut String, collapsed: &mut Vec<String>) {
        if let Some(run) = run {
            let indent = " ".repeat(run.indent);
            out.push_str(&format!("{indent}{MARKER}!({});\n", collapsed.len()));
            collapsed.push(run.text);
            out.push_str(&"\n".repeat(run.blanks));
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut collapsed = Vec::new();
    let mut items = items.into_iter().enumerate();
    let mut run: Option<Run> = None;
    for line in text.split_inclusive('\n') {
        if let Some(n) = marker_on(line) {
            let (next, item) = items.next()?;
            (n.parse() == Ok(next)).then_some(())?;
            let indent = line.len() - line.trim_start().len();
            match &mut run {
                Some(open) if open.indent == indent => {
                    open.text.push_str(&"\n".repeat(open.blanks));
                    open.text.push_str(&item);
                    open.blanks = 0;
                }
                _ => {
                    end(run.take(), &mut out, &mut collapsed);
                    run = Some(Run {
                        indent,
                        text: item,
                        blanks: 0,
                    });
                }
            }
        } else if let (Some(open), "\n") = (&mut run, line) {
            open.blanks += 1;
        } else {
            end(run.take(), &mut out, &mut collapsed);
            out.push_str(line);
        }
    }
    end(run, &mut out, &mut collapsed);
    items.next().is_none().then_some((out, collapsed))
}

/// Adds `text` as a line, if rustfmt would keep it as one.
fn line(out: &mut String, text: String) -> Option<()> {
    (text.len() <= MAX_WIDTH).then_some(())?;
    push(out, &text)
}

/// `head`, then `rhs` and `tail` (a field, `name: Type,`; an alias, `type Name = Type;`;
/// an assignment, `a = b;`) on one line where it fits; else `rhs` and `tail` on a line
/// of their own at `indent`, which is where rustfmt moves them before it breaks `rhs`.
fn assign(out: &mut String, head: &str, rhs: &str, tail: &str, indent: &str) -> Option<()> {
    let one = [head, " ", rhs, tail].concat();
    if one.len() <= MAX_WIDTH {
        return push(out, &one);
    }
    line(out, head.to_owned())?;
    line(out, [indent, rhs, tail].concat())
}

/// Adds `line`, if rustfmt measures it as it is long: it is ASCII, with no tab.
fn push(out: &mut String, line: &str) -> Option<()> {
    line.bytes().all(|b| (b' '..=b'~').contains(&b)).then(|| {
        out.push_str(line);
        out.push('\n');
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(source: &str) -> Option<String> {
        item(&syn::parse_str(source).expect("an item"))
    }

    #[test]
    fn a_struct_is_written_as_rustfmt_lays_it_out() {
        let text = written(
            r#"
            /// A thing.
            #[derive(Debug, Clone, serde::Serialize)]
            #[cfg_attr(feature = "x", derive(serde::Deserialize))]
            pub struct Thing {
                /// Its name.
                #[serde(rename = "name", default, skip_serializing_if = "Option::is_none")]
                pub name: Option<std::collections::BTreeMap<String, Vec<u8>>>,
                pub(crate) at: (u8, &'static str),
            }"#,
        );
        assert_eq!(
            text.as_deref(),
            Some(
                "/// A thing.
#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(feature = \"x\", derive(serde::Deserialize))]
pub struct Thing {
    /// Its name.
    #[serde(rename = \"name\", default, skip_serializing_if = \"Option::is_none\")]
    pub name: Option<std::collections::BTreeMap<String, Vec<u8>>>,
    pub(crate) at: (u8, &'static str),
}
"
            )
        );
    }

    #[test]
    fn enums_and_aliases() {
        assert_eq!(
            written("pub enum E { A, #[serde(rename = \"b\")] B(String), C = -1 }").as_deref(),
            Some("pub enum E {\n    A,\n    #[serde(rename = \"b\")]\n    B(String),\n    C = -1,\n}\n")
        );
        let long = format!("pub type {} = Option<{}>;", "A".repeat(60), "B".repeat(40));
        assert_eq!(
            written(&long),
            Some(format!(
                "pub type {} =\n    Option<{}>;\n",
                "A".repeat(60),
                "B".repeat(40)
            ))
        );
    }

    #[test]
    fn a_list_too_wide_for_one_line_has_an_item_a_line() {
        let features = ["actions", "apps", "orgs", "unused-models", "webhooks"];
        let any = features.map(|f| format!("feature = {f:?}")).join(", ");
        let text = written(&format!(
            "#[cfg(any({any}))] pub struct S {{
                #[cfg_attr(feature = \"round-trip\", serde(rename = \"SHA256_ECDSA\", skip_serializing_if = \"Option::is_none\"))]
                pub a: Vec<{}>,
            }}",
            "A".repeat(85)
        ));
        let expected = format!(
            "#[cfg(any(
    feature = \"actions\",
    feature = \"apps\",
    feature = \"orgs\",
    feature = \"unused-models\",
    feature = \"webhooks\"
))]
pub struct S {{
    #[cfg_attr(
        feature = \"round-trip\",
        serde(rename = \"SHA256_ECDSA\", skip_serializing_if = \"Option::is_none\")
    )]
    pub a:
        Vec<{}>,
}}
",
            "A".repeat(85)
        );
        assert_eq!(text, Some(expected));
    }

    #[test]
    fn what_rustfmt_would_break_or_merge_is_left_to_it() {
        let wide = format!(
            "pub struct S {{ pub a: ({}, {}), }}",
            "X".repeat(50),
            "Y".repeat(50)
        );
        let derive = format!("#[derive(Debug, {})] pub struct S;", "X".repeat(80));
        for source in [
            wide.as_str(),
            derive.as_str(),
            "#[derive(Debug)] #[derive(Clone)] pub struct S;",
            "pub struct S<T> { pub a: T }",
            "pub struct S(pub u8, pub u8);",
            "pub enum E { A { a: u8 } }",
            "#[rustfmt::skip] pub struct S;",
            "pub struct S { pub a: fn(u8) }",
            "pub struct S { #[serde(rename = \"ä\")] pub a: u8 }",
            "pub fn f() {}",
        ] {
            assert_eq!(written(source), None, "{source}");
        }
    }

    #[test]
    fn splicing_puts_each_item_in_its_marker_s_place() {
        let items = ["struct A;\n".to_owned(), "    fn b() {}\n".to_owned()];
        let text =
            "use x;\n\ncodegen_exact_item!(0);\n\nimpl B {\n    codegen_exact_item!(1);\n}\n";
        assert_eq!(
            splice(text, &items).as_deref(),
            Ok("use x;\n\nstruct A;\n\nimpl B {\n    fn b() {}\n}\n")
        );
        let swapped = "codegen_exact_item!(1);\ncodegen_exact_item!(0);\n";
        assert!(splice(swapped, &items).is_err());
        assert!(splice("codegen_exact_item!(0);\n", &items).is_err());
    }

    #[test]
    fn runs_of_markers_collapse_to_one_that_splices_to_the_same_text() {
        let items: Vec<String> = [
            "struct A;\n",
            "struct B;\n",
            "    fn c() {}\n",
            "    fn d() {}\n",
            "struct E;\n",
        ]
        .map(str::to_owned)
        .to_vec();
        let text = "use x;\n\ncodegen_exact_item!(0);\n\ncodegen_exact_item!(1);\n\nimpl F {\n    codegen_exact_item!(2);\n\n    codegen_exact_item!(3);\n    fn g() {}\n}\n\ncodegen_exact_item!(4);\n";
        let (short, collapsed) = collapse(text, items.clone()).expect("collapses");
        assert_eq!(
            short,
            "use x;\n\ncodegen_exact_item!(0);\n\nimpl F {\n    codegen_exact_item!(1);\n    fn g() {}\n}\n\ncodegen_exact_item!(2);\n"
        );
        assert_eq!(collapsed.len(), 3);
        assert_eq!(splice(&short, &collapsed), splice(text, &items));
        assert!(
            collapse(text, items[..4].to_vec()).is_none(),
            "a marker without its item"
        );
    }

    #[test]
    fn docs_of_several_lines_reach_prettyplease_a_line_an_attribute() {
        let item: Item = syn::parse_quote! {
            #[doc = " A thing.\n\n More."]
            pub union Thing {
                #[doc = " One.\n Two."]
                x: u8,
            }
        };
        let file = syn::File {
            shebang: None,
            attrs: Vec::new(),
            items: vec![within(item, &mut Vec::new())],
            ..syn::parse_quote!()
        };
        assert_eq!(
            prettyplease::unparse(&file),
            "/// A thing.\n///\n/// More.\npub union Thing {\n    /// One.\n    /// Two.\n    x: u8,\n}\n"
        );
    }

    #[test]
    fn a_marker_prints_on_a_line_of_its_own() {
        let file = syn::File {
            shebang: None,
            attrs: Vec::new(),
            items: vec![marker(7)],
            ..syn::parse_quote!()
        };
        let text = prettyplease::unparse(&file);
        assert_eq!(text, "codegen_exact_item!(7);\n");
        assert_eq!(marker_on(&text), Some("7"));
    }

    #[test]
    fn an_impl_block_of_short_methods() {
        let text = written(
            "impl Thing {
                /// A thing.
                pub fn new(name: impl Into<String>, size: i64, long_named_field: Option<Vec<u64>>, more: u8) -> Self {
                    Self { name: name.into(), size, long_named_field, more }
                }
                pub fn size(mut self, size: i64) -> Self { self.size = Some(size); self }
                pub fn pair(x: u8) -> Self { Self { x, y: None } }
            }",
        );
        let expected = "impl Thing {
    /// A thing.
    pub fn new(
        name: impl Into<String>,
        size: i64,
        long_named_field: Option<Vec<u64>>,
        more: u8,
    ) -> Self {
        Self {
            name: name.into(),
            size,
            long_named_field,
            more,
        }
    }

    pub fn size(mut self, size: i64) -> Self {
        self.size = Some(size);
        self
    }

    pub fn pair(x: u8) -> Self {
        Self { x, y: None }
    }
}
";
        assert_eq!(text.as_deref(), Some(expected));
    }

    #[test]
    fn a_braced_macro_call_of_field_lists_is_laid_out_a_field_a_line() {
        assert_eq!(
            written("#[cfg(feature = \"a\")] m! { Thing { id: i64, \"type\" => type_: Vec<String> } optional { name: Option<String> } }").as_deref(),
            Some("#[cfg(feature = \"a\")]\nm! {\n    Thing {\n        id: i64,\n        \"type\" => type_: Vec<String>,\n    }\n    optional {\n        name: Option<String>,\n    }\n}\n")
        );
        assert_eq!(
            written("m! { Thing {} optional { a: Option<u8> } }").as_deref(),
            Some("m! {\n    Thing {}\n    optional {\n        a: Option<u8>,\n    }\n}\n")
        );
        // Tuples as the generator writes them, with a comma after the last item: kept only
        // where it makes a tuple of one.
        assert_eq!(
            written("m! { Thing { pair: (i64, String,), one: (i64,) } }").as_deref(),
            Some(
                "m! {\n    Thing {\n        pair: (i64, String),\n        one: (i64,),\n    }\n}\n"
            )
        );
        // Not lists of fields: left to rustfmt.
        assert_eq!(written("m! { Thing { a } }"), None);
        assert_eq!(written("m![Thing { a: u8 }];"), None);
    }

    #[test]
    fn long_calls_and_chains_and_other_expressions_are_left_to_rustfmt() {
        let args = format!(
            "impl T {{ fn f() -> u8 {{ g(h({}, b)) }} }}",
            "a".repeat(60)
        );
        let chain = format!("impl T {{ fn f() -> u8 {{ {}.b().c() }} }}", "a".repeat(60));
        for source in [
            args.as_str(),
            chain.as_str(),
            "impl T { fn f() -> u8 { if x { 1 } else { 2 } } }",
            "impl T { fn f() -> u8 { match x { y if y > 1 => 1, _ => 2 } } }",
            "impl T { fn f() -> u8 { let (x, _) = (1, 2); x } }",
            "impl T { fn f() {} }",
            "impl<T> S<T> { fn f() -> u8 { 1 } }",
            "impl T { async fn f() -> u8 { 1 } }",
            "impl T { fn f() -> u8 { g(|| 1) } }",
        ] {
            assert_eq!(written(source), None, "{source}");
        }
    }

    #[test]
    fn docs_split_in_the_tree_are_docs_split_in_the_tokens() {
        let doc = "#[doc = \" One.\\n Two.\"]";
        for source in [
            format!("{doc} struct S {{ {doc} a: u8, #[serde(default)] b: u8 }}"),
            format!("{doc} enum E {{ {doc} A, B({doc} u8), C {{ {doc} c: u8 }} }}"),
            format!("{doc} impl T {{ {doc} fn f() -> u8 {{ 1 }} m!(); {doc} type A = u8; }}"),
        ] {
            let item: Item = syn::parse_str(&source).expect("parses");
            let mut in_tree = item.clone();
            assert!(attrs::split_docs_in(&mut in_tree), "{source}");
            let in_tokens = attrs::split_docs(item.to_token_stream()).expect("splits");
            assert_eq!(
                in_tree.to_token_stream().to_string(),
                in_tokens.to_string(),
                "{source}"
            );
            assert!(!in_tokens.to_string().contains("\\n"), "{in_tokens}");
        }
        // Docs in macro calls are in tokens only.
        for source in [
            format!("impl T {{ fn f() {{ m! {{ {doc} struct S; }} }} }}"),
            format!("m! {{ {doc} struct S; }}"),
        ] {
            let mut item: Item = syn::parse_str(&source).expect("parses");
            assert!(!attrs::split_docs_in(&mut item), "{source}");
        }
    }

    #[test]
    fn items_rustfmt_leaves_as_given_are_prettyplease_s() {
        let long = "a".repeat(100);
        // A literal that fits on no line: the static as prettyplease prints it.
        let source = format!("static S: T = T {{ id: \"x\", path: \"/{long}\" }};");
        let item: Item = syn::parse_str(&source).expect("parses");
        let printed = prettyplease::unparse(&syn::File {
            shebang: None,
            attrs: Vec::new(),
            items: vec![item.clone()],
            ..syn::parse_quote!()
        });
        assert_eq!(self::item(&item).as_deref(), Some(printed.as_str()));
        // One that fits on a line of its own is moved there.
        let short = format!("static S: T = T {{ path: \"/{}\" }};", "a".repeat(88));
        let moved = written(&short).expect("written");
        assert!(moved.contains("    path:\n        \"/"), "{moved}");
        // A struct with a type too long for any line: its attributes laid out, its fields
        // as prettyplease prints them.
        let name = "A".repeat(96);
        let source = format!(
            "#[cfg(any(feature = \"{0}\", feature = \"{0}\"))] \
             pub struct S {{ pub a: u8, pub b: Option<Vec<crate::{name}>> }}",
            "f".repeat(30)
        );
        let text = written(&source).expect("written");
        assert!(text.starts_with("#[cfg(any(\n    feature = "), "{text}");
        assert!(text.contains("    pub b: Option<\n"), "{text}");
        // Another field too long for its line too: rustfmt keeps the break prettyplease
        // gives it (at prettyplease's margin) as well.
        let other = format!(
            "pub struct S {{ pub a: Option<Vec<crate::{}>>, pub b: Option<Vec<crate::{name}>> }}",
            "B".repeat(80)
        );
        let item: Item = syn::parse_str(&other).expect("parses");
        let printed = prettyplease::unparse(&syn::File {
            shebang: None,
            attrs: Vec::new(),
            items: vec![item.clone()],
            ..syn::parse_quote!()
        });
        assert!(printed.contains("        Vec<\n"), "{printed}");
        assert_eq!(self::item(&item).as_deref(), Some(printed.as_str()));
    }
}
