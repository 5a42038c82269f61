//! Command line: one clap struct per command; `run` maps outcomes to the
//! documented exit codes (0 ok, 1 content errors, 2 failure). Each command
//! is one file over the library (`build.rs`, `check.rs`, ...).

mod build;
mod check;
mod completions;
mod explain;
mod import;
mod init;
mod man;
mod new;
mod schema;
pub mod search;
mod serve;
mod theme;
mod warnings;

use crate::console::errln;
use clap::{Parser, Subcommand};
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
    pub(crate) root: Option<PathBuf>,
    /// Colours on stderr: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    pub(crate) color: ColorWhen,
    /// Print each stage's time and memory (as SOPKB_TIMINGS=1 does).
    #[arg(long, short = 'v', global = true)]
    pub(crate) verbose: bool,
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Subcommand, Debug)]
pub(crate) enum Command {
    /// Create a new project (example SOP, legal basis, article, template) in DIR.
    Init(init::InitArgs),
    /// Build the site into public/ (or --out), atomically.
    Build(build::BuildArgs),
    /// Load and validate everything; print every diagnostic.
    Check(check::CheckArgs),
    /// Print the JSON Schema of a content kind, or write them all with --out.
    Schema(schema::SchemaArgs),
    /// Query the search index of a built site (the files the browser loads).
    Search(search::SearchArgs),
    /// Import registry entries from a spreadsheet export (CSV).
    Import(import::ImportArgs),
    /// Build, serve on 127.0.0.1, rebuild on change, reload the browser.
    Serve(serve::ServeArgs),
    /// Write a valid, commented skeleton of a new content file.
    New(new::NewArgs),
    /// Explain a diagnostic code (e.g. SOP004): what it means, an example, the fix.
    Explain(explain::ExplainArgs),
    /// Print the shell completion script (bash, zsh, fish, powershell, elvish).
    Completions(completions::CompletionsArgs),
    /// Print the man page (roff), or write one page per command with --out.
    Man(man::ManArgs),
    /// Theme tools: `theme export DIR` writes the built-in theme to start from.
    Theme(theme::ThemeArgs),
}

/// `--color`: clap's own choices, so `sopkb --color never` colours neither
/// its help nor its diagnostics.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ColorWhen {
    Auto,
    Always,
    Never,
}

impl ColorWhen {
    fn choice(self) -> anstream::ColorChoice {
        match self {
            ColorWhen::Auto => anstream::ColorChoice::Auto,
            ColorWhen::Always => anstream::ColorChoice::Always,
            ColorWhen::Never => anstream::ColorChoice::Never,
        }
    }
}

/// Exit codes (defined in `crate::exit`), re-exported for `main`.
pub use crate::exit::FAILURE as EXIT_FAILURE;
use crate::exit::{CONTENT as EXIT_CONTENT, OK as EXIT_OK};

pub fn run(cli: Cli) -> u8 {
    crate::console::set_color(cli.color.choice());
    if cli.verbose {
        crate::timings::set_verbose();
    }
    let root = match &cli.root {
        Some(r) if !r.is_dir() => {
            errln!(
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
        Command::Schema(args) => schema::run(args),
        Command::Check(args) => check::run(&root, args),
        Command::Build(args) => build::run(root, args, cli.verbose),
        Command::Search(args) => search::run(&root, args),
        Command::Import(args) => import::run(&root, args),
        Command::Serve(args) => serve::run(root, args),
        Command::New(args) => new::run(&root, args),
        Command::Explain(args) => explain::run(args),
        Command::Init(args) => init::run(cli.root, args),
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => man::run(args),
        Command::Theme(args) => theme::run(&root, args),
    }
}
