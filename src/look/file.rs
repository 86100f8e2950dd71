//! The `look:` section of brand.yaml: its shape, the files it names (logo,
//! favicon, share image, fonts) and its colours, each problem reported at
//! its line. Every key is read on its own, so that one run reports them
//! all.
//!
//! SVG files are **refused**, not sanitised, when they hold a script, an
//! event handler, a `<foreignObject>`, an entity declaration or a reference
//! to anything outside the file: brandcamp copies the author's files as they
//! are and never rewrites them, and a logo needs none of these.

use std::fs;
use std::path::{Component, Path};

use serde::Deserialize;

use super::color::{self, Oklch, Rgb};
use super::palette::{self, Given, Role, Scheme};
use super::{Asset, AssetKind, Fonts, Logo, Look};
use crate::diagnostics::{Diagnostic, Diagnostics, LineIndex, Position};
use crate::sources::Sources;
use crate::yaml::{self, Step};

/// Files larger than this are refused: a logo or a font is a few hundred
/// kilobytes, and every page loads them.
const MAX_FILE: u64 = 4 * 1024 * 1024;

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct LookFile {
    /// The logo: in the header, on the certificate, as the post cards' avatar.
    #[schemars(with = "Option<LogoFile>")]
    logo: Option<serde_yaml::Value>,
    /// An SVG or PNG file of the course, or `none`.
    #[schemars(with = "Option<String>")]
    favicon: Option<serde_yaml::Value>,
    #[schemars(with = "Option<ColorsFile>")]
    colors: Option<serde_yaml::Value>,
    #[schemars(with = "Option<FontsFile>")]
    fonts: Option<serde_yaml::Value>,
    /// Corner radius of cards, buttons and callouts, in pixels.
    #[schemars(with = "Option<u8>", range(max = 32))]
    radius: Option<serde_yaml::Value>,
    /// The image of link previews: a PNG or JPEG file of the course.
    #[schemars(with = "Option<String>")]
    share_image: Option<serde_yaml::Value>,
    /// Where the site is published (`https://…`).
    #[schemars(with = "Option<String>")]
    site_url: Option<serde_yaml::Value>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct LogoFile {
    light: String,
    dark: Option<String>,
    alt: Option<String>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct ColorsFile {
    #[schemars(with = "Option<ColorSchema>")]
    primary: Option<serde_yaml::Value>,
    #[schemars(with = "Option<ColorSchema>")]
    accent: Option<serde_yaml::Value>,
    #[schemars(with = "Option<ColorSchema>")]
    surface: Option<serde_yaml::Value>,
    #[schemars(with = "Option<ColorSchema>")]
    text: Option<serde_yaml::Value>,
    #[schemars(with = "Option<ColorSchema>")]
    link: Option<serde_yaml::Value>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct FontsFile {
    body: Option<String>,
    headings: Option<String>,
}

/// A colour as the schema gives it: one colour (for the light scheme, the
/// dark one derived), or one per scheme.
#[derive(schemars::JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum ColorSchema {
    /// `"#0a6e66"`, `rgb(…)`, `hsl(…)` or `oklch(…)`.
    One(String),
    Schemes {
        light: String,
        dark: Option<String>,
    },
}

/// Where the section is read from, and where its problems go.
pub(crate) struct Reader<'a> {
    /// brand.yaml's text, its span tree, and its path.
    pub text: &'a str,
    pub tree: &'a yaml::Tree,
    pub file: &'a Path,
    /// The course folder: files are named relative to it.
    pub root: &'a Path,
    /// Where an SVG with a problem at a line is kept, to be quoted.
    pub sources: &'a Sources,
    pub diagnostics: &'a Diagnostics,
}

impl Reader<'_> {
    fn error(&self, path: &[Step<'_>], message: impl Into<String>, hint: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::error(self.file, self.position(path), message).with_hint(hint));
    }

    fn position(&self, path: &[Step<'_>]) -> Option<Position> {
        self.tree.locate_nearest(path)
    }

    /// Whether the node at `path` is written in the file.
    fn locates(&self, path: &[Step<'_>]) -> bool {
        self.tree.locate(path).is_some()
    }

    fn typed<T: serde::de::DeserializeOwned>(
        &self,
        value: serde_yaml::Value,
        at: &[Step<'_>],
    ) -> Option<T> {
        yaml::from_value_at(value, self.text, self.tree, at, self.file)
            .map_err(|d| self.diagnostics.push(d))
            .ok()
    }
}

/// Reads the `look:` value of brand.yaml. `brand_name` is the logo's alt
/// text when none is given. Returns what is usable; problems are in the
/// reader's diagnostics.
pub(crate) fn parse_look(value: serde_yaml::Value, brand_name: &str, reader: &Reader<'_>) -> Look {
    let look_at = [Step::Key("look")];
    let value = without_troubled_keys(value, reader);
    let Some(file) = reader.typed::<LookFile>(value, &look_at) else {
        return Look::default();
    };
    let at = |key: &'static str| [Step::Key("look"), Step::Key(key)];

    let logo = file.logo.and_then(|value| {
        let logo: LogoFile = reader.typed(value, &at("logo"))?;
        let path = |key| [Step::Key("look"), Step::Key("logo"), Step::Key(key)];
        let light = read_asset(reader, &logo.light, &path("light"), IMAGES, "logo");
        let dark = logo
            .dark
            .as_deref()
            .and_then(|dark| read_asset(reader, dark, &path("dark"), IMAGES, "logo-dark"));
        let alt = match logo.alt {
            Some(alt) if alt.trim().is_empty() => {
                reader.error(
                    &path("alt"),
                    "the logo's `alt` text is empty",
                    format!("say what the logo shows, usually the organisation's name: `alt: \"{brand_name}\"`, or leave `alt` out to use brand.yaml's `name`"),
                );
                None
            }
            Some(alt) => Some(alt),
            None => Some(brand_name.to_string()),
        };
        Some(Logo {
            light: light?,
            dark,
            alt: alt?,
        })
    });

    let favicon = match file.favicon {
        None => logo
            .as_ref()
            .filter(|logo| logo.light.is_square_enough())
            .map(|logo| logo.light.clone()),
        Some(value) => match value.as_str() {
            Some("none") => None,
            Some(path) => read_asset(reader, path, &at("favicon"), IMAGES, "favicon"),
            None => {
                reader.error(
                    &at("favicon"),
                    "`favicon` is not a file name",
                    "name an SVG or PNG file of the course (`favicon: icon.png`), write `favicon: none`, or leave it out to use a square logo",
                );
                None
            }
        },
    };

    let share_image = file.share_image.and_then(|value| match value.as_str() {
        Some(path) => read_asset(reader, path, &at("share_image"), SHARE_IMAGES, "share"),
        None => {
            reader.error(
                &at("share_image"),
                "`share_image` is not a file name",
                "name a PNG or JPEG file of the course, 1200×630 pixels is what platforms show best",
            );
            None
        }
    });

    let fonts = file
        .fonts
        .and_then(|value| reader.typed::<FontsFile>(value, &at("fonts")))
        .map(|fonts| {
            let path = |key| [Step::Key("look"), Step::Key("fonts"), Step::Key(key)];
            Fonts {
                body: fonts
                    .body
                    .and_then(|f| read_asset(reader, &f, &path("body"), FONTS, "body")),
                headings: fonts
                    .headings
                    .and_then(|f| read_asset(reader, &f, &path("headings"), FONTS, "headings")),
            }
        })
        .unwrap_or_default();

    // Its type and range (0 to 32) are judged by the schema check, which
    // leaves out a radius it refuses.
    let radius = file
        .radius
        .and_then(|value| value.as_u64())
        .map(|px| px as u32);

    let site_url = file.site_url.and_then(|value| match value.as_str() {
        Some(url) if url.starts_with("https://") || url.starts_with("http://") => {
            Some(format!("{}/", url.trim_end_matches('/')))
        }
        _ => {
            reader.error(
                &at("site_url"),
                format!("`{}` is not the address of a site", yaml_text(&value)),
                "write the address where the site is published, starting with https://, e.g. `site_url: https://formation.example.org/reseaux/`",
            );
            None
        }
    });

    let colors = file.colors.and_then(|value| read_colors(reader, value));

    Look {
        logo,
        favicon,
        share_image,
        fonts,
        radius,
        site_url,
        palette: colors,
    }
}

/// `look:` checked against its schema ([`LookFile`]): every problem
/// reported, and the keys that hold one left out, so that a typo in one key
/// does not hide the problems of the others (brand.yaml's own check leaves
/// `look:` to this one).
fn without_troubled_keys(value: serde_yaml::Value, reader: &Reader<'_>) -> serde_yaml::Value {
    let tree = reader.tree;
    let Some(look) = tree.node_at(&[Step::Key("look")]) else {
        return value;
    };
    let root = yaml::schema_of::<LookFile>();
    // Any scalar where text goes: the reader judges each value itself
    // (`accent: 12` is "not a colour").
    let problems = yaml::check(root, root, tree, look, yaml::Strings::AnyScalar);
    if problems.is_empty() {
        return value;
    }
    reader.diagnostics.extend(
        problems
            .iter()
            .map(|p| p.diagnostic(tree, reader.text, reader.file)),
    );
    let serde_yaml::Value::Mapping(mut map) = value else {
        return serde_yaml::Value::Null;
    };
    let yaml::NodeKind::Mapping(entries) = &tree.node(look).kind else {
        return serde_yaml::Value::Mapping(map);
    };
    for &(key, value) in entries {
        let entry = tree.node(key).start.byte..tree.node(value).end.max(tree.node(key).end);
        let troubled = problems
            .iter()
            .any(|p| entry.contains(&tree.node(p.node()).start.byte));
        if let (true, Some(name)) = (troubled, tree.scalar(key)) {
            map.remove(name);
        }
    }
    serde_yaml::Value::Mapping(map)
}

fn yaml_text(value: &serde_yaml::Value) -> String {
    serde_yaml::to_string(value)
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}

/// The colours given, the palette derived from them, and the contrast check.
fn read_colors(reader: &Reader<'_>, value: serde_yaml::Value) -> Option<palette::Palette> {
    let at = [Step::Key("look"), Step::Key("colors")];
    let colors: ColorsFile = reader.typed(value, &at)?;
    let mut light = Given::default();
    let mut dark = Given::default();
    let mut ok = true;
    let entries = [
        ("primary", Role::Primary, colors.primary),
        ("accent", Role::Accent, colors.accent),
        ("surface", Role::Surface, colors.surface),
        ("text", Role::Text, colors.text),
        ("link", Role::Link, colors.link),
    ];
    let has_primary = entries[0].2.is_some();
    for (key, role, value) in entries {
        // A key without a value reads as absent: an unquoted colour is a
        // YAML comment (`primary: #0b6e4f`).
        let value = match value {
            Some(value) => value,
            None if reader.locates(&[at[0].clone(), at[1].clone(), Step::Key(key)]) => {
                serde_yaml::Value::Null
            }
            None => continue,
        };
        let (l, d) = read_color_pair(reader, key, value, &mut ok);
        set(&mut light, role, l);
        set(&mut dark, role, d);
    }
    if !has_primary && !reader.locates(&[at[0].clone(), at[1].clone(), Step::Key("primary")]) {
        reader.error(
            &at,
            "`colors` has no `primary`",
            "give the organisation's main colour, e.g. `primary: \"#0b6e4f\"`: everything not given is derived from it",
        );
        ok = false;
    }
    if !ok {
        return None;
    }
    let palette = palette::derive(&light, &dark);
    let failures = palette::check(&palette, &light, &dark);
    // One error per colour to change (per scheme): its pair against a
    // given background if there is one, else its worst, and the others named.
    let mut reported: Vec<(Scheme, Option<Role>)> = Vec::new();
    for failure in &failures {
        let key = (failure.scheme, failure.blame);
        if reported.contains(&key) {
            continue;
        }
        reported.push(key);
        let same: Vec<&palette::Failure> = failures
            .iter()
            .filter(|f| (f.scheme, f.blame) == key)
            .collect();
        let given = match failure.scheme {
            Scheme::Light => &light,
            Scheme::Dark => &dark,
        };
        let main = same
            .iter()
            .find(|f| f.pair.fg != f.pair.bg && given.gives(f.pair.fg) && given.gives(f.pair.bg))
            .or_else(|| same.iter().min_by(|a, b| a.ratio.total_cmp(&b.ratio)))
            .copied()
            .unwrap_or(failure);
        let others: Vec<&str> = same
            .iter()
            .filter(|f| !std::ptr::eq(**f, main))
            .map(|f| {
                if Some(f.pair.fg) == f.blame {
                    f.pair.bg.label()
                } else {
                    f.pair.fg.label()
                }
            })
            .collect();
        report_contrast(reader, main, &others, &light, &dark);
    }
    failures.is_empty().then_some(palette)
}

fn set(given: &mut Given, role: Role, color: Option<Rgb>) {
    let slot = match role {
        Role::Primary => &mut given.primary,
        Role::Accent => &mut given.accent,
        Role::Surface => &mut given.surface,
        Role::Text => &mut given.text,
        Role::Link => &mut given.link,
        _ => return,
    };
    *slot = color;
}

fn key_of(role: Role) -> &'static str {
    match role {
        Role::Primary => "primary",
        Role::Accent => "accent",
        Role::Surface => "surface",
        Role::Text => "text",
        _ => "link",
    }
}

/// A colour for the light scheme (`primary: "#0b6e4f"`), or for each
/// (`primary: { light: "#0b6e4f", dark: "#5fd3a8" }`).
fn read_color_pair(
    reader: &Reader<'_>,
    key: &'static str,
    value: serde_yaml::Value,
    ok: &mut bool,
) -> (Option<Rgb>, Option<Rgb>) {
    let at = [Step::Key("look"), Step::Key("colors"), Step::Key(key)];
    let mut one = |value: &serde_yaml::Value, path: &[Step<'_>]| match value {
        serde_yaml::Value::String(text) => match parse_color(text) {
            Ok(rgb) => Some(rgb),
            Err(hint) => {
                reader.error(
                    path,
                    format!("`{text}` is not a colour brandcamp can read"),
                    hint,
                );
                *ok = false;
                None
            }
        },
        serde_yaml::Value::Null => {
            reader.error(
                path,
                format!("`{key}` has no colour"),
                format!(
                    "in YAML `#` starts a comment: put the colour in quotes, `{key}: \"#0b6e4f\"`"
                ),
            );
            *ok = false;
            None
        }
        other => {
            reader.error(
                path,
                format!("`{}` is not a colour brandcamp can read", yaml_text(other)),
                COLOR_SYNTAX,
            );
            *ok = false;
            None
        }
    };
    let mut unknown = false;
    let pair = match &value {
        serde_yaml::Value::Mapping(map) => {
            let mut pair = (None, None);
            for (name, value) in map {
                match name.as_str() {
                    Some("light") => {
                        pair.0 = one(
                            value,
                            &[
                                at[0].clone(),
                                at[1].clone(),
                                at[2].clone(),
                                Step::Key("light"),
                            ],
                        );
                    }
                    Some("dark") => {
                        pair.1 = one(
                            value,
                            &[
                                at[0].clone(),
                                at[1].clone(),
                                at[2].clone(),
                                Step::Key("dark"),
                            ],
                        );
                    }
                    _ => {
                        let name = yaml_text(name);
                        reader.error(
                            &[at[0].clone(), at[1].clone(), at[2].clone(), Step::Key(&name)],
                            format!("unknown key `{name}` in `{key}`"),
                            format!("a colour is given for `light` and `dark`: `{key}: {{ light: \"#0b6e4f\", dark: \"#5fd3a8\" }}`, or once for the light scheme: `{key}: \"#0b6e4f\"`"),
                        );
                        unknown = true;
                    }
                }
            }
            pair
        }
        value => (one(value, &at), None),
    };
    if unknown {
        *ok = false;
    }
    pair
}

const COLOR_SYNTAX: &str = "write it as `\"#0b6e4f\"` (in quotes), `rgb(11 110 79)`, `hsl(162 82% 24%)` or `oklch(0.47 0.1 166)`";

/// Reads a colour written the CSS way: `#rgb`, `#rrggbb`, `rgb()`,
/// `hsl()` or `oklch()`. The error is the hint to show.
pub(crate) fn parse_color(text: &str) -> Result<Rgb, String> {
    let text = text.trim();
    let lower = text.to_ascii_lowercase();
    if let Some(hex) = lower.strip_prefix('#') {
        let digits: Option<Vec<u8>> = hex
            .chars()
            .map(|c| c.to_digit(16).map(|d| d as u8))
            .collect();
        return match (digits.as_deref(), hex.len()) {
            (Some([r, g, b]), 3) => Ok(Rgb::new(r * 17, g * 17, b * 17)),
            (Some(d), 6) => Ok(Rgb::new(
                d[0] * 16 + d[1],
                d[2] * 16 + d[3],
                d[4] * 16 + d[5],
            )),
            (Some(_), 4 | 8) => Err(format!(
                "transparency is not used: the site needs solid colours; write `#{}`",
                &hex[..if hex.len() == 4 { 3 } else { 6 }]
            )),
            _ => Err(COLOR_SYNTAX.to_string()),
        };
    }
    let function = |name: &str| {
        lower
            .strip_prefix(name)
            .and_then(|rest| rest.trim_start().strip_prefix('('))
            .and_then(|rest| rest.strip_suffix(')'))
            .map(|args| {
                args.split(|c: char| c == ',' || c.is_whitespace())
                    .filter(|a| !a.is_empty())
                    .collect::<Vec<&str>>()
            })
    };
    let number = |arg: &str, percent_of: f64| -> Option<f64> {
        let value = match arg.strip_suffix('%') {
            Some(p) => p.parse::<f64>().ok()? / 100.0 * percent_of,
            None => arg.trim_end_matches("deg").parse::<f64>().ok()?,
        };
        value.is_finite().then_some(value)
    };
    let bad_args = |name: &str, example: &str| {
        format!("`{name}()` takes three numbers without transparency, e.g. `{example}`")
    };
    if let Some(args) = function("rgb") {
        let channels: Option<Vec<f64>> = args.iter().map(|a| number(a, 255.0)).collect();
        return match channels.as_deref() {
            Some([r, g, b]) if [r, g, b].iter().all(|v| (0.0..=255.0).contains(*v)) => {
                Ok(Rgb::new(r.round() as u8, g.round() as u8, b.round() as u8))
            }
            _ => Err(bad_args("rgb", "rgb(11 110 79)")),
        };
    }
    if let Some(args) = function("hsl") {
        let values: Option<Vec<f64>> = args
            .iter()
            .enumerate()
            .map(|(i, a)| number(a, if i == 0 { 360.0 } else { 100.0 }))
            .collect();
        return match values.as_deref() {
            Some([h, s, l]) if (0.0..=100.0).contains(s) && (0.0..=100.0).contains(l) => {
                Ok(hsl_to_rgb(*h, s / 100.0, l / 100.0))
            }
            _ => Err(bad_args("hsl", "hsl(162 82% 24%)")),
        };
    }
    if let Some(args) = function("oklch") {
        let values: Option<Vec<f64>> = args
            .iter()
            .enumerate()
            .map(|(i, a)| number(a, [1.0, 0.4, 360.0][i.min(2)]))
            .collect();
        return match values.as_deref() {
            Some([l, c, h]) if (0.0..=1.0).contains(l) && *c >= 0.0 => {
                Ok(Oklch::new(*l, *c, *h).to_rgb())
            }
            _ => Err(bad_args("oklch", "oklch(0.47 0.1 166)")),
        };
    }
    Err(COLOR_SYNTAX.to_string())
}

fn hsl_to_rgb(h: f64, s: f64, l: f64) -> Rgb {
    let channel = |n: f64| {
        let k = (n + h.rem_euclid(360.0) / 30.0) % 12.0;
        let a = s * l.min(1.0 - l);
        let v = l - a * (k - 3.0).min(9.0 - k).clamp(-1.0, 1.0);
        (v * 255.0).round() as u8
    };
    Rgb::new(channel(0.0), channel(8.0), channel(4.0))
}

/// A pair that fails, reported at the given colour to blame.
fn report_contrast(
    reader: &Reader<'_>,
    failure: &palette::Failure,
    others: &[&str],
    light: &Given,
    dark: &Given,
) {
    let pair = failure.pair;
    let scheme = failure.scheme.name();
    let need = if pair.need >= color::TEXT {
        "4.5:1 for text"
    } else {
        "3:1 for focus rings and controls"
    };
    let mut message = format!(
        "{} `{}` on {} `{}` has a contrast of {} in the {scheme} scheme; WCAG 2.1 AA needs {need}",
        pair.fg.label(),
        failure.fg,
        pair.bg.label(),
        failure.bg,
        color::ratio_text(failure.ratio),
    );
    if !others.is_empty() {
        message.push_str(&format!(" (it also fails with: {})", others.join("; ")));
    }
    let Some(role) = failure.blame else {
        reader.error(
            &[Step::Key("look"), Step::Key("colors")],
            message,
            "these colours are derived from the ones given: try another `surface` or `text`",
        );
        return;
    };
    let key = key_of(role);
    let given = match failure.scheme {
        Scheme::Light => light,
        Scheme::Dark => dark,
    };
    // The colour was given in the map form when both schemes have one, or
    // when this is the dark scheme.
    let mapped = failure.scheme == Scheme::Dark || (given.gives(role) && dark.gives(role));
    let mut path = vec![Step::Key("look"), Step::Key("colors"), Step::Key(key)];
    if mapped {
        path.push(Step::Key(scheme));
    }
    let hint = match failure.suggestion {
        Some(shade) => format!(
            "the nearest shade of the same hue that passes is `{shade}`: write `{key}: \"{shade}\"`{}",
            if mapped {
                format!(" under `{scheme}`")
            } else {
                String::new()
            }
        ),
        None => {
            "no shade of this hue passes here: choose a colour much lighter or darker".to_string()
        }
    };
    reader.error(&path, message, hint);
}

/// What a file of the look may be.
const IMAGES: &[AssetKind] = &[AssetKind::Svg, AssetKind::Png];
const SHARE_IMAGES: &[AssetKind] = &[AssetKind::Png, AssetKind::Jpeg];
const FONTS: &[AssetKind] = &[AssetKind::Woff2];

/// Checks the file `name` (relative to the course) given at `path`, and
/// returns it with its place in the site (`assets/look/<stem>.<ext>`).
fn read_asset(
    reader: &Reader<'_>,
    name: &str,
    path: &[Step<'_>],
    kinds: &[AssetKind],
    stem: &str,
) -> Option<Asset> {
    let expected = kinds
        .iter()
        .map(|k| k.label())
        .collect::<Vec<_>>()
        .join(" or ");
    let relative = Path::new(name);
    if name.trim().is_empty()
        || relative.is_absolute()
        || relative
            .components()
            .any(|c| matches!(c, Component::ParentDir | Component::Prefix(_)))
    {
        reader.error(
            path,
            format!("`{name}` is not a file of the course"),
            format!(
                "name {} file inside the course folder, relative to it (e.g. `look/logo.svg`)",
                with_article(&expected)
            ),
        );
        return None;
    }
    let full = reader.root.join(relative);
    let inside = match (reader.root.canonicalize(), full.canonicalize()) {
        (Ok(root), Ok(target)) => target.starts_with(root),
        _ => true,
    };
    if !inside {
        reader.error(
            path,
            format!("`{name}` leads outside the course folder"),
            "copy the file into the course instead of linking to it",
        );
        return None;
    }
    let bytes = match fs::metadata(&full) {
        Ok(m) if !m.is_file() => Err(format!("`{name}` is not a file")),
        Ok(m) if m.len() > MAX_FILE => Err(format!(
            "`{name}` is {:.1} MB; every page loads it, so brandcamp takes at most {} MB",
            m.len() as f64 / 1_048_576.0,
            MAX_FILE / 1_048_576
        )),
        Ok(_) => fs::read(&full).map_err(|e| format!("cannot read `{name}`: {e}")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Err(format!("there is no file `{name}` in the course"))
        }
        Err(e) => Err(format!("cannot read `{name}`: {e}")),
    };
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(message) => {
            reader.error(
                path,
                message,
                format!(
                    "name {} file, relative to the course folder ({})",
                    with_article(&expected),
                    reader.root.display()
                ),
            );
            return None;
        }
    };
    let Some(kind) = AssetKind::sniff(&bytes) else {
        let hint = if kinds == FONTS {
            "brandcamp ships fonts as WOFF2 only (the smallest format, read by every current browser): convert the font, e.g. with `woff2_compress font.ttf`".to_string()
        } else {
            format!("save it as {expected}")
        };
        reader.error(
            path,
            format!("`{name}` is not {}", with_article(&expected)),
            hint,
        );
        return None;
    };
    if !kinds.contains(&kind) {
        reader.error(
            path,
            format!("`{name}` is {}, where {} is needed", with_article(kind.label()), with_article(&expected)),
            if kinds == SHARE_IMAGES {
                "social platforms show PNG and JPEG previews only: export the image as PNG (1200×630 pixels)"
            } else {
                "save it in one of these formats"
            },
        );
        return None;
    }
    let size = match kind {
        AssetKind::Svg => check_svg(reader, &full, &bytes, name)?,
        AssetKind::Png => png_size(&bytes),
        _ => None,
    };
    Some(Asset {
        source: relative.to_path_buf(),
        site_path: format!("{}/{stem}.{}", super::ASSETS_DIR, kind.extension()),
        kind,
        size,
    })
}

fn with_article(what: &str) -> String {
    let vowel = what.starts_with(['A', 'E', 'I', 'O', 'U', 'S']);
    format!("{} {what}", if vowel { "an" } else { "a" })
}

/// The width and height of a PNG, from its IHDR chunk.
fn png_size(bytes: &[u8]) -> Option<(f64, f64)> {
    let dimension = |at: usize| {
        bytes
            .get(at..at + 4)
            .map(|b| f64::from(u32::from_be_bytes([b[0], b[1], b[2], b[3]])))
    };
    Some((dimension(16)?, dimension(20)?))
}

/// Refuses an SVG that could run or fetch anything; returns its size (from
/// `viewBox`, else `width` and `height`) when it has one. Problems are
/// reported in the SVG file, at their line.
fn check_svg(
    reader: &Reader<'_>,
    full: &Path,
    bytes: &[u8],
    name: &str,
) -> Option<Option<(f64, f64)>> {
    let refuse = |position: Option<Position>, what: String, hint: &str| {
        if position.is_some()
            && let Ok(text) = std::str::from_utf8(bytes)
        {
            reader.sources.insert(full, text.into());
        }
        reader.diagnostics.push(
            Diagnostic::error(full, position, format!("the SVG `{name}` {what}; brandcamp refuses such SVG files rather than changing them"))
                .with_hint(hint),
        );
    };
    let Ok(text) = std::str::from_utf8(bytes) else {
        refuse(
            None,
            "is not UTF-8 text".into(),
            "export it again as plain SVG",
        );
        return None;
    };
    if let Some(at) = text.find("<!ENTITY") {
        let position = LineIndex::new(text).position(at);
        refuse(
            Some(position),
            "declares an XML entity".into(),
            "export it again as plain SVG: a logo needs no DTD",
        );
        return None;
    }
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let document = match roxmltree::Document::parse_with_options(text, options) {
        Ok(document) => document,
        Err(e) => {
            let pos = e.pos();
            refuse(
                Some(Position::new(pos.row as usize, pos.col as usize)),
                format!("is not well-formed XML ({e})"),
                "export it again from the drawing program as plain SVG",
            );
            return None;
        }
    };
    let root = document.root_element();
    if root.tag_name().name() != "svg" {
        refuse(None, "has no <svg> root element".into(), "export it as SVG");
        return None;
    }
    let mut refused = false;
    for node in document.descendants().filter(|n| n.is_element()) {
        let at = || {
            let pos = document.text_pos_at(node.range().start);
            Some(Position::new(pos.row as usize, pos.col as usize))
        };
        let tag = node.tag_name().name();
        if tag.eq_ignore_ascii_case("script") {
            refuse(
                at(),
                "has a <script> element".into(),
                "remove the script: a logo does not need one",
            );
            refused = true;
        }
        if tag.eq_ignore_ascii_case("foreignObject") {
            refuse(
                at(),
                "has a <foreignObject> element".into(),
                "remove it: it embeds HTML, which a logo does not need",
            );
            refused = true;
        }
        for attribute in node.attributes() {
            let attr = attribute.name();
            let value = attribute.value().trim();
            if attr.len() > 2 && attr[..2].eq_ignore_ascii_case("on") {
                refuse(
                    at(),
                    format!("has an event handler (`{attr}` on <{tag}>)"),
                    "remove the attribute: a logo does not need scripts",
                );
                refused = true;
            } else if attr == "href" && !is_internal(value) {
                refuse(
                    at(),
                    format!("refers to `{value}` outside the file (<{tag}>)"),
                    "embed what it refers to in the SVG, or remove it: pages must not fetch anything",
                );
                refused = true;
            } else if attr == "style" && refers_outside(value) {
                refuse(
                    at(),
                    format!("refers to a file outside it in a `style` attribute (<{tag}>)"),
                    "use colours and gradients defined inside the SVG",
                );
                refused = true;
            }
        }
        if tag == "style" && node.text().is_some_and(refers_outside) {
            refuse(
                at(),
                "refers to a file outside it in a <style> element".into(),
                "use colours and gradients defined inside the SVG; no @import or url() to files",
            );
            refused = true;
        }
    }
    if refused {
        return None;
    }
    let number = |name: &str| {
        root.attribute(name)
            .and_then(|v| v.trim().trim_end_matches("px").parse::<f64>().ok())
            .filter(|v| *v > 0.0)
    };
    let view_box = root.attribute("viewBox").and_then(|v| {
        let numbers: Vec<f64> = v
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter_map(|n| n.parse().ok())
            .collect();
        match numbers[..] {
            [_, _, w, h] if w > 0.0 && h > 0.0 => Some((w, h)),
            _ => None,
        }
    });
    Some(view_box.or_else(|| Some((number("width")?, number("height")?))))
}

/// A reference that stays inside the SVG (`#gradient`) or embeds an image
/// (`data:image/png;base64,…`).
fn is_internal(value: &str) -> bool {
    value.starts_with('#') || value.to_ascii_lowercase().starts_with("data:image/")
}

fn refers_outside(css: &str) -> bool {
    let lower = css.to_ascii_lowercase();
    if lower.contains("@import") {
        return true;
    }
    lower.match_indices("url(").any(|(at, _)| {
        let rest = lower[at + 4..].trim_start().trim_start_matches(['"', '\'']);
        !is_internal(rest)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_read_in_every_css_syntax() {
        let green = Rgb::new(0x0b, 0x6e, 0x4f);
        for text in [
            "#0b6e4f",
            "#0B6E4F",
            "rgb(11 110 79)",
            "rgb(11, 110, 79)",
            " #0b6e4f ",
        ] {
            assert_eq!(parse_color(text), Ok(green), "{text}");
        }
        assert_eq!(parse_color("#fff"), Ok(Rgb::WHITE));
        assert_eq!(parse_color("hsl(0 100% 50%)"), Ok(Rgb::new(255, 0, 0)));
        assert_eq!(
            parse_color("hsl(120deg, 100%, 25%)"),
            Ok(Rgb::new(0, 128, 0))
        );
        assert_eq!(parse_color("oklch(1 0 0)"), Ok(Rgb::WHITE));
        assert_eq!(
            parse_color("oklch(62.8% 0.2577 29.23)"),
            Ok(Rgb::new(255, 0, 0))
        );
    }

    #[test]
    fn unknown_colour_syntaxes_get_a_hint() {
        for text in [
            "red",
            "#12345",
            "#ggg",
            "rgb(1 2)",
            "rgb(300 0 0)",
            "cmyk(0 0 0 0)",
            "hsl(1 2 3 4)",
        ] {
            assert!(parse_color(text).is_err(), "{text}");
        }
        assert!(parse_color("#0b6e4f80").unwrap_err().contains("`#0b6e4f`"));
        assert!(parse_color("tomato").unwrap_err().contains("#0b6e4f"));
    }

    #[test]
    fn outside_references_are_found_in_css() {
        assert!(refers_outside("fill: url(https://x.org/a.svg)"));
        assert!(refers_outside("@import 'x.css'"));
        assert!(!refers_outside("fill: url(#gradient)"));
        assert!(!refers_outside("fill: url( '#g' )"));
    }
}
