//! Emits the named types of one type space: structs with constructors, enums, checked
//! strings, constants and discriminated unions.

use proc_macro2::TokenStream;
use quote::quote;

use super::attrs::Place;
use super::ctx::{doc_lines, element_type, ident, slot_type, At, Ctx};
use super::view::Lend;
use super::{derive, doc, storage, view};
use crate::model::names;
use crate::model::types::{
    AliasDef, CheckedDef, EnumDef, Field, NewtypeDef, NumberDef, StructDef, TypeDef, TypeId, TypeKind, TypeSpace, UnionDef, UntaggedDef,
};

/// Extra items attached to a type (the payload's constructor deprecation, its contract docs).
#[derive(Default)]
pub struct RootExtras {
    /// Doc lines appended to the type's docs.
    pub doc: TokenStream,
    /// Attributes on the constructor (e.g. `#[deprecated]`).
    pub constructor_attrs: TokenStream,
    /// Producing this type is over: the constructor fails to compile with this message.
    pub sunset: Option<String>,
    /// Producer-only construction: the constructor's producer bound (see
    /// `produce::constructor_bound`).
    pub produce: Option<super::produce::ProducerBound>,
}

/// Emits every type of `space`, which lives at `place`; `root` gets `extras`.
pub fn emit_space(ctx: &Ctx<'_>, space: &TypeSpace, place: &Place<'_>, root: Option<(usize, &RootExtras)>) -> TokenStream {
    emit_space_except(ctx, space, place, root, &std::collections::BTreeSet::new())
}

