//! `schemars` support (cargo feature `schemars`): the generated `JsonSchema` impls hand
//! out the contract's own schema, bundled at generation time (every `$ref` is
//! `#/$defs/<name>` of the bundle's top-level `$defs`). Here the bundle's definitions move
//! to the generator's definitions (named `<type>.<name>`, so two types' `$defs` never
//! clash) and each `$ref` follows them, wherever the generator keeps definitions
//! (`#/$defs`, OpenAPI's `#/components/schemas`, …).

use schemars::{Schema, SchemaGenerator};
use serde_json::{Map, Value};

/// Keywords whose value is a schema.
const ONE: &[&str] = &["items", "additionalProperties", "unevaluatedItems", "unevaluatedProperties", "contains", "propertyNames", "not", "if", "then", "else"];
/// Keywords whose value is an object of schemas.
const MAP: &[&str] = &["properties", "patternProperties", "dependentSchemas"];
/// Keywords whose value is an array of schemas.
const LIST: &[&str] = &["allOf", "anyOf", "oneOf", "prefixItems"];

/// The schema of the generated type `name` from its bundled contract schema `bundle`; its
/// definitions are added to `generator`'s.
///
/// # Panics
/// When `bundle` is not a JSON object: the generator writes every bundle as one, so this
/// is a bug in the generated code, not a matter of input.
pub fn contract_schema(generator: &mut SchemaGenerator, name: &str, bundle: &str) -> Schema {
    let Ok(Value::Object(mut root)) = serde_json::from_str::<Value>(bundle) else {
        panic!("the bundled schema of {name} is not a JSON object: a bug in events-codegen")
    };
    let path = generator.settings().definitions_path.to_string();
    let path = path.strip_prefix('#').unwrap_or(&path);
    let prefix = format!("#{}/{name}.", path.strip_suffix('/').unwrap_or(path));
    let defs = match root.remove("$defs") {
        Some(Value::Object(defs)) => defs,
        _ => Map::new(),
    };
    for (def, mut schema) in defs {
        retarget(&mut schema, &prefix);
        generator.definitions_mut().entry(format!("{name}.{def}")).or_insert(schema);
    }
    let mut root = Value::Object(root);
    retarget(&mut root, &prefix);
    Schema::try_from(root).unwrap_or_default()
}

/// Points every `$ref` of `schema` (`#/$defs/<def>`) at `<prefix><def>`, visiting schema
/// positions only: `const`, `enum`, `examples` and other data are left as written.
fn retarget(schema: &mut Value, prefix: &str) {
    let Value::Object(obj) = schema else { return };
    for (key, value) in obj.iter_mut() {
        match key.as_str() {
            "$ref" => {
                if let Some(def) = value.as_str().and_then(|r| r.strip_prefix("#/$defs/")) {
                    *value = Value::String(format!("{prefix}{def}"));
                }
            }
            k if ONE.contains(&k) => retarget(value, prefix),
            k if LIST.contains(&k) => value.as_array_mut().into_iter().flatten().for_each(|s| retarget(s, prefix)),
            k if MAP.contains(&k) => value.as_object_mut().into_iter().flat_map(|m| m.values_mut()).for_each(|s| retarget(s, prefix)),
            _ => {}
        }
    }
}

/// The schema of `Envelope<P>`: the envelope contract (`envelope`, a reference to it) with
/// its event-type and schema-version properties (named by the first two of `names`) fixed
/// to `P`'s, and its payload property (the third) matching `payload`.
pub fn envelope_schema(envelope: Schema, [type_name, version_name, payload_name]: [&str; 3], event_type: &str, version: u32, payload: Schema) -> Schema {
    let mut properties = Map::new();
    properties.insert(type_name.into(), Value::Object(Map::from_iter([("const".to_owned(), Value::from(event_type))])));
    properties.insert(version_name.into(), Value::Object(Map::from_iter([("const".to_owned(), Value::from(version))])));
    properties.insert(payload_name.into(), payload.to_value());
    let mut schema = Map::new();
    schema.insert("allOf".into(), Value::Array(vec![envelope.to_value()]));
    schema.insert("properties".into(), Value::Object(properties));
    Schema::from(schema)
}

/// `{"oneOf": branches}`.
pub fn one_of(branches: Vec<Schema>) -> Schema {
    Schema::from(Map::from_iter([("oneOf".to_owned(), Value::Array(branches.into_iter().map(Schema::to_value).collect()))]))
}

/// `impl JsonSchema for $ty`: the contract schema `$bundle`, named `$name`.
#[doc(hidden)]
#[macro_export]
macro_rules! __contract_json_schema {
    ($ty:ty, $name:literal, $bundle:literal) => {
        impl $crate::__private::schemars::JsonSchema for $ty {
            fn schema_name() -> $crate::__private::Cow<'static, str> {
                $crate::__private::Cow::Borrowed($name)
            }

            fn schema_id() -> $crate::__private::Cow<'static, str> {
                $crate::__private::Cow::Borrowed(concat!(module_path!(), "::", $name))
            }

            fn json_schema(generator: &mut $crate::__private::schemars::SchemaGenerator) -> $crate::__private::schemars::Schema {
                $crate::__private::contract_schema(generator, $name, $bundle)
            }
        }
    };
}

/// `impl JsonSchema for $envelope<P>` over the envelope contract `$bundle` (held by a
/// private type, so it is one definition however many payload types are used).
#[doc(hidden)]
#[macro_export]
macro_rules! __envelope_json_schema {
    ($envelope:ident, $payload:path, $bundle:literal, [$type_name:literal, $version_name:literal, $payload_name:literal]) => {
        /// The envelope contract alone.
        struct EnvelopeContract;

        impl $crate::__private::schemars::JsonSchema for EnvelopeContract {
            fn schema_name() -> $crate::__private::Cow<'static, str> {
                $crate::__private::Cow::Borrowed("EventEnvelope")
            }

            fn schema_id() -> $crate::__private::Cow<'static, str> {
                $crate::__private::Cow::Borrowed(concat!(module_path!(), "::EventEnvelope"))
            }

            fn json_schema(generator: &mut $crate::__private::schemars::SchemaGenerator) -> $crate::__private::schemars::Schema {
                $crate::__private::contract_schema(generator, "EventEnvelope", $bundle)
            }
        }

        impl<P: $payload + $crate::__private::schemars::JsonSchema> $crate::__private::schemars::JsonSchema for $envelope<P> {
            fn schema_name() -> $crate::__private::Cow<'static, str> {
                $crate::__private::Cow::Owned(format!("Envelope_{}", P::schema_name()))
            }

            fn schema_id() -> $crate::__private::Cow<'static, str> {
                $crate::__private::Cow::Owned(format!("{}::Envelope<{}>", module_path!(), P::schema_id()))
            }

            fn json_schema(generator: &mut $crate::__private::schemars::SchemaGenerator) -> $crate::__private::schemars::Schema {
                let envelope = generator.subschema_for::<EnvelopeContract>();
                let payload = generator.subschema_for::<P>();
                $crate::__private::envelope_schema(
                    envelope,
                    [$type_name, $version_name, $payload_name],
                    <P as $payload>::EVENT_TYPE,
                    <P as $payload>::SCHEMA_VERSION,
                    payload,
                )
            }
        }
    };
}
