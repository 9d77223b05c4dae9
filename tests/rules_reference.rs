//! The project's rules reference, `docs/RULES.md`, names every rule the app counts with and every
//! legal route it shows, so none goes without its value, range and sources written down where
//! people can review them.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;

use dispute_desk::domain::legal::LEGAL_ROUTES;
use dispute_desk::domain::rules::{OPENING_RULES, RULES};

#[test]
fn every_rule_is_in_the_rules_reference_with_its_sources() {
    let reference = fs::read_to_string("docs/RULES.md").expect("docs/RULES.md");
    for rule in RULES.iter().chain(OPENING_RULES) {
        assert!(reference.contains(&format!("`{}`", rule.id)), "docs/RULES.md lacks {}", rule.id);
        for source in rule.sources {
            assert!(reference.contains(source.address), "docs/RULES.md lacks {} ({})", source.address, rule.id);
        }
    }
    for route in LEGAL_ROUTES {
        assert!(reference.contains(&format!("`{}`", route.id)), "docs/RULES.md lacks {}", route.id);
        for source in route.sources {
            assert!(reference.contains(source.address), "docs/RULES.md lacks {} ({})", source.address, route.id);
        }
    }
}
