//! Syntax trees of the most repeated items, built without a parse of their tokens.
//!
//! Structs and their fields, setters (GitHub's models have about 8,000), constructors,
//! `Client`'s methods and each operation's `OPERATION`, documentation and path are most of
//! a large API's code, alike but for their names, docs and types. Each is a copy of a template parsed once per thread, with those put in: as
//! tokens, each would cost `format` a parse. Pieces that repeat whole (a type, a query
//! parameter's statements, `cfg`s) are parsed once per thread and copied ([`cached`]).
//! Where a template or a piece put in does not read as expected (a bug), the caller is
//! told why, and `format` reports it as it reports tokens that are not Rust.

use proc_macro2::{Ident, Literal, TokenStream};
use syn::parse::Parser;
use syn::{Attribute, Expr, FnArg, ImplItem, ImplItemFn, Item, ItemImpl, Lit, Pat, Stmt, Type};

use crate::memo::Memo;

/// The trees copied, each parsed once per thread.
struct Templates {
    /// `pub fn setter(mut self, value: T) -> Self { self.field = Some(value); self }`.
    setter: ImplItemFn,
    /// The same, storing `value.into()`.
    setter_into: ImplItemFn,
    /// `pub fn new(&self, value: T) -> Self { Self { field, field: value, field:
    /// value.into(), field: None } }`: a [`Maker`]'s parameter, and the ways it fills in
    /// a field.
    maker: ImplItemFn,
    /// `#[doc = ""]`.
    doc: Attribute,
    /// `#[list()]`.
    list: Attribute,
    /// `pub struct T { pub field: T }`.
    structure: syn::ItemStruct,
    /// `pub struct T { pub(crate) field: T }`.
    crate_structure: syn::ItemStruct,
    /// `impl T {}`.
    block: ItemImpl,
    /// `let path = [].concat();`.
    joined: Stmt,
    /// `let path = String::from("");`.
    owned: Stmt,
}

