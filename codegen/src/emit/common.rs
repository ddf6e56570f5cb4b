//! Types that several versions of one contract directory define identically, emitted once
//! in the directory's module of shared types and re-exported by each version (issues #12
//! and #15, DESIGN §4).
//!
//! Per contract directory:
//!
//! 1. every nested type whose name appears in two or more of its versions is written as its
//!    version would write it, at the same depth (so paths to `ids`, `shared` and the runtime
//!    are the same text). Two definitions are *identical* when that text is and the named
//!    types they refer to are identical too: a partition refinement over every type of the
//!    directory, so recursive types compare by structure and a field whose type differs
//!    between versions keeps its struct apart;
//! 2. each class of identical definitions found in two or more versions is emitted once, in
//!    the module [`names::common_module`] names (`common`), and every version that has it
//!    re-exports it with its companions (`…Required`, `…Parts`) under the same names
//!    (`pub use super::common::Currency;`), so every existing path still compiles and names
//!    one type;
//! 3. never shared: a payload root, the branch structs of a union root (they carry the
//!    version's producer bound and sunset guard), a type that needs the version's `wire`
//!    helpers, and a type that refers to one that is not shared. When two classes want one
//!    name (two different `Status` types, each in two versions), the class in more versions
//!    (then the one met first) is shared and the other stays in its versions.
//!
//! Comparing the emitted text makes "identical" mean what a user sees: kind, variants,
//! fields, JSON names, constraints, validation programs, docs, derives and the user's
//! `type_attribute`/`field_attribute` rules (a rule that matches one version's type and not
//! another's keeps them apart). Only types of the same name are compared: a type named
//! `Currency2` in one version (after a clash there) is not shared with a `Currency`.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use super::attrs::Place;
use super::ctx::{ident, Ctx};
use super::types::emit_alone;
use crate::model::names;
use crate::model::types::{Shape, Slot, TypeDef, TypeId, TypeKind, TypeSpace};
use crate::model::{EventModel, VersionModel};

/// What one version of the directory takes from the module of shared types.
#[derive(Debug, Default)]
pub struct Reuse {
    /// Its types defined in the shared module instead of its own.
    pub ids: BTreeSet<TypeId>,
    /// `pub use super::common::{…};` for them and their companions; empty when none.
    pub reexport: TokenStream,
}

/// The shared types of one contract directory.
#[derive(Debug, Default)]
pub struct Plan {
    /// The shared module's name.
    module: String,
    /// The shared definitions, in order of first appearance.
    items: Vec<TokenStream>,
    /// Per version of the directory (in the order given to [`plan`]).
    versions: Vec<Reuse>,
}

impl Plan {
    /// The module of shared types (`pub mod common { … }`); nothing when no type is shared.
    pub fn module(&self) -> TokenStream {
        if self.items.is_empty() {
            return quote!();
        }
        let module = ident(&self.module);
        let items = &self.items;
        quote! {
            /// Types that several versions of this contract directory define identically, each
            /// defined once here: every version module re-exports the ones it uses under the
            /// same name, so a value of one version's type is a value of the other's.
            pub mod #module {
                #(#items)*
            }
        }
    }

    /// What version `index` (in the order given to [`plan`]) takes from the shared module.
    pub fn version(&self, index: usize) -> Option<&Reuse> {
        self.versions.get(index)
    }
}

/// A version of the directory with a payload: its space and where it is emitted.
struct Space<'a> {
    space: &'a TypeSpace,
    place: Place<'a>,
    /// Types that stay in the version: the root and the branches of a root union.
    own: BTreeSet<TypeId>,
}

