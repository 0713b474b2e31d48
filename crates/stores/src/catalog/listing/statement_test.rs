use super::*;

/// The pieces as text: binds shown as `<i>`.
fn shape(statement: &Statement) -> String {
    statement
        .pieces
        .iter()
        .map(|p| match p {
            Piece::Sql(text) => text.clone(),
            Piece::Bind(i) => format!("<{i}>"),
        })
        .collect()
}

fn binds(n: usize) -> Vec<Bind> {
    (0..n).map(|i| Bind::BigInt(i as i64)).collect()
}

#[test]
fn placeholders_become_binds_and_a_repeated_one_binds_twice() {
    let s = Statement::new("a >= $1 AND (a > $1 OR id < $2) LIMIT $3", binds(3));
    assert_eq!(shape(&s), "a >= <0> AND (a > <0> OR id < <1>) LIMIT <2>");
}

#[test]
fn two_digit_placeholders_are_read_whole() {
    let s = Statement::new("x = $10 AND y = $1", binds(10));
    assert_eq!(shape(&s), "x = <9> AND y = <0>");
}

#[test]
fn a_dollar_that_names_no_bind_stays_text() {
    let s = Statement::new("SELECT '$' || $1, $7, $", binds(1));
    assert_eq!(shape(&s), "SELECT '$' || <0>, $7, $");
}