/// [`emit_space`] without the types of `elsewhere` (defined in the contract directory's
/// module of shared types, see `emit::common`, and re-exported by the caller).
pub fn emit_space_except(
    ctx: &Ctx<'_>,
    space: &TypeSpace,
    place: &Place<'_>,
    root: Option<(usize, &RootExtras)>,
    elsewhere: &std::collections::BTreeSet<TypeId>,
) -> TokenStream {
    let none = RootExtras::default();
    // A root union is built from its branches: their constructors share the root's producer bound.
    let (branches, branch_extras) = super::produce::union_branches(space, root);
    let mut wire = Vec::new();
    let depth = place.modules.len();
    let items: Vec<TokenStream> = space
        .defs
        .iter()
        .enumerate()
        .filter(|(i, _)| !elsewhere.contains(i))
        .map(|(i, def)| {
            let extras = match root {
                Some((r, extras)) if r == i => extras,
                _ if branches.contains(&i) => &branch_extras,
                _ => &none,
            };
            let at = Def { space, id: i, place, depth, attrs: ctx.rules.for_type(place, i, &def.name) };
            emit_def(ctx, &at, def, extras, &mut wire)
        })
        .collect();
    // The branches of a sunset union root share one guard.
    let mut seen = std::collections::BTreeSet::new();
    wire.retain(|item| seen.insert(item.to_string()));
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

/// Type `id` of `space` (not its root, nor a branch of a root union) as [`emit_space`]
/// writes it at `place`, for comparing definitions across versions; `None` when it needs
/// helpers of the space's `wire` module, which it could not take elsewhere.
pub fn emit_alone(ctx: &Ctx<'_>, space: &TypeSpace, place: &Place<'_>, id: TypeId) -> Option<TokenStream> {
    let def = space.defs.get(id)?;
    let at = Def { space, id, place, depth: place.modules.len(), attrs: ctx.rules.for_type(place, id, &def.name) };
    let mut wire = Vec::new();
    let tokens = emit_def(ctx, &at, def, &RootExtras::default(), &mut wire);
    wire.is_empty().then_some(tokens)
}

/// The type being emitted: its space, id, place, depth and the user's attributes for it.
struct Def<'s, 'p> {
    space: &'s TypeSpace,
    id: TypeId,
    place: &'s Place<'p>,
    depth: usize,
    /// `Config::type_attribute` attributes, placed right before the item (after its derives).
    attrs: TokenStream,
}

fn emit_def(ctx: &Ctx<'_>, at: &Def<'_, '_>, def: &TypeDef, extras: &RootExtras, wire: &mut Vec<TokenStream>) -> TokenStream {
    let doc = def.doc.as_deref().map(|d| doc_lines(&names::doc_escape(d))).unwrap_or_default();
    let extra_doc = &extras.doc;
    let attrs = &at.attrs;
    let traits = derive::of_def(ctx, at.space, at.id);
    let body = match &def.kind {
        // Docs and attributes go inside the macro call, onto the struct it defines.
        TypeKind::Newtype(n) => return emit_newtype(ctx, &def.name, n, &quote!(#doc #extra_doc #attrs)),
        TypeKind::Number(n) => return emit_number(ctx, &def.name, n, &quote!(#doc #extra_doc #attrs)),
        TypeKind::Checked(c) => return emit_checked(ctx, at, &def.name, c, traits, &quote!(#doc #extra_doc), attrs),
        TypeKind::Untagged(u) => emit_untagged(ctx, at, &def.name, u, traits),
        TypeKind::Struct(s) => emit_struct(ctx, at, &def.name, s, traits, extras, wire),
        TypeKind::Enum(e) if !e.tolerant => return emit_enum(ctx, &def.name, e, &quote!(#doc #extra_doc #attrs)),
        TypeKind::Enum(e) => emit_tolerant_enum(ctx, &def.name, e, attrs),
        TypeKind::Const(value) => emit_const(ctx, &def.name, value, attrs),
        TypeKind::Union(u) => emit_union(ctx, at, &def.name, u, traits),
        TypeKind::Alias(a) => emit_alias(ctx, at, &def.name, a, traits),
    };
    quote! {
        #doc
        #extra_doc
        #body
    }
}

/// A field's `#[object(…)]` markers for the derive (see `events-derive`): presence, how its
/// getter lends it (`view::lend`, with `text` for the inline storage of `storage`), and its
/// JSON name when that is not the field's.
fn field_markers(ctx: &Ctx<'_>, space: &TypeSpace, f: &Field) -> TokenStream {
    let mut markers = Vec::new();
    if !f.required {
        markers.push(quote!(opt));
    }
    if f.slot.nullable {
        markers.push(quote!(null));
    }
    let lend = match (storage::of(&f.slot), view::lend(ctx, space, &f.slot.shape)) {
        (storage::Storage::InlineText, _) => Some("text"),
        (storage::Storage::AsIs, Lend::Copy) => Some("copy"),
        (storage::Storage::AsIs, Lend::Slice) => Some("slice"),
        (storage::Storage::AsIs, Lend::Unbox) => Some("unbox"),
        // A `String` stored as itself is not a struct field's storage (`storage::of`).
        (storage::Storage::AsIs, Lend::Str | Lend::Ref) => None,
    };
    markers.extend(lend.map(|l| {
        let l = ident(l);
        quote!(#l)
    }));
    if f.json != f.ident {
        let json = &f.json;
        markers.push(quote!(json = #json));
    }
    if markers.is_empty() {
        quote!()
    } else {
        quote!(#[object(#(#markers),*)])
    }
}

/// A getter's docs: the property's description, then its JSON name, presence and
/// constraints in words. They are written on the field; the derive puts them on its getter.
fn getter_doc(ctx: &Ctx<'_>, space: &TypeSpace, f: &Field) -> TokenStream {
    let presence = match (f.required, f.slot.nullable) {
        (true, false) => "required",
        (true, true) => "required; `None` is JSON `null`",
        (false, false) => "optional; `None` when absent",
        (false, true) => "optional and nullable: `None` absent, `Some(None)` `null`",
    };
    let mut text = f.doc.as_deref().map(|d| format!("{}\n\n", names::doc_escape(d))).unwrap_or_default();
    text.push_str(&format!("Property {} ({presence}).", names::doc_code(&f.json)));
    if let Some(rules) = doc::slot(ctx, space, &f.slot) {
        text.push(' ');
        text.push_str(&rules);
    }
    doc_lines(&text)
}

/// The companion structs the derive writes for the struct `name` (each with its marker):
/// `…Required` when some property is required, `…Parts` when some property is optional or
/// the other members are kept.
pub fn companions(name: &str, s: &StructDef) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if s.fields.iter().any(|f| f.required) {
        out.push(("required", names::required_struct(name)));
    }
    if s.fields.iter().any(|f| !f.required) || s.rest.is_some() {
        out.push(("parts", names::parts_struct(name)));
    }
    out
}

/// A struct: its fields with their docs and markers, and the runtime's derive `Object`,
/// which writes the codec, getters, setters, `new`, `into_parts` and the companions from them
/// (`events-derive`). Every decision (names, storage, views, the constructor's bounds) is
/// made here and handed over as a marker.
fn emit_struct(
    ctx: &Ctx<'_>,
    def: &Def<'_, '_>,
    name: &str,
    s: &StructDef,
    traits: derive::Traits,
    extras: &RootExtras,
    wire: &mut Vec<TokenStream>,
) -> TokenStream {
    let space = def.space;
    let name_id = ident(name);
    let rt = &ctx.rt;
    let here = At { depth: def.depth, wire: false };
    let mut fields: Vec<TokenStream> = s
        .fields
        .iter()
        .map(|f| {
            let id = ident(&f.ident);
            let ty = storage::stored_type(ctx, space, f, here);
            let user = ctx.rules.for_field(def.place, def.id, name, &f.json, &f.ident);
            let (doc, markers) = (getter_doc(ctx, space, f), field_markers(ctx, space, f));
            quote! { #doc #user #markers #id: #ty }
        })
        .collect();
    if let Some(rest) = &s.rest {
        let (id, values) = (ident(&rest.ident), element_type(ctx, space, &rest.slot, here));
        fields.push(quote!(#[object(rest)] #id: #rt::Map<#values>));
    }
    let mut markers = Vec::new();
    if rt.to_string() != quote!(::events_runtime).to_string() {
        markers.push(quote!(crate = #rt));
    }
    markers.extend(companions(name, s).into_iter().map(|(marker, companion)| {
        let (marker, id) = (ident(marker), ident(&companion));
        quote!(#marker = #id)
    }));
    // A sunset version's `new` has a bound that never holds, on a lifetime of its own: each
    // call site (and `Default`) fails type checking with the sunset message, in
    // `cargo check` too. Producer-only construction adds a lifetime and a bound of its own.
    // Bounds go to the derive as text, which reads as written in the generated file; the
    // derive declares the lifetimes they use.
    let mut bounds = Vec::new();
    if let Some(message) = extras.sunset.as_deref() {
        let (bound, items) = sunset_bound(message);
        bounds.push(bound.to_owned());
        wire.push(items);
    }
    bounds.extend(extras.produce.as_ref().map(super::produce::ProducerBound::text));
    let constructor_attrs = &extras.constructor_attrs;
    if !constructor_attrs.is_empty() || !bounds.is_empty() {
        markers.push(quote!(new(#constructor_attrs #(bound = #bounds),*)));
    }
    let markers = (!markers.is_empty()).then(|| quote!(#[object(#(#markers),*)]));
    let derives = traits.derives();
    let attrs = &def.attrs;
    quote! {
        #[derive(Debug, Clone, PartialEq, #derives #rt::__private::Object)]
        #markers
        #attrs
        pub struct #name_id {
            #(#fields,)*
        }
    }
}

/// The sunset guard of a constructor: a where-predicate on a lifetime `'sunset` of its own
/// that never holds (so every call site, and `Default`, fails with `message`), as text, and
/// its items for the `wire` module.
fn sunset_bound(message: &str) -> (&'static str, TokenStream) {
    (
        "wire::Cutover<'sunset>: wire::Produce",
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

/// A closed string enum: a [`string_enum!`](events_runtime::string_enum) call, whose
/// docs and attributes (`meta`) go onto the enum it defines (each variant is documented
/// there as its JSON spelling). The impls (`ALL`, `JSON`,
/// `as_str`, `Display`, and the codec through `JSON`, without serde's derive and its
/// visitors) are written once, in the runtime.
fn emit_enum(ctx: &Ctx<'_>, name: &str, e: &EnumDef, meta: &TokenStream) -> TokenStream {
    let name_id = ident(name);
    let rt = &ctx.rt;
    let variants = e.variants.iter().map(|(json, v)| {
        let v = ident(v);
        quote!(#v = #json)
    });
    quote! {
        #rt::string_enum! {
            #meta
            pub enum #name_id {
                #(#variants,)*
            }
        }
    }
}

/// An enum whose contract tells consumers to tolerate unknown values: an extra `Unknown`
/// variant holds them on decode; producers cannot construct it.
fn emit_tolerant_enum(ctx: &Ctx<'_>, name: &str, e: &EnumDef, attrs: &TokenStream) -> TokenStream {
    let name_id = ident(name);
    let rt = &ctx.rt;
    let variant: Vec<_> = e.variants.iter().map(|(_, v)| ident(v)).collect();
    let json: Vec<&str> = e.variants.iter().map(|(j, _)| j.as_str()).collect();
    let docs: Vec<String> = json.iter().map(|j| format!(" {}", names::doc_code(&format!("{j:?}")))).collect();
    quote! {
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #attrs
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
                let text = #rt::__private::text(d)?;
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
    let rules_doc = doc::newtype(n).map(|text| {
        let text = format!(" {text}");
        quote!(#[doc = ""] #[doc = #text])
    });
    quote! {
        #rt::checked_string! {
            #doc
            #rules_doc
            pub struct #name_id(#rules);
        }
    }
}

/// A checked value: a newtype over its typed core whose decoding and `try_new` run the
/// validation program of its whole schema.
fn emit_checked(ctx: &Ctx<'_>, at: &Def<'_, '_>, name: &str, c: &CheckedDef, traits: derive::Traits, doc: &TokenStream, attrs: &TokenStream) -> TokenStream {
    let name_id = ident(name);
    let rt = &ctx.rt;
    let core = slot_type(ctx, at.space, &c.core, At { depth: at.depth, wire: false });
    let derives = traits.derives();
    let derives = (!derives.is_empty()).then(|| quote!(#[derive(#derives)]));
    let program: TokenStream = c.program.to_rust(&format!("{}::rules", ctx.rt_text)).parse().expect("the rules crate emits a Rust expression");
    let note = format!(" Checked: {}; built with `try_new`, decoded through the schema's validation program.", names::doc_escape(&c.reason));
    quote! {
        #rt::checked_value! {
            #doc
            #[doc = ""]
            #[doc = #note]
            #derives
            #attrs
            pub struct #name_id(#core) = #program;
        }
    }
}

/// A union without a discriminator: an enum whose decoding tries every branch on the
/// buffered JSON value (`oneOf`: exactly one may match).
fn emit_untagged(ctx: &Ctx<'_>, def: &Def<'_, '_>, name: &str, u: &UntaggedDef, traits: derive::Traits) -> TokenStream {
    let name_id = ident(name);
    let rt = &ctx.rt;
    let (space, at) = (def.space, At { depth: def.depth, wire: false });
    let (derives, attrs) = (traits.derives(), &def.attrs);
    let variants: Vec<_> = u.variants.iter().map(|(v, _)| ident(v)).collect();
    let types: Vec<_> = u.variants.iter().map(|(_, slot)| slot_type(ctx, space, slot, at)).collect();
    let exactly_one = u.exactly_one;
    let names: Vec<&str> = u.variants.iter().map(|(v, _)| v.as_str()).collect();
    quote! {
        #[derive(Debug, Clone, PartialEq, #derives)]
        #attrs
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

/// The type of a recursive `$ref` target that is no struct or union: a type alias, or a
/// newtype that encodes and decodes as what it holds (see [`AliasDef`]). The user's type
/// attributes go on the newtype; an alias takes none (Rust allows no derive on one).
fn emit_alias(ctx: &Ctx<'_>, def: &Def<'_, '_>, name: &str, a: &AliasDef, traits: derive::Traits) -> TokenStream {
    let name_id = ident(name);
    let target = slot_type(ctx, def.space, &a.target, At { depth: def.depth, wire: false });
    if !a.newtype {
        return quote!(pub type #name_id = #target;);
    }
    let rt = &ctx.rt;
    let (derives, attrs) = (traits.derives(), &def.attrs);
    quote! {
        #[derive(Debug, Clone, PartialEq, #derives)]
        #attrs
        pub struct #name_id(pub #target);

        impl ::core::convert::From<#target> for #name_id {
            fn from(value: #target) -> Self { Self(value) }
        }

        impl #rt::__private::serde::Serialize for #name_id {
            fn serialize<S: #rt::__private::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                #rt::__private::serde::Serialize::serialize(&self.0, s)
            }
        }

        impl<'de> #rt::__private::serde::Deserialize<'de> for #name_id {
            fn deserialize<D: #rt::__private::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                <#target as #rt::__private::serde::Deserialize<'de>>::deserialize(d).map(Self)
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
    let rules_doc = doc::number(n).map(|text| {
        let text = format!(" {text}");
        quote!(#[doc = ""] #[doc = #text])
    });
    quote! {
        #rt::checked_number! {
            #doc
            #rules_doc
            pub struct #name_id(#rules);
        }
    }
}

fn emit_const(ctx: &Ctx<'_>, name: &str, value: &str, attrs: &TokenStream) -> TokenStream {
    let name_id = ident(name);
    let rt = &ctx.rt;
    quote! {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
        #attrs
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
                let got = #rt::__private::text(d)?;
                if got == Self::VALUE {
                    Ok(Self)
                } else {
                    Err(<D::Error as #rt::__private::serde::de::Error>::custom(#rt::ValueError::Const { expected: Self::VALUE, got: got.into_owned() }))
                }
            }
        }
    }
}

fn emit_union(ctx: &Ctx<'_>, def: &Def<'_, '_>, name: &str, u: &UnionDef, traits: derive::Traits) -> TokenStream {
    let space = def.space;
    let (derives, attrs) = (traits.derives(), &def.attrs);
    let name_id = ident(name);
    let rt = &ctx.rt;
    let serde_crate = ctx.serde_crate();
    let tag = &u.tag;
    let variants = u.variants.iter().map(|(value, variant, ty)| {
        let v = ident(variant);
        let t = ident(&space.defs[*ty].name);
        let doc = format!(" {}", names::doc_code(&format!("{tag}: {value:?}")));
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
        #[derive(Debug, Clone, PartialEq, #derives)]
        #[derive(#rt::__private::serde::Serialize)]
        #[serde(crate = #serde_crate, tag = #tag)]
        #attrs
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
