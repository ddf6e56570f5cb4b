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
}

impl Vocabulary {
    fn apply(&self, config: &mut events_codegen::Config) {
        for k in &self.keywords {
            config.annotation_keyword(k);
        }
        for f in &self.formats {
            config.annotation_format(f);
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
    Diff {
        /// The old contract root.
        old: PathBuf,
        /// The new contract root.
        new: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
    },
    /// Generate the bindings into a file.
    Generate {
        /// The contract root.
        contracts: PathBuf,
        /// The output file.
        #[arg(long)]
        out: PathBuf,
        /// Path of the runtime crate in the generated code.
        #[arg(long, default_value = "::events")]
        runtime: String,
        /// Do not write: fail if the file is not exactly what would be generated.
        #[arg(long)]
        check: bool,
        /// Make producing versions whose producer cutover is on or before this date (YYYY-MM-DD) a compile error.
        #[arg(long)]
        sunset_as_of: Option<String>,
        /// Emit `schemars::JsonSchema` impls behind the `schemars` cargo feature (the contracts' own schemas).
        #[arg(long)]
        schemars: bool,
        /// Make constructors and `Envelope::builder` need the producer's `produce-<producer>` cargo feature.
        #[arg(long)]
        producer_features: bool,
        #[command(flatten)]
        vocabulary: Vocabulary,
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
        Command::Diff { old, new, format } => match events_codegen::diff::diff_dirs(&old, &new) {
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
                let root = if events_codegen::Config::new(&old).generate().is_err() { &old } else { &new };
                eprint!("{}", diagnostics.locate(root).render(std::io::stderr().is_terminal()));
                ExitCode::FAILURE
            }
        },
        Command::Generate { contracts, out, runtime, check, sunset_as_of, schemars, producer_features, vocabulary } => {
            let mut config = events_codegen::Config::new(contracts);
            vocabulary.apply(&mut config);
            config.runtime_path(runtime).schemars(schemars).producer_features(producer_features);
            if let Some(date) = sunset_as_of {
                config.enforce_sunset_as_of(date);
            }
            let generated = match config.generate() {
                Ok(generated) => generated,
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
