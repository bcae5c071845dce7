//! Typed command messages: an enum, matched exhaustively by the receiver.
//!
//! An actor thread owns its state outright (no lock): it changes it only in
//! response to messages. `Command::Status` carries a reply `Sender`, so a
//! query gets an answer (request-response inside the command protocol).
//! Adding a variant makes every `match` that misses it a compile error.
//! The example checks the replies and the final state.
//!
//! `cargo run --example commands -- --channel mutex`

mod common;

use chanlab::flavor::{Rx, Tx, Unbounded};
use common::{UnboundedExample, check_eq};
use std::thread;

// ANCHOR: messages
enum Message<F: Unbounded> {
    Data(String),
    Command(Command<F>),
    Shutdown,
}

enum Command<F: Unbounded> {
    Start,
    Stop,
    Status(F::Sender<Status>),
}

#[derive(Debug, PartialEq, Clone)]
struct Status {
    running: bool,
    accepted: Vec<String>,
    ignored: usize,
}
// ANCHOR_END: messages

// ANCHOR: actor
fn actor<F: Unbounded>(inbox: F::Receiver<Message<F>>) -> Status {
    let mut state = Status {
        running: false,
        accepted: Vec::new(),
        ignored: 0,
    };
    for msg in common::iter(&inbox) {
        match msg {
            Message::Data(d) if state.running => state.accepted.push(d),
            Message::Data(_) => state.ignored += 1,
            Message::Command(Command::Start) => state.running = true,
            Message::Command(Command::Stop) => state.running = false,
            Message::Command(Command::Status(reply)) => {
                let _ = reply.send(state.clone()); // the asker may have left
            }
            Message::Shutdown => break,
        }
    }
    state
}
// ANCHOR_END: actor

fn status<F: Unbounded>(tx: &F::Sender<Message<F>>) -> Status {
    let (reply, answer) = F::channel();
    tx.send(Message::Command(Command::Status(reply))).unwrap();
    answer.recv().unwrap()
}

struct Example;

impl UnboundedExample for Example {
    fn run<F: Unbounded>() {
        let (tx, rx) = F::channel::<Message<F>>();
        let handle = thread::spawn(move || actor::<F>(rx));
        let data = |s: &str| Message::Data(s.to_string());
        tx.send(data("early")).unwrap();
        tx.send(Message::Command(Command::Start)).unwrap();
        tx.send(data("hello")).unwrap();
        let mid = status::<F>(&tx);
        check_eq(
            (mid.running, mid.accepted.len(), mid.ignored),
            (true, 1, 1),
            "status",
        );
        tx.send(Message::Command(Command::Stop)).unwrap();
        tx.send(data("late")).unwrap();
        tx.send(Message::Shutdown).unwrap();
        // Never processed; may even fail, if the actor already dropped its inbox.
        let _ = tx.send(data("after shutdown"));
        let last = handle.join().unwrap();
        let want = Status {
            running: false,
            accepted: vec!["hello".into()],
            ignored: 2,
        };
        check_eq(last.clone(), want, "final state");
        println!("actor: status replied {mid:?}; final {last:?}");
    }
}

fn main() {
    common::main_unbounded::<Example>();
}
