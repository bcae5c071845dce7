// A program written against `std::sync::mpsc`, using `channel()`. It is
// `include!`d into modules that differ only in what `mpsc` names; nothing
// here may mention a chanlab module. Every observable outcome is pushed to
// `out` (sorted where threads race), so the runs can be compared.

/// Error handling (the seed article's scenarios): send after the receiver
/// is gone, receive after the senders are gone, `try_recv` matching.
pub fn errors(out: &mut Vec<String>) {
    let (tx, rx) = mpsc::channel::<i32>();
    drop(rx);
    match tx.send(42) {
        Ok(_) => out.push("Message sent".into()),
        Err(e) => out.push(format!("Send failed: {} / {:?} / gave back {}", e, e, e.0)),
    }

    let (tx2, rx2) = mpsc::channel::<i32>();
    drop(tx2);
    match rx2.recv() {
        Ok(msg) => out.push(format!("Received: {}", msg)),
        Err(e) => out.push(format!("Receive failed: {} / {:?}", e, e)),
    }

    let (tx3, rx3) = mpsc::channel::<i32>();
    match rx3.try_recv() {
        Ok(msg) => out.push(format!("Received: {}", msg)),
        Err(mpsc::TryRecvError::Empty) => out.push("No message available".into()),
        Err(mpsc::TryRecvError::Disconnected) => out.push("Channel disconnected".into()),
    }
    tx3.send(100).unwrap();
    match rx3.try_recv() {
        Ok(msg) => out.push(format!("Received: {}", msg)),
        Err(e) => out.push(format!("Error: {:?}", e)),
    }
    drop(tx3);
    out.push(format!("then: {:?}", rx3.try_recv()));

    let (tx4, rx4) = mpsc::channel::<i32>();
    match rx4.recv_timeout(std::time::Duration::from_millis(1)) {
        Err(mpsc::RecvTimeoutError::Timeout) => out.push("Timeout occurred".into()),
        other => out.push(format!("unexpected: {:?}", other)),
    }
    drop(tx4);
    let e = rx4
        .recv_timeout(std::time::Duration::from_millis(1))
        .unwrap_err();
    out.push(format!("after drop: {} / {:?}", e, e));
}

/// The user's own error type, converted from std's error with `?`.
#[derive(Debug, PartialEq)]
pub enum MyError {
    ChannelClosed,
}

impl From<std::sync::mpsc::RecvError> for MyError {
    fn from(_: std::sync::mpsc::RecvError) -> Self {
        MyError::ChannelClosed
    }
}

fn sum_two(rx: &mpsc::Receiver<i32>) -> Result<i32, MyError> {
    let a = rx.recv()?;
    let b = rx.recv()?;
    Ok(a + b)
}

/// `?` on `recv` through `impl From<std::sync::mpsc::RecvError>`.
pub fn question_mark(out: &mut Vec<String>) {
    let (tx, rx) = mpsc::channel();
    tx.send(20).unwrap();
    tx.send(22).unwrap();
    tx.send(1).unwrap();
    drop(tx);
    out.push(format!("sum_two: {:?}", sum_two(&rx)));
    out.push(format!("sum_two: {:?}", sum_two(&rx)));
}

/// Producers and a consumer; `for msg in receiver`.
pub fn producers(out: &mut Vec<String>) {
    let (sender, receiver) = mpsc::channel();
    let mut handles = Vec::new();
    for i in 0..3 {
        let sender_clone = sender.clone();
        handles.push(std::thread::spawn(move || {
            for j in 0..5 {
                sender_clone
                    .send(format!("Producer {} - Message {}", i, j))
                    .unwrap();
            }
        }));
    }
    drop(sender);
    let mut got = Vec::new();
    for received in receiver {
        got.push(received);
    }
    for handle in handles {
        handle.join().unwrap();
    }
    got.sort();
    out.extend(got);
}

#[derive(Debug)]
struct Request {
    id: u32,
    data: String,
    response_tx: mpsc::Sender<Response>,
}

#[derive(Debug)]
struct Response {
    id: u32,
    result: String,
}

/// Request-response with a reply channel inside each request.
pub fn request_response(out: &mut Vec<String>) {
    let (request_tx, request_rx) = mpsc::channel::<Request>();
    let service = std::thread::spawn(move || {
        for request in request_rx {
            let result = format!("Processed: {}", request.data);
            let _ = request.response_tx.send(Response {
                id: request.id,
                result,
            });
        }
    });
    let clients: Vec<_> = (0..5)
        .map(|i| {
            let request_tx = request_tx.clone();
            std::thread::spawn(move || {
                let (response_tx, response_rx) = mpsc::channel();
                let data = format!("Client {} data", i);
                request_tx
                    .send(Request {
                        id: i,
                        data,
                        response_tx,
                    })
                    .unwrap();
                let response = response_rx.recv().unwrap();
                assert_eq!(
                    (response.id, &*response.result),
                    (i, &*format!("Processed: Client {} data", i))
                );
                format!("Client {} received: {:?}", i, response)
            })
        })
        .collect();
    drop(request_tx);
    for c in clients {
        out.push(c.join().unwrap());
    }
    service.join().unwrap();
}

/// `iter`, `try_iter`, `for x in &rx`, `into_iter`.
pub fn iterators(out: &mut Vec<String>) {
    let (tx, rx) = mpsc::channel();
    for i in 0..3 {
        tx.send(i).unwrap();
    }
    let now: Vec<i32> = rx.try_iter().collect();
    out.push(format!("try_iter: {:?}", now));
    tx.send(10).unwrap();
    for x in &rx {
        out.push(format!("for &rx: {}", x));
        break;
    }
    tx.send(20).unwrap();
    tx.send(30).unwrap();
    drop(tx);
    let first: Vec<i32> = rx.iter().take(1).collect();
    out.push(format!("iter.take(1): {:?}", first));
    let rest: Vec<i32> = rx.into_iter().collect();
    out.push(format!("into_iter: {:?}", rest));
}

type Job = Box<dyn FnOnce() -> u64 + Send + 'static>;

/// The worker pool: a shared `Arc<Mutex<Receiver<Job>>>`, joined at the end.
pub fn worker_pool(out: &mut Vec<String>) {
    let (sender, receiver) = mpsc::channel::<Job>();
    let receiver = std::sync::Arc::new(std::sync::Mutex::new(receiver));
    let (done_tx, done_rx) = mpsc::channel();
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let receiver = std::sync::Arc::clone(&receiver);
            let done_tx = done_tx.clone();
            std::thread::spawn(move || {
                loop {
                    let job = receiver.lock().unwrap().recv();
                    match job {
                        Ok(job) => done_tx.send(job()).unwrap(),
                        Err(_) => break,
                    }
                }
            })
        })
        .collect();
    drop(done_tx);
    for i in 0..8u64 {
        sender.send(Box::new(move || i * i)).unwrap();
    }
    drop(sender);
    for w in workers {
        w.join().unwrap();
    }
    let mut results: Vec<u64> = done_rx.iter().collect();
    results.sort();
    out.push(format!("pool results: {:?}", results));
}

/// Runs every scenario above.
pub fn unbounded_program() -> Vec<String> {
    let mut out = Vec::new();
    errors(&mut out);
    question_mark(&mut out);
    producers(&mut out);
    request_response(&mut out);
    iterators(&mut out);
    worker_pool(&mut out);
    out
}
