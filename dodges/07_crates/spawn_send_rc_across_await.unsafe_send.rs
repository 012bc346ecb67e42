//! `tokio::spawn` hands a task to a pool of worker threads, and the task may resume on a
//! different thread after every `.await`; so it demands `Future + Send + 'static`. An
//! `async fn`'s future stores every local that is alive across an `.await`, so a single
//! `Rc` alive there makes the whole future non-`Send`.

// Make the tests pass: `serve` answers every request on a task of its own. Keep `serve`
// spawning its tasks with `tokio::spawn`, and keep the signatures.

use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

/// Read-only data every request needs: shared by all tasks.
pub struct Site {
    pub name: String,
    pub greetings: HashMap<String, String>,
}

/// What one request carries through its steps.
pub struct RequestContext {
    pub user: String,
    pub lang: String,
}

/// A database call: it suspends the task before it answers.
async fn lookup_user(id: u32) -> String {
    tokio::task::yield_now().await;
    format!("user{id}")
}

fn greeting(site: &Site, ctx: &RequestContext) -> String {
    let hello = site
        .greetings
        .get(&ctx.lang)
        .map_or("Hello", String::as_str);
    format!("{hello}, {}! Welcome to {}.", ctx.user, site.name)
}

/// "Trust me, it is Send."
struct SendRc(Rc<RequestContext>);
unsafe impl Send for SendRc {}

/// The log of one request; it keeps the request's context to tag its line.
struct RequestLog {
    ctx: SendRc,
    events: Vec<String>,
}

impl RequestLog {
    fn new(ctx: SendRc) -> Self {
        RequestLog {
            ctx,
            events: Vec::new(),
        }
    }

    fn event(&mut self, what: String) {
        self.events.push(what);
    }

    fn finish(self) -> String {
        format!(
            "{} ({}): {}",
            self.ctx.0.user,
            self.ctx.0.lang,
            self.events.join(", ")
        )
    }
}

/// Answers one request: the page, then its log line in brackets.
pub async fn handle(site: Arc<Site>, id: u32, lang: String) -> String {
    let user = lookup_user(id).await;
    let ctx = SendRc(Rc::new(RequestContext { user, lang }));
    let mut log = RequestLog::new(SendRc(Rc::clone(&ctx.0)));
    log.event("user found".to_string());
    let auditor = lookup_user(id + 1000).await; // the audit service: another database call
    log.event(format!("audited by {auditor}"));
    let page = greeting(&site, &ctx.0);
    format!("{page} [{}]", log.finish())
}

/// Spawns one task per request and collects the pages in request order.
pub async fn serve(site: Arc<Site>, requests: Vec<(u32, String)>) -> Vec<String> {
    let tasks: Vec<_> = requests
        .into_iter()
        .map(|(id, lang)| tokio::spawn(handle(Arc::clone(&site), id, lang)))
        .collect();
    let mut pages = Vec::new();
    for task in tasks {
        pages.push(task.await.expect("a request task panicked"));
    }
    pages
}

fn main() {
    // Free to experiment; the tests run `serve` on a multi-threaded runtime.
}

#[cfg(test)]
mod tests {
    use super::{Site, handle, serve};
    use std::collections::HashMap;
    use std::sync::Arc;

    fn site() -> Arc<Site> {
        let greetings = HashMap::from([
            ("fr".to_string(), "Bonjour".to_string()),
            ("de".to_string(), "Hallo".to_string()),
        ]);
        Arc::new(Site {
            name: "Example".to_string(),
            greetings,
        })
    }

    fn assert_send_static<T: Send + 'static>(_: &T) {}

    #[test]
    fn the_handler_future_is_send_and_static() {
        let future = handle(site(), 1, "fr".to_string());
        assert_send_static(&future);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn serves_every_request_in_order() {
        let pages = serve(
            site(),
            vec![
                (7, "fr".to_string()),
                (8, "en".to_string()),
                (9, "de".to_string()),
            ],
        )
        .await;
        assert_eq!(
            pages,
            vec![
                "Bonjour, user7! Welcome to Example. [user7 (fr): user found, audited by user1007]",
                "Hello, user8! Welcome to Example. [user8 (en): user found, audited by user1008]",
                "Hallo, user9! Welcome to Example. [user9 (de): user found, audited by user1009]",
            ]
        );
    }

    #[tokio::test]
    async fn tasks_share_one_site() {
        let site = site();
        let pages = serve(Arc::clone(&site), vec![(1, "de".to_string())]).await;
        assert_eq!(pages.len(), 1);
        assert_eq!(
            Arc::strong_count(&site),
            1,
            "every task released its handle"
        );
    }
}
