use super::*;

fn schema(name: &str) -> SchemaName {
    SchemaName::parse(name).unwrap()
}

#[test]
fn reads_add_up_per_tenant_and_product() {
    let counter = ViewCounter::default();
    let (a, b) = (schema("t_a"), schema("t_b"));
    let p = Uuid::new_v4();
    counter.record(&a, p);
    counter.record(&a, p);
    counter.record(&b, p);
    assert_eq!(counter.pending(&a, p), 2);
    assert_eq!(counter.pending(&b, p), 1);
    assert_eq!(counter.pending(&a, Uuid::new_v4()), 0);
}

#[test]
fn taking_empties_and_putting_back_adds_to_newer_reads() {
    let counter = ViewCounter::default();
    let a = schema("t_a");
    let p = Uuid::new_v4();
    counter.record(&a, p);
    let taken = counter.take();
    assert_eq!(counter.pending(&a, p), 0);
    counter.record(&a, p);
    for (s, counts) in taken {
        counter.put_back(s, counts);
    }
    assert_eq!(counter.pending(&a, p), 2);
    assert_eq!(counter.pending.lock().products, 1);
}

#[test]
fn past_the_bound_new_products_are_not_counted_but_known_ones_are() {
    let counter = ViewCounter::default();
    let a = schema("t_a");
    let first = Uuid::new_v4();
    counter.record(&a, first);
    counter.pending.lock().products = MAX_PENDING;
    let late = Uuid::new_v4();
    counter.record(&a, late);
    counter.record(&schema("t_other"), late);
    counter.record(&a, first);
    assert_eq!(counter.pending(&a, late), 0);
    assert_eq!(counter.pending(&schema("t_other"), late), 0);
    assert_eq!(counter.pending(&a, first), 2);
}
