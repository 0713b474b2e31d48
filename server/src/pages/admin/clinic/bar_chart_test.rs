use super::*;

fn inputs(values: &[i64]) -> Vec<Input> {
    values
        .iter()
        .enumerate()
        .map(|(i, v)| Input {
            value: *v,
            label: format!("b{i}"),
            title: format!("t{i}"),
        })
        .collect()
}

#[test]
fn one_bar_per_bucket_the_tallest_reaching_its_share_of_a_round_top() {
    let c = draw(inputs(&[0, 3, 6]), false, |n| n.to_string());
    assert_eq!(c.bars.len(), 3);
    // 6 rounds up to a top of 8 (steps of 2).
    let labels: Vec<&str> = c.ticks.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(labels, ["0", "2", "4", "6", "8"]);
    let plot = c.baseline - TOP;
    assert_eq!(c.bars[0].height, 0.0);
    assert!((c.bars[2].height - tenth(plot * 6.0 / 8.0)).abs() < 0.05);
    assert!((c.bars[1].height * 2.0 - c.bars[2].height).abs() < 0.2);
    // Every bar stands on the baseline.
    for b in &c.bars {
        assert!((b.y + b.height - c.baseline).abs() < 0.2);
    }
}

#[test]
fn left_to_right_the_oldest_is_first_on_the_left_and_right_to_left_on_the_right() {
    let ltr = draw(inputs(&[1, 2, 3]), false, |n| n.to_string());
    assert!(ltr.bars[0].x < ltr.bars[2].x);
    assert!(ltr.tick_label_x < ltr.bars[0].x);
    let rtl = draw(inputs(&[1, 2, 3]), true, |n| n.to_string());
    assert!(rtl.bars[0].x > rtl.bars[2].x);
    assert!(rtl.tick_label_x > rtl.bars[0].x + rtl.bars[0].width);
    // Mirrored, not merely reordered: the same widths, inside the viewBox.
    for b in rtl.bars.iter().chain(&ltr.bars) {
        assert!(b.x >= 0.0 && b.x + b.width <= WIDTH);
        assert_eq!(b.width, ltr.bars[0].width);
    }
}

#[test]
fn many_buckets_label_only_some_and_nothing_is_empty_or_negative() {
    let c = draw(inputs(&vec![1; 105]), false, |n| n.to_string());
    let shown = c.bars.iter().filter(|b| b.label.is_some()).count();
    assert!((1..=MAX_LABELS).contains(&shown), "{shown}");
    assert!(c.bars.iter().all(|b| b.width >= 1.0));

    let empty = draw(Vec::new(), false, |n| n.to_string());
    assert!(empty.bars.is_empty());
    assert_eq!(empty.ticks.last().map(|t| t.label.as_str()), Some("4"));
}

#[test]
fn axis_steps_are_round_numbers() {
    assert_eq!(round_step(1), 1);
    assert_eq!(round_step(3), 5);
    assert_eq!(round_step(7), 10);
    assert_eq!(round_step(11), 20);
    assert_eq!(round_step(250), 500);
}
