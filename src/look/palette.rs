//! The site's colours, light and dark, from the few a trainer gives
//! (`look: colors:` in brand.yaml), and the contrast check of every pair of
//! colours the default theme puts on top of each other.
//!
//! What is given is kept as given. What is not is derived in OKLCH from the
//! primary colour (its hue, a lightness suited to the role) and then moved
//! along the lightness axis, hue kept, to the nearest shade that passes
//! WCAG 2.1 AA against every background it is used on. So a derived colour
//! always passes; a given one that fails is reported (see [`check`]).
//!
//! The primary colour is a *fill* (buttons, the post-card avatar, the
//! browser's theme colour), always written with black or white text chosen
//! for contrast. Where the theme needs the primary as text or as an outline
//! on a surface (links, outlined buttons), it uses `link`: given, or the
//! nearest shade of the primary that reads as text. A pale yellow primary
//! thus gets yellow buttons with dark text and dark-olive links.

use super::color::{self, GRAPHIC, Oklch, Rgb, TEXT, contrast, nearest_passing};

/// Light or dark: the site follows the system's choice, or the learner's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scheme {
    Light,
    Dark,
}

impl Scheme {
    pub(crate) const BOTH: [Scheme; 2] = [Scheme::Light, Scheme::Dark];

    pub fn name(self) -> &'static str {
        match self {
            Scheme::Light => "light",
            Scheme::Dark => "dark",
        }
    }
}

/// The colours brand.yaml gives for one scheme; `None` is derived.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Given {
    pub primary: Option<Rgb>,
    pub accent: Option<Rgb>,
    pub surface: Option<Rgb>,
    pub text: Option<Rgb>,
    pub link: Option<Rgb>,
}

impl Given {
    /// Whether `role` was given rather than derived.
    pub fn gives(&self, role: Role) -> bool {
        self.get(role).is_some()
    }

    pub fn get(&self, role: Role) -> Option<Rgb> {
        match role {
            Role::Primary => self.primary,
            Role::Accent => self.accent,
            Role::Surface => self.surface,
            Role::Text => self.text,
            Role::Link => self.link,
            _ => None,
        }
    }
}

/// Every colour the default theme uses, by what it is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Bg,
    Surface,
    Surface2,
    Text,
    Muted,
    Border,
    Primary,
    OnPrimary,
    PrimarySoft,
    Link,
    Accent,
    Focus,
    Note,
    Tip,
    Important,
    Warning,
    Caution,
    Do,
    Dont,
    CodeKeyword,
    CodeString,
    CodeComment,
    CodeConstant,
    CodeFunction,
    CodeType,
    /// The background of a bad example's post card: `color-mix(in srgb,
    /// var(--dont) 5%, var(--surface))` in the style sheet.
    PostBad,
    /// A flagged word in a bad example: 10% of `--dont` over `PostBad`.
    PostFlag,
}

const ROLE_COUNT: usize = Role::PostFlag as usize + 1;

impl Role {
    pub(crate) const ALL: [Role; ROLE_COUNT] = [
        Role::Bg,
        Role::Surface,
        Role::Surface2,
        Role::Text,
        Role::Muted,
        Role::Border,
        Role::Primary,
        Role::OnPrimary,
        Role::PrimarySoft,
        Role::Link,
        Role::Accent,
        Role::Focus,
        Role::Note,
        Role::Tip,
        Role::Important,
        Role::Warning,
        Role::Caution,
        Role::Do,
        Role::Dont,
        Role::CodeKeyword,
        Role::CodeString,
        Role::CodeComment,
        Role::CodeConstant,
        Role::CodeFunction,
        Role::CodeType,
        Role::PostBad,
        Role::PostFlag,
    ];

