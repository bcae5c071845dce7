// Does not compile, on purpose: the book captures the compiler's error.
// `book/generate.sh` compiles it against the chanlab library.
use chanlab::mutex as mpsc;
use std::rc::Rc;
use std::thread;

// ANCHOR: main
fn main() {
    let (tx, rx) = mpsc::channel();
    let handle = thread::spawn(move || {
        tx.send(Rc::new(5)).unwrap(); // an Rc cannot cross threads
    });
    println!("{}", rx.recv().unwrap());
    handle.join().unwrap();
}
// ANCHOR_END: main
