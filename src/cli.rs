//! Command line: one clap struct per command; `run` maps outcomes to the
//! documented exit codes (0 ok, 1 content errors, 2 failure).

use crate::console::{err, errln, out, outln};
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
    pub(crate) root: Option<PathBuf>,
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Subcommand, Debug)]
pub(crate) enum Command {
    /// Build the site into public/ (or --out), atomically.
    Build(BuildArgs),
    /// Load and validate everything; print every diagnostic.
    Check(CheckArgs),
    /// Print the JSON Schema of SOP files.
    #[command(hide = true)]
    Schema,
    /// Query the search index of a built site (the files the browser loads).
    Search(SearchArgs),
    /// Import registry entries from a spreadsheet export (CSV).
    Import(ImportArgs),
    /// Build, serve on 127.0.0.1, rebuild on change, reload the browser.
    Serve(ServeArgs),
    /// Write a valid, commented skeleton of a new content file.
    New(NewArgs),
    /// Explain a diagnostic code (e.g. SOP004): what it means, an example, the fix.
    Explain(ExplainArgs),
}

#[derive(clap::Args, Debug)]
pub(crate) struct ExplainArgs {
    /// The code, in any case (sop004); without it, every code is listed.
    code: Option<String>,
    /// Language of the text (default: SOPKB_LANG, else id); all: both.
    #[arg(long, value_enum)]
    lang: Option<diag::catalogue::Part>,
}

#[derive(clap::Args, Debug)]
pub(crate) struct ServeArgs {
    /// Port (0: any free port; the address is printed on stderr).
    #[arg(long, default_value_t = 1111)]
    pub(crate) port: u16,
    /// Address to listen on; anything but loopback exposes the preview.
    #[arg(long, default_value = "127.0.0.1")]
    pub(crate) bind: std::net::IpAddr,
    /// Also keep a copy of the site in this folder (default: memory only).
    #[arg(long)]
    pub(crate) out: Option<PathBuf>,
    /// Let --out be a non-empty folder sopkb did not write; its files are kept.
    #[arg(long, requires = "out")]
    pub(crate) force: bool,
}

#[derive(clap::Args, Debug)]
pub(crate) struct NewArgs {
    #[arg(value_enum)]
    pub(crate) kind: crate::new::Kind,
    /// The id: lower-case letters, digits and `-`, e.g. magetan-penawaran.
    pub(crate) name: String,
}