    /// The custom property of the style sheet that holds this colour; `None`
    /// for the mixes the style sheet computes itself.
    pub(crate) fn css_name(self) -> Option<&'static str> {
        Some(match self {
            Role::Bg => "--bg",
            Role::Surface => "--surface",
            Role::Surface2 => "--surface-2",
            Role::Text => "--text",
            Role::Muted => "--muted",
            Role::Border => "--border",
            Role::Primary => "--primary",
            Role::OnPrimary => "--on-primary",
            Role::PrimarySoft => "--primary-soft",
            Role::Link => "--link",
            Role::Accent => "--accent",
            Role::Focus => "--focus",
            Role::Note => "--note",
            Role::Tip => "--tip",
            Role::Important => "--important",
            Role::Warning => "--warning",
            Role::Caution => "--caution",
            Role::Do => "--do",
            Role::Dont => "--dont",
            Role::CodeKeyword => "--code-keyword",
            Role::CodeString => "--code-string",
            Role::CodeComment => "--code-comment",
            Role::CodeConstant => "--code-constant",
            Role::CodeFunction => "--code-function",
            Role::CodeType => "--code-type",
            Role::PostBad | Role::PostFlag => return None,
        })
    }

    /// How the role is named in messages to trainers.
    pub fn label(self) -> &'static str {
        match self {
            Role::Bg => "page background",
            Role::Surface => "surface (cards, header)",
            Role::Surface2 => "second surface (code, table headers, locked modules)",
            Role::Text => "text",
            Role::Muted => "secondary text",
            Role::Border => "border",
            Role::Primary => "primary (button fill)",
            Role::OnPrimary => "button text",
            Role::PrimarySoft => "current-page highlight",
            Role::Link => "link",
            Role::Accent => "accent",
            Role::Focus => "focus ring",
            Role::Note => "note callout",
            Role::Tip => "tip callout and right answers",
            Role::Important => "important callout and locked modules",
            Role::Warning => "warning callout and partly right answers",
            Role::Caution => "caution callout and wrong answers",
            Role::Do => "“do” guideline",
            Role::Dont => "“don't” guideline and bad examples",
            Role::CodeKeyword => "code keyword",
            Role::CodeString => "code string",
            Role::CodeComment => "code comment",
            Role::CodeConstant => "code constant",
            Role::CodeFunction => "code function name",
            Role::CodeType => "code type name",
            Role::PostBad => "bad example's post card",
            Role::PostFlag => "flagged word of a bad example",
        }
    }
}

/// A foreground drawn on a background, and the contrast it needs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pair {
    pub fg: Role,
    pub bg: Role,
    pub need: f64,
}

/// Every pair of colours the default theme's style sheet draws one on the
/// other. Keep it in step with `themes/default/assets/style.css`.
pub fn pairs() -> Vec<Pair> {
    let text = |fg, bg| Pair { fg, bg, need: TEXT };
    let surfaces = [Role::Bg, Role::Surface, Role::Surface2];
    let mut pairs = Vec::new();
    for fg in [
        Role::Text,
        Role::Muted,
        Role::Link,
        Role::Note,
        Role::Tip,
        Role::Important,
        Role::Warning,
        Role::Caution,
        Role::Do,
        Role::Dont,
    ] {
        pairs.extend(surfaces.map(|bg| text(fg, bg)));
    }
    // Highlighted code sits on the second surface.
    for fg in CODE_HUES.map(|(role, _)| role) {
        pairs.push(text(fg, Role::Surface2));
    }
    pairs.extend([
        text(Role::Text, Role::PrimarySoft),
        text(Role::OnPrimary, Role::Primary),
        text(Role::Text, Role::PostBad),
        text(Role::Muted, Role::PostBad),
        text(Role::Link, Role::PostBad),
        text(Role::Link, Role::PostFlag),
        text(Role::Dont, Role::PostBad),
        text(Role::Text, Role::PostFlag),
    ]);
    pairs.extend(surfaces.map(|bg| Pair {
        fg: Role::Focus,
        bg,
        need: GRAPHIC,
    }));
    pairs
}

/// The colours of one scheme, by role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colors([Rgb; ROLE_COUNT]);

impl std::ops::Index<Role> for Colors {
    type Output = Rgb;
    fn index(&self, role: Role) -> &Rgb {
        &self.0[role as usize]
    }
}

impl std::ops::IndexMut<Role> for Colors {
    fn index_mut(&mut self, role: Role) -> &mut Rgb {
        &mut self.0[role as usize]
    }
}

/// Both schemes' colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    pub light: Colors,
    pub dark: Colors,
}

impl Palette {
    pub fn scheme(&self, scheme: Scheme) -> &Colors {
        match scheme {
            Scheme::Light => &self.light,
            Scheme::Dark => &self.dark,
        }
    }
}

