//! One running app window and the few things a test does with it. Every wait polls the DOM:
//! Argon2 in the app makes sign-in take a varying time, so fixed sleeps would be either flaky
//! or slow.

use std::future::Future;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use fantoccini::elements::Element;
use fantoccini::error::CmdError;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

use crate::{Result, TauriDriver};

/// Long enough for a debug build's first paint and key derivation on a slow CI machine.
pub const TIMEOUT: Duration = Duration::from_secs(30);
const POLL: Duration = Duration::from_millis(100);

/// Screenshots are numbered across the whole test run, so the artifacts sort in flow order.
static SHOT_NUMBER: AtomicUsize = AtomicUsize::new(1);

pub struct App {
    client: Client,
}

impl App {
    /// Opens a WebDriver session, which launches a new app process.
    pub async fn launch(driver: &TauriDriver) -> Result<Self> {
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "tauri:options".to_owned(),
            json!({ "application": driver.app_binary() }),
        );
        let client = ClientBuilder::native()
            .capabilities(capabilities)
            .connect(&driver.url())
            .await?;
        Ok(Self { client })
    }

    /// Ends the session; tauri-driver then closes the app.
    pub async fn close(self) -> Result<()> {
        self.client.close().await?;
        Ok(())
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Waits until an element matching `css` is displayed.
    pub async fn wait_for(&self, css: &str) -> Result<Element> {
        let what = format!("an element matching `{css}`");
        poll(&what, || async {
            for element in self.client.find_all(Locator::Css(css)).await? {
                if element.is_displayed().await? {
                    return Ok(Some(element));
                }
            }
            Ok(None)
        })
        .await
    }

    /// Waits until no displayed element matches `css`.
    pub async fn wait_gone(&self, css: &str) -> Result<()> {
        let what = format!("no element matching `{css}`");
        poll(&what, || async {
            for element in self.client.find_all(Locator::Css(css)).await? {
                if element.is_displayed().await? {
                    return Ok(None);
                }
            }
            Ok(Some(()))
        })
        .await
    }

    /// Waits until the element matching `css` shows text containing `needle`. A timeout says
    /// what the element showed last, if it was there at all.
    pub async fn wait_for_text(&self, css: &str, needle: &str) -> Result<String> {
        let what = format!("`{css}` to contain {needle:?}");
        let last_seen: Mutex<Option<String>> = Mutex::new(None);
        let outcome = poll(&what, || async {
            let text = self.client.find(Locator::Css(css)).await?.text().await?;
            if text.contains(needle) {
                return Ok(Some(text));
            }
            *last_seen.lock().unwrap_or_else(PoisonError::into_inner) = Some(text);
            Ok(None)
        })
        .await;
        let last_seen = last_seen
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        match (outcome, last_seen) {
            (Err(error), Some(text)) => bail!("{error}; it last showed {text:?}"),
            (outcome, _) => outcome,
        }
    }

    /// The page's main heading, the first thing that tells the user which screen this is.
    /// When the screen never comes, the error describes the one showing instead: after a
    /// submit, that is usually a form with an error summary saying why it was not saved.
    pub async fn wait_for_heading(&self, needle: &str) -> Result<String> {
        match self.wait_for_text("h1", needle).await {
            Ok(heading) => Ok(heading),
            Err(error) => {
                let screen = self.describe_page().await;
                bail!("{error}\nthe screen shows:\n  {screen}")
            }
        }
    }

    /// The current screen in a few lines, for failure messages: its heading, any error
    /// summary and notice, the fields marked invalid, what is ticked, and the start of its text.
    pub async fn describe_page(&self) -> String {
        let script = r#"
            const flat = (text) => text.trim().replace(/\s+/g, " ");
            const text = (css) => {
              const element = document.querySelector(css);
              return element ? flat(element.innerText) : "(none)";
            };
            const ids = (css) =>
              Array.from(document.querySelectorAll(css), (e) => e.id || e.name).join(", ") ||
              "(none)";
            return [
              "h1: " + text("h1"),
              "error summary: " + text('[data-testid="error-summary"]'),
              "notice: " + text(".notification"),
              "invalid fields: " + ids('[aria-invalid="true"]'),
              "ticked: " + ids("input:checked"),
              "page text: " + flat(document.body.innerText).slice(0, 1500),
            ].join("\n  ");
        "#;
        match self.client.execute(script, vec![]).await {
            Ok(report) => report
                .as_str()
                .map(str::to_owned)
                .unwrap_or_else(|| report.to_string()),
            Err(error) => format!("(could not read the page: {error})"),
        }
    }

    /// Types into the form field whose id is its camelCase input name.
    pub async fn fill(&self, id: &str, value: &str) -> Result<()> {
        let field = self.wait_for(&format!("#{id}")).await?;
        field.clear().await?;
        field.send_keys(value).await?;
        Ok(())
    }

    pub async fn click(&self, test_id: &str) -> Result<()> {
        let target = self.wait_for(&test_selector(test_id)).await?;
        target
            .click()
            .await
            .with_context(|| format!("clicking {test_id}"))?;
        Ok(())
    }

    pub async fn text(&self, test_id: &str) -> Result<String> {
        Ok(self.wait_for(&test_selector(test_id)).await?.text().await?)
    }

    /// Scrolls so the element matching `css` is at the top of the window, for a screenshot.
    pub async fn scroll_to(&self, css: &str) -> Result<()> {
        let element = self.wait_for(css).await?;
        let element = serde_json::to_value(&element)?;
        self.client
            .execute(
                "arguments[0].scrollIntoView({ block: 'start' });",
                vec![element],
            )
            .await?;
        Ok(())
    }

    /// Saves a PNG of the window to `e2e/artifacts/NN-<name>.png` once the page has painted.
    pub async fn screenshot(&self, name: &str) -> Result<PathBuf> {
        // Two animation frames guarantee a paint after the last DOM change; the short pause
        // lets WebKit hand the frame to the compositor, which the screenshot reads.
        self.client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 200)));",
                vec![],
            )
            .await?;
        let png = self.client.screenshot().await?;
        // Run-time value first: a binary reused from another clone must write here.
        let dir = std::env::var_os("CARGO_MANIFEST_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| env!("CARGO_MANIFEST_DIR").into())
            .join("artifacts");
        std::fs::create_dir_all(&dir)?;
        let number = SHOT_NUMBER.fetch_add(1, Ordering::Relaxed);
        let path = dir.join(format!("{number:02}-{name}.png"));
        std::fs::write(&path, png)?;
        Ok(path)
    }
}

pub fn test_selector(test_id: &str) -> String {
    format!("[data-testid=\"{test_id}\"]")
}

/// Calls `check` until it yields a value or [`TIMEOUT`] passes. An element that is missing,
/// or that React replaced between finding and reading it, just means "not yet".
pub async fn poll<T, F, Fut>(what: &str, mut check: F) -> Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<Option<T>, CmdError>>,
{
    let deadline = Instant::now() + TIMEOUT;
    let mut last_error = None;
    loop {
        match check().await {
            Ok(Some(value)) => return Ok(value),
            Ok(None) => {}
            Err(error) if error.is_no_such_element() || error.is_stale_element_reference() => {
                last_error = Some(error);
            }
            Err(error) => bail!("while waiting for {what}: {error}"),
        }
        if Instant::now() > deadline {
            let detail = last_error
                .map(|e| format!(" (last: {e})"))
                .unwrap_or_default();
            bail!("timed out after {TIMEOUT:?} waiting for {what}{detail}");
        }
        tokio::time::sleep(POLL).await;
    }
}