#[derive(clap::Args, Debug)]
pub(crate) struct ImportArgs {
    /// What to import.
    #[arg(value_enum)]
    pub(crate) what: ImportWhat,
    /// The CSV file (comma or semicolon separated, UTF-8 with or without BOM).
    pub(crate) file: PathBuf,
    /// Overwrite entries that already exist.
    #[arg(long)]
    pub(crate) force: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(crate) enum ImportWhat {
    /// Cooperation registry entries (content/kerja-sama/).
    KerjaSama,
}

#[derive(clap::Args, Debug)]
pub(crate) struct SearchArgs {
    /// The built site (default: <root>/public).
    #[arg(long)]
    pub(crate) site: Option<PathBuf>,
    /// Print {"hits":[...]} as JSON.
    #[arg(long)]
    pub(crate) json: bool,
    /// Maximum number of hits.
    #[arg(long, default_value_t = 10)]
    pub(crate) limit: usize,
    /// Only these kinds: langkah, sop, dasar-hukum, templat, kerja-sama, pengetahuan, istilah.
    #[arg(long = "jenis", alias = "kind", value_parser = crate::search::cmd::parse_kind)]
    pub(crate) jenis: Vec<sopkb_search::Kind>,
    /// Print chunks and bytes read to stderr.
    #[arg(long)]
    pub(crate) stats: bool,
    /// The query: words, "quoted phrases", jenis:KIND.
    #[arg(required = true, num_args = 1..)]
    pub(crate) query: Vec<String>,
}

#[derive(clap::Args, Debug)]
pub(crate) struct BuildArgs {
    /// Output folder (default: <root>/public).
    #[arg(long)]
    pub(crate) out: Option<PathBuf>,
    /// Base URL, e.g. https://example.go.id/kb/ or /kb/.
    #[arg(long)]
    pub(crate) base_url: Option<String>,
    /// Write into a non-empty output folder sopkb did not write; its files
    /// are kept, never deleted or overwritten.
    #[arg(long)]
    pub(crate) force: bool,
}

#[derive(clap::Args, Debug)]
pub(crate) struct CheckArgs {
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub(crate) format: Format,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(crate) enum Format {
    Human,
    Json,
}

/// Exit codes (defined in `crate::exit`), re-exported for `main`.
pub use crate::exit::FAILURE as EXIT_FAILURE;
pub(crate) use crate::exit::{CONTENT as EXIT_CONTENT, OK as EXIT_OK};

pub fn run(cli: Cli) -> u8 {
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
        Command::Schema => {
            out!("{}", crate::schema::sop_schema());
            EXIT_OK
        }
        Command::Check(args) => check(&root, args.format),
        Command::Build(args) => build(root, args),
        Command::Search(args) => search(&root, args),
        Command::Import(args) => match args.what {
            ImportWhat::KerjaSama => crate::import::run_import(&root, &args.file, args.force),
        },
        Command::Serve(args) => serve(root, args),
        Command::New(args) => new_file(&root, args),
        Command::Explain(args) => explain(args),
    }
}

fn serve(root: PathBuf, args: ServeArgs) -> u8 {
    let lang = match std::env::var("SOPKB_LANG").as_deref() {
        Ok("en") => Some(Lang::En),
        Ok("id") => Some(Lang::Id),
        _ => None,
    };
    let opts = crate::serve::ServeOptions {
        root,
        bind: args.bind,
        port: args.port,
        out: args.out,
        force: args.force,
        lang,
    };
    match crate::serve::run(opts) {
        Ok(()) => EXIT_OK,
        Err(crate::serve::ServeError::Output(e)) => {
            errln!("sopkb: {}", e.message(lang.unwrap_or(Lang::Id)));
            e.exit_code()
        }
        Err(crate::serve::ServeError::Other(e)) => {
            errln!("sopkb: {e}");
            EXIT_FAILURE
        }
    }
}

fn new_file(root: &std::path::Path, args: NewArgs) -> u8 {
    use crate::new::NewError;
    let lang = env_lang(Lang::Id);
    match crate::new::create(root, args.kind, &args.name) {
        Ok(rel) => {
            outln!("{}", rel.display());
            let msg = match lang {
                Lang::Id => "ditulis; isi lalu periksa dengan `sopkb check`",
                Lang::En => "written; fill it in, then run `sopkb check`",
            };
            errln!("sopkb: {}: {msg}", rel.display());
            EXIT_OK
        }
        Err(NewError::Name(text)) => {
            errln!("sopkb: {}", text.get(lang));
            EXIT_FAILURE
        }
        Err(NewError::Exists(rel)) => {
            let msg = match lang {
                Lang::Id => "sudah ada; tidak ditimpa",
                Lang::En => "exists already; not overwritten",
            };
            errln!("sopkb: {}: {msg}", rel.display());
            EXIT_FAILURE
        }
        Err(NewError::Io(e)) => {
            errln!("sopkb: {e}");
            EXIT_FAILURE
        }
    }
}

/// `sopkb explain [CODE]`: the catalogue entry (docs/codes/) on stdout;
/// an unknown code is a refused command (exit 2).
fn explain(args: ExplainArgs) -> u8 {
    use diag::catalogue::Part;
    let part = args.lang.unwrap_or(match env_lang(Lang::Id) {
        Lang::Id => Part::Id,
        Lang::En => Part::En,
    });
    match diag::catalogue::explain(args.code.as_deref(), part) {
        Ok(text) => {
            out!("{text}");
            EXIT_OK
        }
        Err(msg) => {
            errln!("sopkb: {msg}");
            EXIT_FAILURE
        }
    }
}

fn search(root: &std::path::Path, args: SearchArgs) -> u8 {
    let opts = crate::search::cmd::SearchOptions {
        site: args.site.unwrap_or_else(|| root.join("public")),
        query: args.query.join(" "),
        kinds: args.jenis,
        limit: args.limit,
        json: args.json,
        stats: args.stats,
    };
    match crate::search::cmd::run(&opts, env_lang(Lang::Id)) {
        Ok(out) => {
            out!("{}", out.stdout);
            err!("{}", out.stderr);
            EXIT_OK
        }
        Err(e) => {
            errln!("sopkb: {e}");
            EXIT_FAILURE
        }
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
            errln!("sopkb: {e}");
            return EXIT_FAILURE;
        }
    };
    let lang = env_lang(checked.lang());
    match format {
        Format::Human => err!(
            "{}",
            diag::render_human(&checked.diags, &checked.sources, lang)
        ),
        Format::Json => out!(
            "{}",
            diag::render_json(&checked.diags, &checked.sources, lang)
        ),
    }
    if let Format::Human = format {
        err!("{}", diag::catalogue::hint(&checked.diags, lang));
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
        force: args.force,
    };
    match pipeline::build(&opts) {
        Ok(report) => {
            let c = &report.checked;
            let lang = env_lang(c.lang());
            if !c.diags.is_empty() {
                err!("{}", diag::render_human(&c.diags, &c.sources, lang));
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
            errln!("{msg}");
            EXIT_OK
        }
        Err(BuildError::Content(c)) => {
            let lang = env_lang(c.lang());
            err!("{}", diag::render_human(&c.diags, &c.sources, lang));
            let msg = match lang {
                Lang::Id => "build dibatalkan: situs sebelumnya tidak diubah",
                Lang::En => "build aborted: the previous site is unchanged",
            };
            errln!("{msg}");
            err!("{}", diag::catalogue::hint(&c.diags, lang));
            EXIT_CONTENT
        }
        Err(BuildError::Failure(e)) => {
            errln!("sopkb: {e}");
            EXIT_FAILURE
        }
        Err(BuildError::Output(e)) => {
            errln!("sopkb: {}", e.message(env_lang(Lang::Id)));
            e.exit_code()
        }
    }
}
