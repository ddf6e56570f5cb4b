//! The intermediate model of one payload's types: what the generator will emit, with
//! every constraint the schema states, and nothing of JSON left to look up.

/// Index of a type in its [`TypeSpace`].
pub type TypeId = usize;

/// Every named type of one event version (its payload and the types it uses), each once.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TypeSpace {
    /// The types, in the order they were first met (deterministic: schema order).
    pub defs: Vec<TypeDef>,
}

/// A named Rust type to emit.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// Rust name, unique in its module.
    pub name: String,
    /// Doc text (the schema's title/description).
    pub doc: Option<String>,
    /// What it is.
    pub kind: TypeKind,
}

/// The kinds of named types.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    /// An object with known properties.
    Struct(StructDef),
    /// A closed set of strings.
    Enum(EnumDef),
    /// A string checked by pattern, format and/or length.
    Newtype(NewtypeDef),
    /// A single allowed string (`const`).
    Const(String),
    /// A `oneOf` of objects told apart by a `const` property.
    Union(UnionDef),
    /// A non-integer number with bounds.
    Number(NumberDef),
    /// A value with rules beyond its Rust type: a typed core checked by the validation
    /// program of the node's whole schema.
    Checked(CheckedDef),
    /// A union without a discriminator (`anyOf`, `oneOf`, a `type` array): each variant
    /// a branch, decoded by trying the branches.
    Untagged(UntaggedDef),
    /// A name for the type of a recursive `$ref` target that is no struct or union of its
    /// own (a nullable object, an array of itself, another named type): the types that
    /// refer back name it.
    Alias(AliasDef),
}

/// The type of a recursive `$ref` target, named: `pub type Name = T;`, or, when `T` holds
/// `Name` itself outside any named type (`Vec<Name>`, which an alias cannot say), a
/// newtype `pub struct Name(pub T);` that encodes and decodes as `T`.
#[derive(Debug, Clone, PartialEq)]
pub struct AliasDef {
    /// The target's slot (`null` included when the target accepts it).
    pub target: Slot,
    /// Emitted as a newtype rather than a type alias.
    pub newtype: bool,
}

/// A union told apart by trying each branch.
#[derive(Debug, Clone, PartialEq)]
pub struct UntaggedDef {
    /// (Rust variant, branch slot), in schema order.
    pub variants: Vec<(String, Slot)>,
    /// `oneOf`: exactly one branch may match; otherwise (`anyOf`, disjoint `type`s) the
    /// first that matches is kept.
    pub exactly_one: bool,
}

/// A validation program compiled from a schema, shared by the model's clones.
#[derive(Clone)]
pub struct CompiledProgram(pub std::sync::Arc<events_rules::Program>);

impl CompiledProgram {
    /// The program as a Rust expression, with the rules crate at `rules_path`.
    pub fn to_rust(&self, rules_path: &str) -> String {
        self.0.to_rust(rules_path)
    }
}

impl std::fmt::Debug for CompiledProgram {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_rust("rules"))
    }
}

impl PartialEq for CompiledProgram {
    fn eq(&self, other: &Self) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0) || self.to_rust("rules") == other.to_rust("rules")
    }
}

/// A checked value: its typed core and its validation program.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedDef {
    /// The typed core (`null` included when the schema allows it, so the program sees it).
    pub core: Slot,
    /// The validation program of the node's whole schema.
    pub program: CompiledProgram,
    /// Why the node needs a program, for the docs.
    pub reason: String,
}

/// The bounds of a checked number; each `None` when the schema does not state it.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct NumberDef {
    /// `minimum`.
    pub minimum: Option<f64>,
    /// `exclusiveMinimum`.
    pub exclusive_minimum: Option<f64>,
    /// `maximum`.
    pub maximum: Option<f64>,
    /// `exclusiveMaximum`.
    pub exclusive_maximum: Option<f64>,
    /// `multipleOf` (> 0).
    pub multiple_of: Option<f64>,
}

/// An object type.
#[derive(Debug, Clone, PartialEq)]
pub struct StructDef {
    /// Properties in schema order.
    pub fields: Vec<Field>,
    /// The other members: `None` when `additionalProperties: false` refuses them, else the
    /// slot of their values (any JSON value when `additionalProperties` is absent or `true`),
    /// kept in order in an extra field so that decoding then encoding gives the same object.
    pub rest: Option<Rest>,
}

/// The members of an object other than its properties, kept in a field of their own.
#[derive(Debug, Clone, PartialEq)]
pub struct Rest {
    /// The Rust field name.
    pub ident: String,
    /// The slot of their values.
    pub slot: Slot,
}

impl StructDef {
    /// `additionalProperties: false`: members other than the properties are refused.
    pub fn deny_unknown(&self) -> bool {
        self.rest.is_none()
    }
}

/// One property of an object.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The JSON property name.
    pub json: String,
    /// The Rust field name.
    pub ident: String,
    /// Its type.
    pub slot: Slot,
    /// Listed in `required`.
    pub required: bool,
    /// The property's description.
    pub doc: Option<String>,
}

/// A value position: a shape, and whether `null` is allowed there.
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    /// The non-null shape.
    pub shape: Shape,
    /// `null` is accepted too.
    pub nullable: bool,
}

