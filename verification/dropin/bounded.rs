// A program written against `std::sync::mpsc`, using `sync_channel(n)`.
// `include!`d like unbounded.rs; see there.

/// `sync_channel(3)` filling up: `TrySendError::Full` hands the value back.
pub fn fill_up(out: &mut Vec<String>) {
    let (tx, rx) = mpsc::sync_channel(3);
    for i in 0..5 {
        match tx.try_send(i) {
            Ok(()) => out.push(format!("queued {}", i)),
            Err(mpsc::TrySendError::Full(v)) => out.push(format!("full, got back {}", v)),
            Err(mpsc::TrySendError::Disconnected(v)) => out.push(format!("gone: {}", v)),
        }
    }
    let e = tx.try_send(9).unwrap_err();
    out.push(format!("{} / {:?}", e, e));
    out.push(format!("recv {:?}", rx.recv()));
    out.push(format!("try_send after recv: {:?}", tx.try_send(5)));
    drop(rx);
    match tx.try_send(6) {
        Err(mpsc::TrySendError::Disconnected(v)) => {
            out.push(format!("disconnected, got back {}", v))
        }
        other => out.push(format!("unexpected {:?}", other)),
    }
    let e = tx.send(7).unwrap_err();
    out.push(format!("send: {} / {:?} / {}", e, e, e.0));
}

/// The bounded demo: a sender thread, a consumer thread, both joined.
pub fn bounded_demo(out: &mut Vec<String>) {
    let (tx, rx) = mpsc::sync_channel(3);
    let sender_handle = std::thread::spawn(move || {
        for i in 0..10 {
            tx.send(i).unwrap();
        }
    });
    let consumer = std::thread::spawn(move || rx.iter().collect::<Vec<i32>>());
    sender_handle.join().unwrap();
    out.push(format!("consumer got {:?}", consumer.join().unwrap()));
}

/// A rendezvous channel: each `send` meets a `recv`.
pub fn rendezvous(out: &mut Vec<String>) {
    let (tx, rx) = mpsc::sync_channel::<&'static str>(0);
    out.push(format!(
        "try_send with nobody waiting: {:?}",
        tx.try_send("early")
    ));
    let tx2 = tx.clone();
    let h = std::thread::spawn(move || {
        tx.send("one").unwrap();
        tx2.send("two").unwrap();
    });
    out.push(format!("got {:?}", rx.recv()));
    out.push(format!("got {:?}", rx.recv()));
    h.join().unwrap();
    out.push(format!("then {:?}", rx.recv()));
}

/// Runs the scenarios with a buffer (bound >= 1).
pub fn buffered_program() -> Vec<String> {
    let mut out = Vec::new();
    fill_up(&mut out);
    bounded_demo(&mut out);
    out
}

/// Runs every scenario above.
#[allow(dead_code)] // not run on channels without rendezvous
pub fn bounded_program() -> Vec<String> {
    let mut out = buffered_program();
    rendezvous(&mut out);
    out
}
