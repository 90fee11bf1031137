//! `pipeline`: a source pushes lines through filters and a broadcast into
//! sinks; the output is deterministic.

use baozi_core::prelude::*;
use examples::pipeline::{self, broadcast, grep, source, word_count};
use examples::{Printer, run};

const PIPELINE: &str = concat!(
    "[baozi] A baozi is a steamed bun with a filling.\n",
    "[baozi] The consumer waits at yield for the next baozi.\n",
    "[yield] The consumer waits at yield for the next baozi.\n",
    "[baozi] The producer makes each baozi and sends it to both consumers.\n",
    "[yield] Every stage of this pipeline is a generator waiting at yield.\n",
    "-- end of stream --\n",
    "printer(\"baozi\"): 3 lines\n",
    "printer(\"yield\"): 2 lines\n",
    "word_count(): 7 lines, 74 words; most frequent: a ×7, the ×5, is ×4\n",
);

#[test]
fn the_subcommand_prints_the_lines_as_they_flow_then_the_results() {
    let mut out = Vec::new();
    run(["pipeline"], &mut out).unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), PIPELINE);

    let mut out = Vec::new();
    pipeline::program(&mut out).unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), PIPELINE);
}

#[test]
fn the_results_travel_back_as_return_values() {
    let text = "one baozi\ntwo baozi baozi\nno bun\n";
    let sinks = vec![grep("baozi", word_count()).boxed(), word_count().boxed()];
    assert_eq!(
        source(text, broadcast(sinks)),
        [
            "word_count(): 2 lines, 5 words; most frequent: baozi ×3, one ×1, two ×1",
            "word_count(): 3 lines, 7 words; most frequent: baozi ×3, bun ×1, no ×1",
        ]
    );
}

#[test]
fn an_empty_stream_still_ends() {
    let mut out = Vec::new();
    let printer = Printer::new(&mut out);
    let results = source("", broadcast(vec![pipeline::printer("x", &printer)]));
    printer.finish().unwrap();
    assert_eq!(results, ["printer(\"x\"): 0 lines"]);
    assert!(out.is_empty());
}

#[test]
#[should_panic(expected = "ignored the end of its stream")]
fn a_sink_that_ignores_the_end_is_caught() {
    #[generator(resume = Option<&'a str>)]
    fn endless<'a>() {
        loop {
            yield_!();
        }
    }
    source("a line", endless());
}
