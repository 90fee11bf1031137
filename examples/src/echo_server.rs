//! A TCP echo server in one thread: one generator per connection, readiness
//! from epoll.
//!
//! The tutorial's last words: switching between generators is the prototype
//! of asynchronous IO, and epoll works essentially this way. Here is that
//! way. Each connection is a generator task ([`echo`]) that reads and writes
//! a non-blocking socket; when the socket is not ready, the task yields a
//! system call, [`IoWait::ReadReady`] or [`IoWait::WriteReady`], and the
//! event loop parks it. The loop asks the OS which sockets became ready
//! (`Poll::poll`, which is `epoll_wait` on Linux, through the `mio` crate)
//! and resumes their tasks. A slow or silent client parks only its own task.
//!
//! [`program`] starts a [`Server`] on 127.0.0.1 (a port chosen by the OS),
//! connects three misbehaving clients and then a load of well-behaved ones
//! (each in a thread, with time limits), checks every echoed byte, and stops
//! the server.

use std::collections::{HashMap, VecDeque};
use std::io::{self, Read, Write};
use std::net::{self, SocketAddr};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use baozi_core::BoxGenerator;
use baozi_core::prelude::*;
use mio::event::Event;
use mio::net::{TcpListener, TcpStream};
use mio::{Events, Interest, Poll, Token, Waker};

use crate::Error;

/// What a connection task waits for, by yielding it: its socket (registered
/// under this token) becoming readable, or writable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IoWait {
    /// Resume me when the socket has data to read (or was closed).
    ReadReady(Token),
    /// Resume me when the socket can take more data (or was closed).
    WriteReady(Token),
}

/// A connection task: completes with the number of bytes it echoed.
pub type Task = BoxGenerator<'static, IoWait, (), io::Result<u64>>;

/// Echoes everything the client sends until it closes the connection.
///
/// `stream` is non-blocking: an operation that would block returns
/// `WouldBlock`, and the task then yields until the socket is ready.
#[generator(yield = IoWait)]
pub fn echo(mut stream: TcpStream, token: Token) -> io::Result<u64> {
    let mut buffer = vec![0; 4096];
    let mut echoed = 0;
    loop {
        let read = stream.read(&mut buffer);
        let n = match read {
            Ok(0) => return Ok(echoed), // the client closed the connection
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                yield_!(IoWait::ReadReady(token));
                continue;
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let mut sent = 0;
        while sent < n {
            let written = stream.write(&buffer[sent..n]);
            match written {
                Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
                Ok(k) => sent += k,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    yield_!(IoWait::WriteReady(token));
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        echoed += n as u64;
    }
}

/// What the server did, counted when it stopped.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Connections accepted.
    pub accepted: u64,
    /// Connections whose task finished: the client closed, or an I/O error.
    pub finished: u64,
    /// Of those, the ones that ended with an I/O error (such as a reset).
    pub failed: u64,
    /// Bytes echoed back, by the tasks that finished without error.
    pub echoed: u64,
}

/// How long a stopping server waits for its open connections to be closed
/// by their clients before it closes them itself.
pub const GRACE: Duration = Duration::from_secs(2);

const LISTENER: Token = Token(0);
const WAKER: Token = Token(1);
const FIRST_CONNECTION: Token = Token(2);

/// An echo server running in its own thread, listening on 127.0.0.1.
///
/// Dropping it stops it, as [`stop`](Server::stop) does.
pub struct Server {
    addr: SocketAddr,
    waker: Waker,
    thread: Option<JoinHandle<io::Result<Stats>>>,
}

impl Server {
    /// Starts a server on 127.0.0.1, on a port chosen by the OS.
    pub fn start() -> io::Result<Server> {
        let poll = Poll::new()?;
        let mut listener = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0)))?;
        let addr = listener.local_addr()?;
        poll.registry()
            .register(&mut listener, LISTENER, Interest::READABLE)?;
        let waker = Waker::new(poll.registry(), WAKER)?;
        let thread = thread::spawn(move || event_loop(poll, listener));
        Ok(Server {
            addr,
            waker,
            thread: Some(thread),
        })
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stops accepting, waits for the open connections to be closed (at
    /// most [`GRACE`]), and returns what the server did.
    pub fn stop(mut self) -> io::Result<Stats> {
        self.waker.wake()?;
        let thread = self.thread.take().expect("the thread runs until stopped");
        thread
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the server thread panicked")))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(thread) = self.thread.take() {
            let _ = self.waker.wake();
            let _ = thread.join();
        }
    }
}

