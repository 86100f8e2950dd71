//! Colour maths: sRGB, OKLCH and WCAG 2.1 contrast.
//!
//! Hand-written rather than taken from a colour crate: the build needs four
//! conversions (sRGB ↔ linear light ↔ OKLab ↔ OKLCH), a gamut clip and the
//! WCAG contrast ratio — about a hundred lines of published formulas — while
//! the crates that offer them (`palette`, `color`) bring generic colour-space
//! machinery a hundred times that size. The OKLab matrices are Björn
//! Ottosson's (<https://bottosson.github.io/posts/oklab/>); the luminance
//! and contrast formulas are WCAG 2.1's definitions of "relative luminance"
//! and "contrast ratio".

use std::fmt;

/// An sRGB colour as CSS writes it in hex: what the site's style sheet gets,
/// and so what contrast is measured on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

/// A colour in OKLCH: perceived lightness `l` (0–1), chroma `c` (0 to about
/// 0.37 inside sRGB) and hue `h` in degrees. Lightness steps of equal size
/// look equal, which is why shades are searched along `l`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Oklch {
    pub l: f64,
    pub c: f64,
    pub h: f64,
}

/// WCAG 2.1 AA: normal text needs 4.5:1.
pub const TEXT: f64 = 4.5;
/// WCAG 2.1 AA: large text and user-interface components (borders of
/// controls, focus indicators) need 3:1.
pub(crate) const GRAPHIC: f64 = 3.0;

impl Rgb {
    pub(crate) const WHITE: Rgb = Rgb::new(255, 255, 255);
    pub(crate) const BLACK: Rgb = Rgb::new(0, 0, 0);

    pub const fn new(r: u8, g: u8, b: u8) -> Rgb {
        Rgb { r, g, b }
    }

    /// WCAG 2.1 relative luminance: 0 for black, 1 for white.
    pub(crate) fn luminance(self) -> f64 {
        // WCAG's own threshold (0.03928; sRGB's is 0.04045: no 8-bit value
        // lies between the two, so both give the same results).
        let channel = |v: u8| {
            let c = f64::from(v) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.r) + 0.7152 * channel(self.g) + 0.0722 * channel(self.b)
    }

    pub(crate) fn to_oklch(self) -> Oklch {
        let [r, g, b] = [self.r, self.g, self.b].map(|v| to_linear(f64::from(v) / 255.0));
        let l = 0.412_221_470_8 * r + 0.536_332_536_3 * g + 0.051_445_992_9 * b;
        let m = 0.211_903_498_2 * r + 0.680_699_545_1 * g + 0.107_396_956_6 * b;
        let s = 0.088_302_461_9 * r + 0.281_718_837_6 * g + 0.629_978_700_5 * b;
        let (l, m, s) = (l.cbrt(), m.cbrt(), s.cbrt());
        let lightness = 0.210_454_255_3 * l + 0.793_617_785 * m - 0.004_072_046_8 * s;
        let a = 1.977_998_495_1 * l - 2.428_592_205 * m + 0.450_593_709_9 * s;
        let b = 0.025_904_037_1 * l + 0.782_771_766_2 * m - 0.808_675_766 * s;
        let c = (a * a + b * b).sqrt();
        let h = if c < 1e-6 {
            0.0
        } else {
            b.atan2(a).to_degrees().rem_euclid(360.0)
        };
        Oklch { l: lightness, c, h }
    }

    /// Mixes `self` into `base` (`amount` of `self`), channel by channel in
    /// gamma-encoded sRGB, as CSS `color-mix(in srgb, …)` does.
    pub(crate) fn mix_into(self, base: Rgb, amount: f64) -> Rgb {
        let mix =
            |a: u8, b: u8| (f64::from(a) * amount + f64::from(b) * (1.0 - amount)).round() as u8;
        Rgb::new(
            mix(self.r, base.r),
            mix(self.g, base.g),
            mix(self.b, base.b),
        )
    }
}

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

/// The WCAG contrast ratio of two colours, from 1 (same luminance) to 21
/// (black on white). The order does not matter.
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    let (light, dark) = if la > lb { (la, lb) } else { (lb, la) };
    (light + 0.05) / (dark + 0.05)
}

