//! The envelope's translated types without the root struct: the envelope struct itself
//! is emitted by hand (its roles need the runtime), its properties' types are not.

use crate::model::types::{Shape, Slot, TypeId, TypeKind, TypeSpace};

/// `space` without the type `root`, every reference renumbered; `None` when another type
/// refers to the root (a recursive envelope).
pub fn without_root(space: TypeSpace, root: TypeId) -> Option<TypeSpace> {
    let mut defs = Vec::with_capacity(space.defs.len().saturating_sub(1));
    for (i, mut def) in space.defs.into_iter().enumerate() {
        if i == root {
            continue;
        }
        let ok = match &mut def.kind {
            TypeKind::Struct(s) => s.fields.iter_mut().all(|f| renumber(&mut f.slot, root)) && s.rest.as_mut().is_none_or(|r| renumber(&mut r.slot, root)),
            TypeKind::Checked(c) => renumber(&mut c.core, root),
            TypeKind::Alias(a) => renumber(&mut a.target, root),
            TypeKind::Untagged(u) => u.variants.iter_mut().all(|(_, slot)| renumber(slot, root)),
            TypeKind::Union(u) => u.variants.iter_mut().all(|(_, _, id)| renumber_id(id, root)),
            TypeKind::Enum(_) | TypeKind::Newtype(_) | TypeKind::Const(_) | TypeKind::Number(_) => true,
        };
        if !ok {
            return None;
        }
        defs.push(def);
    }
    Some(TypeSpace { defs })
}

/// Renumbers a slot of the root's space for the space without it; `false` if it is the root.
pub fn renumber(slot: &mut Slot, root: TypeId) -> bool {
    renumber_shape(&mut slot.shape, root)
}

fn renumber_shape(shape: &mut Shape, root: TypeId) -> bool {
    match shape {
        Shape::Named(id) => renumber_id(id, root),
        Shape::Array { items, .. } => renumber(items, root),
        Shape::Map(values) => renumber(values, root),
        Shape::Boxed(inner) => renumber_shape(inner, root),
        Shape::Tuple(elements) => elements.iter_mut().all(|e| renumber(e, root)),
        _ => true,
    }
}

