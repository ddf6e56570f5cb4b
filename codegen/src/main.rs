//! `events-codegen`: check a contract set, or write its bindings to a file.

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

#[derive(Subcommand)]
enum Command {
    /// Load and check a contract set; list every problem with file and JSON pointer.
    Check {
        /// The contract root (the directory holding event-types-registry.json).
        contracts: PathBuf,
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
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Check { contracts } => match events_codegen::Config::new(contracts).generate() {
            Ok(generated) => {
                println!("ok: {} input files, no problems", generated.inputs.len());
                ExitCode::SUCCESS
            }
            Err(diagnostics) => {
                eprint!("{diagnostics}");
                ExitCode::FAILURE
            }
        },
        Command::Generate { contracts, out, runtime, check } => {
            let generated = match events_codegen::Config::new(contracts).runtime_path(runtime).generate() {
                Ok(generated) => generated,
                Err(diagnostics) => {
                    eprint!("{diagnostics}");
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
    }
}
