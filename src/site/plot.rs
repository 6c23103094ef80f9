//! The coverage plots: bar charts as SVG, drawn at build time from counts, with a title and a
//! description for screen readers (the index also gives the numbers as a table). Colours are
//! presentation attributes, so a plot reads the same inline and as a file of its own.

use std::fmt::Write;

use super::html::escape;

/// A bar: its label and its count.
pub struct Bar {
    pub label: String,
    pub count: u64,
}

const INK: &str = "#1b1b1b";
// 7.5:1 against white: the bars are read as well as the text (WCAG 1.4.11 asks 3:1).
const BAR: &str = "#1d5a85";
const RULE: &str = "#767676";

/// A round step for the axis: 1, 2 or 5 times a power of ten, about `max / 4`.
fn step(max: u64) -> u64 {
    let rough = (max / 4).max(1);
    let mut p = 1;
    while p * 10 <= rough {
        p *= 10;
    }
    [1, 2, 5, 10]
        .into_iter()
        .map(|m| m * p)
        .find(|s| *s >= rough)
        .unwrap_or(10 * p)
}

fn open(s: &mut String, id: &str, title: &str, desc: &str, w: u32, h: u32) {
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" role=\"img\" \
         aria-labelledby=\"{id}-title {id}-desc\" class=\"plot\" font-family=\"system-ui, sans-serif\" \
         font-size=\"12\" fill=\"{INK}\"><title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        escape(title),
        escape(desc)
    );
}

/// Vertical bars, one per label in order (years), with every `label_every`th label shown.
pub fn columns(id: &str, title: &str, desc: &str, bars: &[Bar], label_every: usize) -> String {
    let (w, h, left, bottom, top) = (720u32, 260u32, 44u32, 36u32, 12u32);
    let max = bars.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    let step = step(max);
    let top_value = max.div_ceil(step) * step;
    let plot_h = f64::from(h - bottom - top);
    let slot = f64::from(w - left - 8) / bars.len().max(1) as f64;
    let y = |v: u64| f64::from(h - bottom) - plot_h * v as f64 / top_value as f64;
    let mut s = String::new();
    open(&mut s, id, title, desc, w, h);
    let mut v = 0;
    while v <= top_value {
        let _ = write!(
            s,
            "<line x1=\"{left}\" x2=\"{}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"{RULE}\" stroke-width=\"0.5\"/>\
             <text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{v}</text>",
            w - 8,
            y(v),
            y(v),
            left - 6,
            y(v) + 4.0
        );
        v += step;
    }
    for (i, b) in bars.iter().enumerate() {
        let x = f64::from(left) + slot * i as f64;
        if b.count > 0 {
            let _ = write!(
                s,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{BAR}\"><title>{}: {}</title></rect>",
                x + slot * 0.1,
                y(b.count),
                slot * 0.8,
                y(0) - y(b.count),
                escape(&b.label),
                b.count
            );
        }
        // Every few years, and the last bar, never two labels side by side.
        let last = bars.len() - 1;
        if i == last || (i % label_every.max(1) == 0 && last - i > 1) {
            let _ = write!(
                s,
                "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                x + slot / 2.0,
                h - bottom + 16,
                escape(&b.label)
            );
        }
    }
    s.push_str("</svg>");
    s
}

/// Horizontal bars, one row per label (topics), the count written at the bar's end.
pub fn rows(id: &str, title: &str, desc: &str, bars: &[Bar]) -> String {
    let (w, row, left) = (720u32, 28u32, 330u32);
    let h = row * bars.len().max(1) as u32 + 8;
    let max = bars.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    let room = f64::from(w - left - 60);
    let mut s = String::new();
    open(&mut s, id, title, desc, w, h);
    for (i, b) in bars.iter().enumerate() {
        let top = row * i as u32 + 4;
        let len = room * b.count as f64 / max as f64;
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\
             <rect x=\"{left}\" y=\"{}\" width=\"{len:.1}\" height=\"{}\" fill=\"{BAR}\"><title>{}: {}</title></rect>\
             <text x=\"{:.1}\" y=\"{}\">{}</text>",
            left - 8,
            top + 17,
            escape(&b.label),
            top + 4,
            row - 10,
            escape(&b.label),
            b.count,
            f64::from(left) + len + 6.0,
            top + 17,
            b.count
        );
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_steps_are_round() {
        assert_eq!(
            [1, 4, 9, 11, 40, 230, 100_000].map(step),
            [1, 1, 2, 2, 10, 100, 50_000]
        );
    }

    #[test]
    fn bars_carry_their_numbers_and_labels_are_escaped() {
        let bars = [
            Bar {
                label: "2000".into(),
                count: 2,
            },
            Bar {
                label: "2001".into(),
                count: 0,
            },
            Bar {
                label: "n.d.".into(),
                count: 1,
            },
        ];
        let svg = columns("years", "Records <by> year", "d", &bars, 5);
        assert!(svg.contains("<title id=\"years-title\">Records &lt;by&gt; year</title>"));
        assert_eq!(svg.matches("<rect").count(), 2, "no bar for a zero");
        assert!(svg.contains("<title>n.d.: 1</title>"));
        let svg = rows("topics", "t", "d", &bars);
        assert_eq!(svg.matches("<rect").count(), 3);
    }
}
