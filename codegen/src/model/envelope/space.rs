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
