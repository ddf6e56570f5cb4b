//! The validation program: a table of schema nodes, each a list of keyword checks.
//!
//! Every type here can be written in a `static` initializer: slices and strings are
//! `Cow<'static, _>` (generated code uses `Cow::Borrowed`), numbers and literals are plain
//! enums, and the regular expressions are compiled lazily, once per program, on first use.
//! Node 0 is the root; nodes refer to one another by index, so a recursive schema is a cycle
//! in the table.

use std::borrow::Cow;
use std::fmt;
use std::sync::OnceLock;

use crate::Format;

/// An index into [`Program::nodes`].
pub type NodeId = u32;

/// An index into [`Program::patterns`].
pub type PatternId = u32;

/// A compiled schema: its node table and its regular expressions.
pub struct Program {
    nodes: Cow<'static, [Node]>,
    patterns: Cow<'static, [Cow<'static, str>]>,
    runtime: OnceLock<Runtime>,
}

/// What a program builds on first use: its regexes and whether it tracks annotations.
pub(crate) struct Runtime {
    /// One entry per pattern; `None` when the pattern does not compile (the check then fails).
    pub(crate) regexes: Vec<Option<regex::Regex>>,
    /// True when some node has `unevaluatedProperties` / `unevaluatedItems`.
    pub(crate) track: bool,
    /// Per node: it has `unevaluated*`, so it collects its annotations in a scope of its own.
    pub(crate) scoped: Vec<bool>,
}

impl Program {
    /// A program over static tables: the form generated code uses in a `static` (the tables are
    /// themselves `static` items of braced `Node { location, checks }` literals; see `to_rust`).
    pub const fn from_static(nodes: &'static [Node], patterns: &'static [Cow<'static, str>]) -> Self {
        Self { nodes: Cow::Borrowed(nodes), patterns: Cow::Borrowed(patterns), runtime: OnceLock::new() }
    }

    /// A program over owned tables (what the compiler builds).
    pub fn new(nodes: Vec<Node>, patterns: Vec<String>) -> Self {
        Self { nodes: Cow::Owned(nodes), patterns: Cow::Owned(patterns.into_iter().map(Cow::Owned).collect()), runtime: OnceLock::new() }
    }

    /// The node table; node 0 is the root.
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// The regular expressions (ECMA-262, as schemas write them) that `pattern` and
    /// `patternProperties` use; they run on the `regex` crate, with ECMA's `\d`, `\w`, `\s`.
    pub fn patterns(&self) -> &[Cow<'static, str>] {
        &self.patterns
    }

    pub(crate) fn runtime(&self) -> &Runtime {
        self.runtime.get_or_init(|| {
            let scoped: Vec<bool> =
                self.nodes.iter().map(|n| n.checks.iter().any(|c| matches!(c, Check::UnevaluatedProperties(_) | Check::UnevaluatedItems(_)))).collect();
            Runtime { regexes: self.patterns.iter().map(|p| crate::pattern::compile(p).ok()).collect(), track: scoped.contains(&true), scoped }
        })
    }
}

impl Clone for Program {
    fn clone(&self) -> Self {
        Self { nodes: self.nodes.clone(), patterns: self.patterns.clone(), runtime: OnceLock::new() }
    }
}

impl PartialEq for Program {
    fn eq(&self, other: &Self) -> bool {
        self.nodes == other.nodes && self.patterns == other.patterns
    }
}

impl fmt::Debug for Program {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Program").field("nodes", &self.nodes).field("patterns", &self.patterns).finish()
    }
}

/// One schema location: where it is (for error messages) and its checks, run in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The schema location, `uri#pointer`: the URI is empty for the root document and relative
    /// to its directory for documents under it.
    pub location: Cow<'static, str>,
    /// The keyword checks. `unevaluated*` come last: they read the others' annotations.
    pub checks: Cow<'static, [Check]>,
}

/// A set of JSON types (the `type` keyword), as bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Types(pub u8);

