//! shuttle schedules of `chanlab::mutex`'s async API, with DFS.

mod unbounded {
    use crate::shuttle::models::{name, recv_scenarios};
    use crate::shuttle::{dfs, pct, poll_noop, random};
    use chanlab::mutex::{RecvError, channel};
    use shuttle::future::block_on;
    use shuttle::thread;
    use std::pin::pin;
    use std::task::Poll;

    recv_scenarios!(channel::<(usize, usize)>());

    /// One message, then the disconnection, to a task: every schedule.
    #[test]
    fn one_message_dfs() {
        dfs(name!("one_message_dfs"), || {
            let (tx, mut rx) = channel();
            thread::spawn(move || tx.send(1).unwrap());
            assert_eq!(block_on(rx.recv_async()), Ok(1));
            assert_eq!(block_on(rx.recv_async()), Err(RecvError));
        });
    }
}

mod bounded {
    use crate::shuttle::models::{name, recv_scenarios, send_scenarios};
    use crate::shuttle::{Counted, dfs, pct, poll_noop, random};
    use chanlab::mutex::sync_channel;
    use shuttle::future::{block_on, spawn};
    use shuttle::thread;
    use std::pin::pin;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::task::Poll;

    const RENDEZVOUS: bool = false;

    recv_scenarios!(sync_channel::<(usize, usize)>(1));
    send_scenarios!(sync_channel::<Counted>(1));

    /// A receive polled once and dropped while a thread sends; a task
    /// then receives the message. Every schedule.
    #[test]
    fn dropped_recv_dfs() {
        dfs(name!("dropped_recv_dfs"), || {
            let (tx, mut rx) = sync_channel(1);
            thread::spawn(move || tx.send(1).unwrap());
            let first = poll_noop(pin!(rx.recv_async()));
            let got = match first {
                Poll::Ready(got) => got,
                Poll::Pending => block_on(rx.recv_async()),
            };
            assert_eq!(got, Ok(1));
        });
    }
}

mod rendezvous {
    use crate::shuttle::models::{name, recv_scenarios, send_scenarios};
    use crate::shuttle::{Counted, dfs, pct, poll_noop, random};
    use chanlab::mutex::sync_channel;
    use shuttle::future::{block_on, spawn};
    use shuttle::thread;
    use std::pin::pin;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::task::Poll;

    const RENDEZVOUS: bool = true;

    recv_scenarios!(sync_channel::<(usize, usize)>(0));
    send_scenarios!(sync_channel::<Counted>(0));

    /// An offer made by a task and a receive by a task: every schedule.
    #[test]
    fn offer_dfs() {
        dfs(name!("offer_dfs"), || {
            let (tx, mut rx) = sync_channel(0);
            let t = thread::spawn(move || block_on(tx.send_async(7)).is_ok());
            assert_eq!(block_on(rx.recv_async()), Ok(7));
            assert!(t.join().unwrap());
        });
    }
}
