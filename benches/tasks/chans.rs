//! The channels as the task shapes use them, behind one trait: a send and a
//! receive to await from a task, and their blocking twins for the thread
//! side of the mixed rows. Messages are `u64`.
//!
//! An unbounded channel's send is its plain non-blocking send (the future
//! finishes on its first poll); a bounded channel's send awaits room
//! (`send_async` for ours). This file holds the trait and chanlab's
//! channels; the peers are in `peers.rs`.

use std::future::Future;

/// One channel type for one kind of capacity.
pub trait Chan: 'static {
    /// The sending end.
    type Tx: Send + Sync + 'static;
    /// The receiving end.
    type Rx: Send + 'static;
    /// A channel of capacity `cap` (`None`: unbounded), or `None` when this
    /// type does not offer it.
    fn new(cap: Option<usize>) -> Option<(Self::Tx, Self::Rx)>;
    /// Another sender of the same channel.
    fn clone_tx(tx: &Self::Tx) -> Self::Tx;
    /// Sends `msg` from a task.
    fn send(tx: &Self::Tx, msg: u64) -> impl Future<Output = ()> + Send + '_;
    /// Receives from a task.
    fn recv(rx: &mut Self::Rx) -> impl Future<Output = u64> + Send + '_;
    /// Sends `msg` from a thread, blocking while the channel is full.
    fn send_blocking(tx: &Self::Tx, msg: u64);
    /// Receives on a thread, blocking while the channel is empty.
    fn recv_blocking(rx: &mut Self::Rx) -> u64;
}

/// `chanlab::mutex::channel()`.
pub struct MutexUnbounded;
/// `chanlab::lockfree::channel()`.
pub struct Lockfree;
/// `chanlab::mutex::sync_channel(k)`, k ≥ 1.
pub struct MutexBounded;
/// `chanlab::ring::sync_channel(k)`, k ≥ 1.
pub struct Ring;

/// One of our unbounded channels: `Sender::send` never waits.
macro_rules! ours_unbounded {
    ($flavor:ty, $module:ident) => {
        impl Chan for $flavor {
            type Tx = chanlab::$module::Sender<u64>;
            type Rx = chanlab::$module::Receiver<u64>;
            fn new(cap: Option<usize>) -> Option<(Self::Tx, Self::Rx)> {
                cap.is_none().then(chanlab::$module::channel)
            }
            fn clone_tx(tx: &Self::Tx) -> Self::Tx {
                tx.clone()
            }
            async fn send(tx: &Self::Tx, msg: u64) {
                tx.send(msg).expect("receiver alive")
            }
            async fn recv(rx: &mut Self::Rx) -> u64 {
                rx.recv_async().await.expect("senders alive")
            }
            fn send_blocking(tx: &Self::Tx, msg: u64) {
                tx.send(msg).expect("receiver alive")
            }
            fn recv_blocking(rx: &mut Self::Rx) -> u64 {
                rx.recv().expect("senders alive")
            }
        }
    };
}

/// One of our bounded channels: `SyncSender::send_async` awaits room.
macro_rules! ours_bounded {
    ($flavor:ty, $module:ident) => {
        impl Chan for $flavor {
            type Tx = chanlab::$module::SyncSender<u64>;
            type Rx = chanlab::$module::Receiver<u64>;
            fn new(cap: Option<usize>) -> Option<(Self::Tx, Self::Rx)> {
                cap.filter(|&k| k > 0).map(chanlab::$module::sync_channel)
            }
            fn clone_tx(tx: &Self::Tx) -> Self::Tx {
                tx.clone()
            }
            async fn send(tx: &Self::Tx, msg: u64) {
                tx.send_async(msg).await.expect("receiver alive")
            }
            async fn recv(rx: &mut Self::Rx) -> u64 {
                rx.recv_async().await.expect("senders alive")
            }
            fn send_blocking(tx: &Self::Tx, msg: u64) {
                tx.send(msg).expect("receiver alive")
            }
            fn recv_blocking(rx: &mut Self::Rx) -> u64 {
                rx.recv().expect("senders alive")
            }
        }
    };
}

ours_unbounded!(MutexUnbounded, mutex);
ours_unbounded!(Lockfree, lockfree);
ours_bounded!(MutexBounded, mutex);
ours_bounded!(Ring, ring);
