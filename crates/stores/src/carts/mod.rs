//! Carts: a guest's (opened with a secret token) or a signed-in customer's,
//! and the merge of a guest's cart into the customer's at sign-in.