impl Types {
    /// `null`.
    pub const NULL: u8 = 1;
    /// `boolean`.
    pub const BOOLEAN: u8 = 2;
    /// `object`.
    pub const OBJECT: u8 = 4;
    /// `array`.
    pub const ARRAY: u8 = 8;
    /// `number` (includes integers).
    pub const NUMBER: u8 = 16;
    /// `string`.
    pub const STRING: u8 = 32;
    /// `integer` (a number with no fractional part, `1.0` included).
    pub const INTEGER: u8 = 64;
    /// Every type name with its bit, in the order messages list them.
    pub const NAMES: [(&'static str, u8); 7] = [
        ("null", Self::NULL),
        ("boolean", Self::BOOLEAN),
        ("object", Self::OBJECT),
        ("array", Self::ARRAY),
        ("number", Self::NUMBER),
        ("string", Self::STRING),
        ("integer", Self::INTEGER),
    ];

    /// The bit of a type name.
    pub fn bit(name: &str) -> Option<u8> {
        Self::NAMES.iter().find(|(n, _)| *n == name).map(|&(_, b)| b)
    }
}

/// A JSON number as the schema wrote it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Num {
    /// A negative integer (or any integer that fits `i64`).
    Int(i64),
    /// A non-negative integer above `i64::MAX`.
    UInt(u64),
    /// Any other number.
    Float(f64),
}

/// A literal JSON value (`const`, `enum`), compared with JSON Schema equality.
#[derive(Debug, Clone, PartialEq)]
pub enum Lit {
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// An integer that fits `i64`.
    Int(i64),
    /// An integer above `i64::MAX`.
    UInt(u64),
    /// Any other number.
    Float(f64),
    /// A string.
    Str(Cow<'static, str>),
    /// An array.
    Arr(Cow<'static, [Lit]>),
    /// An object (member order is irrelevant; names are unique).
    Obj(Cow<'static, [(Cow<'static, str>, Lit)]>),
}

