//! `events-codegen`: check a contract set, or write its bindings to a file.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Typed event bindings for Rust, from an event contract set.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    /// For people: rustc-style, each problem with its file, line, column, source line and pointer.
    Human,
    /// For machines: one JSON document with errors and warnings.
    Json,
}

/// How the schemas' own vocabulary is read (the same options as `Config`).
#[derive(clap::Args)]
struct Vocabulary {
    /// A keyword of the contract set's own to read as a pure annotation (repeatable).
    #[arg(long = "annotation-keyword", value_name = "KEYWORD")]
    keywords: Vec<String>,
    /// A `format` of the contract set's own to read as an annotation, not checked (repeatable).
    #[arg(long = "annotation-format", value_name = "FORMAT")]
    formats: Vec<String>,
    /// A `format` of the contract set's own checked by your type: `FORMAT=RUST_PATH`, the
    /// path of a type implementing `events_runtime::CustomFormat` (repeatable).
    #[arg(long = "format-type", value_name = "FORMAT=RUST_PATH", value_parser = format_type)]
    format_types: Vec<(String, String)>,
    /// Whether an unknown keyword is an error or a warning (read as an annotation).
    #[arg(long, value_enum, default_value = "error")]
    unknown_keywords: UnknownKeywords,
    /// Whether `format` is asserted or an annotation.
    #[arg(long = "formats", value_enum, default_value = "assert")]
    format_mode: Formats,
    /// The draft of a payload schema without `$schema` (else such a schema is an error).
    #[arg(long, value_enum)]
    default_draft: Option<DefaultDraft>,
    /// Identity conventions: `strict` (file names, `$id` suffix, titles, registry fields) or `loose` (a foreign set as published).
    #[arg(long, value_enum, default_value = "strict")]
    profile: Profile,
    /// An envelope property's role, as `PROPERTY=ROLE` (e.g. `id=event-id`; repeatable):
    /// the same as `"x-event-role"` in its schema.
    #[arg(long = "envelope-role", value_name = "PROPERTY=ROLE", value_parser = parse_role)]
    roles: Vec<(String, events_codegen::EnvelopeRole)>,
}

/// What the generated code looks like (the same options as `Config`), so that
/// `generate --check` can reproduce any build script.
#[derive(clap::Args)]
struct Output {
    /// Name the id type of a prefix: `PREFIX=RustName` (`Config::id_type`; repeatable).
    #[arg(long = "id-type", value_name = "PREFIX=NAME", value_parser = pair)]
    id_types: Vec<(String, String)>,
    /// Gate each contract directory's modules behind a cargo feature (`Config::contract_features`).
    #[arg(long)]
    contract_features: bool,
    /// Read enums whose description asks consumers to tolerate unknown values as strict enums (`Config::consumer_tolerance(false)`).
    #[arg(long)]
    no_consumer_tolerance: bool,
    /// Days after `deprecated_at` that producers may still produce a version with no successor date (`Config::cutover_grace_days`).
    #[arg(long, value_name = "DAYS")]
    cutover_grace_days: Option<i64>,
}

impl Output {
    fn apply(&self, config: &mut events_codegen::Config) {
        for (prefix, name) in &self.id_types {
            config.id_type(prefix, name);
        }
        config.contract_features(self.contract_features);
        config.consumer_tolerance(!self.no_consumer_tolerance);
        if let Some(days) = self.cutover_grace_days {
            config.cutover_grace_days(days);
        }
    }
}

/// `KEY=VALUE`.
fn pair(arg: &str) -> Result<(String, String), String> {
    arg.split_once('=').map(|(k, v)| (k.to_owned(), v.to_owned())).ok_or_else(|| format!("expected KEY=VALUE, found {arg:?}"))
}

/// `FORMAT=RUST_PATH`.
fn format_type(arg: &str) -> Result<(String, String), String> {
    arg.split_once('=').map(|(f, p)| (f.to_owned(), p.to_owned())).ok_or_else(|| format!("expected FORMAT=RUST_PATH, found {arg:?}"))
}

/// `Config::unknown_keywords`.
#[derive(Clone, Copy, clap::ValueEnum)]
enum UnknownKeywords {
    /// An error with a suggestion (the default).
    Error,
    /// A warning; the keyword is read as an annotation.
    Warn,
}

/// `Config::formats`.
#[derive(Clone, Copy, clap::ValueEnum)]
enum Formats {
    /// Every format is checked (the default).
    Assert,
    /// Formats are annotations (the draft 2020-12 default).
    Annotate,
}

/// `Config::default_draft`.
#[derive(Clone, Copy, clap::ValueEnum)]
enum DefaultDraft {
    /// Draft 2020-12.
    #[value(name = "2020-12")]
    Draft202012,
    /// Draft-07.
    #[value(name = "7")]
    Draft7,
}

/// `Config::profile`.
#[derive(Clone, Copy, clap::ValueEnum)]
enum Profile {
    /// Our identity conventions (the default).
    Strict,
    /// A foreign set as published.
    Loose,
}