/// The hues of the callouts and quiz states: they keep their meaning (green
/// is right, red is wrong) whatever the brand; only their lightness adapts
/// to the surfaces.
const STATE_HUES: [(Role, f64); 7] = [
    (Role::Note, 255.0),
    (Role::Tip, 150.0),
    (Role::Important, 305.0),
    (Role::Warning, 70.0),
    (Role::Caution, 28.0),
    (Role::Do, 150.0),
    (Role::Dont, 28.0),
];

/// The hues of highlighted code (keywords purple, strings green…), which
/// adapt their lightness like the states; comments follow the text.
const CODE_HUES: [(Role, f64); 6] = [
    (Role::CodeKeyword, 315.0),
    (Role::CodeString, 145.0),
    (Role::CodeComment, -1.0),
    (Role::CodeConstant, 255.0),
    (Role::CodeFunction, 70.0),
    (Role::CodeType, 195.0),
];

/// The palette for `light` and `dark` given colours. A dark colour not
/// given is derived from the light one given for the same role.
pub fn derive(light: &Given, dark: &Given) -> Palette {
    let primary = light.primary.or(dark.primary).unwrap_or(DEFAULT_PRIMARY);
    let dark_given = Given {
        primary: dark.primary.or(Some(for_dark(primary))),
        accent: dark.accent.or(light.accent.map(for_dark)),
        ..*dark
    };
    let light_given = Given {
        primary: Some(primary),
        ..*light
    };
    Palette {
        light: derive_scheme(&light_given, false),
        dark: derive_scheme(&dark_given, true),
    }
}

/// The theme's own primary colour, for a look without one.
pub(crate) const DEFAULT_PRIMARY: Rgb = Rgb::new(0x1a, 0x5f, 0xb4);

/// A fill colour for dark surfaces: a dark one is lightened, hue kept.
fn for_dark(color: Rgb) -> Rgb {
    let o = color.to_oklch();
    if o.l < 0.62 {
        Oklch::new(0.74, o.c, o.h).to_rgb()
    } else {
        color
    }
}

/// `color` made lighter (`dl` > 0) or darker, tinted with `hue` when it is
/// a grey.
fn shade(color: Rgb, dl: f64, hue: f64) -> Rgb {
    let o = color.to_oklch();
    let (c, h) = if o.c > 0.01 { (o.c, o.h) } else { (0.006, hue) };
    Oklch::new((o.l + dl).clamp(0.0, 1.0), c, h).to_rgb()
}

fn lerp(a: f64, b: f64, t: f64) -> f64 {
    a + (b - a) * t
}

/// Moves a derived colour to the nearest shade passing `need` against
/// every colour of `against`; keeps it when none does (the check then
/// reports the pair).
fn passing(color: Rgb, against: &[Rgb], need: f64) -> Rgb {
    nearest_passing(color, against, need).unwrap_or(color)
}