/// The shape of a non-null value.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// Any JSON value (`{}` or a schema without type or constraints).
    Any,
    /// Any JSON object (`type: object` without properties).
    AnyObject,
    /// `{"type": "null"}`: only `null`.
    Null,
    /// An object of typed members (`additionalProperties: <schema>` alone), in order.
    Map(Box<Slot>),
    /// `boolean`.
    Bool,
    /// `number` without bounds (bounded numbers are a named [`TypeKind::Number`]).
    Number,
    /// `integer` with inclusive bounds and a divisor.
    Integer {
        /// Lower bound.
        min: i64,
        /// Upper bound.
        max: i64,
        /// `multipleOf` (1 when none).
        multiple_of: u64,
    },
    /// A plain string.
    Text,
    /// A string with only length bounds (code points).
    BoundedText {
        /// `minLength`.
        min: u64,
        /// `maxLength`, if any.
        max: Option<u64>,
    },
    /// A prefixed UUIDv7 id: the prefix.
    Id(String),
    /// `format: date-time`.
    DateTime,
    /// `format: date`.
    Date,
    /// A format of the contract set's own, mapped to a user's type by
    /// `Config::format_type`: `events_runtime::Formatted<path>`.
    Custom {
        /// The format name.
        format: String,
        /// The Rust path of the type implementing `events_runtime::CustomFormat`.
        path: String,
    },
    /// A named type of the same space.
    Named(TypeId),
    /// A named type of a shared document (reached by a cross-file `$ref`).
    External {
        /// Module under `shared`.
        module: String,
        /// Type name in it.
        name: String,
    },
    /// A value reached through a recursive `$ref`: the type it names, boxed (`Box<T>`) so
    /// that a type can contain itself.
    Boxed(Box<Shape>),
    /// `prefixItems` (or draft-07 `items` as an array) with every element required and none
    /// after them: a Rust tuple of the element slots.
    Tuple(Vec<Slot>),
    /// An array.
    Array {
        /// Item slot.
        items: Box<Slot>,
        /// `minItems`.
        min: u64,
        /// `maxItems`.
        max: Option<u64>,
        /// `uniqueItems`.
        unique: bool,
    },
}

impl TypeSpace {
    /// Removes type `id`, which no type of the space names; every later id moves down by one.
    pub fn remove(&mut self, id: TypeId) {
        self.defs.remove(id);
        for def in &mut self.defs {
            match &mut def.kind {
                TypeKind::Struct(s) => {
                    s.fields.iter_mut().for_each(|f| f.slot.shape.shift_after(id));
                    if let Some(rest) = &mut s.rest {
                        rest.slot.shape.shift_after(id);
                    }
                }
                TypeKind::Checked(c) => c.core.shape.shift_after(id),
                TypeKind::Untagged(u) => u.variants.iter_mut().for_each(|(_, slot)| slot.shape.shift_after(id)),
                TypeKind::Union(u) => u.variants.iter_mut().filter(|(_, _, ty)| *ty > id).for_each(|(_, _, ty)| *ty -= 1),
                TypeKind::Alias(a) => a.target.shape.shift_after(id),
                TypeKind::Enum(_) | TypeKind::Newtype(_) | TypeKind::Const(_) | TypeKind::Number(_) => {}
            }
        }
    }
}

impl Shape {
    /// Renumbers the named types of this shape after type `removed` left their space.
    pub fn shift_after(&mut self, removed: TypeId) {
        match self {
            Shape::Named(id) if *id > removed => *id -= 1,
            Shape::Boxed(inner) => inner.shift_after(removed),
            Shape::Map(values) | Shape::Array { items: values, .. } => values.shape.shift_after(removed),
            Shape::Tuple(elements) => elements.iter_mut().for_each(|e| e.shape.shift_after(removed)),
            _ => {}
        }
    }

    /// The shape of an array item or a map value as stored: a recursive reference there
    /// needs no `Box` (the vector or map already holds its values on the heap), so the
    /// emitted type is `Vec<Node>`, not `Vec<Box<Node>>`. The model keeps the box, which
    /// marks where walks over the types stop.
    pub fn unboxed(&self) -> &Shape {
        match self {
            Shape::Boxed(inner) => inner,
            other => other,
        }
    }

    /// Pushes the id of every named type this shape holds directly (through arrays, maps,
    /// tuples and boxes, not into the named types themselves), in order.
    pub fn named_ids(&self, out: &mut Vec<TypeId>) {
        match self {
            Shape::Named(id) => out.push(*id),
            Shape::Boxed(inner) => inner.named_ids(out),
            Shape::Map(values) => values.shape.named_ids(out),
            Shape::Tuple(elements) => elements.iter().for_each(|e| e.shape.named_ids(out)),
            Shape::Array { items, .. } => items.shape.named_ids(out),
            Shape::Any
            | Shape::AnyObject
            | Shape::Null
            | Shape::Bool
            | Shape::Number
            | Shape::Integer { .. }
            | Shape::Text
            | Shape::BoundedText { .. }
            | Shape::Id(_)
            | Shape::DateTime
            | Shape::Date
            | Shape::Custom { .. }
            | Shape::External { .. } => {}
        }
    }
}

/// A closed string enum.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumDef {
    /// (JSON value, Rust variant) in schema order.
    pub variants: Vec<(String, String)>,
    /// The contract tells consumers to tolerate unknown values: decoding keeps them in an
    /// `Unknown` variant that producers cannot construct.
    pub tolerant: bool,
}

/// A checked string.
#[derive(Debug, Clone, PartialEq)]
pub struct NewtypeDef {
    /// `minLength`.
    pub min_len: Option<u64>,
    /// `maxLength`.
    pub max_len: Option<u64>,
    /// `pattern` (unanchored search, as JSON Schema specifies).
    pub pattern: Option<String>,
    /// `format`.
    pub format: Option<Format>,
}

/// String formats enforced by a checked string: the rules crate's, so the generator and
/// the runtime agree on every name.
pub use events_rules::Format;

/// A discriminated union.
#[derive(Debug, Clone, PartialEq)]
pub struct UnionDef {
    /// The discriminator property.
    pub tag: String,
    /// (tag value, Rust variant, struct of the other properties).
    pub variants: Vec<(String, String, TypeId)>,
}
