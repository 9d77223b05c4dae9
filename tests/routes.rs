//! index.html works out the app's base address by stripping the app's own routes from the path;
//! a route the router knows but index.html does not would break reloading that page under a
//! sub-path. This keeps the lists together: the app's routes and the case's own.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;

/// The literal segments of every `path!("…")` in `source` (parameters such as `:id` left out).
fn segments(source: &str) -> Vec<String> {
    source
        .split("path!(\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .flat_map(|route| route.split('/').map(str::to_owned).collect::<Vec<_>>())
        .filter(|segment| !segment.is_empty() && !segment.starts_with(':'))
        .collect()
}

#[test]
fn every_route_is_known_to_the_base_detector() {
    let index = fs::read_to_string("index.html").expect("index.html");
    let detector = index.lines().find(|line| line.contains("var route =")).expect("the route pattern in index.html");
    let mut known = Vec::new();
    for file in ["src/ui/app.rs", "src/ui/pages/case/mod.rs"] {
        known.extend(segments(&fs::read_to_string(file).expect(file)));
    }
    assert!(known.len() >= 15, "routes found: {known:?}");
    for segment in known {
        assert!(detector.contains(&segment), "index.html's base detector does not know the route segment {segment}");
    }
}