/// Decides which types of the directory's `versions` are shared.
pub fn plan(ctx: &Ctx<'_>, versions: &[(&EventModel, &VersionModel)]) -> Plan {
    let taken = versions.iter().flat_map(|(_, v)| [v.version_module.as_str(), v.rust_name.as_str()]);
    let module = names::common_module(taken);
    let spaces: Vec<Option<Space<'_>>> = versions
        .iter()
        .map(|(event, v)| {
            let payload = v.payload.as_ref()?;
            let place = Place { modules: vec![&v.contract_module, &v.version_module], event: Some((&event.name, v.version, payload.root)) };
            Some(Space { space: &payload.space, place, own: own_types(&payload.space, payload.root) })
        })
        .collect();
    let versions_of = |found: &[(usize, TypeId)]| found.iter().map(|(v, _)| *v).collect::<BTreeSet<_>>().len();
    // Candidates: types whose name more than one version uses.
    let mut by_name: BTreeMap<&str, Vec<(usize, TypeId)>> = BTreeMap::new();
    for (v, s) in spaces.iter().enumerate() {
        let Some(s) = s else { continue };
        for (id, def) in s.space.defs.iter().enumerate().filter(|(id, _)| !s.own.contains(id)) {
            by_name.entry(&def.name).or_default().push((v, id));
        }
    }
    let mut text: BTreeMap<(usize, TypeId), (String, TokenStream)> = BTreeMap::new();
    for found in by_name.values().filter(|found| versions_of(found) > 1) {
        for &(v, id) in found {
            if let Some(s) = &spaces[v] {
                if let Some(tokens) = emit_alone(ctx, s.space, &s.place, id) {
                    text.insert((v, id), (tokens.to_string(), tokens));
                }
            }
        }
    }
    if text.is_empty() {
        return Plan { module, versions: versions.iter().map(|_| Reuse::default()).collect(), ..Plan::default() };
    }
    let classes = refine(&spaces, &text);
    // Classes of identical definitions in two or more versions, in order of first appearance.
    let mut members: BTreeMap<usize, Vec<(usize, TypeId)>> = BTreeMap::new();
    for key in text.keys() {
        members.entry(classes[key.0][key.1]).or_default().push(*key);
    }
    let mut groups: Vec<Group> = members
        .into_iter()
        .filter(|(_, found)| versions_of(found) > 1)
        .filter_map(|(class, found)| {
            let defines = defined_names(&spaces[found[0].0].as_ref()?.space.defs[found[0].1], &text[&found[0]].1)?;
            Some(Group { class, found, defines })
        })
        .collect();
    groups.sort_by_key(|g| g.found[0]);
    let alive = select(&groups, &spaces, &classes);
    let mut plan = Plan { module, versions: versions.iter().map(|_| Reuse::default()).collect(), ..Plan::default() };
    let mut reexports: Vec<BTreeMap<TypeId, &[String]>> = versions.iter().map(|_| BTreeMap::new()).collect();
    for g in groups.iter().filter(|g| alive.contains(&g.class)) {
        plan.items.push(text[&g.found[0]].1.clone());
        for &(v, id) in &g.found {
            plan.versions[v].ids.insert(id);
            reexports[v].insert(id, &g.defines);
        }
    }
    let module = ident(&plan.module);
    for (reuse, names) in plan.versions.iter_mut().zip(reexports) {
        if !names.is_empty() {
            let names = names.values().flat_map(|n| n.iter()).map(|n| ident(n));
            reuse.reexport = quote!(pub use super::#module::{#(#names),*};);
        }
    }
    plan
}

/// A class of identical definitions met in two or more versions.
struct Group {
    class: usize,
    /// (version, type) of each member, in order; the first is written in the shared module.
    found: Vec<(usize, TypeId)>,
    /// The names its definition introduces: the type's and its companions'.
    defines: Vec<String>,
}

/// The payload root and, for a union root, its branch structs: they carry the version's
/// producer bound and sunset guard (see `produce::union_branches`).
fn own_types(space: &TypeSpace, root: TypeId) -> BTreeSet<TypeId> {
    let mut own = BTreeSet::from([root]);
    match space.defs.get(root).map(|d| &d.kind) {
        Some(TypeKind::Union(u)) => own.extend(u.variants.iter().map(|(_, _, ty)| *ty)),
        Some(TypeKind::Untagged(u)) => own.extend(u.variants.iter().filter_map(|(_, slot)| match slot.shape {
            Shape::Named(id) if matches!(space.defs.get(id).map(|d| &d.kind), Some(TypeKind::Struct(_))) => Some(id),
            _ => None,
        })),
        _ => {}
    }
    own
}

/// The class of every type of every space (`classes[version][id]`): types of one class
/// have the same text and refer, in the same order, to types of one class. The coarsest
/// such partition, found by splitting the classes of equal text until nothing splits.
fn refine(spaces: &[Option<Space<'_>>], text: &BTreeMap<(usize, TypeId), (String, TokenStream)>) -> Vec<Vec<usize>> {
    let mut next = 0;
    let mut by_text: BTreeMap<&str, usize> = BTreeMap::new();
    let mut classes: Vec<Vec<usize>> = spaces
        .iter()
        .enumerate()
        .map(|(v, s)| {
            let defs = s.as_ref().map_or(0, |s| s.space.defs.len());
            (0..defs)
                .map(|id| match text.get(&(v, id)) {
                    Some((t, _)) => *by_text.entry(t).or_insert_with(|| fresh(&mut next)),
                    None => fresh(&mut next),
                })
                .collect()
        })
        .collect();
    let refs: Vec<Vec<Vec<TypeId>>> = spaces.iter().map(|s| s.as_ref().map_or_else(Vec::new, |s| s.space.defs.iter().map(references).collect())).collect();
    let mut count = next;
    loop {
        let mut keys: BTreeMap<(usize, Vec<usize>), usize> = BTreeMap::new();
        let split: Vec<Vec<usize>> = classes
            .iter()
            .zip(&refs)
            .map(|(space, refs)| {
                space
                    .iter()
                    .zip(refs)
                    .map(|(class, to)| {
                        let key = (*class, to.iter().map(|t| space.get(*t).copied().unwrap_or(usize::MAX)).collect());
                        let n = keys.len();
                        *keys.entry(key).or_insert(n)
                    })
                    .collect()
            })
            .collect();
        // Splitting only ever adds classes: the same count is the same partition.
        if keys.len() == count {
            return classes;
        }
        (classes, count) = (split, keys.len());
    }
}

fn fresh(next: &mut usize) -> usize {
    *next += 1;
    *next - 1
}

/// The groups that are shared: each refers only to shared types, and no two define one
/// name. Dropping a group can only drop others, so this ends.
fn select(groups: &[Group], spaces: &[Option<Space<'_>>], classes: &[Vec<usize>]) -> BTreeSet<usize> {
    let mut alive: BTreeSet<usize> = groups.iter().map(|g| g.class).collect();
    // Larger groups claim their names first, then the earlier met.
    let mut priority: Vec<&Group> = groups.iter().collect();
    priority.sort_by_key(|g| (std::cmp::Reverse(g.found.len()), g.found[0]));
    loop {
        let before = alive.len();
        for g in groups {
            let (v, id) = g.found[0];
            let Some(space) = &spaces[v] else { continue };
            if references(&space.space.defs[id]).iter().any(|t| !alive.contains(&classes[v][*t])) {
                alive.remove(&g.class);
            }
        }
        let mut taken = BTreeSet::new();
        for g in &priority {
            if !alive.contains(&g.class) {
                continue;
            }
            if g.defines.iter().any(|n| taken.contains(n)) {
                alive.remove(&g.class);
            } else {
                taken.extend(g.defines.iter());
            }
        }
        if alive.len() == before {
            return alive;
        }
    }
}

/// The names a definition introduces: the type's own, a struct's companions (`…Required`,
/// `…Parts`) and every public item beside it. `None` when its text does not parse as items.
fn defined_names(def: &TypeDef, tokens: &TokenStream) -> Option<Vec<String>> {
    let file: syn::File = syn::parse2(tokens.clone()).ok()?;
    let mut out = vec![def.name.clone()];
    // A struct's companions are written by its derive, not among the items.
    if let TypeKind::Struct(s) = &def.kind {
        out.extend(super::types::companions(&def.name, s).into_iter().map(|(_, name)| name));
    }
    for item in &file.items {
        let (vis, name) = match item {
            syn::Item::Struct(i) => (&i.vis, &i.ident),
            syn::Item::Enum(i) => (&i.vis, &i.ident),
            syn::Item::Type(i) => (&i.vis, &i.ident),
            syn::Item::Trait(i) => (&i.vis, &i.ident),
            syn::Item::Const(i) => (&i.vis, &i.ident),
            syn::Item::Static(i) => (&i.vis, &i.ident),
            syn::Item::Fn(i) => (&i.vis, &i.sig.ident),
            syn::Item::Mod(i) => (&i.vis, &i.ident),
            syn::Item::Union(i) => (&i.vis, &i.ident),
            _ => continue,
        };
        let name = name.to_string();
        if matches!(vis, syn::Visibility::Public(_)) && !out.contains(&name) {
            out.push(name);
        }
    }
    Some(out)
}

/// The named types of its own space a definition refers to, in order.
fn references(def: &TypeDef) -> Vec<TypeId> {
    let mut out = Vec::new();
    match &def.kind {
        TypeKind::Struct(s) => {
            for f in &s.fields {
                slot(&f.slot, &mut out);
            }
            if let Some(rest) = &s.rest {
                slot(&rest.slot, &mut out);
            }
        }
        TypeKind::Union(u) => out.extend(u.variants.iter().map(|(_, _, ty)| *ty)),
        TypeKind::Checked(c) => slot(&c.core, &mut out),
        TypeKind::Alias(a) => slot(&a.target, &mut out),
        TypeKind::Untagged(u) => {
            for (_, s) in &u.variants {
                slot(s, &mut out);
            }
        }
        TypeKind::Enum(_) | TypeKind::Newtype(_) | TypeKind::Const(_) | TypeKind::Number(_) => {}
    }
    out
}

fn slot(slot: &Slot, out: &mut Vec<TypeId>) {
    slot.shape.named_ids(out);
}
