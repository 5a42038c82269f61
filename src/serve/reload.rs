//! Live reload: a hub that tells every open tab the id of each new build
//! over Server-Sent Events (`/__sopkb/events`), and the external script
//! (`/__sopkb/reload.js`, no inline code so a strict CSP holds) that
//! reloads a page built before the newest build.

use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use std::convert::Infallible;
use std::time::Duration;
use tokio::sync::broadcast::{self, error::RecvError};

pub(crate) const EVENTS_PATH: &str = "__sopkb/events";
pub(crate) const SCRIPT_PATH: &str = "__sopkb/reload.js";

/// Comment lines keep idle streams open through proxies and reveal closed
/// tabs, whose streams then end.
const PING: Duration = Duration::from_secs(15);
/// How long the browser waits before opening a dropped stream again.
const RETRY: Duration = Duration::from_millis(300);
/// Messages kept for a stream that has not sent them yet; one further
/// behind is told to reload every page (`lagged`).
const BACKLOG: usize = 16;

/// The script every served HTML page loads. Each message names a build and
/// the pages it changed (or `null`: every page). A page reloads when it is
/// among them, or, for `null`, when it came from another build: that also
/// covers a rebuild between the page load and the stream opening (the first
/// message names the current build) and a restarted server.
pub(crate) const RELOAD_JS: &str = r#"// sopkb serve: reload this page when the site is rebuilt.
(function () {
  'use strict';
  var me = document.currentScript;
  var built = me ? new URL(me.src).searchParams.get('build') : null;
  var page = decodeURIComponent(window.location.pathname).replace(/^\//, '');
  if (page === '' || page.slice(-1) === '/') page += 'index.html';
  if (!window.EventSource) return;
  var events = new EventSource('/__sopkb/events');
  events.addEventListener('build', function (e) {
    var msg = JSON.parse(e.data);
    var stale = msg.pages === null ? msg.build !== built : msg.pages.indexOf(page) >= 0;
    if (stale) {
      events.close();
      window.location.reload();
    }
  });
})();
"#;

/// The event data of a build: `{"build": id, "pages": [output paths] | null}`.
pub(crate) fn message(build: &str, pages: Option<&[&str]>) -> String {
    serde_json::json!({ "build": build, "pages": pages }).to_string()
}

/// The pages to reload after a change: `None` for all of them (the overlay
/// came or went, or something a page loads changed: a stylesheet, script,
/// font or image), else the changed or removed HTML pages. Data, search
/// index, documents and diagrams of their own reload nothing.
pub(crate) fn scope<'a>(
    changed: &'a [String],
    removed: &'a [String],
    overlay_changed: bool,
) -> Option<Vec<&'a str>> {
    const LOADED_BY_PAGES: &[&str] = &[
        "css", "js", "mjs", "png", "jpg", "jpeg", "gif", "webp", "avif", "ico", "woff", "woff2",
        "ttf", "otf",
    ];
    if overlay_changed {
        return None;
    }
    let mut pages = Vec::new();
    for path in changed.iter().chain(removed) {
        let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
        match ext.as_deref() {
            Some("html" | "htm") => pages.push(path.as_str()),
            Some("svg") if !path.ends_with("/swimlane.svg") => return None,
            Some(e) if LOADED_BY_PAGES.contains(&e) => return None,
            _ => {}
        }
    }
    Some(pages)
}

/// The `<script>` tag for a page of build `build`.
pub(crate) fn script_tag(build: &str) -> String {
    format!("<script src=\"/{SCRIPT_PATH}?build={build}\" defer></script>")
}

/// Subscribers of the event stream; `announce` (from the rebuild thread)
/// reaches each open tab.
pub(crate) struct Hub {
    tx: broadcast::Sender<String>,
}

impl Default for Hub {
    fn default() -> Hub {
        Hub {
            tx: broadcast::channel(BACKLOG).0,
        }
    }
}

impl Hub {
    pub(crate) fn subscribe(&self) -> broadcast::Receiver<String> {
        self.tx.subscribe()
    }

    /// Sends a `message` to every subscriber still listening.
    pub(crate) fn announce(&self, message: &str) {
        // No subscriber (no open tab) is not an error.
        let _ = self.tx.send(message.to_owned());
    }

    #[cfg(test)]
    pub(crate) fn subscribers(&self) -> usize {
        self.tx.receiver_count()
    }
}

/// The event stream of one tab (Server-Sent Events): first `current` (the
/// current build, every page), then each new message, until the tab goes
/// away (a ping fails) or the hub does.
pub(crate) fn events(current: String, updates: broadcast::Receiver<String>) -> Response {
    let first = build_event(current).retry(RETRY);
    let rest = futures_util::stream::unfold(updates, |mut rx| async move {
        let message = match rx.recv().await {
            Ok(message) => message,
            // Missed messages: whatever they named, reload every page.
            Err(RecvError::Lagged(_)) => message(LAGGED, None),
            Err(RecvError::Closed) => return None,
        };
        Some((Ok::<_, Infallible>(build_event(message)), rx))
    });
    let stream = futures_util::StreamExt::chain(
        futures_util::stream::iter([Ok::<_, Infallible>(first)]),
        rest,
    );
    let mut resp = Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(PING).text("ping"))
        .into_response();
    resp.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-cache"),
    );
    resp
}

/// The build id of the message sent after missed ones: no page has it.
const LAGGED: &str = "lagged";

fn build_event(message: String) -> Event {
    Event::default().event("build").data(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn announces_reach_every_subscriber_and_forget_closed_ones() {
        let hub = Hub::default();
        let mut a = hub.subscribe();
        let mut b = hub.subscribe();
        hub.announce("1-2");
        assert_eq!(a.try_recv().unwrap(), "1-2");
        assert_eq!(b.try_recv().unwrap(), "1-2");
        drop(b);
        hub.announce("1-3");
        assert_eq!(hub.subscribers(), 1);
        assert_eq!(a.try_recv().unwrap(), "1-3");
    }

    #[test]
    fn a_stream_too_far_behind_is_told_to_reload_every_page() {
        let hub = Hub::default();
        let mut a = hub.subscribe();
        for n in 0..=BACKLOG {
            hub.announce(&format!("1-{n}"));
        }
        assert!(matches!(
            a.try_recv(),
            Err(broadcast::error::TryRecvError::Lagged(_))
        ));
        // What `events` sends then: a build no page has, every page.
        assert_eq!(message(LAGGED, None), r#"{"build":"lagged","pages":null}"#);
    }

    #[test]
    fn only_changed_pages_reload_unless_pages_load_what_changed() {
        let v = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let changed = v(&["sop/a/index.html", "sop/a/swimlane.svg", "data/sops.json"]);
        let removed = v(&["sop/b/index.html"]);
        assert_eq!(
            scope(&changed, &removed, false),
            Some(vec!["sop/a/index.html", "sop/b/index.html"])
        );
        assert_eq!(scope(&changed, &removed, true), None);
        assert_eq!(scope(&v(&["assets/style.css"]), &[], false), None);
        assert_eq!(scope(&v(&["img/logo.svg"]), &[], false), None);
        assert_eq!(
            scope(&v(&["search/index/chunk-00001.bin"]), &[], false),
            Some(vec![])
        );
        assert_eq!(
            message("x-1", Some(&["index.html"])),
            r#"{"build":"x-1","pages":["index.html"]}"#
        );
        assert_eq!(message("x-2", None), r#"{"build":"x-2","pages":null}"#);
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
