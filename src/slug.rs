//! Names in URLs: slugs for modules and lessons, ids for headings, and the
//! order that numeric prefixes (`01-`) give.

use unicode_normalization::UnicodeNormalization;

/// Lowercase ASCII letters, digits and single dashes: `Stratégie de marque`
/// → `strategie-de-marque`. Accents are dropped, ligatures spelt out, anything
/// else (punctuation, emoji) separates words. May be empty.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.nfkd() {
        let c = match c {
            'œ' | 'Œ' => {
                push_word(&mut slug, &mut dash, "oe");
                continue;
            }
            'æ' | 'Æ' => {
                push_word(&mut slug, &mut dash, "ae");
                continue;
            }
            'ß' => {
                push_word(&mut slug, &mut dash, "ss");
                continue;
            }
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            if dash && !slug.is_empty() {
                slug.push('-');
            }
            dash = false;
            slug.push(c.to_ascii_lowercase());
        } else if unicode_normalization::char::is_combining_mark(c) {
            // The accent of a decomposed letter: drop it, keep the word whole.
        } else {
            dash = true;
        }
    }
    slug
}

fn push_word(slug: &mut String, dash: &mut bool, letters: &str) {
    if *dash && !slug.is_empty() {
        slug.push('-');
    }
    *dash = false;
    slug.push_str(letters);
}

/// Splits `01-why-social` into `(Some(1), "why-social")`.
pub fn split_order_prefix(name: &str) -> (Option<u64>, &str) {
    let digits = name.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0
        && digits < 19
        && let Some(rest) = name[digits..].strip_prefix(['-', '_', ' ', '.'])
        && !rest.is_empty()
    {
        return (name[..digits].parse().ok(), rest);
    }
    (None, name)
}

/// The slug for a file or folder name: prefix dropped, then slugified.
pub fn slug_for_name(name: &str) -> String {
    slugify(split_order_prefix(name).1)
}

/// Sort key that puts `2-b` before `10-a`, and unnumbered names last.
pub fn order_key(name: &str) -> (u64, String) {
    let (number, _) = split_order_prefix(name);
    (number.unwrap_or(u64::MAX), name.to_string())
}

/// Hands out heading ids that are unique within one page: a second
/// `Exemples` becomes `exemples-1`.
#[derive(Default)]
pub struct HeadingIds {
    used: std::collections::HashSet<String>,
}

impl HeadingIds {
    pub fn unique(&mut self, text: &str) -> String {
        let base = match slugify(text) {
            s if s.is_empty() => "section".to_string(),
            s => s,
        };
        self.claim(base)
    }

    /// Claims an id chosen by the author (`{#id}`), or a variant if taken.
    pub fn claim(&mut self, base: String) -> String {
        let mut id = base.clone();
        let mut n = 1;
        while !self.used.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_accent_free_and_dashed() {
        assert_eq!(slugify("Stratégie"), "strategie");
        assert_eq!(
            slugify("Stratégie de marque : l'œil du client !"),
            "strategie-de-marque-l-oeil-du-client"
        );
        assert_eq!(slugify("  Été 2020 🚀 crise "), "ete-2020-crise");
        assert_eq!(slugify("🚀"), "");
    }

    #[test]
    fn numeric_prefix_orders_and_is_dropped() {
        assert_eq!(split_order_prefix("01-why-social"), (Some(1), "why-social"));
        assert_eq!(split_order_prefix("2020-crisis"), (Some(2020), "crisis"));
        assert_eq!(split_order_prefix("42"), (None, "42"));
        assert_eq!(slug_for_name("03-Crise & réponse"), "crise-reponse");
        let mut names = vec!["10-a", "2-b", "intro", "1-c"];
        names.sort_by_key(|n| order_key(n));
        assert_eq!(names, ["1-c", "2-b", "10-a", "intro"]);
    }

    #[test]
    fn repeated_headings_get_distinct_ids() {
        let mut ids = HeadingIds::default();
        assert_eq!(ids.unique("Exemples"), "exemples");
        assert_eq!(ids.unique("Exemples"), "exemples-1");
        assert_eq!(ids.unique("Exemples"), "exemples-2");
        assert_eq!(ids.unique("!!!"), "section");
    }
}
