//! The peers of the task shapes behind [`Chan`]: tokio's mpsc, flume,
//! kanal and async-channel. Each awaits its own async API from tasks and
//! uses its blocking API on threads. Flume, kanal and async-channel have
//! one type for both capacities: `BOUNDED` picks which one a type offers.

use super::chans::Chan;

/// `tokio::sync::mpsc::unbounded_channel()`.
pub struct TokioUnbounded;
/// `tokio::sync::mpsc::channel(k)`, k ≥ 1 (tokio has no rendezvous).
pub struct TokioBounded;
/// `flume::unbounded()`, or `flume::bounded(k)` when `BOUNDED`.
pub struct Flume<const BOUNDED: bool>;
/// `kanal::unbounded_async()`, or `kanal::bounded_async(k)` when `BOUNDED`.
pub struct Kanal<const BOUNDED: bool>;
/// `async_channel::unbounded()`, or `async_channel::bounded(k)` when
/// `BOUNDED`.
pub struct AsyncChannel<const BOUNDED: bool>;

/// `cap` when it is the kind of capacity a type offers (bounded ones: at
/// least 1), else `None`.
fn offered(cap: Option<usize>, bounded: bool) -> Option<Option<usize>> {
    match cap {
        None if !bounded => Some(None),
        Some(k) if bounded && k > 0 => Some(Some(k)),
        _ => None,
    }
}

impl Chan for TokioUnbounded {
    type Tx = tokio::sync::mpsc::UnboundedSender<u64>;
    type Rx = tokio::sync::mpsc::UnboundedReceiver<u64>;
    fn new(cap: Option<usize>) -> Option<(Self::Tx, Self::Rx)> {
        cap.is_none().then(tokio::sync::mpsc::unbounded_channel)
    }
    fn clone_tx(tx: &Self::Tx) -> Self::Tx {
        tx.clone()
    }
    async fn send(tx: &Self::Tx, msg: u64) {
        tx.send(msg).expect("receiver alive")
    }
    async fn recv(rx: &mut Self::Rx) -> u64 {
        rx.recv().await.expect("senders alive")
    }
    fn send_blocking(tx: &Self::Tx, msg: u64) {
        tx.send(msg).expect("receiver alive")
    }
    fn recv_blocking(rx: &mut Self::Rx) -> u64 {
        rx.blocking_recv().expect("senders alive")
    }
}

impl Chan for TokioBounded {
    type Tx = tokio::sync::mpsc::Sender<u64>;
    type Rx = tokio::sync::mpsc::Receiver<u64>;
    fn new(cap: Option<usize>) -> Option<(Self::Tx, Self::Rx)> {
        cap.filter(|&k| k > 0).map(tokio::sync::mpsc::channel)
    }
    fn clone_tx(tx: &Self::Tx) -> Self::Tx {
        tx.clone()
    }
    async fn send(tx: &Self::Tx, msg: u64) {
        tx.send(msg).await.expect("receiver alive")
    }
    async fn recv(rx: &mut Self::Rx) -> u64 {
        rx.recv().await.expect("senders alive")
    }
    fn send_blocking(tx: &Self::Tx, msg: u64) {
        tx.blocking_send(msg).expect("receiver alive")
    }
    fn recv_blocking(rx: &mut Self::Rx) -> u64 {
        rx.blocking_recv().expect("senders alive")
    }
}

impl<const BOUNDED: bool> Chan for Flume<BOUNDED> {
    type Tx = flume::Sender<u64>;
    type Rx = flume::Receiver<u64>;
    fn new(cap: Option<usize>) -> Option<(Self::Tx, Self::Rx)> {
        offered(cap, BOUNDED).map(|cap| cap.map_or_else(flume::unbounded, flume::bounded))
    }
    fn clone_tx(tx: &Self::Tx) -> Self::Tx {
        tx.clone()
    }
    async fn send(tx: &Self::Tx, msg: u64) {
        match BOUNDED {
            true => tx.send_async(msg).await.expect("receiver alive"),
            false => tx.send(msg).expect("receiver alive"),
        }
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

impl<const BOUNDED: bool> Chan for Kanal<BOUNDED> {
    type Tx = kanal::AsyncSender<u64>;
    type Rx = kanal::AsyncReceiver<u64>;
    fn new(cap: Option<usize>) -> Option<(Self::Tx, Self::Rx)> {
        offered(cap, BOUNDED)
            .map(|cap| cap.map_or_else(kanal::unbounded_async, kanal::bounded_async))
    }
    fn clone_tx(tx: &Self::Tx) -> Self::Tx {
        tx.clone()
    }
    async fn send(tx: &Self::Tx, msg: u64) {
        match BOUNDED {
            true => tx.send(msg).await.expect("receiver alive"),
            false => assert!(tx.try_send(msg).expect("receiver alive"), "unbounded"),
        }
    }
    async fn recv(rx: &mut Self::Rx) -> u64 {
        rx.recv().await.expect("senders alive")
    }
    fn send_blocking(tx: &Self::Tx, msg: u64) {
        tx.as_sync().send(msg).expect("receiver alive")
    }
    fn recv_blocking(rx: &mut Self::Rx) -> u64 {
        rx.as_sync().recv().expect("senders alive")
    }
}

impl<const BOUNDED: bool> Chan for AsyncChannel<BOUNDED> {
    type Tx = async_channel::Sender<u64>;
    type Rx = async_channel::Receiver<u64>;
    fn new(cap: Option<usize>) -> Option<(Self::Tx, Self::Rx)> {
        let new =
            |cap: Option<usize>| cap.map_or_else(async_channel::unbounded, async_channel::bounded);
        offered(cap, BOUNDED).map(new)
    }
    fn clone_tx(tx: &Self::Tx) -> Self::Tx {
        tx.clone()
    }
    async fn send(tx: &Self::Tx, msg: u64) {
        match BOUNDED {
            true => tx.send(msg).await.expect("receiver alive"),
            false => tx.try_send(msg).expect("unbounded, receiver alive"),
        }
    }
    async fn recv(rx: &mut Self::Rx) -> u64 {
        rx.recv().await.expect("senders alive")
    }
    fn send_blocking(tx: &Self::Tx, msg: u64) {
        tx.send_blocking(msg).expect("receiver alive")
    }
    fn recv_blocking(rx: &mut Self::Rx) -> u64 {
        rx.recv_blocking().expect("senders alive")
    }
}
