//! `derive(Serialize, Deserialize)`: a suspended generator saved as JSON and
//! restored continues exactly where it stopped.

use baozi_core::GeneratorState::*;
use baozi_core::prelude::*;

#[generator(yield = String, resume = Option<u32>, derive(Serialize, Deserialize, Debug))]
fn consumer(name: String) -> u32 {
    let mut eaten = 0;
    loop {
        let Some(baozi) = yield_!(format!("{name} 準備吃包子啦!")) else {
            return eaten;
        };
        eaten += baozi;
    }
}

#[test]
fn a_json_round_trip_mid_iteration() {
    let mut original = consumer("A".into());
    original.resume(None);
    original.resume(Some(3));
    original.resume(Some(4));
    let saved = serde_json::to_string(&original).unwrap();
    assert_eq!(saved, r#"{"S0":{"eaten_1":7,"name_0":"A"}}"#);

    let mut restored = consumer(String::new());
    restored
        .restore(&mut serde_json::Deserializer::from_str(&saved))
        .unwrap();
    assert_eq!(format!("{restored:?}"), format!("{original:?}"));
    for g in [&mut original, &mut restored] {
        assert_eq!(g.resume(Some(5)), Yielded("A 準備吃包子啦!".into()));
        assert_eq!(g.resume(None), Complete(12));
    }
}

#[test]
fn every_suspension_point_round_trips() {
    #[generator(yield = u8, derive(Serialize, Deserialize))]
    fn phases() -> String {
        let mut log = String::from("start");
        yield_!(1);
        log.push_str(" one");
        for i in 0..2u8 {
            yield_!(10 + i);
            log.push_str(" loop");
        }
        log
    }
    let expected: Vec<GeneratorState<u8, String>> = {
        let mut g = phases();
        (0..4).map(|_| g.resume(())).collect()
    };
    for stop in 0..4 {
        let mut g = phases();
        let mut seen: Vec<_> = (0..stop).map(|_| g.resume(())).collect();
        let json = serde_json::to_string(&g).unwrap();
        let mut restored = phases();
        restored
            .restore(&mut serde_json::Deserializer::from_str(&json))
            .unwrap();
        while seen.len() < 4 {
            seen.push(restored.resume(()));
        }
        assert_eq!(seen, expected, "stopped after {stop} resumes, saved {json}");
    }
}

#[test]
fn a_completed_generator_stays_complete() {
    #[generator(yield = u8, derive(Serialize, Deserialize))]
    fn once() {
        yield_!(1);
    }
    let mut g = once();
    g.next();
    g.next();
    let json = serde_json::to_string(&g).unwrap();
    assert_eq!(json, r#""Done""#);
    let mut restored = once();
    restored
        .restore(&mut serde_json::Deserializer::from_str(&json))
        .unwrap();
    assert_eq!(restored.next(), None);
}

#[test]
fn malformed_data_is_an_error_not_a_panic() {
    #[generator(yield = u8, derive(Deserialize))]
    fn once(x: u8) {
        yield_!(x);
    }
    let mut g = once(1);
    assert!(
        g.restore(&mut serde_json::Deserializer::from_str(r#"{"S7":{}}"#))
            .is_err()
    );
    assert!(
        g.restore(&mut serde_json::Deserializer::from_str("[1,2"))
            .is_err()
    );
}