impl Templates {
    fn parse() -> Option<Templates> {
        let setter = |store: TokenStream| {
            syn::parse2::<ImplItemFn>(quote::quote! {
                pub fn setter(mut self, value: T) -> Self {
                    self.field = Some(#store);
                    self
                }
            })
            .ok()
        };
        Some(Templates {
            setter: setter(quote::quote!(value))?,
            setter_into: setter(quote::quote!(value.into()))?,
            maker: syn::parse2(quote::quote! {
                pub fn new(&self, value: T) -> Self {
                    Self {
                        field,
                        field: value,
                        field: value.into(),
                        field: None,
                    }
                }
            })
            .ok()?,
            doc: Attribute::parse_outer
                .parse2(quote::quote!(#[doc = ""]))
                .ok()?
                .pop()?,
            block: syn::parse2(quote::quote!(impl T {})).ok()?,
            list: Attribute::parse_outer
                .parse2(quote::quote!(#[list()]))
                .ok()?
                .pop()?,
            structure: syn::parse2(quote::quote!(
                pub struct T {
                    pub field: T,
                }
            ))
            .ok()?,
            crate_structure: syn::parse2(quote::quote!(
                pub struct T {
                    pub(crate) field: T,
                }
            ))
            .ok()?,
            joined: syn::parse2(quote::quote!(let path = [].concat();)).ok()?,
            owned: syn::parse2(quote::quote!(let path = String::from("");)).ok()?,
        })
    }
}

thread_local! {
    static TEMPLATES: Option<Templates> = Templates::parse();
}

/// A copy of the template `pick` picks.
fn template<T: Clone>(pick: impl Fn(&Templates) -> &T) -> Result<T, String> {
    TEMPLATES
        .with(|t| t.as_ref().map(|t| pick(t).clone()))
        .ok_or_else(|| "a template of `emit::syntax` does not parse".to_owned())
}

/// Why a template's copy could not take what was put in.
fn unlike(template: &str) -> String {
    format!("the template of {template} is not as `emit::syntax` reads it")
}

/// A setter: `pub fn name(mut self, param: ty) -> Self { self.field = Some(param); self }`
/// (`Some(param.into())` if `into`), with the outer attributes `attrs`.
pub(super) fn setter(
    attrs: Vec<Attribute>,
    name: Ident,
    (param, ty): (Ident, Type),
    field: Ident,
    into: bool,
) -> Result<ImplItem, String> {
    let mut f = template(|t| if into { &t.setter_into } else { &t.setter })?;
    let unlike = || unlike("a setter");
    f.attrs = attrs;
    f.sig.ident = name;
    let Some(FnArg::Typed(arg)) = f.sig.inputs.iter_mut().nth(1) else {
        return Err(unlike());
    };
    *arg.ty = ty;
    let Pat::Ident(pat) = &mut *arg.pat else {
        return Err(unlike());
    };
    pat.ident = param.clone();
    let Some(Stmt::Expr(Expr::Assign(assign), _)) = f.block.stmts.first_mut() else {
        return Err(unlike());
    };
    let Expr::Field(left) = &mut *assign.left else {
        return Err(unlike());
    };
    left.member = syn::Member::Named(field);
    let Expr::Call(call) = &mut *assign.right else {
        return Err(unlike());
    };
    let value = match call.args.first_mut() {
        Some(Expr::MethodCall(method)) => &mut *method.receiver,
        Some(value) => value,
        None => return Err(unlike()),
    };
    let Expr::Path(path) = value else {
        return Err(unlike());
    };
    path.path = param.into();
    Ok(ImplItem::Fn(f))
}

/// A value put into a tree: in a text joined at run time ([`joined`]), a field of a
/// `static` ([`fill_static`]).
pub(super) enum Piece {
    /// Text, as a string literal.
    Text(String),
    /// Code.
    Code(TokenStream),
}

/// `let path = [pieces].concat();`, each piece of code parsed once per thread
/// ([`cached`]): an operation's path is its own, but the code that writes a parameter of
/// it (GitHub's `owner` and `repo`) is in many.
pub(super) fn joined(pieces: Vec<Piece>) -> Result<Stmt, String> {
    let mut stmt = template(|t| &t.joined)?;
    let unlike = || unlike("a joined text");
    let Some(Expr::MethodCall(call)) = initial_value(&mut stmt) else {
        return Err(unlike());
    };
    let Expr::Array(array) = &mut *call.receiver else {
        return Err(unlike());
    };
    for p in pieces {
        array.elems.push(piece(p)?);
    }
    Ok(stmt)
}

/// The expression of `piece`: a text's literal, or code parsed once per thread.
fn piece(piece: Piece) -> Result<Expr, String> {
    match piece {
        Piece::Text(text) => Ok(text_literal(&text)),
        Piece::Code(tokens) => expr(tokens),
    }
}

/// `let path = String::from(text);`.
pub(super) fn owned(text: &str) -> Result<Stmt, String> {
    let mut stmt = template(|t| &t.owned)?;
    let unlike = || unlike("an owned text");
    let Some(Expr::Call(call)) = initial_value(&mut stmt) else {
        return Err(unlike());
    };
    let Some(argument) = call.args.first_mut() else {
        return Err(unlike());
    };
    *argument = text_literal(text);
    Ok(stmt)
}

/// The value a `let` statement gives its binding.
fn initial_value(stmt: &mut Stmt) -> Option<&mut Expr> {
    match stmt {
        Stmt::Local(syn::Local {
            init: Some(init), ..
        }) => Some(&mut *init.expr),
        _ => None,
    }
}

/// The string literal of `text`.
fn text_literal(text: &str) -> Expr {
    Expr::Lit(syn::ExprLit {
        attrs: Vec::new(),
        lit: Lit::Str(syn::LitStr::new(text, proc_macro2::Span::call_site())),
    })
}

/// How a constructor fills in a field.
pub(super) enum Init {
    /// With the parameter of its name, as it is (`field`).
    Shorthand(Ident),
    /// With a parameter (`field: param`), through `Into` if `into` (`field: param.into()`).
    Param {
        field: Ident,
        param: Ident,
        into: bool,
    },
    /// With `None`: an optional field.
    None(Ident),
    /// With a value of its own (a fixed value, an empty map).
    Value(Ident, Expr),
}

/// A method that makes a struct of its parameters: a constructor, or the `Client` method
/// that makes a request builder.
pub(super) struct Maker {
    pub attrs: Vec<Attribute>,
    pub name: Ident,
    /// Whether it takes `&self`.
    pub on_self: bool,
    pub params: Vec<(Ident, Type)>,
    /// The struct it makes: `Self` where `None`.
    pub made: Option<Ident>,
    pub inits: Vec<Init>,
}

/// `pub fn name(params) -> Made { Made { inits } }` (with `&self` first if it takes it).
pub(super) fn maker(maker: Maker) -> Result<ImplItem, String> {
    let mut f = template(|t| &t.maker)?;
    let unlike = || unlike("a maker");
    f.attrs = maker.attrs;
    f.sig.ident = maker.name;
    let Some(FnArg::Typed(param)) = f.sig.inputs.pop() else {
        return Err(unlike());
    };
    if !maker.on_self {
        f.sig.inputs.pop();
    }
    for (name, ty) in maker.params {
        let mut param = param.clone();
        *param.ty = ty;
        let Pat::Ident(pat) = &mut *param.pat else {
            return Err(unlike());
        };
        pat.ident = name;
        f.sig.inputs.push(FnArg::Typed(param));
    }
    if let Some(made) = &maker.made {
        let syn::ReturnType::Type(_, output) = &mut f.sig.output else {
            return Err(unlike());
        };
        let Type::Path(output) = &mut **output else {
            return Err(unlike());
        };
        output.path = made.clone().into();
    }
    let Some(Stmt::Expr(Expr::Struct(literal), _)) = f.block.stmts.first_mut() else {
        return Err(unlike());
    };
    if let Some(made) = maker.made {
        literal.path = made.into();
    }
    let ways: Vec<syn::FieldValue> = std::mem::take(&mut literal.fields).into_iter().collect();
    let [shorthand, as_is, into, none] = ways.as_slice() else {
        return Err(unlike());
    };
    for init in maker.inits {
        let (way, field, param) = match init {
            Init::Shorthand(field) => (shorthand, field.clone(), Some(field)),
            Init::Param {
                field,
                param,
                into: true,
            } => (into, field, Some(param)),
            Init::Param {
                field,
                param,
                into: false,
            } => (as_is, field, Some(param)),
            Init::None(field) => (none, field, None),
            Init::Value(field, value) => {
                let mut way = none.clone();
                way.member = syn::Member::Named(field);
                way.expr = value;
                literal.fields.push(way);
                continue;
            }
        };
        let mut way = way.clone();
        way.member = syn::Member::Named(field);
        if let Some(param) = param {
            let value = match &mut way.expr {
                Expr::MethodCall(method) => &mut *method.receiver,
                value => value,
            };
            let Expr::Path(path) = value else {
                return Err(unlike());
            };
            path.path = param.into();
        }
        literal.fields.push(way);
    }
    if !literal.fields.empty_or_trailing() {
        literal.fields.push_punct(Default::default());
    }
    Ok(ImplItem::Fn(f))
}

/// `impl name { items }`, with the outer attributes `attrs`.
pub(super) fn inherent_impl(
    attrs: Vec<Attribute>,
    name: impl Into<syn::Path>,
    items: Vec<ImplItem>,
) -> Result<Item, String> {
    let mut block = template(|t| &t.block)?;
    block.attrs = attrs;
    let Type::Path(self_ty) = &mut *block.self_ty else {
        return Err(unlike("an `impl` block"));
    };
    self_ty.path = name.into();
    block.items = items;
    Ok(Item::Impl(block))
}

/// The outer doc attribute of one line or several, its text `literal` (a string literal,
/// as [`super::docs`] makes it).
pub(super) fn doc(literal: Literal) -> Result<Attribute, String> {
    let mut attr = template(|t| &t.doc)?;
    let syn::Meta::NameValue(doc) = &mut attr.meta else {
        return Err(unlike("a doc attribute"));
    };
    let Expr::Lit(lit) = &mut doc.value else {
        return Err(unlike("a doc attribute"));
    };
    lit.lit = Lit::new(literal);
    Ok(attr)
}

/// The inner attribute `#![doc = literal]`.
pub(super) fn inner_doc(literal: Literal) -> Result<Attribute, String> {
    let mut attr = doc(literal)?;
    attr.style = syn::AttrStyle::Inner(Default::default());
    Ok(attr)
}

/// Puts a value in for each field `values` names in the struct expression that
/// `item`, a `static`, is initialised with: a text as a string literal, code parsed once
/// per thread ([`cached`]).
pub(super) fn fill_static(item: &mut Item, values: Vec<(&str, Piece)>) -> Result<(), String> {
    let unlike = || unlike("a static");
    let Item::Static(item) = item else {
        return Err(unlike());
    };
    let Expr::Struct(init) = &mut *item.expr else {
        return Err(unlike());
    };
    for (name, value) in values {
        let field = init
            .fields
            .iter_mut()
            .find(|f| matches!(&f.member, syn::Member::Named(m) if m == name))
            .ok_or_else(|| format!("the static has no field `{name}`"))?;
        field.expr = piece(value)?;
    }
    Ok(())
}

/// The outer attribute `#[name(tokens)]` (a `derive`, a `serde`, a `cfg_attr`): its
/// arguments stay tokens in the tree.
pub(super) fn list_attr(name: &str, tokens: TokenStream) -> Result<Attribute, String> {
    let mut attr = template(|t| &t.list)?;
    let syn::Meta::List(list) = &mut attr.meta else {
        return Err(unlike("a list attribute"));
    };
    list.path = Ident::new(name, proc_macro2::Span::call_site()).into();
    list.tokens = tokens;
    Ok(attr)
}

/// A field of a struct: its outer attributes, name and type.
pub(super) type NamedField = (Vec<Attribute>, Ident, Type);

/// `pub struct name { fields }`, each field `pub` (`pub(crate)` if `crate_only`), with
/// the outer attributes `attrs`.
pub(super) fn structure(
    attrs: Vec<Attribute>,
    name: Ident,
    fields: Vec<NamedField>,
    crate_only: bool,
) -> Result<Item, String> {
    let mut item = template(|t| {
        if crate_only {
            &t.crate_structure
        } else {
            &t.structure
        }
    })?;
    let unlike = || unlike("a struct");
    item.attrs = attrs;
    item.ident = name;
    let syn::Fields::Named(named) = &mut item.fields else {
        return Err(unlike());
    };
    let Some(field) = named.named.pop() else {
        return Err(unlike());
    };
    for (attrs, name, ty) in fields {
        let mut field = field.clone();
        field.attrs = attrs;
        field.ident = Some(name);
        field.ty = ty;
        named.named.push(field);
    }
    if !named.named.empty_or_trailing() {
        named.named.push_punct(Default::default());
    }
    Ok(Item::Struct(item))
}

/// The outer doc attribute of `text` ([`super::docs::outer`]'s), if it has one.
pub(super) fn doc_attrs(text: &str) -> Result<Vec<Attribute>, String> {
    super::docs::outer_literal(text)
        .into_iter()
        .map(doc)
        .collect()
}

/// The outer attributes `tokens` hold (a `#[cfg]`, an `#[allow]`), parsed.
/// Kept per thread ([`cached`]): a large API's `cfg`s repeat.
pub(super) fn parse_outer(tokens: TokenStream) -> Result<Vec<Attribute>, String> {
    thread_local! {
        static ATTRS: Memo<Vec<Attribute>> = Memo::default();
    }
    if tokens.is_empty() {
        return Ok(Vec::new());
    }
    cached(&ATTRS, tokens, |tokens| {
        Attribute::parse_outer
            .parse2(tokens)
            .map_err(|e| e.to_string())
    })
}

/// The items of an `impl` block, parsed from their tokens ([`cached`]).
pub(super) fn parse_impl_items(tokens: TokenStream) -> Result<Vec<ImplItem>, String> {
    thread_local! {
        static ITEMS: Memo<Vec<ImplItem>> = Memo::default();
    }
    cached(&ITEMS, tokens, |tokens| {
        let items = |input: syn::parse::ParseStream<'_>| {
            let mut items = Vec::new();
            while !input.is_empty() {
                items.push(input.parse()?);
            }
            Ok(items)
        };
        items.parse2(tokens).map_err(|e| e.to_string())
    })
}

/// Statements that are alike in many operations, parsed from their tokens ([`cached`]).
pub(super) fn stmts(tokens: TokenStream) -> Result<Vec<Stmt>, String> {
    thread_local! {
        static STMTS: Memo<Vec<Stmt>> = Memo::default();
    }
    cached(&STMTS, tokens, parse_stmts)
}

/// Statements, parsed from their tokens.
fn parse_stmts(tokens: TokenStream) -> Result<Vec<Stmt>, String> {
    syn::Block::parse_within
        .parse2(tokens)
        .map_err(|e| e.to_string())
}

/// An expression, parsed from its tokens ([`cached`]).
fn expr(tokens: TokenStream) -> Result<Expr, String> {
    thread_local! {
        static EXPRS: Memo<Expr> = Memo::default();
    }
    cached(&EXPRS, tokens, parse)
}

/// A type, parsed from its tokens ([`cached`]).
pub(super) fn ty(tokens: TokenStream) -> Result<Type, String> {
    thread_local! {
        static TYPES: Memo<Type> = Memo::default();
    }
    cached(&TYPES, tokens, parse)
}

/// The entries a thread keeps at most of each kind of syntax it parsed ([`cached`]).
const CACHED: usize = 1 << 12;

/// `parse` of `tokens`, or a copy of what the same tokens parsed as before on this thread:
/// a large API's builders take the same few types, and add the same query parameters, over
/// and over (Graph's `$top`, `$filter`, `$select`, …). Their text costs far less than a
/// parse.
fn cached<T: Clone>(
    cache: &'static std::thread::LocalKey<Memo<T>>,
    tokens: TokenStream,
    parse: impl FnOnce(TokenStream) -> Result<T, String>,
) -> Result<T, String> {
    let key = tokens.to_string();
    cache.with(|cache| cache.get_or_try_make(&key, CACHED, || parse(tokens)))
}

/// Puts `ty` for each use of the type named `placeholder` in the signature of the method
/// `item` (a template's): its parameters' types and its return type.
pub(super) fn put_type(item: &mut ImplItem, placeholder: &str, ty: &Type) {
    let ImplItem::Fn(f) = item else {
        return;
    };
    for input in &mut f.sig.inputs {
        if let FnArg::Typed(arg) = input {
            put_in(&mut arg.ty, placeholder, ty);
        }
    }
    if let syn::ReturnType::Type(_, output) = &mut f.sig.output {
        put_in(output, placeholder, ty);
    }
}

/// [`put_type`] in a type.
fn put_in(within: &mut Type, placeholder: &str, ty: &Type) {
    match within {
        Type::Path(path) if path.qself.is_none() && path.path.is_ident(placeholder) => {
            *within = ty.clone();
        }
        Type::Path(path) => put_in_path(&mut path.path, placeholder, ty),
        Type::ImplTrait(bounds) => {
            for bound in &mut bounds.bounds {
                if let syn::TypeParamBound::Trait(bound) = bound {
                    put_in_path(&mut bound.path, placeholder, ty);
                }
            }
        }
        Type::Reference(reference) => put_in(&mut reference.elem, placeholder, ty),
        Type::Tuple(tuple) => {
            for elem in &mut tuple.elems {
                put_in(elem, placeholder, ty);
            }
        }
        _ => {}
    }
}

/// [`put_type`] in the generic arguments of a path.
fn put_in_path(path: &mut syn::Path, placeholder: &str, ty: &Type) {
    for segment in &mut path.segments {
        let syn::PathArguments::AngleBracketed(args) = &mut segment.arguments else {
            continue;
        };
        for arg in &mut args.args {
            match arg {
                syn::GenericArgument::Type(arg) => put_in(arg, placeholder, ty),
                syn::GenericArgument::AssocType(assoc) => put_in(&mut assoc.ty, placeholder, ty),
                _ => {}
            }
        }
    }
}

/// A piece of syntax (a type, a method), parsed from its tokens.
pub(super) fn parse<T: syn::parse::Parse>(tokens: TokenStream) -> Result<T, String> {
    syn::parse2(tokens).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::{quote, ToTokens};

    /// The tokens of a tree, to compare.
    fn text(tree: &impl ToTokens) -> String {
        tree.to_token_stream().to_string()
    }

    #[test]
    fn a_built_setter_is_the_setter_its_tokens_parse_as() {
        let ident = |name: &str| Ident::new(name, proc_macro2::Span::call_site());
        let doc = doc(super::super::docs::outer_literal("Sets `a`.").expect("a doc"));
        let attrs = vec![doc.expect("builds")];
        let ty = parse::<Type>(quote!(impl Into<Vec<String>>)).expect("parses");
        let built = setter(
            attrs.clone(),
            ident("set_a"),
            (ident("a"), ty.clone()),
            ident("a_field"),
            true,
        );
        let parsed: ImplItem = syn::parse2(quote! {
            #(#attrs)*
            pub fn set_a(mut self, a: impl Into<Vec<String>>) -> Self {
                self.a_field = Some(a.into());
                self
            }
        })
        .expect("parses");
        assert_eq!(text(&built.expect("builds")), text(&parsed));
        let as_is = setter(Vec::new(), ident("b"), (ident("b"), ty), ident("b"), false);
        assert!(
            text(&as_is.expect("builds")).contains("self . b = Some (b) ;"),
            "stored as it is"
        );
        let cfg = parse_outer(quote!(#[cfg(feature = "x")])).expect("parses");
        let block = inherent_impl(cfg, ident("A"), Vec::new()).expect("builds");
        assert_eq!(text(&block), "# [cfg (feature = \"x\")] impl A { }");
    }

    #[test]
    fn a_built_maker_is_the_maker_its_tokens_parse_as() {
        let ident = |name: &str| Ident::new(name, proc_macro2::Span::call_site());
        let string = ty(quote!(impl Into<String>)).expect("parses");
        let built = maker(Maker {
            attrs: Vec::new(),
            name: ident("get"),
            on_self: true,
            params: vec![(ident("a"), string.clone()), (ident("b"), string)],
            made: Some(ident("Get")),
            inits: vec![
                Init::Value(
                    ident("client"),
                    parse(quote!(self.clone())).expect("parses"),
                ),
                Init::Param {
                    field: ident("a"),
                    param: ident("a"),
                    into: true,
                },
                Init::Shorthand(ident("b")),
                Init::None(ident("c")),
            ],
        });
        let parsed: ImplItem = syn::parse2(quote! {
            pub fn get(&self, a: impl Into<String>, b: impl Into<String>) -> Get {
                Get {
                    client: self.clone(),
                    a: a.into(),
                    b,
                    c: None,
                }
            }
        })
        .expect("parses");
        assert_eq!(text(&built.expect("builds")), text(&parsed));
        let new = maker(Maker {
            attrs: Vec::new(),
            name: ident("new"),
            on_self: false,
            params: Vec::new(),
            made: None,
            inits: vec![Init::None(ident("c"))],
        });
        assert_eq!(
            text(&new.expect("builds")),
            "pub fn new () -> Self { Self { c : None , } }"
        );
    }

    #[test]
    fn a_built_struct_is_the_struct_its_tokens_parse_as() {
        let ident = |name: &str| Ident::new(name, proc_macro2::Span::call_site());
        let serde = list_attr("serde", quote!(rename = "b-b", default)).expect("builds");
        let derive = list_attr("derive", quote!(Debug, Clone)).expect("builds");
        let built = structure(
            vec![derive],
            ident("A"),
            vec![
                (Vec::new(), ident("a"), ty(quote!(i64)).expect("parses")),
                (
                    vec![serde],
                    ident("b_b"),
                    ty(quote!(Option<String>)).expect("parses"),
                ),
            ],
            false,
        );
        let parsed: Item = syn::parse2(quote! {
            #[derive(Debug, Clone)]
            pub struct A {
                pub a: i64,
                #[serde(rename = "b-b", default)]
                pub b_b: Option<String>,
            }
        })
        .expect("parses");
        assert_eq!(text(&built.expect("builds")), text(&parsed));
        let empty = structure(Vec::new(), ident("E"), Vec::new(), false).expect("builds");
        assert_eq!(text(&empty), "pub struct E { }");
        let field = (Vec::new(), ident("a"), ty(quote!(i64)).expect("parses"));
        let own = structure(Vec::new(), ident("B"), vec![field], true).expect("builds");
        assert_eq!(text(&own), "pub struct B { pub (crate) a : i64 , }");
    }

    #[test]
    fn parses_kept_on_a_thread_are_copies_of_the_first() {
        let tokens = quote!(if let Some(value) = &self.top {
            request.query("$top", value);
        });
        let first = stmts(tokens.clone()).expect("parses");
        let again = stmts(tokens).expect("parses");
        assert_eq!(text(&first[0]), text(&again[0]));
        assert!(stmts(quote!(let x = ;)).is_err());
        assert!(
            stmts(quote!(let x = ;)).is_err(),
            "an error is not kept as a parse"
        );
    }

    #[test]
    fn what_does_not_parse_is_an_error_not_a_panic() {
        assert!(parse::<Type>(quote!(Vec<)).is_err());
        assert!(parse_outer(quote!(#[doc =])).is_err());
        assert!(parse_outer(TokenStream::new()).is_ok_and(|attrs| attrs.is_empty()));
    }
}