/// `PROPERTY=ROLE`.
fn parse_role(text: &str) -> Result<(String, events_codegen::EnvelopeRole), String> {
    let (property, role) = text.split_once('=').ok_or_else(|| format!("{text:?} is not PROPERTY=ROLE"))?;
    Ok((property.to_owned(), role.parse()?))
}

impl Vocabulary {
    /// The model options these flags give, for `diff`.
    fn model_options(&self) -> events_codegen::model::ModelOptions {
        events_codegen::model::ModelOptions {
            annotation_keywords: self.keywords.iter().cloned().collect(),
            annotation_formats: self.formats.iter().cloned().collect(),
            envelope_roles: self.roles.iter().cloned().collect(),
            format_types: self.format_types.iter().cloned().collect(),
            unknown_keywords: match self.unknown_keywords {
                UnknownKeywords::Error => events_codegen::UnknownKeywords::Error,
                UnknownKeywords::Warn => events_codegen::UnknownKeywords::Warn,
            },
            formats: match self.format_mode {
                Formats::Assert => events_codegen::Formats::Assert,
                Formats::Annotate => events_codegen::Formats::Annotate,
            },
            relative_ids: matches!(self.profile, Profile::Loose),
            ..Default::default()
        }
    }

    fn apply(&self, config: &mut events_codegen::Config) {
        for k in &self.keywords {
            config.annotation_keyword(k);
        }
        for f in &self.formats {
            config.annotation_format(f);
        }
        for (format, path) in &self.format_types {
            config.format_type(format, path);
        }
        config.unknown_keywords(match self.unknown_keywords {
            UnknownKeywords::Error => events_codegen::UnknownKeywords::Error,
            UnknownKeywords::Warn => events_codegen::UnknownKeywords::Warn,
        });
        config.formats(match self.format_mode {
            Formats::Assert => events_codegen::Formats::Assert,
            Formats::Annotate => events_codegen::Formats::Annotate,
        });
        if let Some(draft) = self.default_draft {
            config.default_draft(match draft {
                DefaultDraft::Draft202012 => events_codegen::load::Draft::Draft202012,
                DefaultDraft::Draft7 => events_codegen::load::Draft::Draft7,
            });
        }
        config.profile(match self.profile {
            Profile::Strict => events_codegen::Profile::Strict,
            Profile::Loose => events_codegen::Profile::Loose,
        });
        for (property, role) in &self.roles {
            config.envelope_role(property, *role);
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Load and check a contract set; list every problem with file and JSON pointer.
    Check {
        /// The contract root (the directory holding event-types-registry.json).
        contracts: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// The date warnings compare against (YYYY-MM-DD); defaults to today (UTC).
        #[arg(long)]
        today: Option<String>,
        #[command(flatten)]
        vocabulary: Vocabulary,
    },
    /// What changed between two releases of a contract set, and whom it breaks.
    #[command(after_help = "Exit status: 0 when no change breaks producers or consumers, 3 when one does, 1 when either contract set does not load.")]
    Diff {
        /// The old contract root.
        old: PathBuf,
        /// The new contract root.
        new: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        #[command(flatten)]
        vocabulary: Vocabulary,
    },
    /// Generate the bindings into a file.
    Generate {
        /// The contract root.
        contracts: PathBuf,
        /// The output file.
        #[arg(long)]
        out: PathBuf,
        /// Path of the runtime crate (`events-runtime`) in the generated code.
        #[arg(long, default_value = "::events_runtime")]
        runtime: String,
        /// Do not write: fail if the file is not exactly what would be generated.
        #[arg(long)]
        check: bool,
        /// Make producing versions whose producer cutover is on or before this date (YYYY-MM-DD) a compile error.
        #[arg(long)]
        sunset_as_of: Option<String>,
        /// `PATH=ATTRIBUTE`: an attribute on the generated types PATH matches, as
        /// `Config::type_attribute` (repeatable). Example: `lead.created=#[derive(Default)]`.
        #[arg(long = "type-attribute", value_name = "PATH=ATTRIBUTE", value_parser = path_and_attribute)]
        type_attributes: Vec<(String, String)>,
        /// `PATH=ATTRIBUTE`: an attribute on the generated fields PATH matches, as
        /// `Config::field_attribute` (repeatable). Example: `LeadCreatedV1::person_id=#[serde(skip)]`.
        #[arg(long = "field-attribute", value_name = "PATH=ATTRIBUTE", value_parser = path_and_attribute)]
        field_attributes: Vec<(String, String)>,
        /// Emit `schemars::JsonSchema` impls behind the `schemars` cargo feature (the contracts' own schemas).
        #[arg(long)]
        schemars: bool,
        /// Make constructors and `Envelope::builder` need the producer's `produce-<producer>` cargo feature.
        #[arg(long)]
        producer_features: bool,
        /// Derive `Hash`, `PartialOrd` and `Ord` on structs and unions too, where allowed (`Config::hash_and_ord`).
        #[arg(long)]
        hash_and_ord: bool,
        #[command(flatten)]
        vocabulary: Vocabulary,
        #[command(flatten)]
        output: Output,
    },
    /// Write the event catalog: a static HTML site (index, graph, a page per event version).
    Catalog {
        /// The contract root.
        contracts: PathBuf,
        /// The output directory.
        #[arg(long)]
        out: PathBuf,
        /// An older release's contract root, to show what changed since.
        #[arg(long)]
        since: Option<PathBuf>,
    },
}

/// `PATH=ATTRIBUTE`, split at the first `=` (a path has none; an attribute may).
fn path_and_attribute(text: &str) -> Result<(String, String), String> {
    text.split_once('=').map(|(p, a)| (p.to_owned(), a.to_owned())).ok_or_else(|| format!("{text:?} is not PATH=ATTRIBUTE"))
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Check { contracts, format, today, vocabulary } => {
            let today = today.unwrap_or_else(events_codegen::check::today_utc);
            let mut config = events_codegen::Config::new(&contracts);
            vocabulary.apply(&mut config);
            let report = events_codegen::check::check_with(&config, &today);
            match format {
                Format::Human => print!("{}", report.render(std::io::stdout().is_terminal())),
                Format::Json => println!("{}", report.json()),
            }
            if report.errors.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Command::Diff { old, new, format, vocabulary } => match events_codegen::diff::diff_dirs_with(&old, &new, &vocabulary.model_options()) {
            Ok(report) => {
                match format {
                    Format::Human => print!("{report}"),
                    Format::Json => println!("{}", report.json()),
                }
                if report.has_breaking() {
                    ExitCode::from(3)
                } else {
                    ExitCode::SUCCESS
                }
            }
            Err(diagnostics) => {
                // `diff_dirs` stops at the first set that fails: the old one, else the new one.
                let mut config = events_codegen::Config::new(&old);
                vocabulary.apply(&mut config);
                let root = if config.generate().is_err() { &old } else { &new };
                eprint!("{}", diagnostics.locate(root).render(std::io::stderr().is_terminal()));
                ExitCode::FAILURE
            }
        },
        Command::Generate {
            contracts,
            out,
            runtime,
            check,
            sunset_as_of,
            type_attributes,
            field_attributes,
            schemars,
            producer_features,
            hash_and_ord,
            vocabulary,
            output,
        } => {
            let mut config = events_codegen::Config::new(contracts);
            vocabulary.apply(&mut config);
            output.apply(&mut config);
            config.schemars(schemars).producer_features(producer_features).hash_and_ord(hash_and_ord);
            for (path, attribute) in type_attributes {
                config.type_attribute(path, attribute);
            }
            for (path, attribute) in field_attributes {
                config.field_attribute(path, attribute);
            }
            config.runtime_path(runtime);
            if let Some(date) = sunset_as_of {
                config.enforce_sunset_as_of(date);
            }
            let generated = match config.generate() {
                Ok(generated) => {
                    for warning in &generated.warnings {
                        eprint!("{warning}");
                    }
                    generated
                }
                Err(diagnostics) => {
                    eprint!("{}", diagnostics.render(std::io::stderr().is_terminal()));
                    return ExitCode::FAILURE;
                }
            };
            if check {
                let current = std::fs::read_to_string(&out).unwrap_or_default();
                if current == generated.source {
                    println!("{} is up to date", out.display());
                    return ExitCode::SUCCESS;
                }
                eprintln!("{} is stale: regenerate with `events-codegen generate <contracts> --out {}`", out.display(), out.display());
                eprint!("{}", changed_lines(&current, &generated.source));
                return ExitCode::FAILURE;
            }
            match events_codegen::config_write(&out, &generated.source) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("{e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Catalog { contracts, out, since } => match events_codegen::catalog::write(&contracts, &out, since.as_deref()) {
            Ok(files) => {
                println!("wrote {} files to {}; open {}", files.len(), out.display(), out.join("index.html").display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                let text = e.to_string();
                eprintln!("{}", text.trim_end());
                ExitCode::FAILURE
            }
        },
    }
}

/// The differing middle of two texts (common leading and trailing lines cut), as
/// `-`/`+` lines with line numbers: enough to see what is stale.
fn changed_lines(old: &str, new: &str) -> String {
    let (old, new): (Vec<&str>, Vec<&str>) = (old.lines().collect(), new.lines().collect());
    let prefix = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..].iter().rev().zip(new[prefix..].iter().rev()).take_while(|(a, b)| a == b).count();
    let mut out = format!("@@ line {} @@\n", prefix + 1);
    for line in &old[prefix..old.len() - suffix] {
        out.push_str(&format!("-{line}\n"));
    }
    for line in &new[prefix..new.len() - suffix] {
        out.push_str(&format!("+{line}\n"));
    }
    out
}
