//! The API's contract as a client meets it: the OpenAPI document and its
//! documentation page, on any host; and what the API fuzzer found.

mod docs_page;
mod document;
mod fuzz_findings;