/// A property name and the node its value must match.
pub type PropNode = (Cow<'static, str>, NodeId);

/// A property name and the names that must be present with it.
pub type PropNames = (Cow<'static, str>, Cow<'static, [Cow<'static, str>]>);

/// One keyword check of a node.
#[derive(Debug, Clone, PartialEq)]
pub enum Check {
    /// The boolean schema `false`: nothing is valid.
    False,
    /// `type`.
    Type(Types),
    /// `const`.
    Const(Lit),
    /// `enum`.
    Enum(Cow<'static, [Lit]>),
    /// `multipleOf` (exact, in decimal).
    MultipleOf(Num),
    /// `maximum`.
    Maximum(Num),
    /// `exclusiveMaximum`.
    ExclusiveMaximum(Num),
    /// `minimum`.
    Minimum(Num),
    /// `exclusiveMinimum`.
    ExclusiveMinimum(Num),
    /// `maxLength`, in code points.
    MaxLength(u64),
    /// `minLength`, in code points.
    MinLength(u64),
    /// `pattern` (unanchored search).
    Pattern(PatternId),
    /// `format`, asserted.
    Format(Format),
    /// `maxItems`.
    MaxItems(u64),
    /// `minItems`.
    MinItems(u64),
    /// `uniqueItems: true`.
    UniqueItems,
    /// `prefixItems` (2020-12) or the array form of `items` (draft-07).
    PrefixItems(Cow<'static, [NodeId]>),
    /// Every item from index `skip` on: `items` (2020-12, `skip` = prefix length; draft-07
    /// schema form, `skip` = 0) or `additionalItems` (draft-07).
    Items {
        /// Items before this index are not checked.
        skip: u32,
        /// The schema of the remaining items.
        node: NodeId,
    },
    /// `contains` with `minContains` / `maxContains`.
    Contains {
        /// The schema some items must match.
        node: NodeId,
        /// At least this many items must match (default 1).
        min: u64,
        /// At most this many items may match.
        max: Option<u64>,
    },
    /// `maxProperties`.
    MaxProperties(u64),
    /// `minProperties`.
    MinProperties(u64),
    /// `required`.
    Required(Cow<'static, [Cow<'static, str>]>),
    /// `dependentRequired` (or the array form of draft-07 `dependencies`).
    DependentRequired(Cow<'static, [PropNames]>),
    /// `dependentSchemas` (or the schema form of draft-07 `dependencies`).
    DependentSchemas(Cow<'static, [PropNode]>),
    /// `properties`, sorted by name.
    Properties(Cow<'static, [PropNode]>),
    /// `patternProperties`.
    PatternProperties(Cow<'static, [(PatternId, NodeId)]>),
    /// `additionalProperties`, with the names (sorted) and patterns of its siblings.
    AdditionalProperties {
        /// The schema of the other properties.
        node: NodeId,
        /// The names `properties` lists, sorted.
        known: Cow<'static, [Cow<'static, str>]>,
        /// The patterns of `patternProperties`.
        patterns: Cow<'static, [PatternId]>,
    },
    /// `propertyNames`.
    PropertyNames(NodeId),
    /// `allOf`.
    AllOf(Cow<'static, [NodeId]>),
    /// `anyOf`.
    AnyOf(Cow<'static, [NodeId]>),
    /// `oneOf`.
    OneOf(Cow<'static, [NodeId]>),
    /// `not`.
    Not(NodeId),
    /// `if` / `then` / `else`.
    If {
        /// The condition.
        cond: NodeId,
        /// Applies when the condition holds.
        then: Option<NodeId>,
        /// Applies when it does not.
        otherwise: Option<NodeId>,
    },
    /// `$ref`.
    Ref(NodeId),
    /// `unevaluatedItems`.
    UnevaluatedItems(NodeId),
    /// `unevaluatedProperties`.
    UnevaluatedProperties(NodeId),
}

impl Check {
    /// The keyword a check came from, for schema paths.
    pub fn keyword(&self) -> &'static str {
        match self {
            Self::False => "",
            Self::Type(_) => "type",
            Self::Const(_) => "const",
            Self::Enum(_) => "enum",
            Self::MultipleOf(_) => "multipleOf",
            Self::Maximum(_) => "maximum",
            Self::ExclusiveMaximum(_) => "exclusiveMaximum",
            Self::Minimum(_) => "minimum",
            Self::ExclusiveMinimum(_) => "exclusiveMinimum",
            Self::MaxLength(_) => "maxLength",
            Self::MinLength(_) => "minLength",
            Self::Pattern(_) => "pattern",
            Self::Format(_) => "format",
            Self::MaxItems(_) => "maxItems",
            Self::MinItems(_) => "minItems",
            Self::UniqueItems => "uniqueItems",
            Self::PrefixItems(_) => "prefixItems",
            Self::Items { .. } => "items",
            Self::Contains { .. } => "contains",
            Self::MaxProperties(_) => "maxProperties",
            Self::MinProperties(_) => "minProperties",
            Self::Required(_) => "required",
            Self::DependentRequired(_) => "dependentRequired",
            Self::DependentSchemas(_) => "dependentSchemas",
            Self::Properties(_) => "properties",
            Self::PatternProperties(_) => "patternProperties",
            Self::AdditionalProperties { .. } => "additionalProperties",
            Self::PropertyNames(_) => "propertyNames",
            Self::AllOf(_) => "allOf",
            Self::AnyOf(_) => "anyOf",
            Self::OneOf(_) => "oneOf",
            Self::Not(_) => "not",
            Self::If { .. } => "if",
            Self::Ref(_) => "$ref",
            Self::UnevaluatedItems(_) => "unevaluatedItems",
            Self::UnevaluatedProperties(_) => "unevaluatedProperties",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn program(checks: Vec<Check>, patterns: &[&str]) -> Program {
        Program::new(vec![Node { location: Cow::Borrowed(""), checks: Cow::Owned(checks) }], patterns.iter().map(|p| (*p).to_owned()).collect())
    }

    #[test]
    fn programs_are_equal_when_their_nodes_and_patterns_are() {
        let a = program(vec![Check::Pattern(0)], &["^a"]);
        assert_eq!(a, program(vec![Check::Pattern(0)], &["^a"]));
        assert_eq!(a, a.clone());
        // The form generated code uses: static tables, equal to the owned ones.
        static NODES: &[Node] = &[Node { location: Cow::Borrowed(""), checks: Cow::Borrowed(&[Check::Pattern(0)]) }];
        static PATTERNS: &[Cow<'static, str>] = &[Cow::Borrowed("^a")];
        assert_eq!(a, Program::from_static(NODES, PATTERNS));
        assert_ne!(a, program(vec![Check::Pattern(0)], &["^b"]), "another pattern");
        assert_ne!(a, program(vec![Check::Pattern(0), Check::False], &["^a"]), "another node");
        assert_ne!(a, program(vec![Check::False], &["^b"]), "both");
    }

    #[test]
    fn a_program_shows_its_tables() {
        let p = program(vec![Check::MinLength(2)], &["x"]);
        assert_eq!(format!("{p:?}"), r#"Program { nodes: [Node { location: "", checks: [MinLength(2)] }], patterns: ["x"] }"#);
        assert_eq!(p.nodes().len(), 1);
        assert_eq!(p.patterns(), ["x"]);
    }

    #[test]
    fn type_names_have_their_bits() {
        assert_eq!(Types::bit("null"), Some(Types::NULL));
        assert_eq!(Types::bit("integer"), Some(Types::INTEGER));
        assert_eq!(Types::bit("string"), Some(Types::STRING));
        assert_eq!(Types::bit("int"), None);
    }
}
