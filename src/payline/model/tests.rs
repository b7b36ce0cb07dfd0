use super::*;

#[test]
fn operation_list_names_every_operation_in_order() {
    let names: Vec<&str> = Operation::ALL.iter().map(|o| o.name()).collect();
    assert_eq!(OPERATION_LIST, names.join(", "));
}
