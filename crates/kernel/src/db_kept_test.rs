use super::*;

/// The pieces as text: binds shown as `<i>`.
fn shape(text: &str, binds: usize) -> String {
    pieces(text, binds)
        .into_iter()
        .map(|p| match p {
            Piece::Sql(text) => text.to_string(),
            Piece::Bind(i) => format!("<{i}>"),
        })
        .collect()
}

#[test]
fn placeholders_become_binds_and_a_repeated_one_binds_twice() {
    assert_eq!(
        shape("a >= $1 AND (a > $1 OR id < $2) LIMIT $3", 3),
        "a >= <0> AND (a > <0> OR id < <1>) LIMIT <2>"
    );
}

#[test]
fn two_digit_placeholders_are_read_whole() {
    assert_eq!(shape("x = $10 AND y = $1", 10), "x = <9> AND y = <0>");
}

#[test]
fn a_dollar_that_names_no_bind_stays_text() {
    assert_eq!(
        shape("SELECT '$' || $1, $7, $", 1),
        "SELECT '$' || <0>, $7, $"
    );
}
