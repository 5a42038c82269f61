//! Live reload: a hub that tells every open tab the id of each new build
//! over Server-Sent Events (`/__sopkb/events`), and the external script
//! (`/__sopkb/reload.js`, no inline code so a strict CSP holds) that
//! reloads a page built before the newest build.

use std::io::Write;
use std::net::TcpStream;
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::Mutex;
use std::time::Duration;

pub(crate) const EVENTS_PATH: &str = "__sopkb/events";
pub(crate) const SCRIPT_PATH: &str = "__sopkb/reload.js";

/// Comment lines keep idle streams open through proxies and reveal closed
/// tabs, whose threads then end.
const PING: Duration = Duration::from_secs(15);

/// The script every served HTML page loads. It compares the build id in its
/// own URL (the build the page came from) with each build the server
/// announces; any difference reloads the page. That also covers a rebuild
/// between the page load and the stream opening, and a restarted server.
pub(crate) const RELOAD_JS: &str = r#"// sopkb serve: reload this page when the site is rebuilt.
(function () {
  'use strict';
  var me = document.currentScript;
  var built = me ? new URL(me.src).searchParams.get('build') : null;
  if (!window.EventSource) return;
  var events = new EventSource('/__sopkb/events');
  events.addEventListener('build', function (e) {
    if (e.data !== built) {
      events.close();
      window.location.reload();
    }
  });
})();
"#;

/// The `<script>` tag for a page of build `build`.
pub(crate) fn script_tag(build: &str) -> String {
    format!("<script src=\"/{SCRIPT_PATH}?build={build}\" defer></script>")
}

/// Subscribers of the event stream; `announce` reaches each open tab.
#[derive(Default)]
pub(crate) struct Hub {
    subscribers: Mutex<Vec<Sender<String>>>,
}

impl Hub {
    pub(crate) fn subscribe(&self) -> Receiver<String> {
        let (tx, rx) = channel();
        self.lock().push(tx);
        rx
    }

    /// Sends the new build id to every subscriber still listening.
    pub(crate) fn announce(&self, build: &str) {
        self.lock().retain(|tx| tx.send(build.to_owned()).is_ok());
    }

    #[cfg(test)]
    pub(crate) fn subscribers(&self) -> usize {
        self.lock().len()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Sender<String>>> {
        // A panicking writer cannot leave the list inconsistent.
        self.subscribers.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Serves one event stream until the tab goes away: first the current build
/// id, then each new one.
pub(crate) fn stream(mut out: TcpStream, current: String, updates: Receiver<String>) {
    let head = "HTTP/1.1 200 OK\r\nServer: sopkb\r\nContent-Type: text/event-stream\r\n\
                Cache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n\
                retry: 300\n\n";
    if out.write_all(head.as_bytes()).is_err() || send(&mut out, &current).is_err() {
        return;
    }
    loop {
        let sent = match updates.recv_timeout(PING) {
            Ok(build) => send(&mut out, &build),
            Err(RecvTimeoutError::Timeout) => out.write_all(b": ping\n\n"),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if sent.is_err() {
            return;
        }
    }
}

fn send(out: &mut TcpStream, build: &str) -> std::io::Result<()> {
    out.write_all(format!("event: build\ndata: {build}\n\n").as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn announces_reach_every_subscriber_and_forget_closed_ones() {
        let hub = Hub::default();
        let a = hub.subscribe();
        let b = hub.subscribe();
        hub.announce("1-2");
        assert_eq!(a.try_recv().unwrap(), "1-2");
        assert_eq!(b.try_recv().unwrap(), "1-2");
        drop(b);
        hub.announce("1-3");
        assert_eq!(hub.subscribers(), 1);
        assert_eq!(a.try_recv().unwrap(), "1-3");
    }

    #[test]
    fn the_script_tag_is_external_and_names_the_build() {
        let tag = script_tag("7-3");
        assert_eq!(
            tag,
            "<script src=\"/__sopkb/reload.js?build=7-3\" defer></script>"
        );
    }
}
