//! A crate that depends on baozi-core under another name (`baozi = {
//! package = "baozi-core" }`): the expansion names the crate as this
//! crate's `Cargo.toml` does. `reexport` stands for a crate that re-exports
//! baozi-core, which `#[generator(crate = path)]` points at.

use baozi::prelude::*;

/// What a crate re-exporting baozi-core looks like.
pub mod reexport {
    pub use baozi as generators;
}

/// Every path the expansion names: `?`, derives with serde.
#[generator(yield = u32, derive(Clone, Debug, PartialEq, Serialize, Deserialize))]
pub fn counted(n: u32) -> Result<u32, String> {
    let mut i = 0;
    while i < n {
        yield_!(i);
        i += 1;
    }
    if i > 100 {
        Err("too big".to_string())?;
    }
    Ok(i)
}

/// Delegation.
#[generator(yield = u32)]
pub fn delegating() -> u32 {
    let total = yield_from!(inner());
    total + 1
}

#[generator(yield = u32)]
fn inner() -> u32 {
    yield_!(10);
    10
}

/// The same through the re-export.
#[generator(yield = u32, crate = crate::reexport::generators)]
pub fn through_reexport() -> u32 {
    yield_!(1);
    yield_from!(block_through_reexport());
    3
}

/// `yield_from!` of an iterable, through the re-export.
#[generator(yield = u32, crate = crate::reexport::generators)]
pub fn iterable_through_reexport() {
    yield_from!([4, 5]);
}

fn block_through_reexport() -> impl Generator<Yield = u32, Return = ()> {
    generator_block!(crate = crate::reexport::generators; {
        yield_!(2u32);
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_renamed_dependency_works() {
        let mut g = counted(2);
        assert_eq!((&mut g).collect::<Vec<_>>(), [0, 1]);
        assert_eq!(g.take_return(), Some(Ok(2)));
        let mut d = delegating();
        assert_eq!(d.next(), Some(10));
        assert_eq!(d.resume(()), GeneratorState::Complete(11));
    }

    #[test]
    fn derives_and_serde_under_the_renamed_crate() {
        let mut g = counted(3);
        g.next();
        let fork = g.clone();
        assert_eq!(fork, g);
        let saved = serde_json::to_string(&g).unwrap();
        let mut restored = counted(0);
        restored
            .restore(&mut serde_json::Deserializer::from_str(&saved))
            .unwrap();
        assert_eq!(restored.collect::<Vec<_>>(), [1, 2]);
        assert!(format!("{fork:?}").starts_with("counted"));
    }

    #[test]
    fn crate_path_names_a_reexport() {
        assert_eq!(through_reexport().collect::<Vec<_>>(), [1, 2]);
        assert_eq!(iterable_through_reexport().collect::<Vec<_>>(), [4, 5]);
    }
}
