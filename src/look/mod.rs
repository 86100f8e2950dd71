//! The organisation's look, from the `look:` section of brand.yaml: logo,
//! favicon, colours, fonts and corner radius.
//!
//! - [`color`]: the colour maths (sRGB, OKLCH, WCAG contrast);
//! - [`palette`]: every colour of the theme, derived from the few given,
//!   and the contrast check of every pair the theme uses;
//! - [`file`]: reads and checks the section (files, colour syntax,
//!   contrast), each problem at its line;
//! - [`output`]: the style sheet `assets/look.css` that sets the theme's
//!   custom properties, and the values templates get as `look`.

pub mod color;
pub mod file;
pub mod output;
pub mod palette;

use std::path::PathBuf;

use palette::Palette;

/// The site folder of the look's files (logo, fonts).
pub(crate) const ASSETS_DIR: &str = "assets/look";

/// The `look:` section of brand.yaml, checked: every file exists, is what
/// it claims to be and is safe to serve; the palette passes WCAG 2.1 AA.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Look {
    pub logo: Option<Logo>,
    /// The logo itself when it is square enough, or the file given.
    pub favicon: Option<Asset>,
    /// The `og:image` of every page (else a PNG logo).
    pub share_image: Option<Asset>,
    pub fonts: Fonts,
    /// Corner radius in pixels.
    pub radius: Option<u32>,
    /// Where the site is published, ending in `/`: makes `og:image` and
    /// `og:url` absolute, as platforms want them.
    pub site_url: Option<String>,
    /// `None` without `colors:`: the theme keeps its own.
    pub palette: Option<Palette>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Logo {
    pub light: Asset,
    /// For dark surfaces; the light one is used when there is none.
    pub dark: Option<Asset>,
    pub alt: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fonts {
    pub body: Option<Asset>,
    pub headings: Option<Asset>,
}

/// A file of the course that the look puts in the site.
#[derive(Debug, Clone, PartialEq)]
pub struct Asset {
    /// Relative to the course folder.
    pub source: PathBuf,
    /// Where it goes in the site (`assets/look/logo.svg`).
    pub site_path: String,
    pub kind: AssetKind,
    /// Width and height (an SVG's viewBox, a PNG's pixels), when known.
    pub size: Option<(f64, f64)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssetKind {
    Svg,
    Png,
    Jpeg,
    Woff2,
}

impl AssetKind {
    /// What a file is, from its first bytes (never from its name).
    pub(crate) fn sniff(bytes: &[u8]) -> Option<AssetKind> {
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            return Some(AssetKind::Png);
        }
        if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
            return Some(AssetKind::Jpeg);
        }
        if bytes.starts_with(b"wOF2") {
            return Some(AssetKind::Woff2);
        }
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
        let head = head.trim_start_matches('\u{feff}').trim_start();
        (head.starts_with('<') && head.contains("<svg")).then_some(AssetKind::Svg)
    }

    pub fn label(self) -> &'static str {
        match self {
            AssetKind::Svg => "SVG",
            AssetKind::Png => "PNG",
            AssetKind::Jpeg => "JPEG",
            AssetKind::Woff2 => "WOFF2 font",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            AssetKind::Svg => "svg",
            AssetKind::Png => "png",
            AssetKind::Jpeg => "jpg",
            AssetKind::Woff2 => "woff2",
        }
    }

    pub(crate) fn media_type(self) -> &'static str {
        match self {
            AssetKind::Svg => "image/svg+xml",
            AssetKind::Png => "image/png",
            AssetKind::Jpeg => "image/jpeg",
            AssetKind::Woff2 => "font/woff2",
        }
    }
}

impl Asset {
    /// Square enough to be shown as a browser tab's icon: sides within a
    /// ratio of 1.25.
    pub(crate) fn is_square_enough(&self) -> bool {
        self.size.is_some_and(|(w, h)| w.max(h) / w.min(h) <= 1.25)
    }
}

impl Look {
    /// Every file the look copies into the site: (source relative to the
    /// course, site path), each once.
    pub fn files(&self) -> Vec<(PathBuf, String)> {
        let mut files: Vec<(PathBuf, String)> = Vec::new();
        let logo = self.logo.as_ref();
        for asset in [
            logo.map(|l| &l.light),
            logo.and_then(|l| l.dark.as_ref()),
            self.favicon.as_ref(),
            self.share_image.as_ref(),
            self.fonts.body.as_ref(),
            self.fonts.headings.as_ref(),
        ]
        .into_iter()
        .flatten()
        {
            if !files.iter().any(|(_, site)| *site == asset.site_path) {
                files.push((asset.source.clone(), asset.site_path.clone()));
            }
        }
        files
    }

    /// The image shown when a page is shared: `share_image`, else the logo
    /// when platforms can show it (they do not show SVG).
    pub(crate) fn og_image(&self) -> Option<&Asset> {
        self.share_image.as_ref().or_else(|| {
            self.logo
                .as_ref()
                .map(|l| &l.light)
                .filter(|a| a.kind != AssetKind::Svg)
        })
    }
}
