//! Request-response: each request carries the `Sender` of a reply channel.
//!
//! Clients send `Request { id, data, reply }` to one service thread; the
//! service answers each on the request's own reply channel, so every client
//! receives exactly its own response. The example checks that each client
//! got the response to its request.
//!
//! Fixed from the article: its service thread is never joined, and since
//! `main` keeps the original `request_tx` alive, the service's `for request
//! in request_rx` loop never ends (it is killed when the process exits);
//! it also `unwrap`s the reply send, so one client that gives up waiting
//! (drops its reply receiver) panics the service for everyone. Here the
//! original sender is dropped, the service is joined, and a reply to a
//! client that left is skipped.
//!
//! `cargo run --example request_response -- --channel mutex`

mod common;

use chanlab::flavor::{Rx, Tx, Unbounded};
use common::{UnboundedExample, check_eq};
use std::thread;

const CLIENTS: u32 = 8;

// ANCHOR: types
struct Request<F: Unbounded> {
    id: u32,
    data: String,
    reply: F::Sender<Response>,
}

#[derive(Debug, PartialEq)]
struct Response {
    id: u32,
    result: String,
}
// ANCHOR_END: types

// ANCHOR: service
fn service<F: Unbounded>(requests: F::Receiver<Request<F>>) -> usize {
    let mut served = 0;
    for request in common::iter(&requests) {
        let response = Response {
            id: request.id,
            result: format!("processed: {}", request.data),
        };
        // A client that stopped waiting is not the service's failure.
        if request.reply.send(response).is_ok() {
            served += 1;
        }
    }
    served // every request sender is gone
}
// ANCHOR_END: service

fn client<F: Unbounded>(id: u32, requests: F::Sender<Request<F>>) -> Response {
    let (reply, response) = F::channel();
    let data = format!("client {id} data");
    requests.send(Request { id, data, reply }).unwrap();
    response.recv().unwrap()
}

struct Example;

impl UnboundedExample for Example {
    fn run<F: Unbounded>() {
        let (request_tx, request_rx) = F::channel::<Request<F>>();
        let server = thread::spawn(move || service::<F>(request_rx));
        let clients: Vec<_> = (0..CLIENTS)
            .map(|id| {
                let request_tx = request_tx.clone();
                thread::spawn(move || client::<F>(id, request_tx))
            })
            .collect();
        // A client that gives up: its reply receiver is gone before the answer.
        let (reply, gone) = F::channel();
        drop(gone);
        let data = String::from("nobody waits for this");
        request_tx
            .send(Request {
                id: 99,
                data,
                reply,
            })
            .unwrap();
        drop(request_tx); // lets the service loop end once the clients are done

        for (id, c) in (0..CLIENTS).zip(clients) {
            let want = Response {
                id,
                result: format!("processed: client {id} data"),
            };
            check_eq(c.join().unwrap(), want, "a client's response");
        }
        check_eq(
            server.join().unwrap(),
            CLIENTS as usize,
            "requests answered",
        );
        println!("{CLIENTS} clients each got their own response; service joined");
    }
}

fn main() {
    common::main_unbounded::<Example>();
}
