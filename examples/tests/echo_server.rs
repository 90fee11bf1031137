//! `echo-server`: one thread serves many clients, one generator per
//! connection, and misbehaving clients do not stop it. Loopback only, with
//! small loads.

use std::io::{Read, Write};
use std::net::Shutdown;
use std::thread;

use examples::echo_server::{self, Server, client, connect, message, stuff};
use examples::run;

/// Runs `echo-server` with a small load and checks its output: exactly,
/// except for the timing on the last line.
#[test]
fn the_subcommand_with_a_small_load() {
    let (clients, messages) = (5, 10);
    let mut out = Vec::new();
    run(["echo-server", "--clients", "5", "--messages=10"], &mut out).unwrap();
    let out = String::from_utf8(out).unwrap();

    let bytes: usize = (0..clients)
        .flat_map(|i| (0..messages).map(move |j| message(i, j).len()))
        .sum();
    let expected = format!(
        "echo server on 127.0.0.1 (port chosen by the OS): one thread, one generator per connection, \
         readiness from epoll through mio\n\
         3 misbehaving clients: one sends nothing, one never reads its echo, one disconnects mid-message\n\
         5 clients × 10 messages: 50 messages, {bytes} bytes, echoed back byte for byte\n\
         server: 8 connections accepted, 8 closed, all in one thread\n"
    );
    let last = out
        .strip_prefix(&expected)
        .unwrap_or_else(|| panic!("unexpected output:\n{out}"));

    // "throughput: 0.137 s, 36591 messages/s, 19.49 MB/s each way\n"
    let words: Vec<&str> = last.split_whitespace().collect();
    assert!(
        last.ends_with('\n') && last.lines().count() == 1,
        "{last:?}"
    );
    assert!(
        matches!(
            words[..],
            [
                "throughput:",
                _,
                "s,",
                _,
                "messages/s,",
                _,
                "MB/s",
                "each",
                "way"
            ]
        ),
        "{last:?}"
    );
    for number in [words[1], words[3], words[5]] {
        assert!(number.parse::<f64>().unwrap() >= 0.0, "{last:?}");
    }
}

#[test]
fn messages_are_distinct_and_end_with_a_newline() {
    assert_eq!(message(0, 0), b"client 0 message 0: \n");
    assert_eq!(message(1, 2).len(), "client 1 message 2: ".len() + 225 + 1);
    assert_ne!(message(1, 2), message(2, 1));
}

/// Many clients at once, while one connection is stuck: the server never
/// blocks on one client.
#[test]
fn concurrent_clients_and_a_stuck_one() {
    let server = Server::start().unwrap();
    let addr = server.addr();
    assert!(addr.ip().is_loopback());

    let mut stuck = connect(addr).unwrap();
    stuff(&mut stuck).unwrap(); // its task now waits for WriteReady
    let threads: Vec<_> = (0..20)
        .map(|id| thread::spawn(move || client(addr, id, 20)))
        .collect();
    let sent: u64 = threads
        .into_iter()
        .map(|t| t.join().unwrap().unwrap())
        .sum();
    drop(stuck); // with unread data: the server's write fails

    let stats = server.stop().unwrap();
    assert_eq!(stats.accepted, 21);
    assert_eq!(stats.finished, 21);
    assert!(stats.echoed >= sent, "{stats:?}, {sent}");
    assert!(
        stats.failed >= 1,
        "the stuck connection was reset: {stats:?}"
    );
}

/// Connections that send nothing, close at once, stop mid-message, half
/// close, or send garbage: each only ends its own task.
#[test]
fn malformed_and_closed_connections_do_not_stop_the_server() {
    let server = Server::start().unwrap();
    let addr = server.addr();

    // Connects and closes at once, without sending anything.
    drop(connect(addr).unwrap());

    // Sends nothing and stays connected while others are served.
    let silent = connect(addr).unwrap();

    // Disconnects in the middle of a message, without reading.
    let mut quitter = connect(addr).unwrap();
    quitter.write_all(b"client 7 message 3: half a me").unwrap();
    drop(quitter);

    // Sends bytes that are no message at all, then half-closes: gets them
    // back, then the end of the stream.
    let mut garbage = connect(addr).unwrap();
    let bytes: Vec<u8> = (0..=255).collect();
    garbage.write_all(&bytes).unwrap();
    garbage.shutdown(Shutdown::Write).unwrap();
    let mut echoed = Vec::new();
    garbage.read_to_end(&mut echoed).unwrap();
    assert_eq!(echoed, bytes);

    // The server still serves well-behaved clients.
    assert_eq!(
        client(addr, 0, 10).unwrap(),
        (0..10).map(|j| message(0, j).len() as u64).sum::<u64>()
    );
    drop(silent);

    let stats = server.stop().unwrap();
    assert_eq!(stats.accepted, 5);
    assert_eq!(stats.finished, 5);
}

/// Stopping with a client still connected closes it after the grace period
/// instead of waiting forever.
#[test]
fn stopping_does_not_wait_forever() {
    let server = Server::start().unwrap();
    let mut lingering = connect(server.addr()).unwrap();
    lingering.write_all(b"hello\n").unwrap();
    let mut echo = [0; 6];
    lingering.read_exact(&mut echo).unwrap();
    assert_eq!(&echo, b"hello\n");

    let start = std::time::Instant::now();
    let stats = server.stop().unwrap();
    assert!(start.elapsed() >= echo_server::GRACE);
    assert_eq!((stats.accepted, stats.finished), (1, 0));
    // The server closed the connection.
    assert_eq!(lingering.read(&mut echo).unwrap(), 0);
}

#[test]
fn dropping_the_server_stops_it() {
    let server = Server::start().unwrap();
    let addr = server.addr();
    drop(server);
    assert!(connect(addr).is_err() || client(addr, 0, 1).is_err());
}
