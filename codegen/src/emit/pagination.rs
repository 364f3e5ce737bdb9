//! `pagination.rs`: `Page` for each page type, `pages()`/`items()` for each paginated builder.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::types::{ident, rust_type, Scope};
use super::usage::Usage;
use crate::ir::{Api, Pagination};

/// The whole `pagination.rs` module.
pub fn emit(api: &Api, usage: &Usage) -> TokenStream {
    let mut page_types = BTreeSet::new();
    let mut impls = Vec::new();
    for op in &api.operations {
        let Some(p) = &op.pagination else { continue };
        if page_types.insert(p.page_type.clone()) {
            impls.push(page_impl(p, &usage.type_cfg(&p.page_type)));
        }
        let cfg = usage.operation_cfg(op);
        let builder = ident(&op.builder_name);
        let cursor = ident(&p.cursor_param);
        let page = ident(&p.page_type);
        let item = rust_type(&p.item_type, Scope::Crate);
        let id = &op.id;
        let mut pages_doc = format!(
            "Every page of the list, each fetched only when the stream reaches it. Every parameter \
             set on this builder (such as the page size) applies to every page; `{}` is where the \
             first page starts",
            p.cursor_param
        );
        let reverse: Vec<_> = p.reverse_cursor_params.iter().map(|r| ident(r)).collect();
        if reverse.is_empty() {
            pages_doc.push('.');
        } else {
            let names: Vec<String> = p
                .reverse_cursor_params
                .iter()
                .map(|r| format!("`{r}`"))
                .collect();
            pages_doc.push_str(&format!(
                ", and {} applies to the first page only.",
                names.join(", ")
            ));
        }
        pages_doc.push_str(
            "\n\nThe stream ends after the last page, and with \
             [`Error::RepeatedCursor`](crate::Error::RepeatedCursor) if the server repeats a \
             cursor.",
        );
        let pages_doc = docs::outer(&pages_doc);
        let (follow_up, clear_reverse) = if reverse.is_empty() {
            (quote!(_follow_up), quote!())
        } else {
            (
                quote!(follow_up),
                quote! {
                    if follow_up {
                        #( request.#reverse = None; )*
                    }
                },
            )
        };
        impls.push(quote! {
            #cfg
            impl crate::operations::#builder {
                #pages_doc
                pub fn pages(self) -> Pages<crate::models::#page> {
                    let start = self.#cursor.clone();
                    Pages::new(#id, start, move |cursor, #follow_up| {
                        let mut request = self.clone();
                        request.#cursor = cursor;
                        #clear_reverse
                        request.send()
                    })
                }

                /// Every item of the list across its pages, fetching each page only when the
                /// stream reaches it (see [`pages`](Self::pages)).
                pub fn items(self) -> Items<#item> {
                    self.pages().items()
                }
            }
        });
    }
    quote! {
        //! Cursor pagination: list operations stream their [`Pages`] or [`Items`].

        pub use crate::runtime::pagination::{Items, Page, Pages};

        #(#impls)*
    }
}

/// `impl Page` for the page type of `p`.
fn page_impl(p: &Pagination, cfg: &TokenStream) -> TokenStream {
    let page = ident(&p.page_type);
    let item = rust_type(&p.item_type, Scope::Crate);
    let items = ident(&p.items_field);
    let info = ident(&p.info_field);
    let has_more = ident(&p.has_more_field);
    let next = ident(&p.next_cursor_field);
    // Each field may be optional or nullable. Without a page's `pagination` object the list
    // ends; without `has_more` the cursor alone decides.
    let has_more_expr = match (p.info_optional, p.has_more_optional) {
        (false, false) => quote!(self.#info.#has_more),
        (false, true) => quote!(self.#info.#has_more.unwrap_or(true)),
        (true, false) => quote!(self.#info.as_ref().is_some_and(|info| info.#has_more)),
        (true, true) => quote!(self.#info.as_ref().and_then(|info| info.#has_more).unwrap_or(true)),
    };
    let next_expr = match (p.info_optional, p.next_cursor_optional) {
        (false, false) => quote!(Some(self.#info.#next.as_str())),
        (false, true) => quote!(self.#info.#next.as_deref()),
        (true, false) => quote!(self.#info.as_ref().map(|info| info.#next.as_str())),
        (true, true) => quote!(self.#info.as_ref().and_then(|info| info.#next.as_deref())),
    };
    let items_expr = if p.items_optional {
        quote!(self.#items.unwrap_or_default())
    } else {
        quote!(self.#items)
    };
    quote! {
        #cfg
        impl Page for crate::models::#page {
            type Item = #item;

            fn has_more(&self) -> bool {
                #has_more_expr
            }

            fn next_cursor(&self) -> Option<&str> {
                #next_expr
            }

            fn into_items(self) -> Vec<Self::Item> {
                #items_expr
            }
        }
    }
}
