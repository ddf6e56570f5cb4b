//! Emits the named types of one type space: structs with constructors, enums, checked
//! strings, constants and discriminated unions.

use proc_macro2::TokenStream;
use quote::quote;

use super::ctx::{doc_lines, ident, slot_type, At, Ctx};
use crate::model::types::{CheckedDef, EnumDef, Field, NewtypeDef, NumberDef, StructDef, TypeDef, TypeKind, TypeSpace, UnionDef, UntaggedDef};

/// Extra items attached to a type (the payload's constructor deprecation, its contract docs).
#[derive(Default)]
pub struct RootExtras {
    /// Doc lines appended to the type's docs.
    pub doc: TokenStream,
    /// Attributes on the constructor (e.g. `#[deprecated]`).
    pub constructor_attrs: TokenStream,
    /// Producing this type is over: the constructor fails to compile with this message.
    pub sunset: Option<String>,
    /// Producer-only construction: the constructor's extra lifetime and where-predicate
    /// (see `produce::constructor_bound`).
    pub produce: Option<(TokenStream, TokenStream)>,
}

/// Emits every type of `space`; `root` gets `extras`.
pub fn emit_space(ctx: &Ctx<'_>, space: &TypeSpace, depth: usize, root: Option<(usize, &RootExtras)>) -> TokenStream {
    let none = RootExtras::default();
    // A root union is built from its branches: their constructors share the root's producer bound.
    let (branches, branch_extras) = super::produce::union_branches(space, root);
    let mut wire = Vec::new();
    let items: Vec<TokenStream> = space
        .defs
        .iter()
        .enumerate()
        .map(|(i, def)| {
            let extras = match root {
                Some((r, extras)) if r == i => extras,
                _ if branches.contains(&i) => &branch_extras,
                _ => &none,
            };
            emit_def(ctx, space, def, depth, extras, &mut wire)
        })
        .collect();
    let wire_module = (!wire.is_empty()).then(|| {
        quote! {
            /// Private helpers of the types above (the sunset constructor guard).
            mod wire {
                #(#wire)*
            }
        }
    });
    quote!(#(#items)* #wire_module)
}

fn emit_def(ctx: &Ctx<'_>, space: &TypeSpace, def: &TypeDef, depth: usize, extras: &RootExtras, wire: &mut Vec<TokenStream>) -> TokenStream {
    let doc = def.doc.as_deref().map(doc_lines).unwrap_or_default();
    let extra_doc = &extras.doc;
    let body = match &def.kind {
        // Docs go inside the macro call, onto the struct it defines.
        TypeKind::Newtype(n) => return emit_newtype(ctx, &def.name, n, &quote!(#doc #extra_doc)),
        TypeKind::Number(n) => return emit_number(ctx, &def.name, n, &quote!(#doc #extra_doc)),
        TypeKind::Checked(c) => return emit_checked(ctx, space, &def.name, c, depth, &quote!(#doc #extra_doc)),
        TypeKind::Untagged(u) => emit_untagged(ctx, space, &def.name, u, depth),
        TypeKind::Struct(s) => emit_struct(ctx, space, &def.name, s, depth, extras, wire),
        TypeKind::Enum(e) => emit_enum(ctx, &def.name, e),
        TypeKind::Const(value) => emit_const(ctx, &def.name, value),
        TypeKind::Union(u) => emit_union(ctx, space, &def.name, u),
    };
    quote! {
        #doc
        #extra_doc
        #body
    }
}

/// The field's Rust type: `T`, `Option<T>` (nullable or optional) or `Option<Option<T>>`.
fn field_type(ctx: &Ctx<'_>, space: &TypeSpace, f: &Field, at: At) -> TokenStream {
    let slot = slot_type(ctx, space, &f.slot, at);
    if f.required {
        slot
    } else {
        quote!(Option<#slot>)
    }
}

/// Field declarations with their serde (serialization) attributes, seen from `at`.
fn struct_fields(ctx: &Ctx<'_>, space: &TypeSpace, s: &StructDef, at: At) -> Vec<TokenStream> {
    s.fields
        .iter()
        .map(|f| {
            let id = ident(&f.ident);
            let ty = field_type(ctx, space, f, at);
            let doc = f.doc.as_deref().map(doc_lines).unwrap_or_default();
            let rename = (f.ident != f.json).then(|| {
                let json = &f.json;
                quote!(#[serde(rename = #json)])
            });
            let skip = (!f.required).then(|| quote!(#[serde(skip_serializing_if = "Option::is_none")]));
            quote! { #doc #rename #skip #id: #ty }
        })
        .collect()
}

/// The struct's `FromObject` and `Deserialize` impls, through the runtime's
/// `object_decoder!`: one pass over the object's members, each matched to a field by index
/// and decoded into a local slot; required members missing at the end are errors.
/// Decoding each slot as the field's type (or, for an optional field, as what its `Option`
/// holds) gives the presence rules: a required nullable field takes `null` but not
/// absence, an optional one takes absence, and `null` only when nullable. Error texts and
/// the order they are raised in are serde's derive's.
fn struct_decoder(ctx: &Ctx<'_>, s: &StructDef, name_id: &proc_macro2::Ident) -> TokenStream {
    let rt = &ctx.rt;
    let deny = s.deny_unknown;
    let fields = s.fields.iter().enumerate().map(|(i, f)| {
        let (index, id, json) = (proc_macro2::Literal::usize_unsuffixed(i), ident(&f.ident), &f.json);
        let presence = ident(if f.required { "req" } else { "opt" });
        quote!(#index #id #json #presence)
    });
    quote! {
        #rt::__private::object_decoder!(#name_id, #deny, [#(#fields),*]);
    }
}

fn emit_struct(ctx: &Ctx<'_>, space: &TypeSpace, name: &str, s: &StructDef, depth: usize, extras: &RootExtras, wire: &mut Vec<TokenStream>) -> TokenStream {
    let name_id = ident(name);
    let serde_crate = ctx.serde_crate();
    let rt = &ctx.rt;
    let here = At { depth, wire: false };
    let fields = struct_fields(ctx, space, s, here);
    let decoder = struct_decoder(ctx, s, &name_id);
    let required: Vec<&Field> = s.fields.iter().filter(|f| f.required).collect();
    let params: Vec<TokenStream> = required
        .iter()
        .map(|f| {
            let id = ident(&f.ident);
            let ty = field_type(ctx, space, f, here);
            if extras.sunset.is_some() {
                quote!(#id: impl ::core::convert::Into<#ty>)
            } else {
                quote!(#id: #ty)
            }
        })
        .collect();
    let (sunset_check, sunset_items) = sunset_guard(extras.sunset.as_deref(), required.first().map(|f| ident(&f.ident)));
    // With no required property `new` has no argument to make it generic: a bound that
    // never holds, on a lifetime of its own, fails each call site instead.
    let (mut lifetimes, mut predicates, mut bound_items) = (Vec::new(), Vec::new(), quote!());
    if let Some(message) = extras.sunset.as_deref().filter(|_| required.is_empty()) {
        let (lifetime, predicate, items) = sunset_bound(message);
        (lifetimes, predicates, bound_items) = (vec![lifetime], vec![predicate], items);
    }
    if let Some((lifetime, predicate)) = &extras.produce {
        lifetimes.push(lifetime.clone());
        predicates.push(predicate.clone());
    }
    let new_generics = if lifetimes.is_empty() { quote!() } else { quote!(<#(#lifetimes),*>) };
    let sunset_bound = if predicates.is_empty() { quote!() } else { quote!(where #(#predicates),*) };
    let inits = s.fields.iter().map(|f| {
        let id = ident(&f.ident);
        if f.required && extras.sunset.is_some() {
            quote!(#id: #id.into())
        } else if f.required {
            quote!(#id)
        } else {
            quote!(#id: None)
        }
    });
    let required_list = if required.is_empty() {
        "It has no required property.".to_owned()
    } else {
        format!("Arguments are its required properties, in schema order: {}.", required.iter().map(|f| format!("`{}`", f.json)).collect::<Vec<_>>().join(", "))
    };
    let new_doc = format!(" Builds a `{name}`. {required_list} Optional properties start absent; set them with the `with_…` methods.");
    // With nothing required, `new()` is what `Default` would be (and clippy asks for it).
    let default_impl = required.is_empty().then(|| {
        quote! {
            impl #new_generics ::core::default::Default for #name_id #sunset_bound {
                #[allow(deprecated)]
                fn default() -> Self {
                    Self::new()
                }
            }
        }
    });
    let constructor_attrs = &extras.constructor_attrs;
    let accessors = s.fields.iter().map(|f| {
        let id = ident(&f.ident);
        let ty = field_type(ctx, space, f, here);
        let getter_doc = format!(
            " `{}`{}",
            f.json,
            match (f.required, f.slot.nullable) {
                (true, false) => "",
                (true, true) => " (required; `None` is JSON null)",
                (false, false) => " (optional; `None` when absent)",
                (false, true) => " (optional and nullable: `None` absent, `Some(None)` null)",
            }
        );
        let getter = quote! {
            #[doc = #getter_doc]
            #[inline]
            pub fn #id(&self) -> &#ty { &self.#id }
        };
        if f.required {
            return getter;
        }
        let setter = ident(&format!("with_{}", f.ident));
        let inner = slot_type(ctx, space, &f.slot, here);
        let setter_doc = format!(" Sets the optional `{}`.", f.json);
        quote! {
            #getter
            #[doc = #setter_doc]
            #[must_use]
            #[inline]
            pub fn #setter(mut self, value: #inner) -> Self {
                self.#id = Some(value);
                self
            }
        }
    });
    if !sunset_items.is_empty() {
        wire.push(sunset_items);
    }
    if !bound_items.is_empty() {
        wire.push(bound_items);
    }
    quote! {
        #[derive(Debug, Clone, PartialEq, #rt::__private::serde::Serialize)]
        #[serde(crate = #serde_crate)]
        pub struct #name_id {
            #(#fields,)*
        }

        #decoder

        impl #name_id {
            #[doc = #new_doc]
            #constructor_attrs
            #[must_use]
            #[inline]
            #[allow(clippy::too_many_arguments)]
            pub fn new #new_generics (#(#params),*) -> Self #sunset_bound {
                #sunset_check
                Self { #(#inits,)* }
            }

            #(#accessors)*
        }

        #default_impl
    }
}

/// The sunset guard of a constructor without arguments: `'sunset`, a where-predicate that
/// never holds (so every call site, and `Default`, fails with `message`), and its items for
/// the `wire` module.
fn sunset_bound(message: &str) -> (TokenStream, TokenStream, TokenStream) {
    (
        quote!('sunset),
        quote!(wire::Cutover<'sunset>: wire::Produce),
        quote! {
            /// Producing this version is over; see [`Produce`].
            pub struct Cutover<'a>(::core::marker::PhantomData<&'a ()>);

            /// Never implemented: a constructor bound by it fails the build of any producer.
            #[diagnostic::on_unimplemented(message = #message, label = "this version is sunset for producers")]
            pub trait Produce {}
        },
    )
}

/// A constructor guard for a sunset version: an associated const that panics, evaluated
/// only when the (generic) constructor is instantiated, i.e. at a producer's call site.
/// Returns the statement for the constructor and the guard type for the `wire` module.
pub fn sunset_guard(message: Option<&str>, first_param: Option<proc_macro2::Ident>) -> (TokenStream, TokenStream) {
    let (Some(message), Some(param)) = (message, first_param) else {
        return (quote!(), quote!());
    };
    (
        quote! {
            #[allow(clippy::let_unit_value)]
            let () = wire::Sunset::of(&#param);
        },
        quote! {
            /// Fails the build of any producer that constructs this version.
            pub(super) struct Sunset<T>(::core::marker::PhantomData<T>);

            impl<T> Sunset<T> {
                const PASSED: () = panic!(#message);

                pub(super) const fn of(_: &T) {
                    Self::PASSED
                }
            }
        },
    )
}

fn emit_enum(ctx: &Ctx<'_>, name: &str, e: &EnumDef) -> TokenStream {
    if e.tolerant {
        return emit_tolerant_enum(ctx, name, e);
    }
    let name_id = ident(name);
    let rt = &ctx.rt;
    let serde_crate = ctx.serde_crate();
    let variants = e.variants.iter().map(|(json, v)| {
        let v = ident(v);
        let doc = format!(" `{json:?}`");
        quote!(#[doc = #doc] #[serde(rename = #json)] #v)
    });
    let arms = e.variants.iter().map(|(json, v)| {
        let v = ident(v);
        quote!(Self::#v => #json)
    });
    let all = e.variants.iter().map(|(_, v)| {
        let v = ident(v);
        quote!(Self::#v)
    });
    quote! {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, #rt::__private::serde::Serialize, #rt::__private::serde::Deserialize)]
        #[serde(crate = #serde_crate)]
        pub enum #name_id {
            #(#variants,)*
        }

        impl #name_id {
            /// Every value, in schema order.
            pub const ALL: &'static [Self] = &[#(#all),*];

            /// The value as it appears in JSON.
            pub const fn as_str(self) -> &'static str {
                match self { #(#arms,)* }
            }
        }

        impl ::core::fmt::Display for #name_id {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}

/// An enum whose contract tells consumers to tolerate unknown values: an extra `Unknown`
/// variant holds them on decode; producers cannot construct it.
fn emit_tolerant_enum(ctx: &Ctx<'_>, name: &str, e: &EnumDef) -> TokenStream {
    let name_id = ident(name);
    let rt = &ctx.rt;
    let variant: Vec<_> = e.variants.iter().map(|(_, v)| ident(v)).collect();
    let json: Vec<&str> = e.variants.iter().map(|(j, _)| j.as_str()).collect();
    let docs: Vec<String> = json.iter().map(|j| format!(" `{j:?}`")).collect();
    quote! {
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name_id {
            #(#[doc = #docs] #variant,)*
            /// A value this contract version does not list. The contract tells consumers to
            /// treat it as safe to ignore; only decoding produces it.
            Unknown(#rt::UnknownValue),
        }

        impl #name_id {
            /// Every listed value, in schema order.
            pub const ALL: &'static [Self] = &[#(Self::#variant),*];

            /// The value as it appears in JSON.
            pub fn as_str(&self) -> &str {
                match self { #(Self::#variant => #json,)* Self::Unknown(v) => v.as_str() }
            }
        }

        impl ::core::fmt::Display for #name_id {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl #rt::__private::serde::Serialize for #name_id {
            fn serialize<S: #rt::__private::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> #rt::__private::serde::Deserialize<'de> for #name_id {
            fn deserialize<D: #rt::__private::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = <#rt::__private::Cow<'de, str> as #rt::__private::serde::Deserialize>::deserialize(d)?;
                Ok(match text.as_ref() {
                    #(#json => Self::#variant,)*
                    _ => Self::Unknown(<#rt::UnknownValue as #rt::__private::serde::Deserialize>::deserialize(
                        #rt::__private::serde::de::value::CowStrDeserializer::<D::Error>::new(text),
                    )?),
                })
            }
        }
    }
}

fn emit_newtype(ctx: &Ctx<'_>, name: &str, n: &NewtypeDef, doc: &TokenStream) -> TokenStream {
    let name_id = ident(name);
    let rt = &ctx.rt;
    let mut rules = quote!(#rt::StringRules::ANY);
    if let Some(min) = n.min_len {
        let min = proc_macro2::Literal::u64_unsuffixed(min);
        rules = quote!(#rules.min_len(#min));
    }
    if let Some(max) = n.max_len {
        let max = proc_macro2::Literal::u64_unsuffixed(max);
        rules = quote!(#rules.max_len(#max));
    }
    if let Some(pattern) = &n.pattern {
        rules = quote!(#rules.pattern(#pattern));
    }
    if let Some(format) = n.format {
        let variant = ident(format.variant_name());
        rules = quote!(#rules.format(#rt::StringFormat::#variant));
    }
    quote! {
        #rt::checked_string! {
            #doc
            pub struct #name_id(#rules);
        }
    }
}

/// A checked value: a newtype over its typed core whose decoding and `try_new` run the
/// validation program of its whole schema.
fn emit_checked(ctx: &Ctx<'_>, space: &TypeSpace, name: &str, c: &CheckedDef, depth: usize, doc: &TokenStream) -> TokenStream {
    let name_id = ident(name);
    let rt = &ctx.rt;
    let core = slot_type(ctx, space, &c.core, At { depth, wire: false });
    let program: TokenStream = c.program.to_rust(&format!("{}::rules", ctx.rt_text)).parse().expect("the rules crate emits a Rust expression");
    let note = format!(" Checked: {}; built with `try_new`, decoded through the schema's validation program.", c.reason);
    quote! {
        #rt::checked_value! {
            #doc
            #[doc = ""]
            #[doc = #note]
            pub struct #name_id(#core) = #program;
        }
    }
}

/// A union without a discriminator: an enum whose decoding tries every branch on the
/// buffered JSON value (`oneOf`: exactly one may match).
fn emit_untagged(ctx: &Ctx<'_>, space: &TypeSpace, name: &str, u: &UntaggedDef, depth: usize) -> TokenStream {
    let name_id = ident(name);
    let rt = &ctx.rt;
    let at = At { depth, wire: false };
    let variants: Vec<_> = u.variants.iter().map(|(v, _)| ident(v)).collect();
    let types: Vec<_> = u.variants.iter().map(|(_, slot)| slot_type(ctx, space, slot, at)).collect();
    let exactly_one = u.exactly_one;
    let names: Vec<&str> = u.variants.iter().map(|(v, _)| v.as_str()).collect();
    quote! {
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name_id {
            #(
                #[doc = concat!(" The `", #names, "` branch.")]
                #variants(#types),
            )*
        }

        impl #rt::__private::serde::Serialize for #name_id {
            fn serialize<S: #rt::__private::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(Self::#variants(v) => #rt::__private::serde::Serialize::serialize(v, s),)*
                }
            }
        }

        impl<'de> #rt::__private::serde::Deserialize<'de> for #name_id {
            fn deserialize<D: #rt::__private::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                #rt::__private::untagged(d, #exactly_one, &[
                    #(&|json| #rt::__private::serde_json::from_str::<#types>(json).map(Self::#variants),)*
                ])
            }
        }
    }
}

fn emit_number(ctx: &Ctx<'_>, name: &str, n: &NumberDef, doc: &TokenStream) -> TokenStream {
    let name_id = ident(name);
    let rt = &ctx.rt;
    let mut rules = quote!(#rt::NumberRules::ANY);
    for (setter, value) in [
        ("minimum", n.minimum),
        ("exclusive_minimum", n.exclusive_minimum),
        ("maximum", n.maximum),
        ("exclusive_maximum", n.exclusive_maximum),
        ("multiple_of", n.multiple_of),
    ] {
        if let Some(value) = value {
            let (setter, value) = (ident(setter), proc_macro2::Literal::f64_suffixed(value));
            rules = quote!(#rules.#setter(#value));
        }
    }
    quote! {
        #rt::checked_number! {
            #doc
            pub struct #name_id(#rules);
        }
    }
}

fn emit_const(ctx: &Ctx<'_>, name: &str, value: &str) -> TokenStream {
    let name_id = ident(name);
    let rt = &ctx.rt;
    quote! {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
        pub struct #name_id;

        impl #name_id {
            /// The only value the contract allows.
            pub const VALUE: &'static str = #value;
        }

        impl #rt::__private::serde::Serialize for #name_id {
            fn serialize<S: #rt::__private::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(Self::VALUE)
            }
        }

        impl<'de> #rt::__private::serde::Deserialize<'de> for #name_id {
            fn deserialize<D: #rt::__private::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let got = <#rt::__private::Cow<'de, str> as #rt::__private::serde::Deserialize>::deserialize(d)?;
                if got == Self::VALUE {
                    Ok(Self)
                } else {
                    Err(<D::Error as #rt::__private::serde::de::Error>::custom(#rt::ValueError::Const { expected: Self::VALUE, got: got.into_owned() }))
                }
            }
        }
    }
}

fn emit_union(ctx: &Ctx<'_>, space: &TypeSpace, name: &str, u: &UnionDef) -> TokenStream {
    let name_id = ident(name);
    let rt = &ctx.rt;
    let serde_crate = ctx.serde_crate();
    let tag = &u.tag;
    let variants = u.variants.iter().map(|(value, variant, ty)| {
        let v = ident(variant);
        let t = ident(&space.defs[*ty].name);
        let doc = format!(" `{tag}: {value:?}`");
        quote!(#[doc = #doc] #[serde(rename = #value)] #v(#t))
    });
    let froms = u.variants.iter().map(|(_, variant, ty)| {
        let v = ident(variant);
        let t = ident(&space.defs[*ty].name);
        quote! {
            impl ::core::convert::From<#t> for #name_id {
                fn from(value: #t) -> Self { Self::#v(value) }
            }
        }
    });
    let values: Vec<&str> = u.variants.iter().map(|(value, _, _)| value.as_str()).collect();
    let branch_variants: Vec<_> = u.variants.iter().map(|(_, variant, _)| ident(variant)).collect();
    let branch_types: Vec<_> = u.variants.iter().map(|(_, _, ty)| ident(&space.defs[*ty].name)).collect();
    quote! {
        #[derive(Debug, Clone, PartialEq, #rt::__private::serde::Serialize)]
        #[serde(crate = #serde_crate, tag = #tag)]
        pub enum #name_id {
            #(#variants,)*
        }

        #(#froms)*

        impl<'de> #rt::__private::FromObject<'de> for #name_id {
            fn from_object<A: #rt::__private::serde::de::MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
                #rt::__private::decode_tagged(map, #tag, |value, rest| match value {
                    #(#values => <#branch_types as #rt::__private::FromObject<'de>>::from_object(rest).map(Self::#branch_variants),)*
                    other => Err(<A::Error as #rt::__private::serde::de::Error>::unknown_variant(other, &[#(#values),*])),
                })
            }
        }

        impl<'de> #rt::__private::serde::Deserialize<'de> for #name_id {
            fn deserialize<D: #rt::__private::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                #rt::__private::deserialize_object(d)
            }
        }
    }
}
