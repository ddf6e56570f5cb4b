//! The interpreter: runs a [`Program`] on a JSON value.
//!
//! Subschemas whose failure does not fail their parent (`anyOf`, `oneOf`, `not`, `if`,
//! `contains` branches) run *quietly*: no message is built. Annotations for `unevaluated*`
//! are tracked only when the program has such a keyword: one flag per member of the
//! instance (object property, array item), because an instance is an object or an array,
//! never both.

use std::fmt;

use serde_json::{Map, Value};

use crate::equal::{first_duplicate, lit_equal};
use crate::ir::{Check, Lit, Node, NodeId, Num, Program, Runtime, Types};
use crate::num::{cmp, is_multiple, N};

/// The deepest chain of nested subschema evaluations a validation may take. Deeper input (or a
/// schema that recurses without consuming input) is an error, never a stack overflow.
pub const MAX_DEPTH: usize = 256;

/// How many characters of an instance value a message quotes at most.
const QUOTE_LIMIT: usize = 80;

/// Why a value breaks a program: the first failing keyword found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// Where in the instance, as a JSON pointer (`""` is the whole value).
    pub instance_path: String,
    /// Where in the schema: the node's location and the keyword.
    pub schema_path: String,
    /// What is wrong, quoting at most a bounded prefix of any instance value.
    pub message: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.instance_path.is_empty() { "the value" } else { self.instance_path.as_str() };
        write!(f, "{at}: {} (schema {})", self.message, self.schema_path)
    }
}

impl std::error::Error for Violation {}

impl Program {
    /// Checks `value`; the error names the first failing keyword found.
    pub fn validate(&self, value: &Value) -> Result<(), Violation> {
        let mut cx = Cx::new(self);
        let mut ann = Vec::new();
        match cx.node(0, value, &Path::Root, 0, true, &mut ann) {
            Ok(()) => Ok(()),
            Err(Fail::Loud(v) | Fail::Abort(v)) => Err(*v),
            Err(Fail::Quiet) => {
                Err(Violation { instance_path: String::new(), schema_path: String::new(), message: "the value does not match the schema".to_owned() })
            }
        }
    }

    /// True when `value` satisfies the program.
    pub fn is_valid(&self, value: &Value) -> bool {
        let mut cx = Cx::new(self);
        let mut ann = Vec::new();
        cx.node(0, value, &Path::Root, 0, false, &mut ann).is_ok()
    }
}

/// A failure. `Abort` (depth limit) passes through `not` and the quiet branches unchanged.
enum Fail {
    Quiet,
    Loud(Box<Violation>),
    Abort(Box<Violation>),
}

/// The instance path, as a chain on the stack; rendered only for a message.
enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl Path<'_> {
    fn render(&self) -> String {
        let mut segs = Vec::new();
        let mut cur = self;
        loop {
            match cur {
                Path::Root => break,
                Path::Key(parent, k) => {
                    segs.push(k.replace('~', "~0").replace('/', "~1"));
                    cur = parent;
                }
                Path::Index(parent, i) => {
                    segs.push(i.to_string());
                    cur = parent;
                }
            }
        }
        let mut out = String::new();
        for s in segs.iter().rev() {
            out.push('/');
            out.push_str(s);
        }
        out
    }
}

/// A writer that keeps the first `QUOTE_LIMIT` characters and then refuses more.
struct Bounded {
    text: String,
    full: bool,
}

