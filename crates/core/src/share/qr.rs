//! QR codes for printed handouts, drawn as one SVG path (generated here, nothing fetched).

use qrcode::{Color, EcLevel, QrCode};

/// Modules of light margin around the code (the standard's quiet zone).
pub const QUIET: usize = 4;

/// A QR code as SVG path data in module units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrSvg {
    /// Width and height in modules, quiet zone included (the SVG `viewBox` is `0 0 size size`).
    pub size: usize,
    /// Path data of the dark modules: one rectangle per horizontal run.
    pub path: String,
}

/// The QR code of `text` (byte mode, error correction level L, so that long tour links still
/// fit). `None` when the text is longer than a QR code can hold (2,953 bytes).
pub fn qr_svg(text: &str) -> Option<QrSvg> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::L).ok()?;
    let w = code.width();
    let colors = code.to_colors();
    let mut path = String::new();
    for y in 0..w {
        let mut x = 0;
        while x < w {
            if colors[y * w + x] == Color::Dark {
                let start = x;
                while x < w && colors[y * w + x] == Color::Dark {
                    x += 1;
                }
                let run = x - start;
                path.push_str(&format!("M{} {}h{run}v1h-{run}z", start + QUIET, y + QUIET));
            } else {
                x += 1;
            }
        }
    }
    Some(QrSvg {
        size: w + 2 * QUIET,
        path,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Redraws the path into a module grid (only the `M x y h n v1 h-n z` shapes it writes).
    fn modules(q: &QrSvg) -> Vec<Vec<bool>> {
        let mut grid = vec![vec![false; q.size]; q.size];
        for rect in q.path.split('z').filter(|r| !r.is_empty()) {
            let rect = rect.strip_prefix('M').expect("starts with M");
            let (xy, rest) = rect.split_once('h').expect("has h");
            let (x, y) = xy.split_once(' ').expect("x y");
            let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
            let run: usize = rest.split_once('v').unwrap().0.parse().unwrap();
            for cell in &mut grid[y][x..x + run] {
                assert!(!*cell, "rectangles do not overlap");
                *cell = true;
            }
        }
        grid
    }

    #[test]
    fn draws_the_finder_patterns_inside_a_quiet_zone() {
        let q = qr_svg("https://example.org/explorer.html#/matrix?v=1&step=2").unwrap();
        let g = modules(&q);
        let w = q.size - 2 * QUIET;
        assert_eq!((w - 17) % 4, 0, "a QR width is 17 + 4 x version");
        for border in [0, QUIET - 1, q.size - 1] {
            assert!(g[border].iter().all(|m| !m), "quiet zone rows are light");
            assert!(
                g.iter().all(|row| !row[border]),
                "quiet zone columns are light"
            );
        }
        // Top-left finder: a 7x7 dark ring, a light ring, a 3x3 dark centre.
        let at = |x: usize, y: usize| g[y + QUIET][x + QUIET];
        for i in 0..7 {
            assert!(at(i, 0) && at(i, 6) && at(0, i) && at(6, i));
        }
        for i in 1..6 {
            assert!(!at(i, 1) && !at(1, i));
        }
        for x in 2..5 {
            for y in 2..5 {
                assert!(at(x, y));
            }
        }
        // The other two finders mirror it.
        assert!(at(w - 1, 0) && at(w - 7, 6) && at(0, w - 1) && at(6, w - 7));
    }

    #[test]
    fn longer_links_make_larger_codes_and_too_long_is_none() {
        let short = qr_svg("a").unwrap();
        assert_eq!(short.size, 21 + 2 * QUIET);
        let tour = qr_svg(&"x".repeat(2000)).unwrap();
        assert!(tour.size > short.size && tour.size <= 177 + 2 * QUIET);
        assert_eq!(
            qr_svg(&"x".repeat(2953)).map(|q| q.size),
            Some(177 + 2 * QUIET)
        );
        assert_eq!(qr_svg(&"x".repeat(2954)), None);
        assert_eq!(qr_svg("same"), qr_svg("same"), "deterministic");
    }
}
