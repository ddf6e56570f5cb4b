//! A program as Rust source: an expression valid in a `static` initializer that rebuilds an
//! equal program. The text depends only on the program (deterministic).

use std::fmt::Write as _;

use crate::ir::{Check, Lit, Num, Program};

impl Program {
    /// A Rust expression of type `<krate>::Program` (e.g. `krate` = `::events_rules`) for
    /// `static P: <krate>::Program = <expression>;`.
    pub fn to_rust(&self, krate: &str) -> String {
        let mut out = String::new();
        out.push_str("{\n");
        out.push_str("    #[allow(unused_imports)]\n    use ::std::borrow::Cow::Borrowed as B;\n");
        let _ = writeln!(out, "    #[allow(unused_imports)]\n    use {krate}::ir::{{Check as C, Lit as L, Node, Num, Program, Types}};");
        let _ = writeln!(out, "    #[allow(unused_imports)]\n    use {krate}::Format;");
        // Named statics, braced structs and variant constructors only: every `&[…]` below is
        // then extended to 'static (a borrow in a function argument would not be).
        out.push_str("    static NODES: &[Node] = &[\n");
        for node in self.nodes() {
            let _ = write!(out, "        Node {{ location: B({:?}), checks: B(&[", node.location.as_ref());
            for (i, c) in node.checks.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                check(&mut out, c);
            }
            out.push_str("]) },\n");
        }
        out.push_str("    ];\n    static PATTERNS: &[::std::borrow::Cow<'static, str>] = &[");
        for (i, p) in self.patterns().iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            let _ = write!(out, "B({:?})", p.as_ref());
        }
        out.push_str("];\n    Program::from_static(NODES, PATTERNS)\n}");
        out
    }
}

fn num(out: &mut String, n: Num) {
    let _ = match n {
        Num::Int(i) => write!(out, "Num::Int({i})"),
        Num::UInt(u) => write!(out, "Num::UInt({u})"),
        Num::Float(f) => write!(out, "Num::Float({f:?})"),
    };
}

fn str_slice<S: AsRef<str>>(out: &mut String, items: &[S]) {
    out.push_str("B(&[");
    for (i, s) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let _ = write!(out, "B({:?})", s.as_ref());
    }
    out.push_str("])");
}

fn ids(out: &mut String, items: &[u32]) {
    out.push_str("B(&[");
    for (i, id) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let _ = write!(out, "{id}");
    }
    out.push_str("])");
}

fn named_ids<S: AsRef<str>>(out: &mut String, items: &[(S, u32)]) {
    out.push_str("B(&[");
    for (i, (s, id)) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let _ = write!(out, "(B({:?}), {id})", s.as_ref());
    }
    out.push_str("])");
}

fn lit(out: &mut String, l: &Lit) {
    match l {
        Lit::Null => out.push_str("L::Null"),
        Lit::Bool(b) => {
            let _ = write!(out, "L::Bool({b})");
        }
        Lit::Int(i) => {
            let _ = write!(out, "L::Int({i})");
        }
        Lit::UInt(u) => {
            let _ = write!(out, "L::UInt({u})");
        }
        Lit::Float(f) => {
            let _ = write!(out, "L::Float({f:?})");
        }
        Lit::Str(s) => {
            let _ = write!(out, "L::Str(B({:?}))", s.as_ref());
        }
        Lit::Arr(items) => {
            out.push_str("L::Arr(B(&[");
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                lit(out, x);
            }
            out.push_str("]))");
        }
        Lit::Obj(members) => {
            out.push_str("L::Obj(B(&[");
            for (i, (k, x)) in members.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                let _ = write!(out, "(B({:?}), ", k.as_ref());
                lit(out, x);
                out.push(')');
            }
            out.push_str("]))");
        }
    }
}

fn opt(id: Option<u32>) -> String {
    id.map_or_else(|| "None".to_owned(), |i| format!("Some({i})"))
}