impl std::io::Write for Bounded {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let s = String::from_utf8_lossy(buf);
        for c in s.chars() {
            if self.text.chars().count() >= QUOTE_LIMIT {
                self.full = true;
                return Err(std::io::Error::other("quote limit"));
            }
            self.text.push(c);
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// At most `QUOTE_LIMIT` characters of a value's JSON text, with `…` when cut.
pub(crate) fn quote(v: &Value) -> String {
    let mut w = Bounded { text: String::new(), full: false };
    let _ = serde_json::to_writer(&mut w, v);
    if w.full {
        w.text.push('…');
    }
    w.text
}

fn quote_str(s: &str) -> String {
    let cut: String = s.chars().take(QUOTE_LIMIT).collect();
    let mut out = quote(&Value::String(cut));
    if s.chars().nth(QUOTE_LIMIT).is_some() {
        out.push('…');
    }
    out
}

fn num_text(n: Num) -> String {
    match n {
        Num::Int(i) => i.to_string(),
        Num::UInt(u) => u.to_string(),
        Num::Float(f) => f.to_string(),
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if N::of_json(n).is_integer() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn lit_quote(l: &Lit) -> String {
    quote(&lit_to_value(l, 4))
}

/// A literal as a value, for messages; beyond `depth` levels it is shown as `…`.
fn lit_to_value(l: &Lit, depth: u32) -> Value {
    if depth == 0 {
        return Value::String("…".to_owned());
    }
    match l {
        Lit::Null => Value::Null,
        Lit::Bool(b) => Value::Bool(*b),
        Lit::Int(i) => Value::from(*i),
        Lit::UInt(u) => Value::from(*u),
        Lit::Float(f) => serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number),
        Lit::Str(s) => Value::String(s.chars().take(QUOTE_LIMIT + 1).collect()),
        Lit::Arr(a) => Value::Array(a.iter().take(QUOTE_LIMIT).map(|x| lit_to_value(x, depth - 1)).collect()),
        Lit::Obj(o) => Value::Object(o.iter().take(QUOTE_LIMIT).map(|(k, x)| (k.to_string(), lit_to_value(x, depth - 1))).collect::<Map<_, _>>()),
    }
}

/// A failure that ends the whole validation.
#[cold]
#[inline(never)]
fn abort(path: &Path, schema_path: &str, message: impl FnOnce() -> String) -> Fail {
    Fail::Abort(Box::new(Violation { instance_path: path.render(), schema_path: schema_path.to_owned(), message: message() }))
}

struct Cx<'p> {
    prog: &'p Program,
    rt: &'p Runtime,
}

type Res = Result<(), Fail>;

fn merge(into: &mut Vec<bool>, from: &[bool]) {
    if into.len() < from.len() {
        into.resize(from.len(), false);
    }
    for (a, b) in into.iter_mut().zip(from) {
        *a |= *b;
    }
}

fn mark(ann: &mut Vec<bool>, len: usize, i: usize) {
    if ann.len() < len {
        ann.resize(len, false);
    }
    if let Some(slot) = ann.get_mut(i) {
        *slot = true;
    }
}

impl<'p> Cx<'p> {
    fn new(prog: &'p Program) -> Self {
        Self { prog, rt: prog.runtime() }
    }

    /// The failure of `check`; the message is built only when it will be shown.
    #[inline(never)]
    fn fail(&self, loud: bool, node: &Node, check: &Check, path: &Path, message: impl FnOnce() -> String) -> Fail {
        if !loud {
            return Fail::Quiet;
        }
        let message = message();
        let kw = check.keyword();
        let schema_path = if kw.is_empty() { node.location.to_string() } else { format!("{}/{}", node.location.trim_end_matches('/'), kw) };
        Fail::Loud(Box::new(Violation { instance_path: path.render(), schema_path, message }))
    }

    /// Evaluates node `id` on `v`; on success its annotations are OR-ed into `ann`.
    fn node(&mut self, id: NodeId, v: &Value, path: &Path, depth: usize, loud: bool, ann: &mut Vec<bool>) -> Res {
        let prog = self.prog;
        let Some(node) = prog.nodes().get(id as usize) else {
            return Err(abort(path, "", || format!("the program has no node {id}")));
        };
        if depth >= MAX_DEPTH {
            return Err(abort(path, &node.location, || {
                format!("validation nests deeper than {MAX_DEPTH} subschemas (the value is too deep, or the schema recurses without consuming it)")
            }));
        }
        let own_scope = self.rt.scoped.get(id as usize).copied().unwrap_or(false) && matches!(v, Value::Object(_) | Value::Array(_));
        if own_scope {
            let mut local = Vec::new();
            for check in node.checks.iter() {
                self.check(node, check, v, path, depth, loud, &mut local)?;
            }
            merge(ann, &local);
        } else {
            for check in node.checks.iter() {
                self.check(node, check, v, path, depth, loud, ann)?;
            }
        }
        Ok(())
    }

    /// Runs a subschema whose failure the caller interprets; annotations go to a fresh list.
    fn quiet(&mut self, id: NodeId, v: &Value, path: &Path, depth: usize) -> Result<Option<Vec<bool>>, Fail> {
        let mut local = Vec::new();
        match self.node(id, v, path, depth, false, &mut local) {
            Ok(()) => Ok(Some(local)),
            Err(Fail::Abort(e)) => Err(Fail::Abort(e)),
            Err(_) => Ok(None),
        }
    }

    /// One check: the applicators (which recurse) and the assertions live in separate
    /// functions, so that the recursion's stack frames stay small.
    #[allow(clippy::too_many_arguments)]
    fn check(&mut self, node: &Node, check: &Check, v: &Value, path: &Path, depth: usize, loud: bool, ann: &mut Vec<bool>) -> Res {
        match check {
            Check::PrefixItems(_)
            | Check::Items { .. }
            | Check::Contains { .. }
            | Check::DependentSchemas(_)
            | Check::Properties(_)
            | Check::PatternProperties(_)
            | Check::AdditionalProperties { .. }
            | Check::PropertyNames(_)
            | Check::AllOf(_)
            | Check::AnyOf(_)
            | Check::OneOf(_)
            | Check::Not(_)
            | Check::If { .. }
            | Check::Ref(_)
            | Check::UnevaluatedItems(_)
            | Check::UnevaluatedProperties(_) => self.apply(node, check, v, path, depth, loud, ann),
            _ => self.assert_(node, check, v, path, depth, loud, ann),
        }
    }

    #[allow(clippy::too_many_arguments)]
    #[inline(never)]
    fn apply(&mut self, node: &Node, check: &Check, v: &Value, path: &Path, depth: usize, loud: bool, ann: &mut Vec<bool>) -> Res {
        match check {
            Check::PrefixItems(..) => self.k_prefix_items(node, check, v, path, depth, loud, ann),
            Check::Items { .. } => self.k_items(node, check, v, path, depth, loud, ann),
            Check::Contains { .. } => self.k_contains(node, check, v, path, depth, loud, ann),
            Check::DependentSchemas(..) => self.k_dependent_schemas(node, check, v, path, depth, loud, ann),
            Check::Properties(..) => self.k_properties(node, check, v, path, depth, loud, ann),
            Check::PatternProperties(..) => self.k_pattern_properties(node, check, v, path, depth, loud, ann),
            Check::AdditionalProperties { .. } => self.k_additional_properties(node, check, v, path, depth, loud, ann),
            Check::PropertyNames(..) => self.k_property_names(node, check, v, path, depth, loud, ann),
            Check::AllOf(..) => self.k_all_of(node, check, v, path, depth, loud, ann),
            Check::AnyOf(..) => self.k_any_of(node, check, v, path, depth, loud, ann),
            Check::OneOf(..) => self.k_one_of(node, check, v, path, depth, loud, ann),
            Check::Not(..) => self.k_not(node, check, v, path, depth, loud, ann),
            Check::If { .. } => self.k_if(node, check, v, path, depth, loud, ann),
            Check::Ref(..) => self.k_ref(node, check, v, path, depth, loud, ann),
            Check::UnevaluatedItems(..) => self.k_unevaluated_items(node, check, v, path, depth, loud, ann),
            Check::UnevaluatedProperties(..) => self.k_unevaluated_properties(node, check, v, path, depth, loud, ann),
            _ => Ok(()),
        }
    }

    #[allow(clippy::too_many_arguments)]
    #[inline(never)]
    fn k_prefix_items(&mut self, _node: &Node, check: &Check, v: &Value, path: &Path, depth: usize, loud: bool, ann: &mut Vec<bool>) -> Res {
        let d = depth + 1;
        let track = self.rt.track;
        match check {
            Check::PrefixItems(ids) => {
                let Value::Array(a) = v else { return Ok(()) };
                for (i, (item, id)) in a.iter().zip(ids.iter()).enumerate() {
                    let p = Path::Index(path, i);
                    let mut scratch = Vec::new();
                    self.node(*id, item, &p, d, loud, &mut scratch)?;
                    if track {
                        mark(ann, a.len(), i);
                    }
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    #[allow(clippy::too_many_arguments)]
    #[inline(never)]
    fn k_items(&mut self, _node: &Node, check: &Check, v: &Value, path: &Path, depth: usize, loud: bool, ann: &mut Vec<bool>) -> Res {
        let d = depth + 1;
        let track = self.rt.track;
        match check {
            Check::Items { skip, node: id } => {
                let Value::Array(a) = v else { return Ok(()) };
                for (i, item) in a.iter().enumerate().skip(*skip as usize) {
                    let p = Path::Index(path, i);
                    let mut scratch = Vec::new();
                    self.node(*id, item, &p, d, loud, &mut scratch)?;
                    if track {
                        mark(ann, a.len(), i);
                    }
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    #[allow(clippy::too_many_arguments)]
    #[inline(never)]
    fn k_contains(&mut self, node: &Node, check: &Check, v: &Value, path: &Path, depth: usize, loud: bool, ann: &mut Vec<bool>) -> Res {
        let d = depth + 1;
        let track = self.rt.track;
        match check {
            Check::Contains { node: id, min, max } => {
                let Value::Array(a) = v else { return Ok(()) };
                let mut count = 0u64;
                for (i, item) in a.iter().enumerate() {
                    let p = Path::Index(path, i);
                    if self.quiet(*id, item, &p, d)?.is_some() {
                        count += 1;
                        if track {
                            mark(ann, a.len(), i);
                        } else if max.is_none() && count >= *min {
                            break;
                        }
                    }
                }
                if count < *min {
                    let what =
                        if *min == 1 { "no item matches `contains`".to_owned() } else { format!("{count} items match `contains`, expected at least {min}") };
                    return Err(self.fail(loud, node, check, path, || what));
                }
                if let Some(max) = max {
                    if count > *max {
                        return Err(self.fail(loud, node, check, path, || format!("{count} items match `contains`, expected at most {max}")));
                    }
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    #[allow(clippy::too_many_arguments)]
    #[inline(never)]
    fn k_dependent_schemas(&mut self, _node: &Node, check: &Check, v: &Value, path: &Path, depth: usize, loud: bool, ann: &mut Vec<bool>) -> Res {
        let d = depth + 1;
        match check {
            Check::DependentSchemas(deps) => {
                let Value::Object(o) = v else { return Ok(()) };
                for (name, id) in deps.iter() {
                    if o.contains_key(name.as_ref()) {
                        self.node(*id, v, path, d, loud, ann)?;
                    }
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    #[allow(clippy::too_many_arguments)]
    #[inline(never)]
    fn k_properties(&mut self, _node: &Node, check: &Check, v: &Value, path: &Path, depth: usize, loud: bool, ann: &mut Vec<bool>) -> Res {
        let d = depth + 1;
        let track = self.rt.track;
        match check {
            Check::Properties(props) => {
                let Value::Object(o) = v else { return Ok(()) };
                for (i, (k, item)) in o.iter().enumerate() {
                    if let Ok(at) = props.binary_search_by(|(name, _)| name.as_ref().cmp(k.as_str())) {
                        let p = Path::Key(path, k);
                        let mut scratch = Vec::new();
                        self.node(props[at].1, item, &p, d, loud, &mut scratch)?;
                        if track {
                            mark(ann, o.len(), i);
                        }
                    }
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    #[allow(clippy::too_many_arguments)]
    #[inline(never)]
    fn k_pattern_properties(&mut self, _node: &Node, check: &Check, v: &Value, path: &Path, depth: usize, loud: bool, ann: &mut Vec<bool>) -> Res {
        let d = depth + 1;
        let track = self.rt.track;
        match check {
            Check::PatternProperties(pats) => {
                let Value::Object(o) = v else { return Ok(()) };
                for (i, (k, item)) in o.iter().enumerate() {
                    for (pat, id) in pats.iter() {
                        if self.matches(*pat, k) {
                            let p = Path::Key(path, k);
                            let mut scratch = Vec::new();
                            self.node(*id, item, &p, d, loud, &mut scratch)?;
                            if track {
                                mark(ann, o.len(), i);
                            }
                        }
                    }
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    #[allow(clippy::too_many_arguments)]
    #[inline(never)]
    fn k_additional_properties(&mut self, node: &Node, check: &Check, v: &Value, path: &Path, depth: usize, loud: bool, ann: &mut Vec<bool>) -> Res {
        let d = depth + 1;
        let track = self.rt.track;
        match check {
            Check::AdditionalProperties { node: id, known, patterns } => {
                let Value::Object(o) = v else { return Ok(()) };
                for (i, (k, item)) in o.iter().enumerate() {
                    if known.binary_search_by(|n| n.as_ref().cmp(k.as_str())).is_ok() || patterns.iter().any(|p| self.matches(*p, k)) {
                        continue;
                    }
                    let p = Path::Key(path, k);
                    let mut scratch = Vec::new();
                    self.node_member(*id, item, &p, d, loud, &mut scratch, node, check, "property", k)?;
                    if track {
                        mark(ann, o.len(), i);
                    }
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    #[allow(clippy::too_many_arguments)]
    #[inline(never)]
    fn k_property_names(&mut self, node: &Node, check: &Check, v: &Value, path: &Path, depth: usize, loud: bool, _ann: &mut Vec<bool>) -> Res {
        let d = depth + 1;
        match check {
            Check::PropertyNames(id) => {
                let Value::Object(o) = v else { return Ok(()) };
                for k in o.keys() {
                    let name = Value::String(k.clone());
                    if self.quiet(*id, &name, path, d)?.is_none() {
                        return Err(self.fail(loud, node, check, path, || format!("the property name {} does not match `propertyNames`", quote_str(k))));
                    }
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    #[allow(clippy::too_many_arguments)]
    #[inline(never)]
    fn k_all_of(&mut self, _node: &Node, check: &Check, v: &Value, path: &Path, depth: usize, loud: bool, ann: &mut Vec<bool>) -> Res {
        let d = depth + 1;
        match check {
            Check::AllOf(ids) => {
                for id in ids.iter() {
                    self.node(*id, v, path, d, loud, ann)?;
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    #[allow(clippy::too_many_arguments)]
    #[inline(never)]
    fn k_any_of(&mut self, node: &Node, check: &Check, v: &Value, path: &Path, depth: usize, loud: bool, ann: &mut Vec<bool>) -> Res {
        let d = depth + 1;
        let track = self.rt.track;
        match check {
            Check::AnyOf(ids) => {
                let mut any = false;
                for id in ids.iter() {
                    if let Some(local) = self.quiet(*id, v, path, d)? {
                        any = true;
                        merge(ann, &local);
                        if !track {
                            break;
                        }
                    }
                }
                if any {
                    Ok(())
                } else {
                    Err(self.fail(loud, node, check, path, || format!("{} matches none of the {} `anyOf` alternatives", quote(v), ids.len())))
                }
            }
            _ => Ok(()),
        }
    }

    #[allow(clippy::too_many_arguments)]
    #[inline(never)]
    fn k_one_of(&mut self, node: &Node, check: &Check, v: &Value, path: &Path, depth: usize, loud: bool, ann: &mut Vec<bool>) -> Res {
        let d = depth + 1;
        match check {
            Check::OneOf(ids) => {
                let mut hit: Option<(usize, Vec<bool>)> = None;
                for (i, id) in ids.iter().enumerate() {
                    if let Some(local) = self.quiet(*id, v, path, d)? {
                        if let Some((first, _)) = hit {
                            return Err(self.fail(loud, node, check, path, || {
                                format!("{} matches `oneOf` alternatives {first} and {i}; exactly one must match", quote(v))
                            }));
                        }
                        hit = Some((i, local));
                    }
                }
                match hit {
                    Some((_, local)) => {
                        merge(ann, &local);
                        Ok(())
                    }
                    None => Err(self.fail(loud, node, check, path, || format!("{} matches none of the {} `oneOf` alternatives", quote(v), ids.len()))),
                }
            }
            _ => Ok(()),
        }
    }

    #[allow(clippy::too_many_arguments)]
    #[inline(never)]
    fn k_not(&mut self, node: &Node, check: &Check, v: &Value, path: &Path, depth: usize, loud: bool, _ann: &mut Vec<bool>) -> Res {
        let d = depth + 1;
        match check {
            Check::Not(id) => match self.quiet(*id, v, path, d)? {
                None => Ok(()),
                Some(_) => Err(self.fail(loud, node, check, path, || format!("{} matches the schema under `not`", quote(v)))),
            },
            _ => Ok(()),
        }
    }

    #[allow(clippy::too_many_arguments)]
    #[inline(never)]
    fn k_if(&mut self, _node: &Node, check: &Check, v: &Value, path: &Path, depth: usize, loud: bool, ann: &mut Vec<bool>) -> Res {
        let d = depth + 1;
        match check {
            Check::If { cond, then, otherwise } => match self.quiet(*cond, v, path, d)? {
                Some(local) => {
                    merge(ann, &local);
                    match then {
                        Some(id) => self.node(*id, v, path, d, loud, ann),
                        None => Ok(()),
                    }
                }
                None => match otherwise {
                    Some(id) => self.node(*id, v, path, d, loud, ann),
                    None => Ok(()),
                },
            },
            _ => Ok(()),
        }
    }

    #[allow(clippy::too_many_arguments)]
    #[inline(never)]
    fn k_ref(&mut self, _node: &Node, check: &Check, v: &Value, path: &Path, depth: usize, loud: bool, ann: &mut Vec<bool>) -> Res {
        let d = depth + 1;
        match check {
            Check::Ref(id) => self.node(*id, v, path, d, loud, ann),
            _ => Ok(()),
        }
    }

    #[allow(clippy::too_many_arguments)]
    #[inline(never)]
    fn k_unevaluated_items(&mut self, node: &Node, check: &Check, v: &Value, path: &Path, depth: usize, loud: bool, ann: &mut Vec<bool>) -> Res {
        let d = depth + 1;
        match check {
            Check::UnevaluatedItems(id) => {
                let Value::Array(a) = v else { return Ok(()) };
                for (i, item) in a.iter().enumerate() {
                    if ann.get(i).copied().unwrap_or(false) {
                        continue;
                    }
                    let p = Path::Index(path, i);
                    let mut scratch = Vec::new();
                    self.node_member(*id, item, &p, d, loud, &mut scratch, node, check, "item", &i.to_string())?;
                    mark(ann, a.len(), i);
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    #[allow(clippy::too_many_arguments)]
    #[inline(never)]
    fn k_unevaluated_properties(&mut self, node: &Node, check: &Check, v: &Value, path: &Path, depth: usize, loud: bool, ann: &mut Vec<bool>) -> Res {
        let d = depth + 1;
        match check {
            Check::UnevaluatedProperties(id) => {
                let Value::Object(o) = v else { return Ok(()) };
                for (i, (k, item)) in o.iter().enumerate() {
                    if ann.get(i).copied().unwrap_or(false) {
                        continue;
                    }
                    let p = Path::Key(path, k);
                    let mut scratch = Vec::new();
                    self.node_member(*id, item, &p, d, loud, &mut scratch, node, check, "property", k)?;
                    mark(ann, o.len(), i);
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    #[allow(clippy::too_many_arguments)]
    #[inline(never)]
    fn assert_(&mut self, node: &Node, check: &Check, v: &Value, path: &Path, _depth: usize, loud: bool, _ann: &mut Vec<bool>) -> Res {
        match check {
            Check::False => Err(self.fail(loud, node, check, path, || "no value is allowed here (the schema is `false`)".to_owned())),
            Check::Type(Types(bits)) => {
                let ok = match v {
                    Value::Null => bits & Types::NULL != 0,
                    Value::Bool(_) => bits & Types::BOOLEAN != 0,
                    Value::Object(_) => bits & Types::OBJECT != 0,
                    Value::Array(_) => bits & Types::ARRAY != 0,
                    Value::String(_) => bits & Types::STRING != 0,
                    Value::Number(n) => bits & Types::NUMBER != 0 || (bits & Types::INTEGER != 0 && N::of_json(n).is_integer()),
                };
                if ok {
                    return Ok(());
                }
                let names: Vec<&str> = Types::NAMES.iter().filter(|(_, b)| bits & b != 0).map(|(n, _)| *n).collect();
                Err(self.fail(loud, node, check, path, || format!("expected {}, got {} {}", names.join(" or "), type_name(v), quote(v))))
            }
            Check::Const(l) => {
                if lit_equal(l, v) {
                    return Ok(());
                }
                Err(self.fail(loud, node, check, path, || format!("expected {}, got {}", lit_quote(l), quote(v))))
            }
            Check::Enum(ls) => {
                if ls.iter().any(|l| lit_equal(l, v)) {
                    return Ok(());
                }
                let shown: Vec<String> = ls.iter().take(5).map(lit_quote).collect();
                let more = if ls.len() > 5 { ", …" } else { "" };
                Err(self.fail(loud, node, check, path, || format!("{} is not one of {}{more}", quote(v), shown.join(", "))))
            }
            Check::MultipleOf(m) => match v {
                Value::Number(n) if !is_multiple(N::of_json(n), N::of_num(*m)) => {
                    Err(self.fail(loud, node, check, path, || format!("{n} is not a multiple of {}", num_text(*m))))
                }
                _ => Ok(()),
            },
            Check::Maximum(m) | Check::ExclusiveMaximum(m) | Check::Minimum(m) | Check::ExclusiveMinimum(m) => {
                let Value::Number(n) = v else { return Ok(()) };
                let Some(ord) = cmp(N::of_json(n), N::of_num(*m)) else {
                    return Err(self.fail(loud, node, check, path, || format!("{n} cannot be compared")));
                };
                use std::cmp::Ordering::*;
                let (ok, rel) = match check {
                    Check::Maximum(_) => (ord != Greater, "at most"),
                    Check::ExclusiveMaximum(_) => (ord == Less, "below"),
                    Check::Minimum(_) => (ord != Less, "at least"),
                    _ => (ord == Greater, "above"),
                };
                if ok {
                    Ok(())
                } else {
                    Err(self.fail(loud, node, check, path, || format!("{n} is not {rel} {}", num_text(*m))))
                }
            }
            Check::MaxLength(max) | Check::MinLength(max) => {
                let Value::String(s) = v else { return Ok(()) };
                let len = s.chars().count() as u64;
                let (ok, rel) = if matches!(check, Check::MaxLength(_)) { (len <= *max, "at most") } else { (len >= *max, "at least") };
                if ok {
                    Ok(())
                } else {
                    Err(self.fail(loud, node, check, path, || format!("{} has {len} characters, expected {rel} {max}", quote_str(s))))
                }
            }
            Check::Pattern(p) => {
                let Value::String(s) = v else { return Ok(()) };
                if self.matches(*p, s) {
                    return Ok(());
                }
                let pat = self.prog.patterns().get(*p as usize).map_or("", |c| c.as_ref());
                Err(self.fail(loud, node, check, path, || format!("{} does not match the pattern {}", quote_str(s), quote_str(pat))))
            }
            Check::Format(f) => {
                let Value::String(s) = v else { return Ok(()) };
                if f.is_valid(s) {
                    return Ok(());
                }
                Err(self.fail(loud, node, check, path, || format!("{} is not a valid {}", quote_str(s), f.name())))
            }
            Check::MaxItems(max) | Check::MinItems(max) => {
                let Value::Array(a) = v else { return Ok(()) };
                let len = a.len() as u64;
                let (ok, rel) = if matches!(check, Check::MaxItems(_)) { (len <= *max, "at most") } else { (len >= *max, "at least") };
                if ok {
                    Ok(())
                } else {
                    Err(self.fail(loud, node, check, path, || format!("the array has {len} items, expected {rel} {max}")))
                }
            }
            Check::UniqueItems => {
                let Value::Array(a) = v else { return Ok(()) };
                match first_duplicate(a) {
                    None => Ok(()),
                    Some((i, j)) => Err(self.fail(loud, node, check, path, || format!("items {i} and {j} are equal ({})", quote(&a[j])))),
                }
            }
            Check::MaxProperties(max) | Check::MinProperties(max) => {
                let Value::Object(o) = v else { return Ok(()) };
                let len = o.len() as u64;
                let (ok, rel) = if matches!(check, Check::MaxProperties(_)) { (len <= *max, "at most") } else { (len >= *max, "at least") };
                if ok {
                    Ok(())
                } else {
                    Err(self.fail(loud, node, check, path, || format!("the object has {len} properties, expected {rel} {max}")))
                }
            }
            Check::Required(names) => {
                let Value::Object(o) = v else { return Ok(()) };
                match names.iter().find(|n| !o.contains_key(n.as_ref())) {
                    None => Ok(()),
                    Some(n) => Err(self.fail(loud, node, check, path, || format!("the required property {} is missing", quote_str(n)))),
                }
            }
            Check::DependentRequired(deps) => {
                let Value::Object(o) = v else { return Ok(()) };
                for (name, needs) in deps.iter() {
                    if o.contains_key(name.as_ref()) {
                        if let Some(n) = needs.iter().find(|n| !o.contains_key(n.as_ref())) {
                            return Err(self.fail(loud, node, check, path, || {
                                format!("property {} requires property {}, which is missing", quote_str(name), quote_str(n))
                            }));
                        }
                    }
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// Runs the member schema of `additionalProperties` / `unevaluated*`; when it is `false`,
    /// the message names the member that should not be there.
    #[allow(clippy::too_many_arguments)]
    fn node_member(
        &mut self,
        id: NodeId,
        item: &Value,
        p: &Path,
        d: usize,
        loud: bool,
        ann: &mut Vec<bool>,
        node: &Node,
        check: &Check,
        kind: &str,
        name: &str,
    ) -> Res {
        let is_false = self.prog.nodes().get(id as usize).is_some_and(|n| n.checks.first() == Some(&Check::False));
        if is_false {
            let parent = match p {
                Path::Key(parent, _) | Path::Index(parent, _) => parent,
                Path::Root => p,
            };
            let word = check.keyword();
            return Err(self.fail(loud, node, check, parent, || format!("{kind} {} is not allowed (`{word}` is false)", quote_str(name))));
        }
        self.node(id, item, p, d, loud, ann)
    }

    fn matches(&self, p: u32, s: &str) -> bool {
        self.rt.regexes.get(p as usize).and_then(Option::as_ref).is_some_and(|re| re.is_match(s))
    }
}
