//! A bar chart drawn on the server, as inline SVG: the page needs no
//! script and no chart library, and the figures are the table's under it.
//! Only the geometry is computed here; the template writes the elements.
//!
//! The drawing has a fixed viewBox and scales to the width it is given,
//! so a phone shows it whole instead of scrolling sideways. In a
//! right-to-left language the chart is mirrored (the oldest bar on the
//! right, the value axis on the right), as such readers read time.

/// The viewBox; the page scales it to its width.
pub const WIDTH: f64 = 480.0;
pub const HEIGHT: f64 = 240.0;
/// Room for the value labels beside the axis, and for the period labels
/// under the bars.
const AXIS_SIDE: f64 = 44.0;
const FAR_SIDE: f64 = 8.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 36.0;
/// Period labels under the bars: about this many at most, or they overlap.
const MAX_LABELS: usize = 6;
/// Lines across the chart, above the baseline.
const STEPS: i64 = 4;

/// One bucket to draw: its value, the short label under its bar, and the
/// bar's title (what a screen reader or a pointer hovering it reads).
pub struct Input {
    pub value: i64,
    pub label: String,
    pub title: String,
}

pub struct Bar {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    pub title: String,
    /// Where the bar's label goes (its middle), when it has one shown.
    pub label: Option<(f64, String)>,
}

/// A value on the axis and the height of its line across the chart.
pub struct Tick {
    pub y: f64,
    pub label: String,
}

pub struct Chart {
    pub bars: Vec<Bar>,
    pub ticks: Vec<Tick>,
    /// Where the value axis is drawn, and where its labels end (beside it,
    /// outside the bars: the text's end in either direction).
    pub axis_x: f64,
    pub tick_label_x: f64,
    /// The plot's edges and baseline, for the lines across it.
    pub left: f64,
    pub right: f64,
    pub baseline: f64,
    pub label_y: f64,
}

fn tenth(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// The smallest of 1, 2, 5, 10, 20, 50, ... at least `raw`: axis values
/// a reader can take in at a glance.
fn round_step(raw: i64) -> i64 {
    let mut magnitude = 1_i64;
    loop {
        for m in [1, 2, 5] {
            let step = m * magnitude;
            if step >= raw {
                return step;
            }
        }
        match magnitude.checked_mul(10) {
            Some(next) => magnitude = next,
            None => return raw,
        }
    }
}

/// The chart of `inputs`, oldest first; `number` writes an axis value as
/// the page's language does.
pub fn draw(inputs: Vec<Input>, rtl: bool, number: impl Fn(i64) -> String) -> Chart {
    let (left, right) = if rtl {
        (FAR_SIDE, WIDTH - AXIS_SIDE)
    } else {
        (AXIS_SIDE, WIDTH - FAR_SIDE)
    };
    let baseline = HEIGHT - BOTTOM;
    let plot_height = baseline - TOP;
    let highest = inputs.iter().map(|i| i.value).max().unwrap_or(0).max(1);
    // Rounded up so the top line is a round number; at least 1 per step.
    let step = round_step((highest + STEPS - 1) / STEPS);
    let top = step.saturating_mul(STEPS);
    let ticks = (0..=STEPS)
        .map(|k| Tick {
            y: tenth(baseline - plot_height * k as f64 / STEPS as f64),
            label: number(step.saturating_mul(k)),
        })
        .collect();

    let count = inputs.len().max(1);
    let slot = (right - left) / count as f64;
    let label_every = count.div_ceil(MAX_LABELS);
    let bars = inputs
        .into_iter()
        .enumerate()
        .map(|(i, input)| {
            let slot_start = if rtl {
                right - slot * (i + 1) as f64
            } else {
                left + slot * i as f64
            };
            let height = plot_height * input.value.max(0) as f64 / top as f64;
            Bar {
                x: tenth(slot_start + slot * 0.15),
                y: tenth(baseline - height),
                width: tenth((slot * 0.7).max(1.0)),
                height: tenth(height),
                title: input.title,
                label: (i % label_every == 0)
                    .then(|| (tenth(slot_start + slot / 2.0), input.label)),
            }
        })
        .collect();
    let (axis_x, tick_label_x) = if rtl {
        (right, right + 4.0)
    } else {
        (left, left - 4.0)
    };
    Chart {
        bars,
        ticks,
        axis_x,
        tick_label_x,
        left,
        right,
        baseline,
        label_y: HEIGHT - 14.0,
    }
}

#[cfg(test)]
#[path = "bar_chart_test.rs"]
mod tests;