fn renumber_id(id: &mut TypeId, root: TypeId) -> bool {
    match (*id).cmp(&root) {
        std::cmp::Ordering::Less => true,
        std::cmp::Ordering::Equal => false,
        std::cmp::Ordering::Greater => {
            *id -= 1;
            true
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::types::{AliasDef, EnumDef, Field, Rest, StructDef, TypeDef, UnionDef, UntaggedDef};

    fn named(id: TypeId) -> Slot {
        Slot { shape: Shape::Named(id), nullable: false }
    }

    fn def(name: &str, kind: TypeKind) -> TypeDef {
        TypeDef { name: name.to_owned(), doc: None, kind }
    }

    fn one_field(slot: Slot) -> TypeKind {
        TypeKind::Struct(StructDef { fields: vec![Field { json: "f".into(), ident: "f".into(), slot, required: true, doc: None }], rest: None })
    }

    /// Ids of what `shape` names, in order, at any depth.
    fn ids(shape: &Shape, out: &mut Vec<TypeId>) {
        match shape {
            Shape::Named(id) => out.push(*id),
            Shape::Array { items, .. } => ids(&items.shape, out),
            Shape::Map(values) => ids(&values.shape, out),
            Shape::Boxed(inner) => ids(inner, out),
            Shape::Tuple(elements) => elements.iter().for_each(|e| ids(&e.shape, out)),
            _ => {}
        }
    }

    /// A space whose root (id 2) sits between the types before it (0, 1) and after it (3–8),
    /// which refer to each other through every shape and kind that holds an id.
    fn space() -> TypeSpace {
        let array = |slot: Slot| Slot { shape: Shape::Array { items: Box::new(slot), min: 0, max: None, unique: false }, nullable: false };
        let enum_kind = TypeKind::Enum(EnumDef { variants: vec![("a".into(), "A".into())], tolerant: false });
        TypeSpace {
            defs: vec![
                def("Low", enum_kind),
                def("LowHolder", one_field(named(0))),
                def("Root", one_field(named(3))),
                def("High", one_field(array(named(1)))),
                def("Mapped", one_field(Slot { shape: Shape::Map(Box::new(named(3))), nullable: true })),
                def("Boxed", one_field(Slot { shape: Shape::Boxed(Box::new(Shape::Named(4))), nullable: false })),
                def("Tupled", TypeKind::Alias(AliasDef { target: Slot { shape: Shape::Tuple(vec![named(5), named(0)]), nullable: false }, newtype: true })),
                def("Either", TypeKind::Untagged(UntaggedDef { variants: vec![("A".into(), named(6)), ("B".into(), named(1))], exactly_one: true })),
                def("Tagged", TypeKind::Union(UnionDef { tag: "kind".into(), variants: vec![("x".into(), "X".into(), 7), ("y".into(), "Y".into(), 3)] })),
            ],
        }
    }

    fn refs(space: &TypeSpace) -> Vec<(String, Vec<TypeId>)> {
        space
            .defs
            .iter()
            .map(|d| {
                let mut out = Vec::new();
                match &d.kind {
                    TypeKind::Struct(s) => s.fields.iter().map(|f| &f.slot).chain(s.rest.as_ref().map(|r| &r.slot)).for_each(|slot| ids(&slot.shape, &mut out)),
                    TypeKind::Alias(a) => ids(&a.target.shape, &mut out),
                    TypeKind::Untagged(u) => u.variants.iter().for_each(|(_, s)| ids(&s.shape, &mut out)),
                    TypeKind::Union(u) => out.extend(u.variants.iter().map(|(_, _, id)| *id)),
                    _ => {}
                }
                (d.name.clone(), out)
            })
            .collect()
    }

    #[test]
    fn every_reference_past_the_root_moves_down_one_and_the_others_stay() {
        let without = without_root(space(), 2).expect("nothing refers to the root");
        let expected: Vec<(String, Vec<TypeId>)> = [
            ("Low", vec![]),
            ("LowHolder", vec![0]),
            ("High", vec![1]),
            ("Mapped", vec![2]),
            ("Boxed", vec![3]),
            ("Tupled", vec![4, 0]),
            ("Either", vec![5, 1]),
            ("Tagged", vec![6, 2]),
        ]
        .into_iter()
        .map(|(n, ids)| (n.to_owned(), ids))
        .collect();
        assert_eq!(refs(&without), expected);
    }

    #[test]
    fn a_reference_to_the_root_from_any_shape_or_kind_makes_no_space() {
        let root = named(2);
        let array = Slot { shape: Shape::Array { items: Box::new(root.clone()), min: 0, max: None, unique: false }, nullable: false };
        let holders = [
            one_field(root.clone()),
            one_field(array),
            one_field(Slot { shape: Shape::Map(Box::new(root.clone())), nullable: false }),
            one_field(Slot { shape: Shape::Boxed(Box::new(Shape::Named(2))), nullable: false }),
            one_field(Slot { shape: Shape::Tuple(vec![named(0), root.clone()]), nullable: false }),
            TypeKind::Alias(AliasDef { target: root.clone(), newtype: false }),
            TypeKind::Untagged(UntaggedDef { variants: vec![("A".into(), named(0)), ("B".into(), root.clone())], exactly_one: false }),
            TypeKind::Union(UnionDef { tag: "kind".into(), variants: vec![("x".into(), "X".into(), 2)] }),
            TypeKind::Struct(StructDef { fields: Vec::new(), rest: Some(Rest { ident: "extra".into(), slot: root.clone() }) }),
        ];
        for holder in holders {
            let mut space = space();
            space.defs.push(def("Holder", holder.clone()));
            assert!(without_root(space, 2).is_none(), "{holder:?}");
        }
    }
}