/// The scheduler: runs the ready tasks, then waits for the OS to report
/// readiness, and resumes the tasks waiting for it.
fn event_loop(mut poll: Poll, listener: TcpListener) -> io::Result<Stats> {
    let mut scheduler = IoScheduler {
        next_token: FIRST_CONNECTION.0,
        ..IoScheduler::default()
    };
    let mut events = Events::with_capacity(256);
    // Set when asked to stop: the end of the grace period.
    let mut stop_at: Option<Instant> = None;
    loop {
        scheduler.run_ready();

        let timeout = match stop_at {
            None => None,
            Some(at) => {
                let now = Instant::now();
                if scheduler.tasks.is_empty() || now >= at {
                    // Dropping the scheduler closes the connections left.
                    return Ok(scheduler.stats);
                }
                Some(at - now)
            }
        };
        match poll.poll(&mut events, timeout) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            result => result?,
        }
        for event in &events {
            match event.token() {
                WAKER => stop_at = Some(Instant::now() + GRACE),
                LISTENER if stop_at.is_none() => scheduler.accept(&listener, &poll),
                LISTENER => {}
                token => scheduler.wake(token, event),
            }
        }
    }
}

/// The connection tasks, and which of them can run.
#[derive(Default)]
struct IoScheduler {
    tasks: HashMap<Token, Task>,
    /// The suspended tasks, each with what it waits for.
    waiting: HashMap<Token, IoWait>,
    ready: VecDeque<Token>,
    /// The token of the next connection.
    next_token: usize,
    stats: Stats,
}

impl IoScheduler {
    /// Runs each ready task until it waits for its socket, or finishes.
    fn run_ready(&mut self) {
        while let Some(token) = self.ready.pop_front() {
            let task = self.tasks.get_mut(&token).expect("ready tasks exist");
            match task.resume(()) {
                GeneratorState::Yielded(wait) => {
                    self.waiting.insert(token, wait);
                }
                GeneratorState::Complete(result) => {
                    self.tasks.remove(&token); // drops the socket, which closes it
                    self.stats.finished += 1;
                    match result {
                        Ok(echoed) => self.stats.echoed += echoed,
                        Err(_) => self.stats.failed += 1,
                    }
                }
            }
        }
    }

    /// Accepts every pending connection, each as a new ready task.
    fn accept(&mut self, listener: &TcpListener, poll: &Poll) {
        loop {
            let (mut stream, _) = match listener.accept() {
                Ok(connection) => connection,
                Err(e) if e.kind() == io::ErrorKind::ConnectionAborted => continue,
                // `WouldBlock`: no more for now. Anything else (out of file
                // descriptors, say): retry on the next connection.
                Err(_) => return,
            };
            let token = Token(self.next_token);
            self.next_token += 1;
            let _ = stream.set_nodelay(true); // fails only if already reset
            let interest = Interest::READABLE | Interest::WRITABLE;
            if poll
                .registry()
                .register(&mut stream, token, interest)
                .is_err()
            {
                continue; // dropped: closed
            }
            self.tasks.insert(token, echo(stream, token).boxed());
            self.ready.push_back(token);
            self.stats.accepted += 1;
        }
    }

    /// Makes the task of `token` ready if `event` is what it waits for.
    fn wake(&mut self, token: Token, event: &Event) {
        let Some(&wait) = self.waiting.get(&token) else {
            return;
        };
        let ready = event.is_error()
            || match wait {
                IoWait::ReadReady(_) => event.is_readable() || event.is_read_closed(),
                IoWait::WriteReady(_) => event.is_writable() || event.is_write_closed(),
            };
        if ready {
            self.waiting.remove(&token);
            self.ready.push_back(token);
        }
    }
}

/// How long a client waits for the server before it gives up.
const CLIENT_TIMEOUT: Duration = Duration::from_secs(10);

