//! What the look puts in the site: `assets/look.css`, which sets the
//! default theme's custom properties (colours, fonts, radius, logo), and
//! the values every template gets as `look` (logo, favicon, sharing
//! metadata, the browser's theme colour).

use std::fmt::Write;

use serde::Serialize;

use super::Look;
use super::palette::{Role, Scheme};

/// Where the look's style sheet goes in the site.
pub(crate) const STYLE_SHEET: &str = "assets/look.css";

/// The theme's own primary fill, light and dark (style.css's `--primary`),
/// for the theme colour of a course without `colors:`.
const DEFAULT_THEME_COLOR: (&str, &str) = ("#1a5fb4", "#8ab8ff");

/// The system fonts that follow a brand font, and stand in for it until it
/// has loaded (the same stack as style.css's `--font`).
const SYSTEM_FONTS: &str =
    "system-ui, -apple-system, \"Segoe UI\", Roboto, \"Helvetica Neue\", Arial, sans-serif";

/// `assets/look.css` for `look`, loaded after style.css; `None` when the
/// look changes nothing the style sheet holds.
pub(crate) fn style_sheet(look: &Look) -> Option<String> {
    let mut css = String::from(
        "/* The organisation's look, made by brandcamp from brand.yaml's `look:`.\n   Loaded after style.css, whose custom properties it sets. */\n",
    );
    // Relative to the style sheet, which sits in `assets/`.
    let site_url_in_assets = |site_path: &str| site_path.trim_start_matches("assets/").to_string();
    let mut root = String::new();
    // One face each: the body font is the regular weight (the browser
    // draws its bold), the headings font the bold one headings use.
    for (family, weight, asset) in [
        ("brandcamp-body", 400, &look.fonts.body),
        ("brandcamp-headings", 700, &look.fonts.headings),
    ] {
        if let Some(asset) = asset {
            let _ = writeln!(
                css,
                "@font-face {{ font-family: \"{family}\"; src: url(\"{}\") format(\"woff2\"); font-weight: {weight}; font-display: swap; }}",
                site_url_in_assets(&asset.site_path)
            );
        }
    }
    if look.fonts.body.is_some() {
        let _ = writeln!(root, "  --font: \"brandcamp-body\", {SYSTEM_FONTS};");
    }
    if look.fonts.headings.is_some() {
        let _ = writeln!(
            root,
            "  --font-headings: \"brandcamp-headings\", {SYSTEM_FONTS};"
        );
    }
    if let Some(palette) = &look.palette {
        for role in Role::ALL {
            if let Some(name) = role.css_name() {
                let _ = writeln!(
                    root,
                    "  {name}: light-dark({}, {});",
                    palette.light[role], palette.dark[role]
                );
            }
        }
    }
    if let Some(radius) = look.radius {
        let _ = writeln!(root, "  --radius: {radius}px;");
    }
    let logo = look.logo.as_ref();
    if let Some(logo) = logo {
        let _ = writeln!(
            root,
            "  --logo: url(\"{}\");",
            site_url_in_assets(&logo.light.site_path)
        );
        // Behind the post cards' logo avatar: white for a logo drawn for
        // light surfaces only, else the surface of the scheme.
        let backdrop = if logo.dark.is_some() {
            "var(--surface)"
        } else {
            "#ffffff"
        };
        let _ = writeln!(root, "  --logo-backdrop: {backdrop};");
    }
    if root.is_empty() {
        return None;
    }
    let _ = write!(css, ":root {{\n{root}}}\n");
    if let Some(dark) = logo.and_then(|l| l.dark.as_ref()) {
        let dark = format!("--logo: url(\"{}\");", site_url_in_assets(&dark.site_path));
        let _ = write!(
            css,
            "@media (prefers-color-scheme: dark) {{ :root:not([data-theme=\"light\"]) {{ {dark} }} }}\n:root[data-theme=\"dark\"] {{ {dark} }}\n"
        );
    }
    Some(css)
}

/// The `look` every template gets. Paths are relative to the site root:
/// templates prefix them with `frame.root`, as they do other assets.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TemplateLook {
    pub logo: Option<TemplateLogo>,
    pub favicon: Option<TemplateFile>,
    /// `assets/look.css`, when the look has one.
    pub style: Option<&'static str>,
    pub theme_color: ThemeColor,
    pub share: Share,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TemplateLogo {
    pub light: String,
    pub dark: Option<String>,
    pub alt: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TemplateFile {
    pub href: String,
    #[serde(rename = "type")]
    pub media_type: &'static str,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ThemeColor {
    pub light: String,
    pub dark: String,
}

/// What link previews show (`og:*`, `twitter:*`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Share {
    /// The course description as plain text, shortened.
    pub description: Option<String>,
    /// The image's path in the site.
    pub image: Option<String>,
    /// `summary_large_image` with a share image, else `summary`.
    pub card: &'static str,
    /// Where the site is published (ending in `/`), to make addresses absolute.
    pub site_url: Option<String>,
}

/// The template values for `look` (a course without one gets the theme's
/// own colours and no logo) and the course's description in Markdown.
pub(crate) fn template_look(look: Option<&Look>, description: Option<&str>) -> TemplateLook {
    let theme_color = match look.and_then(|l| l.palette.as_ref()) {
        Some(palette) => ThemeColor {
            light: palette.scheme(Scheme::Light)[Role::Primary].to_string(),
            dark: palette.scheme(Scheme::Dark)[Role::Primary].to_string(),
        },
        None => ThemeColor {
            light: DEFAULT_THEME_COLOR.0.into(),
            dark: DEFAULT_THEME_COLOR.1.into(),
        },
    };
    TemplateLook {
        logo: look.and_then(|l| l.logo.as_ref()).map(|logo| TemplateLogo {
            light: logo.light.site_path.clone(),
            dark: logo.dark.as_ref().map(|d| d.site_path.clone()),
            alt: logo.alt.clone(),
        }),
        favicon: look.and_then(|l| l.favicon.as_ref()).map(|f| TemplateFile {
            href: f.site_path.clone(),
            media_type: f.kind.media_type(),
        }),
        style: look.and_then(style_sheet).map(|_| STYLE_SHEET),
        theme_color,
        share: Share {
            description: description.map(|d| summary(&plain_text(d), 200)),
            image: look.and_then(Look::og_image).map(|a| a.site_path.clone()),
            card: if look.is_some_and(|l| l.share_image.is_some()) {
                "summary_large_image"
            } else {
                "summary"
            },
            site_url: look.and_then(|l| l.site_url.clone()),
        },
    }
}

/// The words of a Markdown text, without its markup.
fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, TagEnd};
    let mut text = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::End(
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image,
            ) => {}
            Event::SoftBreak | Event::HardBreak | Event::End(_) => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` cut at a word boundary to at most `max` characters, with `…`.
fn summary(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_are_plain_and_short() {
        assert_eq!(
            plain_text("Bienvenue chez **Lorvan**.\n\n- un\n- deux"),
            "Bienvenue chez Lorvan. un deux"
        );
        let long = "mot ".repeat(100);
        let short = summary(long.trim(), 50);
        assert!(
            short.chars().count() <= 51 && short.ends_with("mot…"),
            "{short}"
        );
    }

    #[test]
    fn a_course_without_a_look_keeps_the_theme_colours() {
        let look = template_look(None, None);
        assert_eq!(look.theme_color.light, "#1a5fb4");
        assert!(look.logo.is_none() && look.style.is_none());
        assert_eq!(look.share.card, "summary");
    }
}