/// A ratio as people write it: `4.48:1`, truncated rather than rounded so
/// that a failing ratio never reads as the one it misses (4.499 → `4.49:1`).
pub(crate) fn ratio_text(ratio: f64) -> String {
    format!("{:.2}:1", (ratio * 100.0).floor() / 100.0)
}

impl Oklch {
    pub fn new(l: f64, c: f64, h: f64) -> Oklch {
        Oklch { l, c, h }
    }

    /// The nearest sRGB colour: the same lightness and hue with the chroma
    /// reduced until it fits in sRGB (a hue-preserving gamut clip).
    pub(crate) fn to_rgb(self) -> Rgb {
        let l = self.l.clamp(0.0, 1.0);
        if let Some(rgb) = oklch_to_srgb(l, self.c.max(0.0), self.h) {
            return quantize(rgb);
        }
        let (mut inside, mut outside) = (0.0, self.c);
        for _ in 0..24 {
            let c = (inside + outside) / 2.0;
            if oklch_to_srgb(l, c, self.h).is_some() {
                inside = c;
            } else {
                outside = c;
            }
        }
        quantize(oklch_to_srgb(l, inside, self.h).unwrap_or([l, l, l]))
    }
}

/// OKLCH to gamma-encoded sRGB channels (0–1); `None` when outside sRGB.
fn oklch_to_srgb(l: f64, c: f64, h: f64) -> Option<[f64; 3]> {
    let (a, b) = (c * h.to_radians().cos(), c * h.to_radians().sin());
    let l_ = l + 0.396_337_777_4 * a + 0.215_803_757_3 * b;
    let m_ = l - 0.105_561_345_8 * a - 0.063_854_172_8 * b;
    let s_ = l - 0.089_484_177_5 * a - 1.291_485_548 * b;
    let (lc, mc, sc) = (l_.powi(3), m_.powi(3), s_.powi(3));
    let linear = [
        4.076_741_662_1 * lc - 3.307_711_591_3 * mc + 0.230_969_929_2 * sc,
        -1.268_438_004_6 * lc + 2.609_757_401_1 * mc - 0.341_319_396_5 * sc,
        -0.004_196_086_3 * lc - 0.703_418_614_7 * mc + 1.707_614_701 * sc,
    ];
    const SLACK: f64 = 1e-4;
    if linear.iter().any(|v| !(-SLACK..=1.0 + SLACK).contains(v)) {
        return None;
    }
    Some(linear.map(|v| from_linear(v.clamp(0.0, 1.0))))
}

fn quantize(channels: [f64; 3]) -> Rgb {
    let [r, g, b] = channels.map(|v| (v.clamp(0.0, 1.0) * 255.0).round() as u8);
    Rgb::new(r, g, b)
}

