//! Writes the items `#[derive(Object)]` stands for.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::{Data, DeriveInput, Fields, GenericArgument, Ident, PathArguments, Type};

use crate::attrs::{self, FieldSpec, Lend, StructMarkers};

/// The most members of one run: the runtime implements its member traits for tuples of up
/// to this many (`events_runtime::__private::MAX_TUPLE`), and asserts at compile time that
/// they agree (through [`crate::members_per_run`]).
pub const MEMBERS_PER_RUN: usize = 16;

/// Every item for the struct `input`.
pub fn object(input: &DeriveInput) -> syn::Result<TokenStream> {
    let Data::Struct(data) = &input.data else {
        return Err(syn::Error::new_spanned(&input.ident, "`Object` is derived for structs only"));
    };
    if !input.generics.params.is_empty() {
        return Err(syn::Error::new_spanned(&input.generics, "`Object` is derived for structs without generics"));
    }
    let Fields::Named(named) = &data.fields else {
        return Err(syn::Error::new_spanned(&input.ident, "`Object` needs named fields"));
    };
    let markers = attrs::of_struct(&input.attrs)?;
    let specs = named.named.iter().map(attrs::of_field).collect::<syn::Result<Vec<_>>>()?;
    let (rest, fields): (Vec<&FieldSpec<'_>>, Vec<&FieldSpec<'_>>) = specs.iter().partition(|f| f.rest);
    if rest.len() > 1 {
        return Err(syn::Error::new_spanned(rest[1].ident, "only one field keeps the other members (`rest`)"));
    }
    let rest = rest.first().copied();
    let name = &input.ident;
    let codec = codec(&markers.krate, name, &fields, rest);
    let companions = companions(&markers, name, &fields, rest)?;
    let accessors = fields.iter().map(|f| accessors(f)).collect::<syn::Result<Vec<_>>>()?;
    let rest_accessors = rest.map(|r| rest_accessors(&markers.krate, r, &fields));
    Ok(quote! {
        #codec
        #companions
        impl #name {
            #(#accessors)*
            #rest_accessors
        }
    })
}