/// The demo: three misbehaving clients, then `clients` clients in threads,
/// each sending `messages` messages and checking every byte of their echoes.
pub fn program(out: &mut dyn Write, clients: usize, messages: usize) -> Result<(), Error> {
    let server = Server::start().map_err(failed("cannot start the server"))?;
    let addr = server.addr();
    writeln!(
        out,
        "echo server on 127.0.0.1 (port chosen by the OS): one thread, \
         one generator per connection, readiness from epoll through mio"
    )?;

    // Three misbehaving clients, which the server must survive.
    let silent = connect(addr).map_err(failed("cannot connect"))?; // sends nothing, stays connected
    let mut stuck = connect(addr).map_err(failed("cannot connect"))?; // never reads its echo
    stuff(&mut stuck).map_err(failed("the client that never reads"))?;
    let mut quitter = connect(addr).map_err(failed("cannot connect"))?; // leaves mid-message
    quitter
        .write_all(b"client -1 message 0: half a mess")
        .map_err(failed("the client that leaves"))?;
    drop(quitter);
    writeln!(
        out,
        "3 misbehaving clients: one sends nothing, one never reads its echo, \
         one disconnects mid-message"
    )?;

    let start = Instant::now();
    let threads: Vec<JoinHandle<io::Result<u64>>> = (0..clients)
        .map(|id| thread::spawn(move || client(addr, id, messages)))
        .collect();
    let mut bytes = 0;
    for thread in threads {
        let result = thread
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("a client thread panicked")));
        bytes += result.map_err(failed("a client failed"))?;
    }
    let seconds = start.elapsed().as_secs_f64().max(1e-9);
    drop(silent);
    drop(stuck);
    let stats = server.stop().map_err(failed("the server failed"))?;

    let total = clients * messages;
    writeln!(
        out,
        "{clients} clients × {messages} messages: {total} messages, {bytes} bytes, \
         echoed back byte for byte"
    )?;
    writeln!(
        out,
        "server: {} connections accepted, {} closed, all in one thread",
        stats.accepted, stats.finished
    )?;
    writeln!(
        out,
        "throughput: {seconds:.3} s, {:.0} messages/s, {:.2} MB/s each way",
        total as f64 / seconds,
        bytes as f64 / seconds / 1e6
    )?;
    out.flush()?;
    Ok(())
}

/// Message `j` of client `i`: a header, then up to a kilobyte of letters.
pub fn message(i: usize, j: usize) -> Vec<u8> {
    let mut message = format!("client {i} message {j}: ").into_bytes();
    let len = (i * 31 + j * 97) % 1024;
    message.extend((0..len).map(|k| b'a' + ((i + j + k) % 26) as u8));
    message.push(b'\n');
    message
}

/// A well-behaved client: sends each message and checks its echo. Returns
/// the bytes it sent.
pub fn client(addr: SocketAddr, id: usize, messages: usize) -> io::Result<u64> {
    let mut stream = connect(addr)?;
    let mut echo = Vec::new();
    let mut bytes = 0;
    for j in 0..messages {
        let message = message(id, j);
        stream.write_all(&message)?;
        echo.resize(message.len(), 0);
        stream.read_exact(&mut echo)?;
        if echo != message {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("client {id}, message {j}: the echo differs"),
            ));
        }
        bytes += message.len() as u64;
    }
    Ok(bytes)
}

/// A blocking connection to `addr`, with time limits.
pub fn connect(addr: SocketAddr) -> io::Result<net::TcpStream> {
    let stream = net::TcpStream::connect_timeout(&addr, CLIENT_TIMEOUT)?;
    stream.set_read_timeout(Some(CLIENT_TIMEOUT))?;
    stream.set_write_timeout(Some(CLIENT_TIMEOUT))?;
    stream.set_nodelay(true)?;
    Ok(stream)
}

/// Sends to `stream` without reading until nothing more goes through: the
/// buffers on both sides are full, and the server's task for this
/// connection waits for `WriteReady`. Gives up after 256 MB.
pub fn stuff(stream: &mut net::TcpStream) -> io::Result<()> {
    stream.set_write_timeout(Some(Duration::from_millis(200)))?;
    let chunk = [b'x'; 64 * 1024];
    for _ in 0..4096 {
        match stream.write(&chunk) {
            Ok(_) => {}
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                return Ok(());
            }
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

fn failed(what: &'static str) -> impl FnOnce(io::Error) -> Error {
    move |error| Error::Failed(io::Error::new(error.kind(), format!("{what}: {error}")))
}
