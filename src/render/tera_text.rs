//! The only places sopkb reads Tera's error text. Tera gives the failing
//! template, its kind and the names of filters, functions and tests as
//! data (`render::theme` uses them), but two things only in its messages:
//! the line and column of a parse error (inside the pest report), and the
//! variable or block a generic (`ErrorKind::Msg`) error is about. Both
//! formats are pinned by the tests below (Tera 1.20).

/// The `line:column` of a Tera parse error, from its pest report
/// (`" --> 2:26\n  |\n2 | …"`); `None` when the message has none.
pub(crate) fn parse_position(msg: &str) -> Option<(usize, usize)> {
    let rest = msg.split("--> ").nth(1)?;
    let (line, rest) = rest.split_once(':')?;
    let col: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.trim().parse().ok()?, col.parse().ok()?))
}

/// The names a generic Tera message quotes in backticks, in order
/// (``Variable `v.x` not found in context while rendering '404.html'``,
/// ``Block `content` is duplicated``); one-character quotes are left out.
pub(crate) fn quoted_names(msg: &str) -> impl Iterator<Item = &str> {
    msg.split('`').skip(1).step_by(2).filter(|q| q.len() > 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_position_of_a_pest_report() {
        let tera = tera::Template::new(
            "t.html",
            None,
            "a\n{% block content %}{% if %}{% endblock content %}",
        )
        .expect_err("a parse error");
        let msg = tera.to_string();
        assert!(msg.starts_with(" --> 2:26\n"), "{msg:?}");
        assert_eq!(parse_position(&msg), Some((2, 26)));
        assert_eq!(parse_position(" --> 12:3\n  |"), Some((12, 3)));
        assert_eq!(parse_position("Block `content` is duplicated"), None);
        assert_eq!(parse_position(" --> x:3"), None);
    }

    #[test]
    fn reads_the_names_of_a_generic_message() {
        fn names(m: &str) -> Vec<&str> {
            quoted_names(m).collect()
        }
        assert_eq!(
            names("Variable `v.tidak_ada` not found in context while rendering '404.html'"),
            ["v.tidak_ada"]
        );
        let dup = tera::Template::new(
            "t.html",
            None,
            "{% block content %}{% endblock content %}{% block content %}{% endblock content %}",
        )
        .expect_err("a duplicated block");
        assert_eq!(dup.to_string(), "Block `content` is duplicated");
        assert_eq!(names(&dup.to_string()), ["content"]);
        let missing = tera::Tera::one_off("{{ v.x }}", &tera::Context::new(), false)
            .expect_err("a missing variable");
        let inner = std::error::Error::source(&missing)
            .expect("the cause")
            .to_string();
        assert!(
            inner.starts_with("Variable `v.x` not found in context"),
            "{inner}"
        );
        assert_eq!(names(&inner), ["v.x"]);
        assert_eq!(names("no names, `x` too short"), Vec::<&str>::new());
    }
}
