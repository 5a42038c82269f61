//! The `diagnostics` of a case against what sopkb printed: each listed
//! diagnostic (`CODE PLACE[: MESSAGE]`) is printed, and nothing else.

/// One line of `diagnostics`: `SOP004 sops/contoh.yaml:35:16`, `CFG001 -`
/// (no place), `FILE004 sops/Bad_Name.yaml:1: nama berkas` (a message
/// fragment after `: `, as a compiler prints it), `IST002*50 …` (printed
/// 50 times).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Expected {
    pub code: String,
    pub times: usize,
    /// `None`: the diagnostic points at no file (`-`).
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// A text its message must contain.
    pub message: Option<String>,
}

/// One diagnostic as the human output prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Printed {
    pub error: bool,
    pub code: String,
    pub message: String,
    /// `file:line:column` after `-->`.
    pub place: Option<String>,
    pub help: bool,
}

/// Parses one line of `diagnostics`; `{root}` in the place is replaced.
pub(crate) fn parse(line: &str, root: &str) -> Result<Expected, String> {
    let usage =
        || format!("`{line}`: `CODE PLACE[: MESSAGE]`, PLACE `file[:line[:column]]` or `-`");
    let (code, rest) = line.split_once(' ').ok_or_else(usage)?;
    let (place, message) = match rest.split_once(": ") {
        Some((place, message)) => (place, Some(message.to_owned())),
        None => (rest, None),
    };
    let (code, times) = match code.split_once('*') {
        Some((code, n)) => (code, n.parse().map_err(|_| usage())?),
        None => (code, 1),
    };
    let code_ok = code.len() >= 5 && code.bytes().all(|b| b.is_ascii_alphanumeric());
    if !code_ok || place.is_empty() || times == 0 {
        return Err(usage());
    }
    let code = code.to_owned();
    if place == "-" {
        let (file, line, column) = (None, None, None);
        return Ok(Expected {
            code,
            times,
            file,
            line,
            column,
            message,
        });
    }
    let place = place.replace("{root}", root);
    let (file, line, column) = split_place(&place);
    Ok(Expected {
        code,
        times,
        file: Some(file.to_owned()),
        line,
        column,
        message,
    })
}

/// `file[:line[:column]]`: the numbers after the last colons.
fn split_place(place: &str) -> (&str, Option<usize>, Option<usize>) {
    let mut file = place;
    let mut numbers = Vec::new();
    while numbers.len() < 2 {
        match file.rsplit_once(':') {
            Some((rest, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
                numbers.push(n.parse().expect("digits"));
                file = rest;
            }
            _ => break,
        }
    }
    numbers.reverse();
    (file, numbers.first().copied(), numbers.get(1).copied())
}

/// The diagnostics of a human output (`kesalahan[CODE]: message`, then
/// `--> file:line:column`, the snippet and `= bantuan: …`), in order.
pub(crate) fn printed(stderr: &str) -> Vec<Printed> {
    let mut out: Vec<Printed> = Vec::new();
    let mut open = false;
    for line in stderr.lines() {
        if let Some(d) = head(line) {
            out.push(d);
            open = true;
            continue;
        }
        let Some(d) = out.last_mut().filter(|_| open) else {
            continue;
        };
        let t = line.trim_start();
        if line.is_empty() {
            open = false;
        } else if let Some(place) = t.strip_prefix("--> ").filter(|_| d.place.is_none()) {
            d.place = Some(place.to_owned());
        } else if t.starts_with("= bantuan: ") || t.starts_with("= help: ") {
            d.help = true;
        }
    }
    out
}

fn head(line: &str) -> Option<Printed> {
    let (word, rest) = line.split_once('[')?;
    let error = match word {
        "kesalahan" | "error" => true,
        "peringatan" | "warning" => false,
        _ => return None,
    };
    let (code, message) = rest.split_once("]: ")?;
    Some(Printed {
        error,
        code: code.to_owned(),
        message: message.to_owned(),
        place: None,
        help: false,
    })
}

impl Expected {
    fn matches(&self, p: &Printed) -> bool {
        if p.code != self.code
            || self
                .message
                .as_ref()
                .is_some_and(|m| !p.message.contains(m.as_str()))
        {
            return false;
        }
        let Some(file) = &self.file else {
            return p.place.is_none();
        };
        let Some(place) = &p.place else {
            return false;
        };
        let (f, line, column) = split_place(place);
        f == file
            && self.line.is_none_or(|l| line == Some(l))
            && self.column.is_none_or(|c| column == Some(c))
    }
}

/// Whether `code` is an error: what its catalogue entry says
/// (`Tingkat: **kesalahan**`), which `catalogue.rs` checks against `src/`.
fn is_error(code: &str) -> Result<bool, String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/codes/").to_owned() + code + ".md";
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    if text.contains("Tingkat: **kesalahan**") {
        Ok(true)
    } else if text.contains("Tingkat: **peringatan**") {
        Ok(false)
    } else {
        Err(format!("{path}: no `Tingkat: **…**` line"))
    }
}

/// Everything printed is listed, each at its catalogue severity, and every
/// listed error has a help unless `help` is false.
pub(crate) fn check(help: bool, listed: &[Expected], printed: &[Printed]) -> Result<(), String> {
    let mut pool: Vec<&Printed> = printed.iter().collect();
    let mut problems = Vec::new();
    // The most precise first, so that a vaguer one cannot take its match.
    let mut listed: Vec<&Expected> = listed.iter().collect();
    listed.sort_by_key(|e| {
        std::cmp::Reverse((e.message.is_some(), e.column.is_some(), e.line.is_some()))
    });
    for e in listed {
        let error = is_error(&e.code)?;
        for _ in 0..e.times {
            match pool.iter().position(|p| p.error == error && e.matches(p)) {
                Some(i) => {
                    let p = pool.remove(i);
                    if error && help && !p.help {
                        problems.push(format!("{} has no help: {p:?}", e.code));
                    }
                }
                None => problems.push(format!("not printed: {e:?}")),
            }
        }
    }
    for p in pool {
        problems.push(format!("printed but not listed: {p:?}"));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}
