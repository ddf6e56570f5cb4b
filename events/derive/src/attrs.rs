//! Reads the `#[object(…)]` markers of a struct and of its fields.

use proc_macro2::{TokenStream, TokenTree};
use quote::{quote, ToTokens};
use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::{Attribute, Field, GenericParam, Generics, Ident, Lifetime, LifetimeParam, LitStr, Path, Token, Type, WhereClause, WherePredicate};

/// How a getter lends a stored value (the generator's `view::Lend`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lend {
    /// A `Copy` type, returned by value.
    Copy,
    /// A `CompactString`, lent as `&str`; the API gives and takes `String`.
    Text,
    /// A `Vec<T>`, lent as `&[T]`.
    Slice,
    /// A `Box<T>`, lent as `&T`.
    Unbox,
    /// Any other `T`, lent as `&T`.
    Ref,
}

/// The struct's markers.
pub struct StructMarkers {
    /// The runtime's path.
    pub krate: TokenStream,
    /// The `…Required` struct's name, when some property is required.
    pub required: Option<Ident>,
    /// The `…Parts` struct's name, when some property is optional or other members are kept.
    pub parts: Option<Ident>,
    /// Attributes of `new` (a deprecation).
    pub new_attrs: Vec<Attribute>,
    /// Generics of `new` and of `Default`: the lifetimes of its bounds, and the bounds.
    pub new_generics: Generics,
}

/// One field and its markers.
pub struct FieldSpec<'f> {
    /// The field (and getter) name.
    pub ident: &'f Ident,
    /// The stored type, as written.
    pub ty: &'f Type,
    /// Its docs: the getter's.
    pub docs: Vec<&'f Attribute>,
    /// Optional: absent is `None`.
    pub opt: bool,
    /// Nullable: `null` is `None`.
    pub null: bool,
    /// How the getter lends it.
    pub lend: Lend,
    /// The member's JSON name.
    pub json: String,
    /// The other members' map.
    pub rest: bool,
}

impl FieldSpec<'_> {
    /// The `Option` layers around the value: one each for optional and nullable.
    pub fn layers(&self) -> usize {
        usize::from(self.opt) + usize::from(self.null)
    }
}

fn is_object(attr: &Attribute) -> bool {
    attr.path().is_ident("object")
}

/// The struct's markers from its attributes.
pub fn of_struct(attrs: &[Attribute]) -> syn::Result<StructMarkers> {
    let mut markers = StructMarkers { krate: quote!(::events_runtime), required: None, parts: None, new_attrs: Vec::new(), new_generics: Generics::default() };
    for attr in attrs.iter().filter(|a| is_object(a)) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("crate") {
                let path: Path = meta.value()?.parse()?;
                markers.krate = quote!(#path);
            } else if meta.path.is_ident("required") {
                markers.required = Some(meta.value()?.parse()?);
            } else if meta.path.is_ident("parts") {
                markers.parts = Some(meta.value()?.parse()?);
            } else if meta.path.is_ident("new") {
                let content;
                syn::parenthesized!(content in meta.input);
                markers.new_attrs = content.call(Attribute::parse_outer)?;
                markers.new_generics = constructor_bounds(&content)?;
            } else {
                return Err(meta.error("unknown struct marker: write `crate = path`, `required = Name`, `parts = Name` or `new(…)`"));
            }
            Ok(())
        })?;
    }
    Ok(markers)
}

/// `new`'s bounds, `bound = "<where-predicate>", …`: the where clause, and a lifetime
/// parameter for each lifetime the predicates use, in order of first use.
fn constructor_bounds(input: ParseStream<'_>) -> syn::Result<Generics> {
    let mut generics = Generics::default();
    let mut predicates = Vec::new();
    while !input.is_empty() {
        let key = input.call(Ident::parse_any)?;
        if key != "bound" {
            return Err(syn::Error::new(key.span(), "`new(…)` takes attributes, then `bound = \"<where-predicate>\"`, …"));
        }
        input.parse::<Token![=]>()?;
        let predicate: WherePredicate = input.parse::<LitStr>()?.parse()?;
        predicates.push(predicate);
        if !input.is_empty() {
            input.parse::<Token![,]>()?;
        }
    }
    for predicate in &predicates {
        lifetimes(predicate.to_token_stream(), &mut generics);
    }
    if !predicates.is_empty() {
        generics.where_clause = Some(WhereClause { where_token: Default::default(), predicates: predicates.into_iter().collect() });
    }
    Ok(generics)
}

/// Adds to `generics` each lifetime of `tokens` it does not declare yet.
fn lifetimes(tokens: TokenStream, generics: &mut Generics) {
    let mut tokens = tokens.into_iter().peekable();
    while let Some(token) = tokens.next() {
        match token {
            TokenTree::Group(group) => lifetimes(group.stream(), generics),
            TokenTree::Punct(p) if p.as_char() == '\'' => {
                if let Some(TokenTree::Ident(name)) = tokens.peek() {
                    let lifetime = Lifetime { apostrophe: p.span(), ident: name.clone() };
                    if !generics.lifetimes().any(|l| l.lifetime == lifetime) {
                        generics.params.push(GenericParam::Lifetime(LifetimeParam::new(lifetime)));
                    }
                }
            }
            _ => {}
        }
    }
}

/// A field's markers from its attributes.
pub fn of_field(field: &Field) -> syn::Result<FieldSpec<'_>> {
    let ident = field.ident.as_ref().ok_or_else(|| syn::Error::new_spanned(field, "`Object` needs named fields"))?;
    let mut spec = FieldSpec {
        ident,
        ty: &field.ty,
        docs: field.attrs.iter().filter(|a| a.path().is_ident("doc")).collect(),
        opt: false,
        null: false,
        lend: Lend::Ref,
        json: ident.to_string(),
        rest: false,
    };
    let mut lends = 0;
    for attr in field.attrs.iter().filter(|a| is_object(a)) {
        attr.parse_nested_meta(|meta| {
            let lend = [("copy", Lend::Copy), ("text", Lend::Text), ("slice", Lend::Slice), ("unbox", Lend::Unbox)]
                .into_iter()
                .find(|(name, _)| meta.path.is_ident(name));
            if let Some((_, lend)) = lend {
                spec.lend = lend;
                lends += 1;
            } else if meta.path.is_ident("opt") {
                spec.opt = true;
            } else if meta.path.is_ident("null") {
                spec.null = true;
            } else if meta.path.is_ident("rest") {
                spec.rest = true;
            } else if meta.path.is_ident("json") {
                spec.json = meta.value()?.parse::<LitStr>()?.value();
            } else {
                return Err(meta.error("unknown field marker: write `opt`, `null`, `copy`, `text`, `slice`, `unbox`, `json = \"…\"` or `rest`"));
            }
            Ok(())
        })?;
    }
    if lends > 1 {
        return Err(syn::Error::new_spanned(ident, "a field takes at most one of `copy`, `text`, `slice`, `unbox`"));
    }
    if spec.rest && (spec.opt || spec.null || lends > 0) {
        return Err(syn::Error::new_spanned(ident, "the `rest` field is a `Map` and takes no other marker"));
    }
    Ok(spec)
}