fn derive_scheme(given: &Given, dark: bool) -> Colors {
    let primary = given.primary.unwrap_or(DEFAULT_PRIMARY);
    let p = primary.to_oklch();
    let hue = p.h;
    let mut c = Colors([Rgb::BLACK; ROLE_COUNT]);

    // Surfaces; which side the text is on follows the surface given, so a
    // dark surface given for the light scheme still works.
    let surface = given.surface.unwrap_or(if dark {
        Oklch::new(0.235, 0.012, hue).to_rgb()
    } else {
        Rgb::WHITE
    });
    let dark_surface = surface.luminance() < 0.18;
    let s = surface.to_oklch();
    c[Role::Surface] = surface;
    let (bg, surface_2, border, soft) = if dark_surface {
        (-0.035, 0.045, 0.14, 0.09)
    } else {
        (-0.012, -0.045, -0.14, -0.06)
    };
    c[Role::Bg] = shade(surface, bg, hue);
    c[Role::Surface2] = shade(surface, surface_2, hue);
    c[Role::Border] = shade(surface, border, hue);
    c[Role::PrimarySoft] = Oklch::new((s.l + soft).clamp(0.0, 1.0), p.c.min(0.05), hue).to_rgb();

    c[Role::Text] = match given.text {
        Some(text) => {
            // Derived surfaces give way to a given text colour that reads
            // on the surface (one that does not is reported at the text).
            let readable = contrast(text, surface) >= TEXT;
            for role in [Role::Bg, Role::Surface2].into_iter().filter(|_| readable) {
                c[role] = passing(c[role], &[text], TEXT);
            }
            text
        }
        None => {
            let start = if dark_surface {
                Oklch::new(0.93, 0.008, hue)
            } else {
                Oklch::new(0.25, 0.015, hue)
            }
            .to_rgb();
            let behind = [c[Role::Bg], c[Role::Surface], c[Role::Surface2]];
            nearest_passing(start, &behind, 7.0).unwrap_or_else(|| passing(start, &behind, TEXT))
        }
    };
    if contrast(c[Role::Text], surface) >= TEXT {
        c[Role::PrimarySoft] = passing(c[Role::PrimarySoft], &[c[Role::Text]], TEXT);
    }

    c[Role::Primary] = primary;
    c[Role::OnPrimary] = on_fill(primary, hue);

    let surfaces = [c[Role::Bg], c[Role::Surface], c[Role::Surface2]];
    for (role, state_hue) in STATE_HUES {
        let start = if dark_surface {
            Oklch::new(0.8, 0.12, state_hue)
        } else {
            Oklch::new(0.5, 0.15, state_hue)
        };
        c[role] = passing(start.to_rgb(), &surfaces, TEXT);
    }
    // The bad example's card is tinted with `--dont`, which must then pass
    // on it too: settle the two together.
    for _ in 0..4 {
        c[Role::PostBad] = c[Role::Dont].mix_into(c[Role::Surface], 0.05);
        c[Role::PostFlag] = c[Role::Dont].mix_into(c[Role::PostBad], 0.10);
        let behind = [surfaces[0], surfaces[1], surfaces[2], c[Role::PostBad]];
        c[Role::Dont] = passing(c[Role::Dont], &behind, TEXT);
    }
    c[Role::Caution] = c[Role::Dont];
    let behind = [surfaces[0], surfaces[1], surfaces[2], c[Role::PostBad]];

    let muted_start = {
        let t = c[Role::Text].to_oklch();
        Oklch::new(lerp(t.l, s.l, 0.38), t.c, t.h).to_rgb()
    };
    c[Role::Muted] = passing(muted_start, &behind, TEXT);
    for (role, code_hue) in CODE_HUES {
        let start = if code_hue < 0.0 {
            c[Role::Muted]
        } else if dark_surface {
            Oklch::new(0.8, 0.12, code_hue).to_rgb()
        } else {
            Oklch::new(0.48, 0.14, code_hue).to_rgb()
        };
        // 5:1, as the theme's own code colours: a margin for thin glyphs.
        c[role] = passing(start, &[c[Role::Surface2]], 5.0);
    }
    c[Role::Link] = given.link.unwrap_or_else(|| {
        let mut behind = behind.to_vec();
        behind.extend([c[Role::PrimarySoft], c[Role::PostFlag]]);
        passing(primary, &behind, TEXT)
    });
    c[Role::Accent] = given.accent.unwrap_or(primary);
    c[Role::Focus] = passing(given.accent.unwrap_or(primary), &surfaces, GRAPHIC);
    c
}

/// Black or white text for a fill, whichever reads better, softened toward
/// the brand's hue when that keeps 4.5:1. One of pure black or pure white
/// always gives at least 4.58:1.
fn on_fill(fill: Rgb, hue: f64) -> Rgb {
    let soft_dark = Oklch::new(0.2, 0.02, hue).to_rgb();
    let (best_soft, best_pure) = if contrast(fill, Rgb::WHITE) >= contrast(fill, soft_dark) {
        (Rgb::WHITE, Rgb::WHITE)
    } else {
        (soft_dark, Rgb::BLACK)
    };
    if contrast(fill, best_soft) >= TEXT {
        best_soft
    } else if contrast(fill, Rgb::WHITE) >= contrast(fill, Rgb::BLACK) {
        Rgb::WHITE
    } else {
        let _ = best_pure;
        Rgb::BLACK
    }
}

/// A pair of a scheme that fails its contrast.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    pub scheme: Scheme,
    pub pair: Pair,
    pub fg: Rgb,
    pub bg: Rgb,
    pub ratio: f64,
    /// The given colour to blame (the foreground when it was given, else
    /// the background), `None` when both were derived.
    pub blame: Option<Role>,
    /// The nearest shade of the blamed colour (same hue) that passes every
    /// pair it is in.
    pub suggestion: Option<Rgb>,
}