fn to_linear(c: f64) -> f64 {
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

fn from_linear(c: f64) -> f64 {
    if c <= 0.003_130_8 {
        12.92 * c
    } else {
        1.055 * c.powf(1.0 / 2.4) - 0.055
    }
}

/// The shade of `color` (same hue, chroma as close as sRGB allows) whose
/// lightness is nearest to its own and that has at least `ratio` against
/// every colour of `against`; `None` when no lightness does.
pub(crate) fn nearest_passing(color: Rgb, against: &[Rgb], ratio: f64) -> Option<Rgb> {
    let passes = |c: Rgb| against.iter().all(|&b| contrast(c, b) >= ratio);
    if passes(color) {
        return Some(color);
    }
    let start = color.to_oklch();
    // Steps of 0.002 in lightness: finer than 8-bit sRGB can show.
    for step in 1..=500 {
        let delta = f64::from(step) * 0.002;
        for l in [start.l - delta, start.l + delta] {
            if !(0.0..=1.0).contains(&l) {
                continue;
            }
            let candidate = Oklch::new(l, start.c, start.h).to_rgb();
            if passes(candidate) {
                return Some(candidate);
            }
        }
    }
    [Rgb::BLACK, Rgb::WHITE].into_iter().find(|&c| passes(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(text: &str) -> Rgb {
        let v = u32::from_str_radix(text.trim_start_matches('#'), 16).unwrap();
        Rgb::new((v >> 16) as u8, (v >> 8) as u8, v as u8)
    }

    /// Ratios published by WebAIM's contrast checker and the WCAG
    /// understanding documents.
    #[test]
    fn contrast_matches_known_wcag_pairs() {
        let cases = [
            ("#000000", "#ffffff", 21.0),
            ("#ffffff", "#ffffff", 1.0),
            ("#767676", "#ffffff", 4.54),
            ("#777777", "#ffffff", 4.48),
            ("#0000ff", "#ffffff", 8.59),
            ("#ff0000", "#ffffff", 3.99),
            ("#008000", "#ffffff", 5.14),
            ("#595959", "#ffffff", 7.0),
            ("#ffff00", "#000000", 19.55),
        ];
        for (a, b, expected) in cases {
            let ratio = contrast(hex(a), hex(b));
            assert!(
                (ratio - expected).abs() < 0.01,
                "{a} on {b}: {ratio}, expected {expected}"
            );
            assert_eq!(ratio, contrast(hex(b), hex(a)), "contrast is symmetric");
        }
    }

    #[test]
    fn a_ratio_just_below_the_bar_never_reads_as_passing() {
        assert_eq!(ratio_text(4.4999), "4.49:1");
        assert_eq!(ratio_text(21.0), "21.00:1");
    }

    #[test]
    fn oklch_round_trips_through_srgb() {
        for color in [
            "#1a5fb4", "#ffffff", "#000000", "#f5e050", "#c8102e", "#7a3db8", "#808080",
        ] {
            let rgb = hex(color);
            assert_eq!(rgb.to_oklch().to_rgb(), rgb, "{color}");
        }
        // Reference values from the OKLab paper's implementation.
        let white = Rgb::WHITE.to_oklch();
        assert!((white.l - 1.0).abs() < 1e-4 && white.c < 1e-4);
        let red = hex("#ff0000").to_oklch();
        assert!((red.l - 0.628).abs() < 0.001 && (red.c - 0.2577).abs() < 0.001);
        assert!((red.h - 29.23).abs() < 0.05);
    }

    #[test]
    fn colours_outside_srgb_keep_their_lightness_and_hue() {
        let vivid = Oklch::new(0.7, 0.4, 145.0).to_rgb().to_oklch();
        assert!((vivid.l - 0.7).abs() < 0.01, "{vivid:?}");
        assert!((vivid.h - 145.0).abs() < 2.0, "{vivid:?}");
    }

    #[test]
    fn the_nearest_passing_shade_keeps_the_hue_and_passes() {
        let grey = nearest_passing(hex("#888888"), &[Rgb::WHITE], TEXT).unwrap();
        assert!(contrast(grey, Rgb::WHITE) >= TEXT);
        assert!(
            contrast(grey, Rgb::WHITE) < 4.7,
            "the nearest, not any: {grey}"
        );
        let yellow = hex("#f5e050");
        let dark_yellow = nearest_passing(yellow, &[Rgb::WHITE], TEXT).unwrap();
        assert!(contrast(dark_yellow, Rgb::WHITE) >= TEXT);
        let (before, after) = (yellow.to_oklch().h, dark_yellow.to_oklch().h);
        assert!(
            (before - after).abs() < 6.0,
            "hue {before} → {after} ({dark_yellow})"
        );
        // Already passing: unchanged.
        assert_eq!(
            nearest_passing(Rgb::BLACK, &[Rgb::WHITE], TEXT),
            Some(Rgb::BLACK)
        );
        // A mid grey passes 4.5:1 against both black and white; nothing
        // passes 7:1 against both.
        assert!(nearest_passing(grey, &[Rgb::WHITE, Rgb::BLACK], TEXT).is_some());
        assert_eq!(nearest_passing(grey, &[Rgb::WHITE, Rgb::BLACK], 7.0), None);
    }

    #[test]
    fn mixing_follows_css_color_mix_in_srgb() {
        assert_eq!(hex("#ff0000").mix_into(Rgb::WHITE, 0.1), hex("#ffe6e6"));
    }
}
