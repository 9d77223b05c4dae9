//! index.html works out the app's base address by stripping the app's own routes from the path;
//! a route the router knows but index.html does not would break reloading that page under a
//! sub-path. This keeps the two lists together.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;

#[test]
fn every_route_is_known_to_the_base_detector() {
    let app = fs::read_to_string("src/ui/app.rs").expect("src/ui/app.rs");
    let index = fs::read_to_string("index.html").expect("index.html");
    let detector = index.lines().find(|line| line.contains("var route =")).expect("the route pattern in index.html");
    let routes: Vec<&str> = app.split("path!(\"").skip(1).filter_map(|rest| rest.split('"').next()).collect();
    assert!(routes.len() >= 10, "routes found: {routes:?}");
    for route in routes {
        let first = route.trim_start_matches('/').split('/').next().unwrap_or_default();
        if first.is_empty() {
            continue;
        }
        assert!(detector.contains(first), "index.html's base detector does not know the route {route}");
    }
}
