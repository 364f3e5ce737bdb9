//! Operations: parameters, bodies, responses and security; security schemes.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use openapiv3::{
    Parameter, ParameterSchemaOrContent, PathItem, PathStyle, QueryStyle, ReferenceOr,
    SecurityRequirement,
};

use super::schema::Sref;
use super::Resolver;
use crate::diagnostics::Diagnostic;
use crate::ir::{template_vars, Outcomes};
use crate::ir::{Method, Operation, Param, ParamLocation, Security, SecurityScheme, TypeRef};
use crate::naming::{camel, snake, Names};
use crate::pointer::{join, join_index};
use crate::reserved;

impl<'a> Resolver<'a, '_> {
    /// Every operation of `paths`, in document order.
    pub(crate) fn operations(&mut self) -> Vec<Operation> {
        let mut fn_names = Names::new();
        for m in reserved::CLIENT_METHODS {
            fn_names.reserve(m);
        }
        let mut builder_names = Names::new();
        let mut out = Vec::new();
        for (path, item) in &self.doc.paths.paths {
            let pointer = join("/paths", path);
            let item = match item {
                ReferenceOr::Item(item) => item,
                ReferenceOr::Reference { reference } => {
                    self.cx.push(
                        Diagnostic::error(
                            &pointer,
                            format!("path item `$ref` `{reference}` is not supported"),
                        )
                        .help("write the path item inline"),
                    );
                    continue;
                }
            };
            for (method_name, op) in item.iter() {
                let Some(method) = Method::from_field(method_name) else {
                    continue;
                };
                let op_pointer = join(&pointer, method_name);
                let (id, id_derived) = match &op.operation_id {
                    Some(id) if !id.trim().is_empty() => (id.clone(), false),
                    _ => (snake(&format!("{method_name} {path}")), true),
                };
                let fn_name = fn_names.claim(&snake(&id));
                if id_derived {
                    self.cx.push(
                        Diagnostic::warning(
                            &op_pointer,
                            format!(
                                "{} {path} has no operationId; its method is named `{fn_name}`",
                                method.as_str()
                            ),
                        )
                        .help("add an `operationId` to choose the name"),
                    );
                }
                let builder_name = builder_names.claim(&camel(&id));
                let params = self.params(item, &pointer, op, &op_pointer, path, &builder_name);
                let body = op.request_body.as_ref().and_then(|b| {
                    self.request_body(b, &builder_name, &join(&op_pointer, "requestBody"))
                });
                let responses = self.responses(op, &builder_name, &op_pointer);
                let security = self.security(op.security.as_ref(), &op_pointer);
                let rate_class = self.rate_class(&id, &op.tags, &op.extensions, &op_pointer);
                let idempotency_key = params.iter().any(Param::is_idempotency_key);
                out.push(Operation {
                    id,
                    id_derived,
                    fn_name,
                    builder_name,
                    method,
                    path: path.clone(),
                    pointer: op_pointer,
                    summary: op.summary.clone(),
                    description: op.description.clone(),
                    deprecated: op.deprecated,
                    params,
                    body,
                    responses,
                    security,
                    pagination: None,
                    idempotency_key,
                    rate_class,
                    outcomes: Outcomes::default(),
                });
            }
        }
        out
    }

    /// The path item's and the operation's parameters (the operation's win), path ones
    /// first in template order.
    fn params(
        &mut self,
        item: &'a PathItem,
        item_pointer: &str,
        op: &'a openapiv3::Operation,
        op_pointer: &str,
        path: &str,
        builder_name: &str,
    ) -> Vec<Param> {
        let mut merged: IndexMap<(String, ParamLocation), (&'a Parameter, String)> =
            IndexMap::new();
        let sources = [
            (&item.parameters, item_pointer),
            (&op.parameters, op_pointer),
        ];
        for (list, base) in sources {
            for (i, p) in list.iter().enumerate() {
                let at = join_index(&join(base, "parameters"), i);
                if let Some((param, at)) = self.deref(p, &at, "parameters", |c| &c.parameters) {
                    let data = param.parameter_data_ref();
                    merged.insert((data.name.clone(), location_of(param)), (param, at));
                }
            }
        }
        // Path parameters in the order the template names them, then the rest.
        let vars = template_vars(path);
        let mut ordered: Vec<(&'a Parameter, String)> = Vec::new();
        for var in &vars {
            if let Some(found) = merged.shift_remove(&((*var).to_owned(), ParamLocation::Path)) {
                ordered.push(found);
            }
        }
        ordered.extend(merged.into_values());

        let mut names = Names::new();
        for name in reserved::BUILDER_MEMBERS {
            names.reserve(name);
        }
        let mut has_key = false;
        let mut out = Vec::with_capacity(ordered.len());
        for (param, at) in ordered {
            let data = param.parameter_data_ref();
            let location = location_of(param);
            let unsupported_style = match param {
                Parameter::Query {
                    style: QueryStyle::Form,
                    ..
                }
                | Parameter::Header { .. } => None,
                Parameter::Path {
                    style: PathStyle::Simple,
                    ..
                } => None,
                Parameter::Query { style, .. } => Some(format!("style: {style:?}")),
                Parameter::Path { style, .. } => Some(format!("style: {style:?}")),
                Parameter::Cookie { .. } => None,
            };
            let hint = format!("{builder_name}{}", camel(&data.name));
            let (ty, unsupported_style) = match &data.format {
                ParameterSchemaOrContent::Schema(s) => (
                    self.type_ref(Sref::from(s), &hint, &join(&at, "schema")),
                    unsupported_style,
                ),
                ParameterSchemaOrContent::Content(_) => (TypeRef::Json, Some("content".to_owned())),
            };
            let default = match &data.format {
                ParameterSchemaOrContent::Schema(ReferenceOr::Item(s)) => {
                    s.schema_data.default.as_ref().map(ToString::to_string)
                }
                _ => None,
            };
            // The first `Idempotency-Key` header is set with the builder's
            // `idempotency_key` option, the name reserved for it.
            let is_key = crate::ir::is_idempotency_key(location, &data.name);
            let name = if is_key && !has_key {
                has_key = true;
                reserved::IDEMPOTENCY_KEY_OPTION.to_owned()
            } else {
                names.claim(&snake(&data.name))
            };
            out.push(Param {
                name,
                wire_name: data.name.clone(),
                location,
                required: data.required || location == ParamLocation::Path,
                ty,
                doc: data.description.clone(),
                default,
                deprecated: data.deprecated.unwrap_or(false),
                pointer: at,
                unsupported_style,
            });
        }
        out
    }

    /// The security of an operation (its own, else the document's).
    fn security(
        &mut self,
        own: Option<&'a Vec<SecurityRequirement>>,
        op_pointer: &str,
    ) -> Security {
        let (requirements, at) = match own {
            Some(own) => (own, join(op_pointer, "security")),
            None => match &self.doc.security {
                Some(global) => (global, "/security".to_owned()),
                None => return Security::None,
            },
        };
        let optional = requirements.iter().any(IndexMap::is_empty);
        let schemes = self.doc.components.as_ref().map(|c| &c.security_schemes);
        for (i, requirement) in requirements.iter().enumerate() {
            for name in requirement.keys() {
                if !schemes.is_some_and(|s| s.contains_key(name)) {
                    self.cx.push(
                        Diagnostic::error(
                            join_index(&at, i),
                            format!("security scheme `{name}` is not defined"),
                        )
                        .help("define it under `components/securitySchemes`"),
                    );
                }
            }
        }
        // The first alternative whose schemes are all supported; else the first at all.
        let supported = |name: &String| {
            matches!(
                schemes.and_then(|s| s.get(name)),
                Some(ReferenceOr::Item(openapiv3::SecurityScheme::HTTP { scheme, .. })) if scheme.eq_ignore_ascii_case("bearer")
            )
        };
        let chosen = requirements
            .iter()
            .filter(|r| !r.is_empty())
            .find(|r| r.keys().all(supported))
            .or_else(|| requirements.iter().find(|r| !r.is_empty()));
        match chosen {
            Some(r) => Security::Schemes {
                names: r.keys().cloned().collect(),
                optional,
            },
            None => Security::None,
        }
    }

    /// `components.securitySchemes`, as the IR sees them.
    pub(crate) fn security_schemes(&mut self) -> BTreeMap<String, SecurityScheme> {
        let Some(components) = &self.doc.components else {
            return BTreeMap::new();
        };
        components
            .security_schemes
            .iter()
            .map(|(name, scheme)| {
                let ir = match scheme {
                    ReferenceOr::Item(openapiv3::SecurityScheme::HTTP {
                        scheme,
                        bearer_format,
                        ..
                    }) if scheme.eq_ignore_ascii_case("bearer") => SecurityScheme::Bearer {
                        format: bearer_format.clone(),
                    },
                    ReferenceOr::Item(openapiv3::SecurityScheme::HTTP { scheme, .. }) => {
                        SecurityScheme::Unsupported(format!("HTTP `{scheme}` authentication"))
                    }
                    ReferenceOr::Item(openapiv3::SecurityScheme::APIKey { .. }) => {
                        SecurityScheme::Unsupported("API key (`apiKey`) authentication".to_owned())
                    }
                    ReferenceOr::Item(openapiv3::SecurityScheme::OAuth2 { .. }) => {
                        SecurityScheme::Unsupported("OAuth 2 authentication".to_owned())
                    }
                    ReferenceOr::Item(openapiv3::SecurityScheme::OpenIDConnect { .. }) => {
                        SecurityScheme::Unsupported("OpenID Connect authentication".to_owned())
                    }
                    ReferenceOr::Reference { .. } => {
                        SecurityScheme::Unsupported("a `$ref` to a security scheme".to_owned())
                    }
                };
                (name.clone(), ir)
            })
            .collect()
    }
}

fn location_of(p: &Parameter) -> ParamLocation {
    match p {
        Parameter::Query { .. } => ParamLocation::Query,
        Parameter::Header { .. } => ParamLocation::Header,
        Parameter::Path { .. } => ParamLocation::Path,
        Parameter::Cookie { .. } => ParamLocation::Cookie,
    }
}
