//! YAML paths as messages show them. Code addresses values by serde-like
//! paths counted from 0 (`langkah[1].waktu`); editors count rows from 1 as
//! the printed form does, so a message says `` `langkah` ke-2 › `waktu` ``
//! (English `` `langkah` #2 › `waktu` ``).

use super::Text;

/// `path` (`a[1].b`) as users read it, positions counted from 1.
pub(crate) fn shown(path: &str) -> Text {
    let (mut id, mut en) = (String::new(), String::new());
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, indexes) = part.split_once('[').unwrap_or((part, ""));
        if !key.is_empty() {
            for out in [&mut id, &mut en] {
                if !out.is_empty() {
                    out.push_str(" › ");
                }
                out.push_str(&format!("`{key}`"));
            }
        }
        for index in indexes.split('[').map(|i| i.trim_end_matches(']')) {
            let Ok(i) = index.parse::<usize>() else {
                continue;
            };
            let no = i.saturating_add(1);
            for (out, text) in [(&mut id, format!("ke-{no}")), (&mut en, format!("#{no}"))] {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&text);
            }
        }
    }
    Text::new(id, en)
}

#[cfg(test)]
mod tests {
    use super::shown;

    #[test]
    fn positions_are_counted_from_one_as_on_the_form() {
        let p = shown("langkah[1].waktu");
        assert_eq!(p.id, "`langkah` ke-2 › `waktu`");
        assert_eq!(p.en, "`langkah` #2 › `waktu`");
        assert_eq!(shown("para_pihak[0]").id, "`para_pihak` ke-1");
        assert_eq!(shown("tahun").en, "`tahun`");
        assert_eq!(shown("").id, "");
        assert_eq!(shown("[2][0]").en, "#3 #1");
    }
}
