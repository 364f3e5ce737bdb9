//! Unions in `models.rs`: an enum per [`Union`], declared as plain Rust, and its serde
//! impls by the runtime's `untagged_union!` or `tagged_union!` (`runtime/union.rs`).

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::types::{allow_large_variants, ident, rust_type, Scope};
use super::usage::{Directions, ROUND_TRIP};
use crate::ir::{Api, TypeKind, TypeRef, Union, UnionRepr};

/// The `use` of the runtime's macros that `models.rs` calls.
pub fn imports(api: &Api) -> TokenStream {
    let (mut tagged, mut untagged) = (false, false);
    for def in api.types.values() {
        if let TypeKind::Union(u) = &def.kind {
            match u.repr {
                UnionRepr::Tagged { .. } => tagged = true,
                UnionRepr::Untagged => untagged = true,
            }
        }
    }
    match (tagged, untagged) {
        (true, true) => quote!(
            use crate::runtime::union::{tagged_union, untagged_union};
        ),
        (true, false) => quote!(
            use crate::runtime::union::tagged_union;
        ),
        (false, true) => quote!(
            use crate::runtime::union::untagged_union;
        ),
        (false, false) => quote!(),
    }
}

/// What the type's documentation says about how it is decoded.
fn how(u: &Union) -> String {
    match &u.repr {
        UnionRepr::Tagged {
            property, fallback, ..
        } => format!(
            "Told apart by the string property `{property}`: each variant lists the values \
             that name it. A value whose `{property}` this version of the client does not know \
             is kept whole in `{fallback}`, so that a newer server does not break this client."
        ),
        UnionRepr::Untagged if u.any_of => "Decoded as the first variant, in the order \
             declared, that the JSON is (an object: that keeps all its properties, else the \
             one that keeps the most). The description allows a value to be several \
             (`anyOf`): such a value is one of them, without what only the others would keep. \
             An error names each variant tried and why it failed."
            .to_owned(),
        UnionRepr::Untagged => "Decoded as the first variant, in the order declared, that \
             the JSON is (an object: that keeps all its properties, else the one that keeps \
             the most). An error names each variant tried and why it failed."
            .to_owned(),
    }
}

/// `From` each variant's type, when no two variants hold the same Rust type (an alias may
/// name the type of another variant).
fn from_impls(api: &Api, name: &proc_macro2::Ident, cfg: &TokenStream, u: &Union) -> TokenStream {
    let types: Vec<&TypeRef> = u
        .variants
        .iter()
        .map(|v| crate::ir::unalias(&api.types, &v.ty).0)
        .collect();
    let distinct = types
        .iter()
        .enumerate()
        .all(|(i, a)| types.iter().skip(i + 1).all(|b| a != b));
    if !distinct {
        return quote!();
    }
    let impls = u.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let ty = rust_type(&v.ty, Scope::Models);
        let value = if v.boxed {
            quote!(Box::new(value))
        } else {
            quote!(value)
        };
        quote! {
            #cfg
            impl From<#ty> for #name {
                fn from(value: #ty) -> Self {
                    Self::#variant(#value)
                }
            }
        }
    });
    quote!(#(#impls)*)
}

/// The enum and its impls.
///
/// Variants hold the branches' types as they are (boxed only where the type contains
/// itself): see [`allow_large_variants`].
pub fn union_def(
    api: &Api,
    name: &str,
    doc: &str,
    cfg: &TokenStream,
    ways: Directions,
    u: &Union,
) -> TokenStream {
    let mut text = doc.to_owned();
    if !text.is_empty() {
        text.push_str("\n\n");
    }
    text.push_str(&how(u));
    let doc = docs::outer(&text);
    let type_name = ident(name);
    let variants = u.variants.iter().map(|v| {
        let mut vdoc = v.doc.clone().unwrap_or_default();
        if let UnionRepr::Tagged { property, .. } = &u.repr {
            let values: Vec<String> = v.tags.iter().map(|t| format!("`{t}`")).collect();
            if !vdoc.is_empty() {
                vdoc.push_str("\n\n");
            }
            vdoc.push_str(&format!("`{property}`: {}.", values.join(", ")));
        }
        let vdoc = docs::outer(&vdoc);
        let vname = ident(&v.name);
        let mut ty = rust_type(&v.ty, Scope::Models);
        if v.boxed {
            ty = quote!(Box<#ty>);
        }
        quote! {
            #vdoc
            #vname(#ty),
        }
    });
    let names: Vec<_> = u.variants.iter().map(|v| ident(&v.name)).collect();
    // The traits the API needs, then the others under `round-trip`.
    let (needed, other): (Vec<_>, Vec<_>) = [
        (ways.sent, ident("Serialize")),
        (ways.received, ident("Deserialize")),
    ]
    .into_iter()
    .partition(|(on, _)| *on);
    let needed: Vec<_> = needed.into_iter().map(|(_, t)| t).collect();
    let other: Vec<_> = other.into_iter().map(|(_, t)| t).collect();
    let impls = |call: &dyn Fn(&[proc_macro2::Ident]) -> TokenStream| {
        let needed = call(&needed);
        let other = (!other.is_empty()).then(|| {
            let other = call(&other);
            quote! {
                #cfg
                #[cfg(feature = #ROUND_TRIP)]
                #other
            }
        });
        quote! {
            #cfg
            #needed
            #other
        }
    };
    let froms = from_impls(api, &type_name, cfg, u);
    let allow_large =
        allow_large_variants(api, u.variants.iter().filter(|v| !v.boxed).map(|v| &v.ty));
    match &u.repr {
        UnionRepr::Untagged => {
            // Scalars display as the value, e.g. in a path or query parameter.
            let untagged = impls(
                &|traits| quote!(untagged_union!(impl #(#traits),* for #type_name { #(#names),* });),
            );
            let display = u.is_text(&api.types).then(|| {
                quote! {
                    #cfg
                    impl std::fmt::Display for #type_name {
                        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                            match self {
                                #(Self::#names(value) => value.fmt(f),)*
                            }
                        }
                    }
                }
            });
            quote! {
                #doc
                #cfg
                #[derive(Debug, Clone, PartialEq)]
                #allow_large
                pub enum #type_name {
                    #(#variants)*
                }

                #untagged

                #display
                #froms
            }
        }
        UnionRepr::Tagged {
            property, fallback, ..
        } => {
            let fallback = ident(fallback);
            let tags: Vec<TokenStream> = u
                .variants
                .iter()
                .map(|v| {
                    let values = &v.tags;
                    quote!((#(#values),*))
                })
                .collect();
            let tagged = impls(
                &|traits| quote!(tagged_union!(impl #(#traits),* for #type_name, #property { #(#names #tags),* } else #fallback);),
            );
            quote! {
                #doc
                #cfg
                #[derive(Debug, Clone, PartialEq)]
                #allow_large
                pub enum #type_name {
                    #(#variants)*
                    /// A value whose tag this version of the client does not know, kept as
                    /// received.
                    #fallback(serde_json::Value),
                }

                #tagged

                #froms
            }
        }
    }
}
