use super::*;

#[test]
fn every_status_an_order_can_reach_has_its_listed_event() {
    for status in OrderStatus::ALL {
        let reachable = OrderStatus::ALL.iter().any(|s| s.can_become(*status));
        match name_of(*status) {
            Some(name) => assert!(EVENT_NAMES.contains(&name), "{name}"),
            None => assert!(!reachable, "{status}"),
        }
    }
    assert!(EVENT_NAMES.contains(&CREATED));
}