/// The `object_codec!` call: the members' names, and their presence grouped in runs of at
/// most [`MEMBERS_PER_RUN`], runs of runs as deep as the count needs.
fn codec(krate: &TokenStream, name: &Ident, fields: &[&FieldSpec<'_>], rest: Option<&FieldSpec<'_>>) -> TokenStream {
    let others = match rest {
        Some(r) => {
            let id = r.ident;
            quote!(rest #id)
        }
        None => quote!(true),
    };
    let names = fields.iter().map(|f| {
        let (id, json) = (f.ident, &f.json);
        quote!(#id #json)
    });
    let members: Vec<TokenStream> = fields
        .iter()
        .map(|f| {
            let id = f.ident;
            let presence = Ident::new(if f.opt { "opt" } else { "req" }, Span::call_site());
            quote!(#id #presence)
        })
        .collect();
    let runs = member_runs(&members);
    quote! {
        #krate::__private::object_codec!(#name, #others, [#(#names),*], #runs);
    }
}

/// Members grouped as `object_codec!` takes them: flat up to [`MEMBERS_PER_RUN`], else runs
/// of runs, each run as long as it may be.
fn member_runs(members: &[TokenStream]) -> TokenStream {
    if members.len() <= MEMBERS_PER_RUN {
        return quote!([#(#members),*]);
    }
    let mut run = MEMBERS_PER_RUN;
    while members.len().div_ceil(run) > MEMBERS_PER_RUN {
        run *= MEMBERS_PER_RUN;
    }
    let runs = members.chunks(run).map(member_runs);
    quote!([#(#runs),*])
}

/// `Option<…>` `layers` times around `ty`.
fn wrap(ty: TokenStream, layers: usize) -> TokenStream {
    (0..layers).fold(ty, |t, _| quote!(Option<#t>))
}

/// The type argument of `ty` when `ty` is `<wrapper><T>` (`Option<T>`, `Vec<T>`, `Box<T>`).
fn inner<'t>(ty: &'t Type, wrapper: &str) -> Option<&'t Type> {
    let Type::Path(path) = ty else { return None };
    let last = path.path.segments.last()?;
    let PathArguments::AngleBracketed(args) = &last.arguments else { return None };
    match (last.ident == wrapper, args.args.first(), args.args.len()) {
        (true, Some(GenericArgument::Type(t)), 1) => Some(t),
        _ => None,
    }
}

/// `ty` without `layers` of `Option`; an error naming the field when they are not there.
fn peel<'t>(f: &FieldSpec<'t>, layers: usize) -> syn::Result<&'t Type> {
    let mut ty = f.ty;
    for _ in 0..layers {
        ty = inner(ty, "Option").ok_or_else(|| syn::Error::new_spanned(f.ty, "an `opt` or `null` field's type is `Option<…>`, one layer each"))?;
    }
    Ok(ty)
}

/// The field's type in the API (companions, `into_parts`): the stored type, but `String`
/// for a `text` field's `CompactString`.
fn api_type(f: &FieldSpec<'_>) -> TokenStream {
    match f.lend {
        Lend::Text => wrap(quote!(::std::string::String), f.layers()),
        _ => {
            let ty = f.ty;
            quote!(#ty)
        }
    }
}

/// `value`, of the API type under `options` layers of `Option`, as stored (or the reverse:
/// the conversion is `Into` both ways).
fn convert(f: &FieldSpec<'_>, options: usize, value: TokenStream) -> TokenStream {
    match (f.lend, options) {
        (Lend::Text, 0) => quote!(::core::convert::Into::into(#value)),
        (Lend::Text, 1) => quote!(#value.map(::core::convert::Into::into)),
        (Lend::Text, _) => quote!(#value.map(|v| v.map(::core::convert::Into::into))),
        _ => value,
    }
}

/// The `…Required` and `…Parts` structs, `new`, `into_parts`, and `Default` when nothing
/// is required.
fn companions(markers: &StructMarkers, name: &Ident, fields: &[&FieldSpec<'_>], rest: Option<&FieldSpec<'_>>) -> syn::Result<TokenStream> {
    let required: Vec<&FieldSpec<'_>> = fields.iter().copied().filter(|f| !f.opt).collect();
    let has_parts = required.len() < fields.len() || rest.is_some();
    let required_id = match (&markers.required, required.is_empty()) {
        (Some(id), false) => Some(id),
        (None, true) => None,
        (Some(id), true) => return Err(syn::Error::new_spanned(id, "no property is required: leave `required` out")),
        (None, false) => return Err(syn::Error::new_spanned(name, "some property is required: name its struct with `required = Name`")),
    };
    let parts_id = match (&markers.parts, has_parts) {
        (Some(id), true) => Some(id),
        (None, false) => None,
        (Some(id), false) => return Err(syn::Error::new_spanned(id, "every property is required: leave `parts` out")),
        (None, true) => return Err(syn::Error::new_spanned(name, "some property is optional: name its struct with `parts = Name`")),
    };
    let field = |f: &&FieldSpec<'_>| {
        let (id, ty) = (f.ident, api_type(f));
        quote!(pub #id: #ty)
    };
    let required_struct = required_id.map(|id| {
        let doc = format!(
            " The required properties of [`{name}`], passed by name to [`{name}::new`], so two of the same type cannot be swapped unnoticed. Each field is documented on the getter of the same name."
        );
        let fields = required.iter().map(field);
        quote! {
            #[doc = #doc]
            #[allow(missing_docs, missing_debug_implementations)]
            pub struct #id { #(#fields,)* }
        }
    });
    let parts_struct = parts_id.map(|id| {
        let doc =
            format!(" Every property of a [`{name}`], owned: what [`{name}::into_parts`] returns. Each field is documented on the getter of the same name.");
        let fields = fields.iter().map(field);
        let rest = rest.map(|r| {
            let (id, ty) = (r.ident, r.ty);
            quote!(pub #id: #ty,)
        });
        quote! {
            #[doc = #doc]
            #[allow(missing_docs, missing_debug_implementations)]
            pub struct #id { #(#fields,)* #rest }
        }
    });
    let into_parts = parts_id.or(required_id).map(|target| {
        let values = fields.iter().map(|f| {
            let id = f.ident;
            let value = convert(f, f.layers(), quote!(self.#id));
            quote!(#id: #value)
        });
        let rest = rest.map(|r| {
            let id = r.ident;
            quote!(#id: self.#id)
        });
        quote! {
            /// Every property, owned.
            #[must_use]
            #[inline]
            pub fn into_parts(self) -> #target {
                #target { #(#values,)* #rest }
            }
        }
    });
    let inits = fields.iter().map(|f| {
        let id = f.ident;
        if f.opt {
            quote!(#id: None)
        } else {
            let value = convert(f, f.layers(), quote!(required.#id));
            quote!(#id: #value)
        }
    });
    let rest_init = rest.map(|r| {
        let id = r.ident;
        quote!(#id: ::core::default::Default::default(),)
    });
    let new_doc = if required_id.is_some() {
        format!(" Builds a `{name}` from its required properties, passed by name. Optional properties start absent; set them with the `with_…` methods.")
    } else {
        format!(" Builds a `{name}`; it has no required property. Optional properties start absent; set them with the `with_…` methods.")
    };
    let params = required_id.map(|id| quote!(required: #id));
    let (new_attrs, generics) = (&markers.new_attrs, &markers.new_generics);
    // Spanned at the struct's name: a call that does not fit is shown the struct it builds.
    let new = Ident::new("new", name.span());
    let where_clause = &generics.where_clause;
    // With nothing required, `new()` is what `Default` would be (and clippy asks for it).
    let default_impl = required_id.is_none().then(|| {
        quote! {
            impl #generics ::core::default::Default for #name #where_clause {
                #[allow(deprecated)]
                fn default() -> Self {
                    Self::new()
                }
            }
        }
    });
    Ok(quote! {
        #required_struct
        #parts_struct
        impl #name {
            #[doc = #new_doc]
            #(#new_attrs)*
            #[must_use]
            #[inline]
            pub fn #new #generics (#params) -> Self #where_clause {
                Self { #(#inits,)* #rest_init }
            }
            #into_parts
        }
        #default_impl
    })
}

/// A field's getter, and its setter when it is optional.
fn accessors(f: &FieldSpec<'_>) -> syn::Result<TokenStream> {
    let (id, docs, options) = (f.ident, &f.docs, f.layers());
    let stored = peel(f, options)?;
    let wrong = |what: &str| syn::Error::new_spanned(f.ty, format!("a `{what}` field's value is `{what}<…>`"));
    let target = match f.lend {
        Lend::Text => quote!(str),
        Lend::Slice => {
            let item = inner(stored, "Vec").ok_or_else(|| wrong("Vec"))?;
            quote!([#item])
        }
        Lend::Unbox => {
            let item = inner(stored, "Box").ok_or_else(|| wrong("Box"))?;
            quote!(#item)
        }
        Lend::Copy | Lend::Ref => quote!(#stored),
    };
    let view = match f.lend {
        Lend::Copy => target,
        _ => quote!(&#target),
    };
    let ty = wrap(view, options);
    let field = quote!(self.#id);
    let body = match (f.lend, options) {
        (Lend::Copy, _) => field,
        (_, 0) => quote!(&#field),
        (Lend::Ref, 1) => quote!(#field.as_ref()),
        (_, 1) => quote!(#field.as_deref()),
        (Lend::Ref, _) => quote!(#field.as_ref().map(Option::as_ref)),
        (_, _) => quote!(#field.as_ref().map(Option::as_deref)),
    };
    let getter = quote! {
        #(#docs)*
        #[inline]
        pub fn #id(&self) -> #ty { #body }
    };
    if !f.opt {
        return Ok(getter);
    }
    let setter = format_ident!("with_{}", id);
    let value_type = match f.lend {
        Lend::Text => wrap(quote!(::std::string::String), usize::from(f.null)),
        _ => {
            let ty = peel(f, 1)?;
            quote!(#ty)
        }
    };
    let stored = convert(f, usize::from(f.null), quote!(value));
    let doc = format!(" Sets the optional [`{id}`](Self::{id}).");
    Ok(quote! {
        #getter
        #[doc = #doc]
        #[must_use]
        #[inline]
        pub fn #setter(mut self, value: #value_type) -> Self {
            self.#id = Some(#stored);
            self
        }
    })
}

/// The getter and setter of the other members' map; the setter refuses a member named like
/// a property.
fn rest_accessors(krate: &TokenStream, rest: &FieldSpec<'_>, fields: &[&FieldSpec<'_>]) -> TokenStream {
    let (id, ty) = (rest.ident, rest.ty);
    let setter = format_ident!("with_{}", id);
    let names = fields.iter().map(|f| &f.json);
    quote! {
        /// The members other than the named properties (`additionalProperties`), in order.
        #[inline]
        pub fn #id(&self) -> &#ty { &self.#id }
        /// Sets the members other than the named properties.
        ///
        /// # Errors
        /// A member named like one of the properties (`ValueError::MemberIsProperty`).
        pub fn #setter(mut self, members: #ty) -> ::core::result::Result<Self, #krate::ValueError> {
            if let ::core::option::Option::Some((name, _)) = members.iter().find(|(name, _)| [#(#names),*].contains(name)) {
                return ::core::result::Result::Err(#krate::ValueError::MemberIsProperty { name: name.into() });
            }
            self.#id = members;
            ::core::result::Result::Ok(self)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{member_runs, MEMBERS_PER_RUN};
    use proc_macro2::{Delimiter, TokenStream, TokenTree};
    use quote::{format_ident, quote};

    /// The members of a run, in order (`a req` pairs as the idents `a`), and checks on the
    /// way that no run holds more than `MEMBERS_PER_RUN` members or runs, and that a run
    /// holds members or runs, never both.
    fn flatten(runs: &TokenStream, depth: usize, deepest: &mut usize) -> Vec<String> {
        let mut tokens = runs.clone().into_iter();
        let Some(TokenTree::Group(group)) = tokens.next() else { panic!("not a run: {runs}") };
        assert_eq!(group.delimiter(), Delimiter::Bracket, "{runs}");
        assert!(tokens.next().is_none(), "{runs}");
        *deepest = (*deepest).max(depth);
        let inner: Vec<TokenTree> = group.stream().into_iter().filter(|t| !matches!(t, TokenTree::Punct(p) if p.as_char() == ',')).collect();
        if inner.iter().all(|t| matches!(t, TokenTree::Group(_))) && !inner.is_empty() {
            assert!(inner.len() <= MEMBERS_PER_RUN, "{} runs in one", inner.len());
            // Each run but the last is as long as it may be: full at every level below it.
            for run in &inner[..inner.len() - 1] {
                let TokenTree::Group(run) = run else { unreachable!() };
                let entries = run.stream().into_iter().filter(|t| !matches!(t, TokenTree::Punct(p) if p.as_char() == ',')).count();
                let full = if run.stream().into_iter().all(|t| matches!(t, TokenTree::Group(_) | TokenTree::Punct(_))) {
                    MEMBERS_PER_RUN
                } else {
                    2 * MEMBERS_PER_RUN
                };
                assert_eq!(entries, full, "a run that is not the last is full: {runs}");
            }
            return inner.iter().flat_map(|run| flatten(&TokenStream::from(run.clone()), depth + 1, deepest)).collect();
        }
        let members: Vec<String> = inner.chunks(2).map(|pair| pair[0].to_string()).collect();
        assert!(members.len() <= MEMBERS_PER_RUN, "{} members in one run", members.len());
        assert!(inner.iter().all(|t| matches!(t, TokenTree::Ident(_))), "{runs}");
        members
    }

    /// Every count of members, up to past two levels of runs, is grouped in runs the runtime
    /// holds, in order, as shallow as the count allows.
    #[test]
    fn members_are_grouped_in_runs_the_runtime_holds() {
        for count in (0..=600).chain([4096, 4097]) {
            let members: Vec<TokenStream> = (0..count)
                .map(|i| {
                    let id = format_ident!("m{i}");
                    quote!(#id req)
                })
                .collect();
            let mut deepest = 0;
            let flat = flatten(&member_runs(&members), 0, &mut deepest);
            assert_eq!(flat, (0..count).map(|i| format!("m{i}")).collect::<Vec<_>>(), "{count}");
            let levels = match count {
                0..=16 => 0,
                17..=256 => 1,
                257..=4096 => 2,
                _ => 3,
            };
            assert_eq!(deepest, levels, "{count} members");
        }
    }
}

#[cfg(test)]
mod marker_tests {
    use super::object;
    use syn::parse_quote;

    /// The error text of expanding `input`, or the expansion.
    fn expand(input: syn::DeriveInput) -> Result<String, String> {
        object(&input).map(|t| t.to_string()).map_err(|e| e.to_string())
    }

    fn squeezed(text: &str) -> String {
        text.chars().filter(|c| !c.is_whitespace()).collect()
    }

    #[test]
    fn markers_give_views_setters_and_conversions() {
        let out = squeezed(
            &expand(parse_quote! {
                #[object(required = ARequired, parts = AParts, new(#[deprecated(note = "old")] bound = "A: Gate<'p>", bound = "w::Cutover<'s>: w::Produce", bound = "A: Other<'p>", bound = "(&'q A,): Gate<'p>"))]
                struct A {
                    /// The id.
                    #[object(copy)]
                    id: Id,
                    #[object(opt, null, text)]
                    note: Option<Option<CompactString>>,
                    #[object(opt, slice, json = "line-items")]
                    lines: Option<Vec<Line>>,
                    #[object(unbox)]
                    next: Box<A>,
                    #[object(text)]
                    label: CompactString,
                    #[object(opt, null)]
                    window: Option<Option<Window>>,
                    #[object(rest)]
                    extra: Map<Json>,
                }
            })
            .unwrap(),
        );
        for needle in [
            // The codec: JSON names, presence, the other members.
            "object_codec!(A,restextra,[id\"id\",note\"note\",lines\"line-items\",next\"next\",label\"label\",window\"window\"],[idreq,noteopt,linesopt,nextreq,labelreq,windowopt]);",
            // Views by marker, with the field's docs on the getter.
            "#[doc=r\"Theid.\"]#[inline]pubfnid(&self)->Id{self.id}",
            "pubfnnote(&self)->Option<Option<&str>>{self.note.as_ref().map(Option::as_deref)}",
            "pubfnlines(&self)->Option<&[Line]>{self.lines.as_deref()}",
            "pubfnnext(&self)->&A{&self.next}",
            "pubfnwindow(&self)->Option<Option<&Window>>{self.window.as_ref().map(Option::as_ref)}",
            // Setters take the API type and convert to the storage.
            "pubfnwith_note(mutself,value:Option<::std::string::String>)->Self{self.note=Some(value.map(::core::convert::Into::into));self}",
            "pubfnwith_lines(mutself,value:Vec<Line>)->Self{self.lines=Some(value);self}",
            // Companions in API types; `new` with its attributes and bounds.
            "pubstructARequired{pubid:Id,pubnext:Box<A>,publabel:::std::string::String,}",
            "pubstructAParts{pubid:Id,pubnote:Option<Option<::std::string::String>>,publines:Option<Vec<Line>>,pubnext:Box<A>,publabel:::std::string::String,pubwindow:Option<Option<Window>>,pubextra:Map<Json>,}",
            "#[deprecated(note=\"old\")]#[must_use]#[inline]pubfnnew<'p,'s,'q>(required:ARequired)->SelfwhereA:Gate<'p>,w::Cutover<'s>:w::Produce,A:Other<'p>,(&'qA,):Gate<'p>{Self{id:required.id,note:None,lines:None,next:required.next,label:::core::convert::Into::into(required.label),window:None,extra:::core::default::Default::default(),}}",
            "note:self.note.map(|v|v.map(::core::convert::Into::into))",
            "pubfnwith_extra(mutself,members:Map<Json>)->::core::result::Result<Self,::events_runtime::ValueError>",
            "[\"id\",\"note\",\"line-items\",\"next\",\"label\",\"window\"].contains(name)",
            "pubfnlabel(&self)->&str{&self.label}",
            "label:::core::convert::Into::into(self.label),",
        ] {
            assert!(out.contains(needle), "{needle}\nnot in\n{out}");
        }
        assert!(!out.contains("DefaultforA"), "something is required: no `Default` impl:\n{out}");
    }

    #[test]
    fn nothing_required_gives_default_through_new() {
        let out = squeezed(
            &expand(parse_quote! {
                #[object(crate = ::rt, parts = BParts)]
                struct B {
                    #[object(opt, text)]
                    a: Option<CompactString>,
                }
            })
            .unwrap(),
        );
        assert!(out.contains("::rt::__private::object_codec!(B,true,[a\"a\"],[aopt]);"), "{out}");
        assert!(out.contains("impl::core::default::DefaultforB{#[allow(deprecated)]fndefault()->Self{Self::new()}}"), "{out}");
        assert!(out.contains("pubfnnew()->Self{Self{a:None,}}"), "{out}");
        assert!(out.contains("pubfninto_parts(self)->BParts{BParts{a:self.a.map(::core::convert::Into::into),}}"), "{out}");
    }

    /// Each misuse is an error naming what to write instead, never a panic.
    #[test]
    fn wrong_markers_are_errors_that_say_what_to_write() {
        let cases: &[(&str, &str)] = &[
            ("struct C { #[object(opt)] a: Option<u8> }", "some property is optional: name its struct with `parts = Name`"),
            ("struct C { a: u8 }", "some property is required: name its struct with `required = Name`"),
            ("#[object(required = CRequired)] struct C { #[object(opt)] a: Option<u8> }", "no property is required"),
            ("#[object(required = CRequired, parts = CParts)] struct C { a: u8 }", "every property is required"),
            ("#[object(parts = CParts)] struct C { #[object(opt)] a: u8 }", "an `opt` or `null` field's type is `Option<…>`"),
            ("#[object(required = CRequired)] struct C { #[object(slice)] a: u8 }", "a `Vec` field's value is `Vec<…>`"),
            ("#[object(required = CRequired)] struct C { #[object(unbox)] a: u8 }", "a `Box` field's value is `Box<…>`"),
            ("#[object(required = CRequired)] struct C { #[object(copy, slice)] a: u8 }", "at most one of"),
            ("#[object(required = CRequired)] struct C { #[object(lend)] a: u8 }", "unknown field marker"),
            ("#[object(named = C2)] struct C {}", "unknown struct marker"),
            ("#[object(new(where A: B))] struct C {}", "takes attributes, then `bound"),
            ("#[object(new(bound = \"A B\"))] struct C {}", "expected"),
            ("#[object(parts = CParts)] struct C { #[object(rest, opt)] a: Map<u8> }", "takes no other marker"),
            ("#[object(parts = CParts)] struct C { #[object(null, rest)] a: Map<u8> }", "takes no other marker"),
            ("#[object(parts = CParts)] struct C { #[object(rest, copy)] a: Map<u8> }", "takes no other marker"),
            ("#[object(parts = CParts)] struct C { #[object(rest)] a: Map<u8>, #[object(rest)] b: Map<u8> }", "only one field"),
            ("struct C(u8);", "needs named fields"),
            ("enum C { A }", "structs only"),
            ("struct C<T> { a: T }", "without generics"),
        ];
        for (input, expected) in cases {
            let input = syn::parse_str(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            let error = expand(input).expect_err(expected);
            assert!(error.contains(expected), "{error:?} does not say {expected:?}");
        }
    }
}
