//! Names in URLs: slugs for modules and lessons, ids for headings, and the
//! order that numeric prefixes (`01-`) give.

use unicode_normalization::UnicodeNormalization;

/// Lowercase ASCII letters, digits and single dashes: `Stratégie de marque`
/// → `strategie-de-marque`. Compatibility forms are decomposed first (`ﬁ` →
/// `fi`, full-width letters to ASCII), then each character is folded by the
/// rule of [`crate::fold`] (accents dropped, `œ` spelt `oe`); anything that
/// is then not an ASCII letter or digit (punctuation, emoji, `ø`) separates
/// words. May be empty.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.nfkd() {
        crate::fold::fold_char(c, |c| {
            if c.is_ascii_alphanumeric() {
                if dash && !slug.is_empty() {
                    slug.push('-');
                }
                dash = false;
                slug.push(c);
            } else {
                dash = true;
            }
        });
    }
    slug
}

/// Splits `01-why-social` into `(Some(1), "why-social")`.
pub(crate) fn split_order_prefix(name: &str) -> (Option<u64>, &str) {
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
pub(crate) fn order_key(name: &str) -> (u64, String) {
    let (number, _) = split_order_prefix(name);
    (number.unwrap_or(u64::MAX), name.to_string())
}

/// The element ids of the page around a lesson (the theme's `notices`,
/// `content`…): no heading may take one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageIds {
    pub exact: std::collections::HashSet<String>,
    /// Beginnings of ids that scripts number (`search-option-3`).
    pub prefixes: Vec<String>,
}

impl PageIds {
    pub fn contains(&self, id: &str) -> bool {
        self.exact.contains(id) || self.prefixes.iter().any(|p| id.starts_with(p.as_str()))
    }
}

/// Hands out heading ids that are unique within one page: a second
/// `Exemples` becomes `exemples-1`. The ids of the page around the lesson
/// are reserved, so that a heading never takes one.
#[derive(Default)]
pub struct HeadingIds<'a> {
    reserved: Option<&'a PageIds>,
    used: std::collections::HashSet<String>,
    /// For each id asked for, the suffix to try next: a lesson of many
    /// headings with one text costs one try per heading, not one per
    /// earlier heading.
    next_suffix: std::collections::HashMap<String, usize>,
    /// How many ids were tried, for the tests of how the work grows.
    tries: usize,
}

impl<'a> HeadingIds<'a> {
    /// Starts with the ids of `page` taken.
    pub(crate) fn reserving(page: &'a PageIds) -> HeadingIds<'a> {
        HeadingIds {
            reserved: Some(page),
            ..HeadingIds::default()
        }
    }

    /// Whether the page around the lesson uses `id`.
    pub(crate) fn is_reserved(&self, id: &str) -> bool {
        self.reserved.is_some_and(|page| page.contains(id))
    }

    pub fn unique(&mut self, text: &str) -> String {
        let base = match slugify(text) {
            s if s.is_empty() => "section".to_string(),
            s => s,
        };
        self.claim(base)
    }

    /// Claims an id chosen by the author (`{#id}`), or a variant if taken.
    pub(crate) fn claim(&mut self, base: String) -> String {
        // No suffix takes an id out of a numbered family (`search-option-`).
        let base = match self.reserved {
            Some(page) if page.prefixes.iter().any(|p| base.starts_with(p.as_str())) => {
                format!("h-{base}")
            }
            _ => base,
        };
        self.tries += 1;
        if !self.is_reserved(&base) && self.used.insert(base.clone()) {
            return base;
        }
        let reserved = self.reserved;
        let n = self.next_suffix.entry(base.clone()).or_insert(1);
        loop {
            self.tries += 1;
            let id = format!("{base}-{n}");
            *n += 1;
            if !reserved.is_some_and(|page| page.contains(&id)) && self.used.insert(id.clone()) {
                return id;
            }
        }
    }

    /// How many ids were tried so far.
    #[cfg(test)]
    pub(crate) fn tries(&self) -> usize {
        self.tries
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

    #[test]
    fn ids_taken_by_an_earlier_variant_are_skipped() {
        let mut ids = HeadingIds::default();
        assert_eq!(ids.claim("a-1".into()), "a-1");
        assert_eq!(ids.claim("a".into()), "a");
        assert_eq!(ids.claim("a".into()), "a-2");
        let page = PageIds {
            exact: ["notices".to_string()].into(),
            prefixes: vec!["search-option-".into()],
        };
        let mut ids = HeadingIds::reserving(&page);
        assert_eq!(ids.unique("Notices"), "notices-1");
        assert_eq!(ids.claim("notices".into()), "notices-2");
        assert_eq!(ids.unique("Search option 1"), "h-search-option-1");
    }

    #[test]
    fn many_headings_with_one_text_cost_one_try_each() {
        // Counted, not timed: each heading tries a bounded number of ids,
        // however many came before it with the same text.
        let mut ids = HeadingIds::default();
        for _ in 0..20_000 {
            ids.unique("Same");
        }
        assert!(ids.tries() <= 2 * 20_000, "{} tries", ids.tries());
        // Variants already taken by explicit ids are skipped once.
        let mut ids = HeadingIds::default();
        for n in 1..=1_000 {
            ids.claim(format!("same-{n}"));
        }
        for _ in 0..2_000 {
            ids.unique("Same");
        }
        assert!(
            ids.tries() <= 1_000 + 2 * 2_000 + 1_000,
            "{} tries",
            ids.tries()
        );
    }
}
