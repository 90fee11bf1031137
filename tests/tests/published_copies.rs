//! `cargo package` takes only the files inside a crate's directory, so the
//! published crates carry copies of files of the repository's root: their
//! READMEs repeat the root README's getting-started example (all README
//! examples run as doc tests of this crate), and each has the licence texts.
//! The copies must stay the same as the root's.

const README: &str = include_str!("../../README.md");
const CORE_README: &str = include_str!("../../baozi-core/README.md");

/// The first Rust code block of a README's "Getting started" section.
fn getting_started_example(readme: &str) -> &str {
    let section_start = readme
        .find("\n## Getting started\n")
        .expect("a Getting started section");
    let section = &readme[section_start..];
    let start = section.find("```rust\n").expect("a Rust code block") + "```rust\n".len();
    let len = section[start..]
        .find("\n```")
        .expect("the end of the block");
    &section[start..start + len]
}

#[test]
fn baozi_core_readme_shows_the_readme_example() {
    assert_eq!(
        getting_started_example(CORE_README),
        getting_started_example(README)
    );
}

#[test]
fn published_crates_carry_the_root_licences() {
    let copies = [
        (
            "LICENSE-MIT",
            include_str!("../../LICENSE-MIT"),
            include_str!("../../baozi-core/LICENSE-MIT"),
            include_str!("../../baozi-macros/LICENSE-MIT"),
        ),
        (
            "LICENSE-APACHE",
            include_str!("../../LICENSE-APACHE"),
            include_str!("../../baozi-core/LICENSE-APACHE"),
            include_str!("../../baozi-macros/LICENSE-APACHE"),
        ),
    ];
    for (name, root, core, macros) in copies {
        assert!(core == root, "baozi-core/{name} differs from the root's");
        assert!(
            macros == root,
            "baozi-macros/{name} differs from the root's"
        );
    }
}