fn check(out: &mut String, c: &Check) {
    let _ = match c {
        Check::False => write!(out, "C::False"),
        Check::Type(t) => write!(out, "C::Type(Types({}))", t.0),
        Check::Const(l) => {
            out.push_str("C::Const(");
            lit(out, l);
            write!(out, ")")
        }
        Check::Enum(ls) => {
            out.push_str("C::Enum(B(&[");
            for (i, l) in ls.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                lit(out, l);
            }
            write!(out, "]))")
        }
        Check::MultipleOf(n) | Check::Maximum(n) | Check::ExclusiveMaximum(n) | Check::Minimum(n) | Check::ExclusiveMinimum(n) => {
            let name = match c {
                Check::MultipleOf(_) => "MultipleOf",
                Check::Maximum(_) => "Maximum",
                Check::ExclusiveMaximum(_) => "ExclusiveMaximum",
                Check::Minimum(_) => "Minimum",
                _ => "ExclusiveMinimum",
            };
            let _ = write!(out, "C::{name}(");
            num(out, *n);
            write!(out, ")")
        }
        Check::MaxLength(n) => write!(out, "C::MaxLength({n})"),
        Check::MinLength(n) => write!(out, "C::MinLength({n})"),
        Check::Pattern(p) => write!(out, "C::Pattern({p})"),
        Check::Format(f) => write!(out, "C::Format(Format::{})", f.variant_name()),
        Check::MaxItems(n) => write!(out, "C::MaxItems({n})"),
        Check::MinItems(n) => write!(out, "C::MinItems({n})"),
        Check::UniqueItems => write!(out, "C::UniqueItems"),
        Check::PrefixItems(xs) => {
            out.push_str("C::PrefixItems(");
            ids(out, xs);
            write!(out, ")")
        }
        Check::Items { skip, node } => write!(out, "C::Items {{ skip: {skip}, node: {node} }}"),
        Check::Contains { node, min, max } => {
            let max = max.map_or_else(|| "None".to_owned(), |m| format!("Some({m})"));
            write!(out, "C::Contains {{ node: {node}, min: {min}, max: {max} }}")
        }
        Check::MaxProperties(n) => write!(out, "C::MaxProperties({n})"),
        Check::MinProperties(n) => write!(out, "C::MinProperties({n})"),
        Check::Required(names) => {
            out.push_str("C::Required(");
            str_slice(out, names);
            write!(out, ")")
        }
        Check::DependentRequired(deps) => {
            out.push_str("C::DependentRequired(B(&[");
            for (i, (name, needs)) in deps.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                let _ = write!(out, "(B({:?}), ", name.as_ref());
                str_slice(out, needs);
                out.push(')');
            }
            write!(out, "]))")
        }
        Check::DependentSchemas(xs) => {
            out.push_str("C::DependentSchemas(");
            named_ids(out, xs);
            write!(out, ")")
        }
        Check::Properties(xs) => {
            out.push_str("C::Properties(");
            named_ids(out, xs);
            write!(out, ")")
        }
        Check::PatternProperties(xs) => {
            out.push_str("C::PatternProperties(B(&[");
            for (i, (p, id)) in xs.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                let _ = write!(out, "({p}, {id})");
            }
            write!(out, "]))")
        }
        Check::AdditionalProperties { node, known, patterns } => {
            let _ = write!(out, "C::AdditionalProperties {{ node: {node}, known: ");
            str_slice(out, known);
            out.push_str(", patterns: ");
            ids(out, patterns);
            write!(out, " }}")
        }
        Check::PropertyNames(id) => write!(out, "C::PropertyNames({id})"),
        Check::AllOf(xs) | Check::AnyOf(xs) | Check::OneOf(xs) => {
            let name = match c {
                Check::AllOf(_) => "AllOf",
                Check::AnyOf(_) => "AnyOf",
                _ => "OneOf",
            };
            let _ = write!(out, "C::{name}(");
            ids(out, xs);
            write!(out, ")")
        }
        Check::Not(id) => write!(out, "C::Not({id})"),
        Check::If { cond, then, otherwise } => write!(out, "C::If {{ cond: {cond}, then: {}, otherwise: {} }}", opt(*then), opt(*otherwise)),
        Check::Ref(id) => write!(out, "C::Ref({id})"),
        Check::UnevaluatedItems(id) => write!(out, "C::UnevaluatedItems({id})"),
        Check::UnevaluatedProperties(id) => write!(out, "C::UnevaluatedProperties({id})"),
    };
}