/// Every pair of `palette` under the WCAG 2.1 AA bar.
pub fn check(palette: &Palette, light: &Given, dark: &Given) -> Vec<Failure> {
    let all = pairs();
    let mut failures = Vec::new();
    for scheme in Scheme::BOTH {
        let colors = palette.scheme(scheme);
        let given = match scheme {
            Scheme::Light => light,
            Scheme::Dark => dark,
        };
        for pair in &all {
            let (fg, bg) = (colors[pair.fg], colors[pair.bg]);
            let ratio = contrast(fg, bg);
            if ratio >= pair.need {
                continue;
            }
            let blame = [pair.fg, pair.bg].into_iter().find(|&r| given.gives(r));
            let suggestion = blame.and_then(|role| {
                // Against everything the blamed colour meets, so that the
                // suggestion fixes the pair without breaking another.
                let (others, need): (Vec<Rgb>, f64) = all
                    .iter()
                    .filter_map(|p| {
                        if p.fg == role {
                            Some((colors[p.bg], p.need))
                        } else if p.bg == role {
                            Some((colors[p.fg], p.need))
                        } else {
                            None
                        }
                    })
                    .fold((Vec::new(), 0.0), |(mut v, n), (c, need)| {
                        v.push(c);
                        (v, f64::max(n, need))
                    });
                color::nearest_passing(colors[role], &others, need)
            });
            failures.push(Failure {
                scheme,
                pair: *pair,
                fg,
                bg,
                ratio,
                blame,
                suggestion,
            });
        }
    }
    failures
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(text: &str) -> Rgb {
        let v = u32::from_str_radix(text.trim_start_matches('#'), 16).unwrap();
        Rgb::new((v >> 16) as u8, (v >> 8) as u8, v as u8)
    }

    fn primary(color: Rgb) -> Given {
        Given {
            primary: Some(color),
            ..Given::default()
        }
    }

    fn failures_of(light: &Given, dark: &Given) -> Vec<String> {
        let palette = derive(light, dark);
        check(&palette, light, dark)
            .iter()
            .map(|f| {
                format!(
                    "{} {} {} on {} {}: {}",
                    f.scheme.name(),
                    f.pair.fg.label(),
                    f.fg,
                    f.pair.bg.label(),
                    f.bg,
                    color::ratio_text(f.ratio)
                )
            })
            .collect()
    }

    /// Every derived pair passes, light and dark, for primaries all around
    /// the hue wheel, from near black to near white, grey to saturated.
    #[test]
    fn derived_palettes_pass_for_a_sweep_of_primaries() {
        let mut swept = 0;
        for hue in (0..360).step_by(15) {
            for lightness in (5..=98).step_by(3) {
                for chroma in [0.0, 0.04, 0.1, 0.2, 0.3] {
                    let color =
                        Oklch::new(f64::from(lightness) / 100.0, chroma, f64::from(hue)).to_rgb();
                    let light = primary(color);
                    let failures = failures_of(&light, &Given::default());
                    assert!(failures.is_empty(), "primary {color}: {failures:#?}");
                    swept += 1;
                }
            }
        }
        assert!(swept > 3000);
    }

    #[test]
    fn derived_palettes_pass_with_an_accent_and_tinted_surfaces() {
        for hue in (0..360).step_by(30) {
            for (surface_l, accent_l) in [(0.99, 0.9), (0.95, 0.3), (0.9, 0.6)] {
                let light = Given {
                    primary: Some(Oklch::new(0.55, 0.18, f64::from(hue)).to_rgb()),
                    accent: Some(Oklch::new(accent_l, 0.15, f64::from(hue + 120)).to_rgb()),
                    surface: Some(Oklch::new(surface_l, 0.03, f64::from(hue)).to_rgb()),
                    ..Given::default()
                };
                let failures = failures_of(&light, &Given::default());
                assert!(failures.is_empty(), "hue {hue}: {failures:#?}");
            }
        }
    }

    #[test]
    fn the_three_looks_of_the_browser_test_pass() {
        for color in ["#f7e27a", "#111111", "#e10600"] {
            assert_eq!(
                failures_of(&primary(hex(color)), &Given::default()),
                Vec::<String>::new()
            );
        }
    }

    #[test]
    fn a_pale_primary_is_a_fill_with_dark_text_and_dark_links() {
        let palette = derive(&primary(hex("#f7e27a")), &Given::default());
        let light = palette.light;
        assert_eq!(light[Role::Primary], hex("#f7e27a"));
        assert!(light[Role::OnPrimary].luminance() < 0.05);
        assert!(contrast(light[Role::Link], Rgb::WHITE) >= TEXT);
        let (pale, link) = (hex("#f7e27a").to_oklch(), light[Role::Link].to_oklch());
        assert!(
            (pale.h - link.h).abs() < 8.0,
            "same hue: {} vs {}",
            pale.h,
            link.h
        );
    }

    #[test]
    fn given_colours_are_kept_as_given() {
        let light = Given {
            primary: Some(hex("#0b6e4f")),
            accent: Some(hex("#f2a900")),
            surface: Some(hex("#fffdf7")),
            text: Some(hex("#14213d")),
            link: Some(hex("#0b6e4f")),
        };
        let palette = derive(&light, &Given::default());
        for role in [
            Role::Primary,
            Role::Accent,
            Role::Surface,
            Role::Text,
            Role::Link,
        ] {
            assert_eq!(Some(palette.light[role]), light.get(role), "{role:?}");
        }
        assert!(check(&palette, &light, &Given::default()).is_empty());
    }

    #[test]
    fn a_given_text_colour_that_fails_is_blamed_with_a_passing_shade() {
        let light = Given {
            primary: Some(hex("#0b6e4f")),
            text: Some(hex("#888888")),
            surface: Some(Rgb::WHITE),
            ..Given::default()
        };
        let palette = derive(&light, &Given::default());
        let failures = check(&palette, &light, &Given::default());
        let on_surface = failures
            .iter()
            .find(|f| f.pair.fg == Role::Text && f.pair.bg == Role::Surface)
            .expect("text on surface fails");
        assert_eq!(on_surface.blame, Some(Role::Text));
        assert_eq!(color::ratio_text(on_surface.ratio), "3.54:1");
        let shade = on_surface.suggestion.unwrap();
        assert!(contrast(shade, Rgb::WHITE) >= TEXT);
        assert!(
            failures.iter().all(|f| f.scheme == Scheme::Light),
            "dark is derived: {failures:?}"
        );
    }

    #[test]
    fn a_given_dark_link_on_a_dark_surface_is_reported_for_the_dark_scheme() {
        let light = primary(hex("#1a5fb4"));
        let dark = Given {
            link: Some(hex("#1a5fb4")),
            ..Given::default()
        };
        let failures = check(&derive(&light, &dark), &light, &dark);
        assert!(!failures.is_empty());
        assert!(
            failures
                .iter()
                .all(|f| f.scheme == Scheme::Dark && f.blame == Some(Role::Link))
        );
    }

    /// The theme's own neutral colours (style.css's `:root`) declare every
    /// role and pass every pair, light and dark.
    #[test]
    fn the_default_theme_colours_pass_every_pair() {
        let css = include_str!("../../themes/default/assets/style.css");
        let root = &css[css.find(":root {").unwrap()..];
        let root = &root[..root.find("\n}").unwrap()];
        let mut light = Colors([Rgb::BLACK; ROLE_COUNT]);
        let mut dark = light;
        for role in Role::ALL {
            let Some(name) = role.css_name() else {
                continue;
            };
            let declaration = format!("{name}: light-dark(");
            let at = root
                .find(&declaration)
                .unwrap_or_else(|| panic!("style.css does not declare {name}"));
            let values = &root[at + declaration.len()..];
            let values = &values[..values.find(')').unwrap()];
            let (l, d) = values.split_once(", ").unwrap();
            light[role] = hex(l);
            dark[role] = hex(d);
        }
        for colors in [&mut light, &mut dark] {
            colors[Role::PostBad] = colors[Role::Dont].mix_into(colors[Role::Surface], 0.05);
            colors[Role::PostFlag] = colors[Role::Dont].mix_into(colors[Role::PostBad], 0.10);
        }
        let palette = Palette { light, dark };
        let failures: Vec<String> = check(&palette, &Given::default(), &Given::default())
            .iter()
            .map(|f| {
                format!(
                    "{} {:?} on {:?}: {}",
                    f.scheme.name(),
                    f.pair.fg,
                    f.pair.bg,
                    color::ratio_text(f.ratio)
                )
            })
            .collect();
        assert_eq!(failures, Vec::<String>::new());
    }
}
