//! index.html works out the app's base address by stripping the app's own routes from the end of
//! the path, before anything relative is fetched: one build serves from any host and sub-path.
//! The routes are the router's, read from its declarations (every `path!("…")` in `ROUTERS`, in
//! order) and written into the page in place of `__ROUTES__`, so they are declared once.

use std::fs;
use std::path::Path;

use eyre::{ensure, Result};

/// The files that declare the router's routes, under src/.
pub const ROUTERS: &[&str] = &["ui/app.rs", "ui/pages/case/mod.rs"];

const PLACEHOLDER: &str = "/__ROUTES__/";

/// The paths `source` declares, as written in `path!("…")`, in order.
fn declared(source: &str) -> Vec<String> {
    rust_literals::literals(source)
        .into_iter()
        .filter(|literal| source[..literal.start].trim_end().ends_with("path!("))
        .map(|literal| literal.text)
        .collect()
}

/// A literal segment as a pattern: the characters regular expressions give a meaning escaped.
fn escaped(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for c in segment.chars() {
        if r"\^$.|?*+()[]{}/".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A path's segments as a pattern: a parameter (`:id`) is any one segment.
fn segments_pattern(path: &str) -> String {
    let segments: Vec<String> = path
        .split('/')
        .filter(|segment| !segment.is_empty())
        .map(|segment| if segment.starts_with(':') { "[^/]+".to_owned() } else { escaped(segment) })
        .collect();
    segments.join("\\/")
}

/// The JavaScript pattern (a regular expression literal) that matches the end of any address the
/// router serves: each top-level route ("/new"), and each nested one after its parent
/// ("/cases/:id" then "edit"); the page itself, `index.html`, too.
pub fn pattern(paths: &[String]) -> Result<String> {
    let mut routes: Vec<(String, Vec<String>)> = Vec::new();
    for path in paths {
        if path.starts_with('/') {
            routes.push((segments_pattern(path), Vec::new()));
        } else if !path.is_empty() {
            let Some((_, children)) = routes.last_mut() else { eyre::bail!("the nested route {path:?} has no parent") };
            children.push(segments_pattern(path));
        }
    }
    let mut alternatives: Vec<String> = routes
        .into_iter()
        .filter(|(route, _)| !route.is_empty())
        .map(|(route, children)| match children.is_empty() {
            true => route,
            false => format!("{route}(?:\\/(?:{}))?", children.join("|")),
        })
        .collect();
    ensure!(!alternatives.is_empty(), "no route found in the router's files");
    alternatives.push("index\\.html".to_owned());
    Ok(format!("/(?:{})\\/?$/", alternatives.join("|")))
}

/// The page with the router's routes in its base detector.
pub fn with_routes(page: &str, src: &Path) -> Result<String> {
    ensure!(page.matches(PLACEHOLDER).count() == 1, "index.html's base detector has no {PLACEHOLDER} to fill");
    let mut paths = Vec::new();
    for file in ROUTERS {
        paths.extend(declared(&fs::read_to_string(src.join(file))?));
    }
    Ok(page.replacen(PLACEHOLDER, &pattern(&paths)?, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_routes_follow_their_parent_and_parameters_match_one_segment() {
        let source = r#"<Route path=path!("/") /> <Route path=path!("/host-check") /> // path!("/old")
            <ParentRoute path=path!("/cases/:id")> <Route path=path!("edit") /> <ParentRoute path=path!("")>
            <Route path=path!("") /> <Route path=path!("deadlines") />"#;
        let paths = declared(source);
        assert_eq!(paths, ["/", "/host-check", "/cases/:id", "edit", "", "", "deadlines"]);
        assert_eq!(pattern(&paths).unwrap(), r"/(?:host-check|cases\/[^/]+(?:\/(?:edit|deadlines))?|index\.html)\/?$/");
        assert_eq!(segments_pattern("/a.b/:x"), r"a\.b\/[^/]+");
        assert!(pattern(&["edit".to_string()]).is_err());
    }

    #[test]
    fn the_apps_routes_reach_the_page_and_strip_to_the_base() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src");
        let page = with_routes("var route = /__ROUTES__/;", &src).unwrap();
        let found = page.trim_start_matches("var route = /").trim_end_matches("/;");
        let route = regex::Regex::new(&found.replace("\\/", "/")).unwrap();
        for (path, base) in [
            ("/help/disputes/cases/abc-1/evidence", "/help/disputes/"),
            ("/help/disputes/new", "/help/disputes/"),
            ("/before-next-order/", "/"),
            ("/host-check", "/"),
            ("/help/", "/help/"),
            ("/help/index.html", "/help/"),
        ] {
            assert_eq!(route.replace(path, ""), base, "{path}");
        }
        assert!(with_routes("no detector", &src).is_err());
    }
}
