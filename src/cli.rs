//! Command line: one clap struct per command; `run` maps outcomes to the
//! documented exit codes (0 ok, 1 content errors, 2 failure).

use crate::diag::{self, Lang};
use crate::pipeline::{self, BuildError, BuildOptions};
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "sopkb",
    version,
    about = "Situs pengetahuan SOP Kerja Sama Daerah / Knowledge base for regional cooperation SOPs"
)]
pub struct Cli {
    /// Project folder (default: the nearest folder upwards holding sopkb.toml).
    #[arg(long, global = true)]
    pub root: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build the site into public/ (or --out), atomically.
    Build(BuildArgs),
    /// Load and validate everything; print every diagnostic.
    Check(CheckArgs),
    /// Print the JSON Schema of SOP files.
    #[command(hide = true)]
    Schema,
}

#[derive(clap::Args, Debug)]
pub struct BuildArgs {
    /// Output folder (default: <root>/public).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Base URL, e.g. https://example.go.id/kb/ or /kb/.
    #[arg(long)]
    pub base_url: Option<String>,
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

/// Exit codes, as documented in the README.
pub const EXIT_OK: u8 = 0;
pub const EXIT_CONTENT: u8 = 1;
pub const EXIT_FAILURE: u8 = 2;

pub fn run(cli: Cli) -> u8 {
    let root = match &cli.root {
        Some(r) if !r.is_dir() => {
            eprintln!(
                "sopkb: --root {}: folder tidak ada / no such folder",
                r.display()
            );
            return EXIT_FAILURE;
        }
        Some(r) => r.clone(),
        None => {
            let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
            crate::load::find_root(&cwd).unwrap_or(cwd)
        }
    };
    match cli.command {
        Command::Schema => {
            print!("{}", crate::schema::sop_schema());
            EXIT_OK
        }
        Command::Check(args) => check(&root, args.format),
        Command::Build(args) => build(root, args),
    }
}

fn env_lang(default: Lang) -> Lang {
    match std::env::var("SOPKB_LANG").as_deref() {
        Ok("en") => Lang::En,
        Ok("id") => Lang::Id,
        _ => default,
    }
}

fn check(root: &std::path::Path, format: Format) -> u8 {
    let checked = match pipeline::check(root) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("sopkb: {e}");
            return EXIT_FAILURE;
        }
    };
    let lang = env_lang(checked.lang());
    match format {
        Format::Human => eprint!(
            "{}",
            diag::render_human(&checked.diags, &checked.sources, lang)
        ),
        Format::Json => print!(
            "{}",
            diag::render_json(&checked.diags, &checked.sources, lang)
        ),
    }
    if checked.has_errors() {
        EXIT_CONTENT
    } else {
        EXIT_OK
    }
}

fn build(root: PathBuf, args: BuildArgs) -> u8 {
    let opts = BuildOptions {
        root,
        out: args.out,
        base_url: args.base_url,
    };
    match pipeline::build(&opts) {
        Ok(report) => {
            let c = &report.checked;
            let lang = env_lang(c.lang());
            if !c.diags.is_empty() {
                eprint!("{}", diag::render_human(&c.diags, &c.sources, lang));
            }
            let msg = match lang {
                Lang::Id => format!(
                    "selesai: {} SOP, {} berkas ditulis ke {}",
                    c.site.sops.len(),
                    report.files,
                    report.out.display()
                ),
                Lang::En => format!(
                    "done: {} SOPs, {} files written to {}",
                    c.site.sops.len(),
                    report.files,
                    report.out.display()
                ),
            };
            eprintln!("{msg}");
            EXIT_OK
        }
        Err(BuildError::Content(c)) => {
            let lang = env_lang(c.lang());
            eprint!("{}", diag::render_human(&c.diags, &c.sources, lang));
            let msg = match lang {
                Lang::Id => "build dibatalkan: situs sebelumnya tidak diubah",
                Lang::En => "build aborted: the previous site is unchanged",
            };
            eprintln!("{msg}");
            EXIT_CONTENT
        }
        Err(BuildError::Failure(e)) => {
            eprintln!("sopkb: {e}");
            EXIT_FAILURE
        }
    }
}
