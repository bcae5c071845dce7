//! The report's SVG dot plots, written by hand (a few dozen elements per
//! plot), so the output is byte-for-byte reproducible and needs no plotting
//! or font library.

use super::data::{RatioRow, num};
use std::fmt::Write;

const PALETTE: [&str; 6] = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
];

/// Powers of two spanning every ratio (and 1).
fn extent(rows: &[RatioRow]) -> (i32, i32) {
    let all = rows
        .iter()
        .flat_map(|r| r.ratios.iter().flat_map(|x| [x.ratio.min, x.ratio.max]));
    let (lo, hi) = all.fold((1.0f64, 1.0f64), |(lo, hi), x| (lo.min(x), hi.max(x)));
    (
        lo.log2().floor() as i32,
        (hi.log2().ceil() as i32).max(lo.log2().floor() as i32 + 1),
    )
}

fn tick_label(p: i32) -> String {
    if p >= 0 {
        format!("{}×", 1u64 << p)
    } else {
        format!("1/{}", 1u64 << -p)
    }
}

/// Geometry of one dot plot: a log₂ axis from 2^lo to 2^hi, one band per shape.
struct Plot {
    lo: i32,
    hi: i32,
    /// Peers in legend order (`best` last).
    peers: Vec<String>,
}

const LEFT: f64 = 190.0;
const WIDTH: f64 = 540.0;
const TOP: f64 = 70.0;
const ROW_H: f64 = 26.0;

impl Plot {
    fn x(&self, ratio: f64) -> f64 {
        LEFT + (ratio.log2() - self.lo as f64) / (self.hi - self.lo) as f64 * WIDTH
    }

    fn color(&self, peer: &str) -> &'static str {
        let k = self.peers.iter().position(|p| p == peer).unwrap_or(0);
        if peer == "best" {
            "#000"
        } else {
            PALETTE[k % PALETTE.len()]
        }
    }

    /// Vertical grid line and label at every power of two; 1× in black.
    fn grid(&self, s: &mut String, bottom: f64) {
        for p in self.lo..=self.hi {
            let (gx, stroke) = (self.x(2f64.powi(p)), if p == 0 { "#000" } else { "#ddd" });
            let _ = writeln!(
                s,
                "<line x1=\"{gx:.1}\" y1=\"{}\" x2=\"{gx:.1}\" y2=\"{bottom}\" stroke=\"{stroke}\"/>\
                 <text x=\"{gx:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                TOP - 12.0,
                TOP - 16.0,
                tick_label(p)
            );
        }
    }

    /// A machine's band: its label across the plot, on white.
    fn section(&self, s: &mut String, y0: f64, label: &str) {
        let _ = writeln!(
            s,
            "<rect x=\"0\" y=\"{y0:.1}\" width=\"780\" height=\"{ROW_H}\" fill=\"white\"/>\
             <text x=\"10\" y=\"{:.1}\" font-weight=\"bold\">{label}</text>",
            y0 + ROW_H / 2.0 + 4.0
        );
    }

    /// One shape: its label, then a min–max bar and a median dot per peer.
    fn row(&self, s: &mut String, y0: f64, row: &RatioRow) {
        let (label_x, label_y) = (LEFT - 10.0, y0 + ROW_H / 2.0 + 4.0);
        let _ = writeln!(
            s,
            "<text x=\"{label_x}\" y=\"{label_y:.1}\" text-anchor=\"end\">{}</text>",
            row.shape
        );
        for r in &row.ratios {
            let k = self.peers.iter().position(|p| *p == r.against).unwrap_or(0);
            let y = y0 + 4.0 + (k as f64 + 0.5) * (ROW_H - 8.0) / self.peers.len() as f64;
            let (color, (lo, med, hi)) = (
                self.color(&r.against),
                (r.ratio.min, r.ratio.median, r.ratio.max),
            );
            let title = format!(
                "{} ÷ {}: {} ({}–{})",
                row.shape,
                r.against,
                num(med),
                num(lo),
                num(hi)
            );
            let _ = writeln!(
                s,
                "<line x1=\"{:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"{color}\"/>\
                 <circle cx=\"{:.1}\" cy=\"{y:.1}\" r=\"3\" fill=\"{color}\"><title>{title}</title></circle>",
                self.x(lo),
                self.x(hi),
                self.x(med)
            );
        }
    }

    fn legend(&self, s: &mut String, bottom: f64) {
        for (k, p) in self.peers.iter().enumerate() {
            let (lx, color) = (LEFT + 110.0 * k as f64, self.color(p));
            let _ = writeln!(
                s,
                "<circle cx=\"{lx:.1}\" cy=\"{:.1}\" r=\"4\" fill=\"{color}\"/>\
                 <text x=\"{:.1}\" y=\"{:.1}\">÷ {p}</text>",
                bottom + 30.0,
                lx + 8.0,
                bottom + 34.0
            );
        }
    }
}

/// A dot plot on a log₂ axis, one band per machine: per shape, one median
/// dot with a min–max bar for each peer and for the best peer of each round.
pub fn svg(ours: &str, sections: &[(String, Vec<RatioRow>)]) -> String {
    let rows: Vec<RatioRow> = sections.iter().flat_map(|(_, r)| r.clone()).collect();
    let (lo, hi) = extent(&rows);
    let mut peers: Vec<String> = Vec::new();
    for r in rows.iter().flat_map(|row| &row.ratios) {
        if !peers.contains(&r.against) {
            peers.push(r.against.clone());
        }
    }
    let plot = Plot { lo, hi, peers };
    let bottom = TOP + ROW_H * (rows.len() + sections.len()) as f64;
    let height = bottom + 60.0;
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"780\" height=\"{height}\" \
         font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"780\" height=\"{height}\" \
         fill=\"white\"/>\n<text x=\"10\" y=\"18\" font-weight=\"bold\">{ours} ÷ peer, time \
         per message</text>\n<text x=\"10\" y=\"34\">dot: median over rounds; bar: min–max; \
         left of 1× means {ours} is faster (log scale)</text>\n"
    );
    plot.grid(&mut s, bottom);
    let mut y = TOP;
    for (label, rows) in sections {
        plot.section(&mut s, y, label);
        y += ROW_H;
        for row in rows {
            plot.row(&mut s, y, row);
            y += ROW_H;
        }
    }
    plot.legend(&mut s, bottom);
    s + "</svg>\n"
}
